// spec: Assignment statements, Pointer types, The zero value
package main

import (
	"errors"
	"fmt"
)

// Ptr is a struct used through a pointer.
type Ptr struct{ v int }

func two() (int, error) { return 2, nil }

func main() {
	n := 1
	p := &Ptr{1}
	n, p = 5, nil
	fmt.Println(n, p == nil)
	var err error = errors.New("x")
	var m map[string]int = map[string]int{"a": 1}
	var f func() = func() {}
	var xs []int = []int{1}
	m, f, xs, err = nil, nil, nil, nil
	fmt.Println(m == nil, f == nil, xs == nil, err == nil)
	s, e := "s", errors.New("set")
	s, e = fmt.Sprint(n), nil
	fmt.Println(s, e)
	k, err := two()
	k, err = k+1, nil
	fmt.Println(k, err)
	_, p = 0, nil
	fmt.Println(p)
}
