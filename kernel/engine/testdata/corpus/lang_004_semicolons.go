// spec: Semicolons
package main

import "fmt"

func sum(xs ...int) (t int) {
	for _, x := range xs {
		t += x
	}
	return
}

func main() {
	total := 1 +
		2 +
		3
	fmt.Println(total)
	xs := []int{
		4,
		5,
	}
	fmt.Println(sum(xs...))
	fmt.Println("two statements on one line")
	f := func() int { return 9 }
	fmt.Println(f())
}
