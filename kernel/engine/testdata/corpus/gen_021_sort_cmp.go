// spec: Type parameter declarations, Type constraints, Function types, Slice expressions
package main

import (
	"cmp"
	"fmt"
)

func MergeSort[T any](xs []T, compare func(a, b T) int) []T {
	if len(xs) <= 1 {
		return xs
	}
	mid := len(xs) / 2
	left := MergeSort(append([]T(nil), xs[:mid]...), compare)
	right := MergeSort(append([]T(nil), xs[mid:]...), compare)
	out := make([]T, 0, len(xs))
	i, j := 0, 0
	for i < len(left) && j < len(right) {
		if compare(right[j], left[i]) < 0 {
			out = append(out, right[j])
			j++
		} else {
			out = append(out, left[i])
			i++
		}
	}
	out = append(out, left[i:]...)
	return append(out, right[j:]...)
}

func Ascending[T cmp.Ordered](a, b T) int  { return cmp.Compare(a, b) }
func Descending[T cmp.Ordered](a, b T) int { return cmp.Compare(b, a) }

func By[T any, K cmp.Ordered](key func(T) K) func(a, b T) int {
	return func(a, b T) int { return cmp.Compare(key(a), key(b)) }
}

func Then[T any](first, second func(a, b T) int) func(a, b T) int {
	return func(a, b T) int {
		if c := first(a, b); c != 0 {
			return c
		}
		return second(a, b)
	}
}

type city struct {
	name    string
	country string
	pop     int
}

func main() {
	fmt.Println(MergeSort([]int{5, 2, 9, 1, 5, 6}, Ascending[int]))
	fmt.Println(MergeSort([]string{"b", "c", "a"}, Descending[string]))
	cities := []city{
		{"Lyon", "FR", 522}, {"Porto", "PT", 232}, {"Paris", "FR", 2102},
		{"Lisbon", "PT", 545}, {"Nice", "FR", 342},
	}
	byCountryThenPop := Then(By(func(c city) string { return c.country }), By(func(c city) int { return -c.pop }))
	for _, c := range MergeSort(cities, byCountryThenPop) {
		fmt.Println(c.country, c.name, c.pop)
	}
	nan := 0.0
	nan = nan / nan
	fmt.Println(MergeSort([]float64{3, nan, -1}, Ascending[float64]))
}
