// spec: Program execution, Defer statements, Receive operator, For statements
package main

import (
	"fmt"
	"time"
)

var depth int

func tick(n int) int { return n * 10 }

func main() {
	depth++
	defer fmt.Println("deferred in main, depth", depth)
	if depth < 2 {
		main() // main is an ordinary function and may be called explicitly
		fmt.Println("back in the outer main")
		return
	}
	for i := 0; i < 3; i++ {
		time.Sleep(time.Millisecond)
		fmt.Println("tick", tick(i))
	}
	ch := make(chan string, 1)
	ch <- "value"
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Printf("%q %v\n", v, ok)
}
