// std: slices.All, slices.Values, slices.Backward, slices.Chunk, slices.Collect, slices.AppendSeq, slices.Sorted, slices.SortedFunc, slices.SortedStableFunc
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

func main() {
	words := []string{"delta", "alpha", "charlie", "bravo", "echo"}
	for i, w := range slices.All(words) {
		if i > 1 {
			break
		}
		fmt.Println(i, w)
	}
	for w := range slices.Values(words[3:]) {
		fmt.Print(w, " ")
	}
	fmt.Println()
	for i, w := range slices.Backward(words) {
		fmt.Print(i, ":", w, " ")
	}
	fmt.Println()
	for c := range slices.Chunk([]int{1, 2, 3, 4, 5, 6, 7}, 3) {
		fmt.Print(c, len(c), cap(c), " ")
	}
	fmt.Println()
	upper := slices.Collect(slices.Values(words))
	upper[0] = strings.ToUpper(upper[0])
	fmt.Println(upper[0], words[0])
	fmt.Println(slices.AppendSeq([]string{"start"}, slices.Values(words[:2])))
	fmt.Println(slices.Sorted(slices.Values(words)))
	byLen := func(a, b string) int { return cmp.Compare(len(a), len(b)) }
	fmt.Println(slices.SortedFunc(slices.Values(words), func(a, b string) int { return cmp.Compare(b, a) }))
	fmt.Println(slices.SortedStableFunc(slices.Values(words), byLen))
	fmt.Println(slices.Collect(slices.Values([]int(nil))) == nil)
}
