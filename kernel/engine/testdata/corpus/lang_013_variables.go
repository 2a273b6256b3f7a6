// spec: Variables
package main

import "fmt"

type T struct{ a, b int }

func main() {
	var x interface{}
	fmt.Printf("%v %T\n", x, x)
	x = 42
	fmt.Printf("%v %T\n", x, x)
	var v *T = new(T)
	x = v
	fmt.Printf("%v %T\n", x, x)
	v.a = 7
	fmt.Println(x.(*T).a)
	arr := [3]int{}
	p := &arr[1]
	*p = 9
	fmt.Println(arr)
	s := []string{"x", "y"}
	q := &s[0]
	*q = "changed"
	fmt.Println(s)
}
