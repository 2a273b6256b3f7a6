// spec: Label scopes, Labeled statements, Break statements, Continue statements
package main

import "fmt"

func main() {
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
loop:
	for i := 0; ; i++ {
		switch {
		case i%2 == 0:
			continue
		case i > 6:
			break loop
		}
		fmt.Print(i, " ")
	}
	fmt.Println()
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
recv:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break recv
			}
			fmt.Println("got", v)
		}
	}
	fmt.Println("done")
}
