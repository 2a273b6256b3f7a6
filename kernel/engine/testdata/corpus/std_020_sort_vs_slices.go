// std: slices.Sort, slices.SortFunc, slices.SortStableFunc, slices.BinarySearch, slices.Equal, sort.Ints, sort.Slice, sort.SliceStable, sort.Search, sort.Strings
package main

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
)

type rec struct {
	group string
	n     int
}

func main() {
	base := []int{9, 3, 7, 3, 1, 8, 2, 6, 5, 4, 0}
	a := slices.Clone(base)
	b := slices.Clone(base)
	sort.Ints(a)
	slices.Sort(b)
	fmt.Println(slices.Equal(a, b), a)

	for _, target := range []int{0, 5, 10, -1} {
		i := sort.SearchInts(a, target)
		j, _ := slices.BinarySearch(b, target)
		k := sort.Search(len(a), func(i int) bool { return a[i] >= target })
		fmt.Println(target, i, j, k)
	}

	recs := []rec{{"b", 2}, {"a", 9}, {"b", 1}, {"a", 3}, {"c", 0}, {"a", 9}}
	s1 := slices.Clone(recs)
	s2 := slices.Clone(recs)
	sort.SliceStable(s1, func(i, j int) bool { return s1[i].group < s1[j].group })
	slices.SortStableFunc(s2, func(x, y rec) int { return cmp.Compare(x.group, y.group) })
	fmt.Println(slices.Equal(s1, s2), s1)

	s3 := slices.Clone(recs)
	s4 := slices.Clone(recs)
	sort.Slice(s3, func(i, j int) bool { return s3[i].n < s3[j].n || (s3[i].n == s3[j].n && s3[i].group < s3[j].group) })
	slices.SortFunc(s4, func(x, y rec) int { return cmp.Or(cmp.Compare(x.n, y.n), cmp.Compare(x.group, y.group)) })
	fmt.Println(slices.Equal(s3, s4), s4)

	ws := []string{"b", "C", "a"}
	ws2 := slices.Clone(ws)
	sort.Strings(ws)
	slices.Sort(ws2)
	fmt.Println(ws, slices.Equal(ws, ws2), sort.StringsAreSorted(ws2))
}
