package slices

import (
	"cmp"
	"math"
	"reflect"
)

// orderedLess is the order of Sort, IsSorted and cmp.Less: NaNs come before every other
// value and compare equal to each other.
func orderedLess[E cmp.Ordered](a, b E) bool {
	return a < b || (a != a && b == b)
}

// negativeZero reports whether x is a floating-point negative zero. Only called for
// values equal to their type's zero, so the reflection is rare.
func negativeZero[E cmp.Ordered](x E) bool {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.Signbit(v.Float())
	}
	return false
}

// minOf is the builtin min of two ordered values: NaN wins, and -0 is less than +0.
func minOf[E cmp.Ordered](a, b E) E {
	if a != a {
		return a
	}
	if b != b {
		return b
	}
	if b < a {
		return b
	}
	var zero E
	if a == b && a == zero && negativeZero(b) {
		return b
	}
	return a
}

// maxOf is the builtin max of two ordered values: NaN wins, and +0 is greater than -0.
func maxOf[E cmp.Ordered](a, b E) E {
	if a != a {
		return a
	}
	if b != b {
		return b
	}
	if b > a {
		return b
	}
	var zero E
	if a == b && a == zero && negativeZero(a) {
		return b
	}
	return a
}

// Min returns the minimal value in x; a NaN anywhere makes the result NaN. It panics
// if x is empty.
func Min[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = minOf(m, x[i])
	}
	return m
}

// Max returns the maximal value in x; a NaN anywhere makes the result NaN. It panics
// if x is empty.
func Max[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = maxOf(m, x[i])
	}
	return m
}

// MinFunc returns the first minimal value in x according to cmp. It panics if x is
// empty.
func MinFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) < 0 {
			m = x[i]
		}
	}
	return m
}

// MaxFunc returns the first maximal value in x according to cmp. It panics if x is
// empty.
func MaxFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) > 0 {
			m = x[i]
		}
	}
	return m
}

// IsSorted reports whether x is sorted in ascending order (NaNs first).
func IsSorted[S ~[]E, E cmp.Ordered](x S) bool {
	for i := len(x) - 1; i > 0; i-- {
		if orderedLess(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is sorted in ascending order according to cmp.
func IsSortedFunc[S ~[]E, E any](x S, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// BinarySearch searches for target in the sorted slice x and returns the position
// where it is found or would be inserted, and whether it was found.
func BinarySearch[S ~[]E, E cmp.Ordered](x S, target E) (int, bool) {
	lo, hi := 0, len(x)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if cmp.Compare(x[h], target) < 0 {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < len(x) && cmp.Compare(x[lo], target) == 0
}

// BinarySearchFunc is BinarySearch with cmp(element, target) for the comparison.
func BinarySearchFunc[S ~[]E, E, T any](x S, target T, cmp func(E, T) int) (int, bool) {
	lo, hi := 0, len(x)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if cmp(x[h], target) < 0 {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < len(x) && cmp(x[lo], target) == 0
}

// Sort sorts x in ascending order, NaNs first. The order of equal elements is
// unspecified.
func Sort[S ~[]E, E cmp.Ordered](x S) {
	sortLess(x, orderedLess[E])
}

// SortFunc sorts x in ascending order according to cmp, which must be a strict weak
// ordering. The order of equal elements is unspecified.
func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sortLess(x, func(a, b E) bool { return cmp(a, b) < 0 })
}

// SortStableFunc sorts x according to cmp, keeping the original order of equal
// elements.
func SortStableFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	n := len(x)
	if n < 2 {
		return
	}
	const run = 16
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		insertionSort(x[lo:hi], func(a, b E) bool { return cmp(a, b) < 0 })
	}
	buf := make([]E, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo+width < n; lo += 2 * width {
			mid := lo + width
			hi := mid + width
			if hi > n {
				hi = n
			}
			mergeRuns(x, buf, lo, mid, hi, cmp)
		}
	}
}

// mergeRuns merges the sorted runs x[lo:mid] and x[mid:hi], taking from the left run
// on ties so that the merge is stable.
func mergeRuns[E any](x, buf []E, lo, mid, hi int, cmp func(a, b E) int) {
	if cmp(x[mid], x[mid-1]) >= 0 {
		return // already in order
	}
	copy(buf[lo:mid], x[lo:mid])
	i, j, k := lo, mid, lo
	for i < mid && j < hi {
		if cmp(x[j], buf[i]) < 0 {
			x[k] = x[j]
			j++
		} else {
			x[k] = buf[i]
			i++
		}
		k++
	}
	for i < mid {
		x[k] = buf[i]
		i++
		k++
	}
}

// insertionSort sorts a short slice stably.
func insertionSort[E any](x []E, less func(a, b E) bool) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && less(x[j], x[j-1]); j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// sortLess is an introsort: quicksort with a median-of-three pivot, insertion sort
// for short ranges, and heapsort when the recursion gets too deep.
func sortLess[E any](x []E, less func(a, b E) bool) {
	depth := 0
	for n := len(x); n > 0; n >>= 1 {
		depth += 2
	}
	quickSort(x, less, depth)
}

func quickSort[E any](x []E, less func(a, b E) bool, depth int) {
	for len(x) > 12 {
		if depth == 0 {
			heapSort(x, less)
			return
		}
		depth--
		p := partition(x, less)
		// Recurse into the smaller side, loop on the larger one.
		if p < len(x)-p-1 {
			quickSort(x[:p], less, depth)
			x = x[p+1:]
		} else {
			quickSort(x[p+1:], less, depth)
			x = x[:p]
		}
	}
	insertionSort(x, less)
}

// partition moves a median-of-three pivot into place and returns its index: elements
// before it are not greater, elements after it are not less.
func partition[E any](x []E, less func(a, b E) bool) int {
	n := len(x)
	a, b, c := 0, n/2, n-1
	if less(x[b], x[a]) {
		a, b = b, a
	}
	if less(x[c], x[b]) {
		b = c
		if less(x[b], x[a]) {
			b = a
		}
	}
	x[0], x[b] = x[b], x[0]
	pivot := x[0]
	i, j := 1, n-1
	for {
		for i <= j && less(x[i], pivot) {
			i++
		}
		for i <= j && less(pivot, x[j]) {
			j--
		}
		if i >= j {
			break
		}
		x[i], x[j] = x[j], x[i]
		i++
		j--
	}
	x[0], x[j] = x[j], x[0]
	return j
}

func heapSort[E any](x []E, less func(a, b E) bool) {
	n := len(x)
	for i := n/2 - 1; i >= 0; i-- {
		siftDown(x, i, n, less)
	}
	for end := n - 1; end > 0; end-- {
		x[0], x[end] = x[end], x[0]
		siftDown(x, 0, end, less)
	}
}

func siftDown[E any](x []E, root, end int, less func(a, b E) bool) {
	for {
		child := 2*root + 1
		if child >= end {
			return
		}
		if child+1 < end && less(x[child], x[child+1]) {
			child++
		}
		if !less(x[root], x[child]) {
			return
		}
		x[root], x[child] = x[child], x[root]
		root = child
	}
}
