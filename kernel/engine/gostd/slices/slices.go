// Package slices is Sluice's interpreted source for the generic functions of the
// standard package slices. The typed front end instantiates these functions for the
// type arguments a cell uses and hands the result to the interpreter; the compiled
// symbol tables cannot carry generic functions. Every function behaves as the standard
// one documents, panics included.
//
// The code is written for the interpreter: no range over functions (iterators are
// called with an explicit yield), no min/max/clear builtins, no unsafe.
package slices

import (
	"cmp"
	"iter"
)

// Equal reports whether two slices have the same length and equal elements (==).
// Floating-point NaNs are not equal to themselves.
func Equal[S ~[]E, E comparable](s1, s2 S) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := 0; i < len(s1); i++ {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc reports whether two slices have the same length and eq holds for each pair.
func EqualFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := 0; i < len(s1); i++ {
		if !eq(s1[i], s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares the elements of s1 and s2 with cmp.Compare, pair by pair; a
// shorter slice that is a prefix of the other compares less.
func Compare[S ~[]E, E cmp.Ordered](s1, s2 S) int {
	for i := 0; i < len(s1); i++ {
		if i >= len(s2) {
			return +1
		}
		if c := cmp.Compare(s1[i], s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is Compare with a custom comparison function.
func CompareFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, cmp func(E1, E2) int) int {
	for i := 0; i < len(s1); i++ {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(s1[i], s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first occurrence of v in s, or -1.
func Index[S ~[]E, E comparable](s S, v E) int {
	for i := 0; i < len(s); i++ {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// IndexFunc returns the first index i satisfying f(s[i]), or -1.
func IndexFunc[S ~[]E, E any](s S, f func(E) bool) int {
	for i := 0; i < len(s); i++ {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is present in s.
func Contains[S ~[]E, E comparable](s S, v E) bool {
	return Index(s, v) >= 0
}

// ContainsFunc reports whether at least one element e of s satisfies f(e).
func ContainsFunc[S ~[]E, E any](s S, f func(E) bool) bool {
	return IndexFunc(s, f) >= 0
}

// zeroTail sets s[from:to] to the zero value, so that obsolete elements do not keep
// memory alive.
func zeroTail[S ~[]E, E any](s S, from, to int) {
	var zero E
	for k := from; k < to; k++ {
		s[k] = zero
	}
}

// Insert inserts the values v... into s at index i and returns the modified slice.
// It panics if i > len(s) (or i < 0).
func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:] // the same bounds panic as the standard function
	m := len(v)
	if m == 0 {
		return s
	}
	n := len(s)
	if i == n {
		return append(s, v...)
	}
	if n+m > cap(s) {
		grown := append(s[:i], make(S, n+m-i)...)
		copy(grown[i:], v)
		copy(grown[i+m:], s[i:])
		return grown
	}
	// v may share memory with s: take a copy before shifting.
	vals := make(S, m)
	copy(vals, v)
	s = s[:n+m]
	copy(s[i+m:], s[i:n])
	copy(s[i:], vals)
	return s
}

// Delete removes s[i:j] and returns the modified slice, zeroing the elements that
// were left beyond the new length. It panics if j > len(s) or s[i:j] is not valid.
func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)] // the same bounds panic as the standard function
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	zeroTail(s[:n], len(s), n)
	return s
}

// DeleteFunc removes the elements for which del returns true, zeroing the elements
// left beyond the new length.
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	i := IndexFunc(s, del)
	if i == -1 {
		return s
	}
	for k := i + 1; k < len(s); k++ {
		if v := s[k]; !del(v) {
			s[i] = v
			i++
		}
	}
	zeroTail(s, i, len(s))
	return s[:i]
}

// Replace replaces s[i:j] by v and returns the modified slice. It panics if j > len(s)
// or s[i:j] is not a valid slice of s. When the result is shorter, the elements
// between the new and the old length are zeroed.
func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j] // the same bounds panics as the standard function, in the same order
	_ = s[j:]
	if i == j {
		return Insert(s, i, v...)
	}
	n := len(s)
	if j == n {
		grown := append(s[:i], v...)
		if len(grown) < n {
			zeroTail(s, len(grown), n)
		}
		return grown
	}
	total := i + len(v) + (n - j)
	if total > cap(s) {
		out := append(s[:i], make(S, total-i)...)
		copy(out[i:], v)
		copy(out[i+len(v):], s[j:])
		return out
	}
	vals := make(S, len(v))
	copy(vals, v)
	out := s[:total]
	copy(out[i+len(vals):], s[j:n])
	copy(out[i:], vals)
	if total < n {
		zeroTail(s, total, n)
	}
	return out
}

// Clone returns a shallow copy of s; a nil slice stays nil.
func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S([]E{}), s...)
}

// Compact replaces runs of equal consecutive elements by a single copy and zeroes
// the elements left beyond the new length.
func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	w := 1
	for k := 1; k < len(s); k++ {
		if s[k] != s[k-1] {
			if w != k {
				s[w] = s[k]
			}
			w++
		}
	}
	zeroTail(s, w, len(s))
	return s[:w]
}

// CompactFunc is Compact with eq for equality; of each run it keeps the first element.
func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	w := 1
	for k := 1; k < len(s); k++ {
		if !eq(s[k], s[k-1]) {
			if w != k {
				s[w] = s[k]
			}
			w++
		}
	}
	zeroTail(s, w, len(s))
	return s[:w]
}

// Grow makes room for at least n more elements without another allocation. It panics
// if n is negative; the result keeps the nilness of s.
func Grow[S ~[]E, E any](s S, n int) S {
	if n < 0 {
		panic("cannot be negative")
	}
	if need := n - (cap(s) - len(s)); need > 0 {
		s = append(s[:cap(s)], make([]E, need)...)[:len(s)]
	}
	return s
}

// Clip removes unused capacity from the slice.
func Clip[S ~[]E, E any](s S) S {
	return s[:len(s):len(s)]
}

// Reverse reverses the elements of the slice in place.
func Reverse[S ~[]E, E any](s S) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Concat returns a new slice with the elements of all the slices; nil when empty.
func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	out := Grow[S](nil, size)
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
}

// Repeat returns a new slice holding count copies of x, never nil. It panics if count
// is negative or len(x)*count overflows.
func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	const maxInt = int(^uint(0) >> 1)
	if len(x) > 0 && count > maxInt/len(x) {
		panic("the result of (len(x) * count) overflows")
	}
	out := make(S, len(x)*count)
	for k := 0; k < count; k++ {
		copy(out[k*len(x):], x)
	}
	return out
}

// All returns an iterator over index-value pairs of s, in order.
func All[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := 0; i < len(s); i++ {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Backward returns an iterator over index-value pairs of s, from the last to the first.
func Backward[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Values returns an iterator over the elements of s, in order.
func Values[Slice ~[]E, E any](s Slice) iter.Seq[E] {
	return func(yield func(E) bool) {
		for i := 0; i < len(s); i++ {
			if !yield(s[i]) {
				return
			}
		}
	}
}

// AppendSeq appends the values of seq to s and returns the extended slice.
func AppendSeq[Slice ~[]E, E any](s Slice, seq iter.Seq[E]) Slice {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect gathers the values of seq into a new slice (nil when seq yields nothing).
func Collect[E any](seq iter.Seq[E]) []E {
	return AppendSeq([]E(nil), seq)
}

// Sorted collects the values of seq into a new slice and sorts it.
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

// SortedFunc collects the values of seq into a new slice and sorts it with cmp.
func SortedFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, cmp)
	return s
}

// SortedStableFunc collects the values of seq into a new slice and sorts it with cmp,
// keeping the order of equal elements.
func SortedStableFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortStableFunc(s, cmp)
	return s
}

// Chunk returns an iterator over consecutive sub-slices of up to n elements of s; all
// but the last have exactly n elements. Each chunk's capacity is its length. It panics
// if n is less than 1.
func Chunk[Slice ~[]E, E any](s Slice, n int) iter.Seq[Slice] {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func(Slice) bool) {
		for i := 0; i < len(s); i += n {
			end := len(s)
			if end-i > n {
				end = i + n
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}
