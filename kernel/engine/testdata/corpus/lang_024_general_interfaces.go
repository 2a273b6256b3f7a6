// spec: General interfaces, Type constraints, Satisfying a type constraint
package main

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

type Miles float64

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type Stringish interface {
	~string
	Len() int
}

type Word string

func (w Word) Len() int { return len(w) }

func Longest[S Stringish](xs []S) S {
	var best S
	for _, x := range xs {
		if x.Len() > best.Len() {
			best = x
		}
	}
	return best
}

func Equal[T comparable](a, b T) bool { return a == b }

func main() {
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.5), Sum[Miles](1, 2.5))
	fmt.Println(Longest([]Word{"go", "gopher", "gap"}))
	fmt.Println(Equal("a", "a"), Equal(1, 2), Equal[any](1, 1))
}
