// spec: Statements, Terminating statements, Empty statements
package main

import "fmt"

func sign(x int) string {
	switch {
	case x > 0:
		return "+"
	case x < 0:
		return "-"
	default:
		return "0"
	}
}

func forever(n int) int {
	for {
		if n > 10 {
			return n
		}
		n *= 2
	}
}

func mustPositive(x int) int {
	if x > 0 {
		return x
	} else {
		panic("not positive")
	}
}

func pick(c chan int) int {
	select {
	case v := <-c:
		return v
	}
}

func main() {
	fmt.Println(sign(3), sign(-1), sign(0), forever(3), mustPositive(4))
	c := make(chan int, 1)
	c <- 8
	fmt.Println(pick(c))

	for i := 0; i < 2; i++ {
	}
	{
	}
	fmt.Println("empty statements are fine")
}
