// std: iter.Seq, iter.Seq2, slices.Collect, slices.Values, maps.Insert, maps.Collect, slices.Sorted, maps.Keys
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Map[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func KeyBy[T any, K comparable](seq iter.Seq[T], key func(T) K) iter.Seq2[K, T] {
	return func(yield func(K, T) bool) {
		for v := range seq {
			if !yield(key(v), v) {
				return
			}
		}
	}
}

func Concat[T any](seqs ...iter.Seq[T]) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, s := range seqs {
			for v := range s {
				if !yield(v) {
					return
				}
			}
		}
	}
}

func main() {
	words := strings.Fields("Alpha beta Gamma delta Epsilon")
	caps := Filter(slices.Values(words), func(s string) bool { return s[0] >= 'A' && s[0] <= 'Z' })
	lower := Map(caps, strings.ToLower)
	fmt.Println(slices.Collect(lower))
	lens := slices.Collect(Map(slices.Values(words), func(s string) int { return len(s) }))
	fmt.Println(lens)
	byInitial := maps.Collect(KeyBy(slices.Values(words), func(s string) byte { return s[0] | 0x20 }))
	fmt.Println(len(byInitial), byInitial['g'])
	index := map[string]int{"zero": 0}
	maps.Insert(index, KeyBy(Map(slices.Values([]int{1, 2, 3}), func(n int) int { return n * 10 }),
		func(n int) string { return fmt.Sprint("n", n) }))
	fmt.Println(slices.Sorted(maps.Keys(index)), index["n20"])
	all := Concat(slices.Values([]int{1, 2}), slices.Values([]int{}), slices.Values([]int{3}))
	fmt.Println(slices.Collect(all))
	for v := range all {
		if v == 2 {
			break
		}
		fmt.Println("first", v)
	}
}
