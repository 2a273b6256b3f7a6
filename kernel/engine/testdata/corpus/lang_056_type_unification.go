// spec: Type unification, Type unification rules
package main

import "fmt"

type Vec[T any] []T

func First[T any](xs []T) T { return xs[0] }

func Keys[M ~map[K]V, K comparable, V any](m M) int { return len(m) }

func Apply[T any](x T, fs ...func(T) T) T {
	for _, f := range fs {
		x = f(x)
	}
	return x
}

func PtrTo[T any](p *T) T { return *p }

func ChanOf[T any](c <-chan T) T { return <-c }

type Registry map[string]int

func main() {
	fmt.Println(First(Vec[string]{"v"}), First([]int{9}))
	fmt.Println(Keys(Registry{"a": 1, "b": 2}))
	fmt.Println(Apply(3, func(x int) int { return x * 2 }, func(x int) int { return x + 1 }))
	v := 2.5
	fmt.Println(PtrTo(&v))
	c := make(chan string, 1)
	c <- "bidirectional unifies with receive-only"
	fmt.Println(ChanOf(c))
	fmt.Printf("%T\n", First([][2]bool{{true, false}}))
}
