// spec: For statements with range clause, Go 1.22
package main

import "fmt"

type Count uint8

func main() {
	for i := range 3 {
		fmt.Print(i, " ")
	}
	fmt.Println()
	n := 4
	total := 0
	for i := range n {
		total += i
	}
	fmt.Println(total)
	var c Count = 2
	for i := range c {
		fmt.Printf("%T %v\n", i, i)
	}
	for range 2 {
		fmt.Println("twice")
	}
	for i := range int64(0) {
		fmt.Println("never", i)
	}
	xs := []string{"a", "b"}
	for i := range len(xs) {
		fmt.Print(xs[i])
	}
	fmt.Println()
}
