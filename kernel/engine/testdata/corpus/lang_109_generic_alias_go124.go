// spec: Go 1.24, Alias declarations
package main

import "fmt"

type Set[T comparable] = map[T]struct{}

type Pair[A, B any] struct {
	First  A
	Second B
}

type StrPair[B any] = Pair[string, B]

func add[T comparable](s Set[T], v T) { s[v] = struct{}{} }

func main() {
	s := Set[int]{}
	add(s, 3)
	add(s, 3)
	add(s, 4)
	fmt.Println(len(s))
	var m map[int]struct{} = s
	fmt.Println(len(m))
	p := StrPair[int]{"answer", 42}
	fmt.Printf("%T %+v\n", p, p)
}
