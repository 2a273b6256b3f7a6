// spec: Close
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	ch <- 1
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
	func() {
		defer func() { fmt.Println("close twice:", recover()) }()
		close(ch)
	}()
	func() {
		defer func() { fmt.Println("close nil:", recover()) }()
		var nilCh chan int
		close(nilCh)
	}()
	done := make(chan struct{})
	results := make(chan int, 10)
	go func() {
		defer close(done)
		for i := range 3 {
			results <- i
		}
	}()
	<-done
	close(results)
	for r := range results {
		fmt.Print(r, " ")
	}
	fmt.Println()
}
