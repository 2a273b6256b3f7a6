// Package errors is Sluice's interpreted source for the generic function of the
// standard package errors (see kernel/engine/gostd).
package errors

import "errors"

// AsType finds the first error in err's tree that has type E, and if one is found,
// returns that error value and true. The tree is walked depth first, in pre-order:
// err itself, then what its Unwrap() error or Unwrap() []error returns. An error
// matches when it has type E or has an As(any) bool method that returns true for a
// pointer to a value of type E.
func AsType[E error](err error) (E, bool) {
	// errors.As walks the tree the same way; the front end lowers it to a walk the
	// interpreter can run on cell-defined and compiled errors alike.
	var found E
	ok := errors.As(err, &found)
	return found, ok
}
