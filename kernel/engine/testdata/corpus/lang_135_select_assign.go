// spec: Select statements
package main

import "fmt"

func main() {
	c := make(chan int, 1)
	c <- 7
	v := 0
	select {
	case v = <-c:
		fmt.Println("got", v)
	}
	d := make(chan string, 1)
	d <- "x"
	close(d)
	var s string
	var ok bool
	for i := 0; i < 2; i++ {
		select {
		case s, ok = <-d:
			fmt.Printf("%q %v\n", s, ok)
		}
	}
	var arr [2]int
	e := make(chan int, 2)
	e <- 3
	e <- 4
	for i := range 2 {
		select {
		case arr[i] = <-e:
		}
	}
	fmt.Println(arr)
}
