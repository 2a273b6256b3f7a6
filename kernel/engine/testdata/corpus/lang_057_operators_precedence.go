// spec: Operators, Operator precedence
package main

import "fmt"

func main() {
	fmt.Println(2+3*4, (2+3)*4, 1<<2+1, 1<<(2+1))
	fmt.Println(7&3|8, 7&(3|8), 6^3&1, -2*-3)
	x, y := 3, 5
	fmt.Println(x < y == true, x+1 == 4 && y-1 == 4 || false)
	fmt.Println(^0, -x%2, +x/2*2)
	b := true
	fmt.Println(!b || b && !b)
	p := &x
	fmt.Println(*p**p, *p*2)
	ch := make(chan int, 1)
	ch <- 5
	fmt.Println(<-ch + 1)
	fmt.Println(23+3*x, y&^x, 1.5+float64(x)/2)
}
