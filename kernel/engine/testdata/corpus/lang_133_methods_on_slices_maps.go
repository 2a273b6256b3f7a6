// spec: Method declarations, Map types, Slice types
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Counts map[string]int

func (c Counts) Add(words ...string) {
	for _, w := range words {
		c[strings.ToLower(w)]++
	}
}

func (c Counts) Top(n int) []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c[keys[i]] != c[keys[j]] {
			return c[keys[i]] > c[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

type Stack []int

func (s *Stack) Push(v int) { *s = append(*s, v) }
func (s *Stack) Pop() int {
	old := *s
	v := old[len(old)-1]
	*s = old[:len(old)-1]
	return v
}

func main() {
	c := Counts{}
	c.Add(strings.Fields("the cat and The dog and the bird")...)
	fmt.Println(c.Top(2), c)
	var s Stack
	for i := range 4 {
		s.Push(i)
	}
	fmt.Println(s.Pop(), s.Pop(), s)
}
