// spec: Pointer types, Address operators
package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func inc(p *int) { *p++ }

func main() {
	x := 1
	p := &x
	inc(p)
	inc(&x)
	fmt.Println(x, *p, p == &x)
	var np *Node
	fmt.Println(np == nil)
	list := &Node{1, &Node{2, &Node{3, nil}}}
	for n := list; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()
	pp := &p
	**pp = 10
	fmt.Println(x)
	arr := [2]int{}
	ap := &arr
	ap[1] = 4
	fmt.Println(arr)
	sp := &[]string{"a"}[0]
	fmt.Println(*sp)
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(np.Val)
}
