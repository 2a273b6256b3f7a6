// spec: Type parameter declarations, Type definitions, Method declarations, Instantiations
package main

import "fmt"

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v)
}

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func (s *Stack[T]) Peek() (T, bool) {
	if len(s.items) == 0 {
		var zero T
		return zero, false
	}
	return s.items[len(s.items)-1], true
}

func (s Stack[T]) Len() int { return len(s.items) }

func main() {
	var ints Stack[int]
	for i := 1; i <= 4; i++ {
		ints.Push(i * i)
	}
	fmt.Printf("%T len=%d\n", ints, ints.Len())
	top, ok := ints.Peek()
	fmt.Println("peek", top, ok)
	for {
		v, ok := ints.Pop()
		if !ok {
			break
		}
		fmt.Print(v, " ")
	}
	fmt.Println()
	_, ok = ints.Pop()
	fmt.Println("empty pop ok:", ok)

	words := &Stack[string]{}
	words.Push("alpha")
	words.Push("beta")
	fmt.Printf("%T %v\n", words, words.items)
	w, _ := words.Pop()
	fmt.Println(w, words.Len())
}
