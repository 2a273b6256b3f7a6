// spec: Slice expressions, Simple slice expressions, Full slice expressions
package main

import "fmt"

func main() {
	a := [5]int{1, 2, 3, 4, 5}
	s := a[1:4]
	fmt.Println(s, len(s), cap(s))
	fmt.Println(a[:], a[2:], a[:2], s[1:2], s[:cap(s)])
	str := "hello"
	fmt.Println(str[1:3], str[:0] == "", str[5:])
	t := a[1:3:3]
	fmt.Println(t, len(t), cap(t))
	t = append(t, 99) // cap exhausted: a is untouched
	fmt.Println(a, t)
	u := a[1:3]
	u = append(u, 77) // shares a
	fmt.Println(a, u)
	p := &a
	fmt.Println(p[3:])
	var nilS []int
	fmt.Println(nilS[:0] == nil, len(nilS[0:0]))
	defer func() { fmt.Println("recovered:", recover()) }()
	hi := 10
	fmt.Println(s[:hi])
}
