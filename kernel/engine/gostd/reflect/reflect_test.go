package reflect_test

import (
	"fmt"
	"io"
	"reflect"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/reflect"
)

func TestTypeForMatchesStd(t *testing.T) {
	checks := []struct{ got, want reflect.Type }{
		{ours.TypeFor[int](), reflect.TypeFor[int]()},
		{ours.TypeFor[error](), reflect.TypeFor[error]()},
		{ours.TypeFor[any](), reflect.TypeFor[any]()},
		{ours.TypeFor[io.Reader](), reflect.TypeFor[io.Reader]()},
		{ours.TypeFor[map[string][]*int](), reflect.TypeFor[map[string][]*int]()},
		{ours.TypeFor[struct{ A int }](), reflect.TypeFor[struct{ A int }]()},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("TypeFor: ours %v, std %v", c.got, c.want)
		}
	}
}

type hidden struct {
	x int
	R io.Reader
}

func outcome[T any](f func(reflect.Value) (T, bool), v reflect.Value) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf("panic %#v", r)
		}
	}()
	x, ok := f(v)
	return fmt.Sprintf("%#v %v", x, ok)
}

func compare[T any](t *testing.T, v reflect.Value) {
	t.Helper()
	if got, want := outcome(ours.TypeAssert[T], v), outcome(reflect.TypeAssert[T], v); got != want {
		t.Errorf("TypeAssert[%v](%v): ours %s, std %s", reflect.TypeFor[T](), v, got, want)
	}
}

func TestTypeAssertMatchesStd(t *testing.T) {
	h := hidden{x: 3}
	values := []reflect.Value{{}, reflect.ValueOf(3), reflect.ValueOf("s"), reflect.ValueOf(&h), reflect.ValueOf(h).Field(0), reflect.ValueOf(h).Field(1), reflect.ValueOf(io.EOF)}
	for _, v := range values {
		compare[int](t, v)
		compare[string](t, v)
		compare[any](t, v)
		compare[error](t, v)
		compare[io.Reader](t, v)
		compare[*hidden](t, v)
	}
}
