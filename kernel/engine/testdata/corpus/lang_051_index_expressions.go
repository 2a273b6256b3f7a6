// spec: Index expressions
package main

import "fmt"

func main() {
	a := [4]int{10, 20, 30, 40}
	pa := &a
	fmt.Println(a[2], pa[3], a[len(a)-1])
	s := a[1:]
	fmt.Println(s[0])
	str := "héllo"
	fmt.Println(str[1], str[2], string(str[0]))
	m := map[string][]int{"a": {1}}
	fmt.Println(m["a"][0], m["b"] == nil, len(m["b"]))
	v, ok := m["b"]
	fmt.Println(v, ok)
	const c = "const"
	fmt.Println(c[1])
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
	}()
	i := 5
	fmt.Println(s[i])
}
