// spec: Assignability
package main

import (
	"fmt"
	"io"
	"strings"
)

type IntSlice []int
type Stack []int

func total(xs []int) (s int) {
	for _, x := range xs {
		s += x
	}
	return
}

func main() {
	is := IntSlice{1, 2, 3}
	fmt.Println(total(is)) // named slice to unnamed slice parameter
	var st Stack = []int{4, 5}
	fmt.Println(total(st))
	var r io.Reader = strings.NewReader("abc")
	b, _ := io.ReadAll(r)
	fmt.Println(string(b))
	var ch <-chan int = make(chan int)
	fmt.Println(ch != nil)
	var p *int = nil
	var e error = nil
	fmt.Println(p == nil, e == nil)
	var f float64 = 3 // untyped constant
	var by byte = 'x'
	fmt.Println(f, by)
	var any1 interface{} = is
	fmt.Printf("%T\n", any1)
}
