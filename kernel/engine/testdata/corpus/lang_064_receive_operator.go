// spec: Receive operator
package main

import "fmt"

func main() {
	ch := make(chan string, 2)
	ch <- "first"
	ch <- "second"
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v = <-ch
	fmt.Println(v)
	v, ok = <-ch
	fmt.Printf("%q %v\n", v, ok)
	fmt.Printf("%q\n", <-ch)
	nums := make(chan int, 1)
	nums <- 3
	x := <-nums * 2
	fmt.Println(x)
	done := make(chan struct{})
	go func() { close(done) }()
	<-done
	fmt.Println("done closed")
}
