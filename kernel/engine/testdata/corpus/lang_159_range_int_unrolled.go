// spec: For statements with range clause
// Range over integers of several lengths and types, whose bodies continue, return,
// declare variables and change the variable the range expression was read from.
package main

import "fmt"

func tri(n int) int {
	s := 0
	for i := range n {
		s += i
	}
	return s
}

func odd(n uint8) []uint8 {
	var out []uint8
	for i := range n {
		if i%2 == 0 {
			continue
		}
		out = append(out, i)
	}
	return out
}

func find(xs []string, w string) int {
	for i := range len(xs) {
		if xs[i] == w {
			return i
		}
	}
	return -1
}

func shrink(n int) (int, int) {
	c := 0
	for i := range n {
		n--
		c += i
	}
	return c, n
}

func scaled(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i := range len(xs) {
		v := xs[i] * k
		w := v + 1
		out[i] = w
	}
	return out
}

func main() {
	for n := -1; n < 19; n++ {
		fmt.Print(tri(n), " ")
	}
	fmt.Println()
	fmt.Println(odd(0), odd(9), odd(17), odd(255)[120:])
	words := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
	fmt.Println(find(words, "a"), find(words, "e"), find(words, "k"), find(words, "z"))
	fmt.Println(shrink(20))
	fmt.Println(scaled([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.5))
	total := 0
	for i := range int16(300) {
		total += int(i)
	}
	fmt.Println(total)
}
