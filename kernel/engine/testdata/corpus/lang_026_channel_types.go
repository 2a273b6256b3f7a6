// spec: Channel types
package main

import "fmt"

func produce(out chan<- int, n int) {
	for i := 0; i < n; i++ {
		out <- i * i
	}
	close(out)
}

func consume(in <-chan int) (sum int) {
	for v := range in {
		sum += v
	}
	return
}

func main() {
	ch := make(chan int, 4)
	fmt.Println(len(ch), cap(ch))
	go produce(ch, 5)
	fmt.Println(consume(ch))
	var nilCh chan int
	fmt.Println(nilCh == nil, cap(nilCh))
	chOfCh := make(chan chan string, 1)
	inner := make(chan string, 1)
	chOfCh <- inner
	inner <- "nested"
	fmt.Println(<-<-chOfCh)
	fmt.Printf("%T %T\n", (chan<- int)(ch), (<-chan int)(ch))
}
