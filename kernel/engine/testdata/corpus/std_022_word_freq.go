// std: maps.Keys, slices.Sorted, slices.SortStableFunc, strings.FieldsSeq, cmp.Compare, slices.Collect, maps.All, maps.Values
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

const text = `the cat sat on the mat the dog sat on the log a cat and a dog`

type count struct {
	word string
	n    int
}

func main() {
	freq := map[string]int{}
	for w := range strings.FieldsSeq(text) {
		freq[w]++
	}
	words := slices.Sorted(maps.Keys(freq))
	fmt.Println(len(words), words[:4])
	var counts []count
	for w, n := range maps.All(freq) {
		counts = append(counts, count{w, n})
	}
	slices.SortFunc(counts, func(a, b count) int { return cmp.Compare(a.word, b.word) })
	slices.SortStableFunc(counts, func(a, b count) int { return cmp.Compare(b.n, a.n) })
	for _, c := range counts[:5] {
		fmt.Printf("%-4s %d\n", c.word, c.n)
	}
	lengths := slices.Collect(maps.Values(map[string]int{"only": 4}))
	fmt.Println(lengths)
}
