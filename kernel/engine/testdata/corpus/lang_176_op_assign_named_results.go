// spec: Return statements, Assignment statements, Calls, Instantiations
package main

import "fmt"

var total = 100

func g(n int) (r int) {
	r += n
	r += total
	return
}

func pair(n int) (a, b int) {
	a += n
	b += a + total
	return
}

type Acc struct{ Sum int }

func (a *Acc) Add(n int) (s int) {
	s += a.Sum + n
	a.Sum = s
	return
}

func Gen[T int | float64](v T) (r T) {
	r += v
	return
}

func main() {
	x := 5
	x += g(1)
	fmt.Println(x)
	total = g(1)
	fmt.Println(total)
	total += g(1)
	fmt.Println(total)
	arr := []int{1, 2}
	arr[0] = g(arr[0])
	arr[1] += g(arr[1])
	fmt.Println(arr)
	x, total = g(1), g(2)
	fmt.Println(x, total)
	total, x = pair(3)
	fmt.Println(x, total)
	a := &Acc{10}
	a.Sum = a.Add(5)
	a.Sum += a.Add(1)
	fmt.Println(a.Sum)
	y := 2.5
	y = Gen(y) + Gen(1.0)
	y += Gen(y)
	fmt.Println(y)
	m := map[string]int{"k": 1}
	m["k"] += g(m["k"])
	fmt.Println(m)
	fs := map[string]func(int) int{"g": g}
	total = fs["g"](1)
	fmt.Println(total)
	gv := Gen[int]
	x = gv(x)
	fmt.Println(x)
}
