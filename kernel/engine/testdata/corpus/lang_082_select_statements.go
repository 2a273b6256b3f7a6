// spec: Select statements
package main

import "fmt"

func main() {
	a := make(chan int, 1)
	b := make(chan string, 1)
	select {
	case v := <-a:
		fmt.Println("a", v)
	default:
		fmt.Println("nothing ready")
	}
	b <- "hello"
	select {
	case v := <-a:
		fmt.Println("a", v)
	case s, ok := <-b:
		fmt.Println("b", s, ok)
	}
	var nilCh chan int // never ready
	select {
	case <-nilCh:
		fmt.Println("impossible")
	case a <- 5:
		fmt.Println("sent to a")
	}
	fmt.Println(<-a)
	done := make(chan struct{})
	results := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			results <- i
		}
		close(done)
	}()
	sum := 0
	for running := true; running; {
		select {
		case v := <-results:
			sum += v
		case <-done:
			running = false
		}
	}
	fmt.Println("sum", sum)
}
