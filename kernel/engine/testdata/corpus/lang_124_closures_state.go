// spec: Function literals, Method values
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Memo struct{ cache map[int]int }

func (m *Memo) Fib(n int) int {
	if n < 2 {
		return n
	}
	if v, ok := m.cache[n]; ok {
		return v
	}
	v := m.Fib(n-1) + m.Fib(n-2)
	m.cache[n] = v
	return v
}

func main() {
	m := &Memo{cache: map[int]int{}}
	fib := m.Fib
	fmt.Println(fib(80), len(m.cache))
	words := strings.Fields("banana Apple cherry apple Banana")
	sort.Slice(words, func(i, j int) bool {
		a, b := strings.ToLower(words[i]), strings.ToLower(words[j])
		if a != b {
			return a < b
		}
		return words[i] < words[j]
	})
	fmt.Println(words)
	adders := map[string]func(int) int{}
	for _, k := range []int{1, 10, 100} {
		adders[fmt.Sprint("add", k)] = func(x int) int { return x + k }
	}
	fmt.Println(adders["add1"](1), adders["add10"](1), adders["add100"](1))
}
