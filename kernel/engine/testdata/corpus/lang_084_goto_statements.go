// spec: Goto statements
package main

import "fmt"

func collatz(n int) (steps int) {
loop:
	if n == 1 {
		goto done
	}
	if n%2 == 0 {
		n /= 2
	} else {
		n = 3*n + 1
	}
	steps++
	goto loop
done:
	return
}

func main() {
	fmt.Println(collatz(27), collatz(1))
	i := 0
again:
	if i < 3 {
		fmt.Print("i=", i, " ")
		i++
		goto again
	}
	fmt.Println()
}
