// spec: Operators and punctuation
package main

import "fmt"

func main() {
	x := 0b1100
	x |= 0b0011
	fmt.Println(x)
	x &^= 0b0101
	fmt.Println(x)
	x <<= 2
	x >>= 1
	x ^= 1
	x %= 7
	fmt.Println(x)
	y := -x
	fmt.Println(^y, +y, !(y < 0))
	arr := [...]string{"a", "b", "c"}
	fmt.Println(len(arr), arr[1:], arr[:1])
	ch := make(chan int, 1)
	ch <- 3
	fmt.Println(<-ch)
	p := &struct{ v int }{5}
	fmt.Println((*p).v, p.v)
}
