// spec: Built-in functions, Appending to and copying slices
package main

import "fmt"

func main() {
	s0 := []int{0, 0}
	s1 := append(s0, 2)
	s2 := append(s1, 3, 5, 7)
	s3 := append(s2, s0...)
	s4 := append(s3[3:6], s3[2:]...)
	fmt.Println(s0, s1, s2, s3, s4)
	var t []interface{}
	t = append(t, 42, 3.1415, "foo")
	fmt.Println(t)
	var b []byte
	b = append(b, "bar"...)
	fmt.Println(string(b))
	a := []int{1, 2, 3, 4, 5}
	n := copy(a, a[2:])
	fmt.Println(n, a)
	dst := make([]byte, 3)
	n = copy(dst, "hello")
	fmt.Println(n, string(dst))
	var nilS []string
	nilS = append(nilS, []string{}...)
	fmt.Println(nilS == nil, len(append([]int(nil), 1)))
}
