// spec: Conversions from slice to array or array pointer, Go 1.17, Go 1.20
package main

import "fmt"

func main() {
	s := []int{1, 2, 3, 4}
	a := [4]int(s)
	a[0] = 100
	fmt.Println(s, a)
	p := (*[2]int)(s)
	p[1] = 200 // shares s's backing array
	fmt.Println(s, *p)
	var empty []int
	e := [0]int(empty)
	np := (*[0]int)(empty)
	fmt.Println(e, np == nil)
	b := [3]byte([]byte("abcdef"))
	fmt.Println(string(b[:]))
	defer func() { fmt.Println("recovered:", recover()) }()
	_ = [8]int(s)
}
