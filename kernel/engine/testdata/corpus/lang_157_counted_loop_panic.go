// spec: Run-time panics
// A panic inside a counted loop's body, after several iterations, ends the program
// with the runtime error; the output before it is complete.
package main

import "fmt"

func main() {
	xs := make([]int, 10)
	n := 13
	for i := 0; i < n; i++ {
		xs[i] = i * 2
		fmt.Print(xs[i], " ")
	}
	fmt.Println("not reached")
}
