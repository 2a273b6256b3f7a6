// spec: The zero value
package main

import "fmt"

type T struct {
	i    int
	f    float64
	next *T
	s    string
	b    bool
	sl   []int
	m    map[string]int
	ch   chan int
	fn   func()
	err  error
	arr  [2]uint8
}

func main() {
	var t T
	fmt.Printf("%v %v %v %q %v\n", t.i, t.f, t.next == nil, t.s, t.b)
	fmt.Println(t.sl == nil, t.m == nil, t.ch == nil, t.fn == nil, t.err == nil, t.arr)
	p := new(T)
	fmt.Println(p.next == nil, p.arr[1])
	var c complex128
	var r rune
	var i interface{}
	fmt.Println(c, r, i)
	arr := make([]T, 2)
	fmt.Println(arr[1].i, arr[1].m["x"])
}
