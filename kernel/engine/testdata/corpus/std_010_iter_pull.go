// std: iter.Pull, iter.Pull2, slices.Values, slices.All, maps.All
package main

import (
	"fmt"
	"iter"
	"slices"
)

func Zip[A, B any](as iter.Seq[A], bs iter.Seq[B]) iter.Seq2[A, B] {
	return func(yield func(A, B) bool) {
		nextA, stopA := iter.Pull(as)
		defer stopA()
		nextB, stopB := iter.Pull(bs)
		defer stopB()
		for {
			a, okA := nextA()
			b, okB := nextB()
			if !okA || !okB || !yield(a, b) {
				return
			}
		}
	}
}

func main() {
	for n, s := range Zip(slices.Values([]int{1, 2, 3, 4}), slices.Values([]string{"a", "b", "c"})) {
		fmt.Println(n, s)
	}
	next, stop := iter.Pull(slices.Values([]string{"x", "y"}))
	v, ok := next()
	fmt.Println(v, ok)
	v, ok = next()
	fmt.Println(v, ok)
	v, ok = next()
	fmt.Printf("%q %v\n", v, ok)
	stop()
	stop()

	next2, stop2 := iter.Pull2(slices.All([]float64{1.5, 2.5, 3.5}))
	i, f, ok2 := next2()
	fmt.Println(i, f, ok2)
	stop2()
	i, f, ok2 = next2()
	fmt.Println(i, f, ok2)

	cleanedUp := false
	gen := func(yield func(int) bool) {
		defer func() { cleanedUp = true }()
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
	n3, s3 := iter.Pull(gen)
	a, _ := n3()
	b, _ := n3()
	fmt.Println(a, b, cleanedUp)
	s3()
	fmt.Println(cleanedUp)
}
