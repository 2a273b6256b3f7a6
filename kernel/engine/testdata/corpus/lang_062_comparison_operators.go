// spec: Comparison operators
package main

import "fmt"

type P struct {
	X int
	S string
}

type E struct{ msg string }

func (e *E) Error() string { return e.msg }

func find(fail bool) error {
	var p *E
	if fail {
		p = &E{"x"}
	}
	return p // a typed nil is not a nil interface
}

func main() {
	fmt.Println(P{1, "a"} == P{1, "a"}, P{1, "a"} == P{2, "a"})
	fmt.Println([2]int{1, 2} == [2]int{1, 2}, "abc" < "abd", "Z" < "a")
	var a, b interface{} = 1, 1
	var c interface{} = int64(1)
	fmt.Println(a == b, a == c, a != nil)
	x, y := new(int), new(int)
	fmt.Println(x == y, x == x)
	ch := make(chan int)
	ch2 := ch
	fmt.Println(ch == ch2)
	fmt.Println(find(false) == nil, find(true) == nil)
	var ip interface{} = P{1, "p"}
	fmt.Println(ip == P{1, "p"})
	defer func() { fmt.Println("recovered:", recover()) }()
	var f1, f2 interface{} = []int{1}, []int{1}
	fmt.Println(f1 == f2)
}
