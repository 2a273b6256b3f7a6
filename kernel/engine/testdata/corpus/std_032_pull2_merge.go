// std: iter.Pull2, maps.All, slices.Sorted, maps.Keys, slices.All, cmp.Compare
package main

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
)

func SortedPairs[K cmp.Ordered, V any](m map[K]V) iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// MergeJoin walks two key-sorted sequences together.
func MergeJoin[K cmp.Ordered, A, B any](a iter.Seq2[K, A], b iter.Seq2[K, B], visit func(K, *A, *B)) {
	na, sa := iter.Pull2(a)
	defer sa()
	nb, sb := iter.Pull2(b)
	defer sb()
	ka, va, oka := na()
	kb, vb, okb := nb()
	for oka || okb {
		switch {
		case !okb || (oka && cmp.Compare(ka, kb) < 0):
			visit(ka, &va, nil)
			ka, va, oka = na()
		case !oka || cmp.Compare(ka, kb) > 0:
			visit(kb, nil, &vb)
			kb, vb, okb = nb()
		default:
			visit(ka, &va, &vb)
			ka, va, oka = na()
			kb, vb, okb = nb()
		}
	}
}

func show[T any](p *T) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func main() {
	left := map[string]int{"ant": 1, "cat": 3, "eel": 5, "fox": 6}
	right := map[string]bool{"bee": true, "cat": false, "fox": true, "gnu": true}
	MergeJoin(SortedPairs(left), SortedPairs(right), func(k string, a *int, b *bool) {
		fmt.Println(k, show(a), show(b))
	})
	idx := 0
	MergeJoin(slices.All([]string{"x", "y"}), slices.All([]float64{0.5}), func(k int, a *string, b *float64) {
		idx += k
		fmt.Println(k, show(a), show(b))
	})
	fmt.Println(idx)
}
