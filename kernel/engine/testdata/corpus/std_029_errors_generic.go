// std: errors.AsType, errors.As, errors.Join, fmt.Errorf
package main

import (
	"errors"
	"fmt"
)

type NotFound[K comparable] struct {
	Key K
}

func (e NotFound[K]) Error() string { return fmt.Sprintf("not found: %v", e.Key) }

type Temporary interface {
	error
	Temporary() bool
}

type timeout struct{ op string }

func (t *timeout) Error() string   { return t.op + ": timeout" }
func (t *timeout) Temporary() bool { return true }

func lookup[K comparable, V any](m map[K]V, k K) (V, error) {
	if v, ok := m[k]; ok {
		return v, nil
	}
	var zero V
	return zero, fmt.Errorf("lookup: %w", NotFound[K]{k})
}

func FindAs[E error](errs ...error) []E {
	var out []E
	for _, err := range errs {
		if e, ok := errors.AsType[E](err); ok {
			out = append(out, e)
		}
	}
	return out
}

func main() {
	_, err := lookup(map[string]int{"a": 1}, "b")
	nf, ok := errors.AsType[NotFound[string]](err)
	fmt.Println(ok, nf.Key, err)
	_, ok = errors.AsType[NotFound[int]](err)
	fmt.Println(ok)
	var viaAs NotFound[string]
	fmt.Println(errors.As(err, &viaAs), viaAs == nf)

	_, err2 := lookup(map[int]bool{}, 7)
	errs := []error{err, err2, &timeout{"dial"}, nil, errors.Join(&timeout{"read"}, err2)}
	fmt.Println(FindAs[NotFound[int]](errs...))
	temps := FindAs[Temporary](errs...)
	for _, t := range temps {
		fmt.Println(t.Error(), t.Temporary())
	}
	fmt.Println(len(FindAs[error](errs...)))
}
