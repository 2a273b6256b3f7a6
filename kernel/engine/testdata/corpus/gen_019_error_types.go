// spec: Type parameter declarations, Interface types, Implementing an interface, Errors
package main

import (
	"errors"
	"fmt"
)

type NotFoundError[K comparable] struct {
	Key K
}

func (e *NotFoundError[K]) Error() string {
	return fmt.Sprintf("key %v not found", e.Key)
}

type ValidationError[T any] struct {
	Value  T
	Reason string
}

func (e ValidationError[T]) Error() string {
	return fmt.Sprintf("invalid %T %v: %s", e.Value, e.Value, e.Reason)
}

type Store[K comparable, V any] struct {
	data  map[K]V
	check func(V) string
}

func (s *Store[K, V]) Get(k K) (V, error) {
	v, ok := s.data[k]
	if !ok {
		var zero V
		return zero, &NotFoundError[K]{Key: k}
	}
	return v, nil
}

func (s *Store[K, V]) Put(k K, v V) error {
	if reason := s.check(v); reason != "" {
		return fmt.Errorf("put %v: %w", k, ValidationError[V]{Value: v, Reason: reason})
	}
	s.data[k] = v
	return nil
}

func main() {
	s := &Store[string, int]{data: map[string]int{}, check: func(v int) string {
		if v < 0 {
			return "negative"
		}
		return ""
	}}
	fmt.Println(s.Put("a", 1))
	err := s.Put("b", -5)
	fmt.Println(err)
	var ve ValidationError[int]
	fmt.Println(errors.As(err, &ve), ve.Value, ve.Reason)
	var wrong ValidationError[string]
	fmt.Println(errors.As(err, &wrong))

	_, err = s.Get("zzz")
	fmt.Println(err)
	var nf *NotFoundError[string]
	if errors.As(err, &nf) {
		fmt.Printf("%T %q\n", nf, nf.Key)
	}
	var nfInt *NotFoundError[int]
	fmt.Println(errors.As(err, &nfInt))
	v, err := s.Get("a")
	fmt.Println(v, err == nil)
	joined := errors.Join(&NotFoundError[int]{Key: 3}, ValidationError[float64]{Value: 1.5, Reason: "odd"})
	fmt.Println(joined)
}
