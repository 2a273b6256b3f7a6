// std: slices.Sort, slices.SortFunc, slices.SortStableFunc, slices.IsSorted, slices.IsSortedFunc, slices.BinarySearch, slices.BinarySearchFunc, cmp.Compare
package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type item struct {
	name  string
	price int
}

func main() {
	xs := []int{42, 7, 19, 3, 88, 7, 1}
	fmt.Println(slices.IsSorted(xs))
	slices.Sort(xs)
	fmt.Println(xs, slices.IsSorted(xs))
	i, found := slices.BinarySearch(xs, 19)
	fmt.Println(i, found)
	i, found = slices.BinarySearch(xs, 20)
	fmt.Println(i, found)

	words := []string{"Banana", "apple", "Cherry", "date"}
	slices.SortFunc(words, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	fmt.Println(words)
	fmt.Println(slices.IsSortedFunc(words, func(a, b string) int { return strings.Compare(a, b) }))

	items := []item{{"pen", 2}, {"book", 12}, {"cup", 2}, {"lamp", 30}, {"mug", 12}}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.price, b.price) })
	fmt.Println(items)
	j, ok := slices.BinarySearchFunc(items, 12, func(it item, target int) int { return cmp.Compare(it.price, target) })
	fmt.Println(j, ok, items[j].name)
	j, ok = slices.BinarySearchFunc(items, 5, func(it item, target int) int { return cmp.Compare(it.price, target) })
	fmt.Println(j, ok)
	fs := []float64{2.5, -1, 0, 1e3}
	slices.Sort(fs)
	fmt.Println(fs)
}
