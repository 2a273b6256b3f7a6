// spec: An example package
package main

import "fmt"

// A pipeline of goroutines that filters out multiples, one stage per prime.
func numbers(limit int, out chan<- int) {
	for i := 2; i <= limit; i++ {
		out <- i
	}
	close(out)
}

func drop(in <-chan int, out chan<- int, p int) {
	for n := range in {
		if n%p != 0 {
			out <- n
		}
	}
	close(out)
}

func main() {
	ch := make(chan int)
	go numbers(50, ch)
	var primes []int
	for {
		p, ok := <-ch
		if !ok {
			break
		}
		primes = append(primes, p)
		next := make(chan int)
		go drop(ch, next, p)
		ch = next
	}
	fmt.Println(primes)
}
