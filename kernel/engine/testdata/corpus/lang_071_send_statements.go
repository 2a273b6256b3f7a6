// spec: Send statements
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	for i := range 3 {
		ch <- i * 10
	}
	fmt.Println(len(ch))
	close(ch)
	for v := range ch {
		fmt.Print(v, " ")
	}
	fmt.Println()
	unbuf := make(chan string)
	go func() { unbuf <- "handoff" }()
	fmt.Println(<-unbuf)
	defer func() { fmt.Println("recovered:", recover()) }()
	closed := make(chan int, 1)
	close(closed)
	closed <- 1
}
