// Package cmp is Sluice's interpreted source for the generic functions of the standard
// package cmp (see kernel/engine/gostd). The constraint cmp.Ordered is the standard
// one, imported.
package cmp

import "cmp"

// isNaN reports whether x is a floating-point NaN (the only value not equal to itself).
func isNaN[T cmp.Ordered](x T) bool {
	return x != x
}

// Less reports whether x is less than y. A NaN is less than any non-NaN, and -0.0 is
// not less than 0.0.
func Less[T cmp.Ordered](x, y T) bool {
	return (isNaN(x) && !isNaN(y)) || x < y
}

// Compare returns -1, 0 or +1 as x is less than, equal to or greater than y. A NaN is
// less than any non-NaN and equal to another NaN; -0.0 equals 0.0.
func Compare[T cmp.Ordered](x, y T) int {
	xNaN, yNaN := isNaN(x), isNaN(y)
	if xNaN {
		if yNaN {
			return 0
		}
		return -1
	}
	if yNaN {
		return +1
	}
	if x < y {
		return -1
	}
	if x > y {
		return +1
	}
	return 0
}

// Or returns the first of its arguments that is not the zero value, or the zero value.
func Or[T comparable](vals ...T) T {
	var zero T
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}
