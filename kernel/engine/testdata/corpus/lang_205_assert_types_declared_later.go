// spec: Type switches, Type assertions
// A function asserting to error and fmt.Stringer declared before the cell types it
// meets (split into cells, it is lowered before they exist): a named int with String,
// a generic instance first used in main, a struct error by value and by pointer.
package main

import "fmt"

func describe(x any) string {
	switch v := x.(type) {
	case error:
		return fmt.Sprintf("error %T %v", v, v)
	case fmt.Stringer:
		return fmt.Sprintf("stringer %T %v", v, v)
	}
	if s, ok := x.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("other %T", x)
}

type N int

func (n N) String() string { return fmt.Sprint("n", int(n)) }

type Pair[K comparable, V any] struct {
	K K
	V V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.K, p.V) }

type E struct{ code int }

func (e E) Error() string { return fmt.Sprint("code ", e.code) }

func main() {
	s := describe(Pair[string, int]{"a", 1})
	fmt.Println(s)
	fmt.Println(describe(N(2)), describe(E{3}), describe(&E{4}), describe(3))
}
