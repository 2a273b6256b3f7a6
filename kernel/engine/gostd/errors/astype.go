// Package errors is Sluice's interpreted source for the generic function of the
// standard package errors (see kernel/engine/gostd).
package errors

// AsType finds the first error in err's tree that has type E, and if one is found,
// returns that error value and true. The tree is walked depth first, in pre-order:
// err itself, then what its Unwrap() error or Unwrap() []error returns. An error
// matches when it has type E or has an As(any) bool method that returns true for a
// pointer to a value of type E.
func AsType[E error](err error) (E, bool) {
	var found E
	ok := asTypeWalk(err, &found)
	return found, ok
}

func asTypeWalk[E error](err error, found *E) bool {
	for err != nil {
		if e, ok := err.(E); ok {
			*found = e
			return true
		}
		if x, ok := err.(interface{ As(any) bool }); ok {
			var e E
			if x.As(&e) {
				*found = e
				return true
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				if asTypeWalk(inner, found) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}
