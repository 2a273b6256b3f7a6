package errors_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/errors"
)

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprint("code ", e.code) }

type ptrErr struct{ msg string }

func (e *ptrErr) Error() string { return e.msg }

// asser converts to codeErr through its As method.
type asser struct{ code int }

func (a asser) Error() string { return "asser" }
func (a asser) As(target any) bool {
	if p, ok := target.(*codeErr); ok {
		*p = codeErr{a.code}
		return true
	}
	return false
}

type multi []error

func (m multi) Error() string   { return "multi" }
func (m multi) Unwrap() []error { return m }

func trees() []error {
	base := []error{nil, errors.New("plain"), codeErr{1}, &ptrErr{"p"}, asser{9}, &fs.PathError{Op: "open", Path: "x", Err: os.ErrNotExist}}
	out := append([]error{}, base...)
	for _, b := range base {
		out = append(out, fmt.Errorf("wrapped: %w", b), fmt.Errorf("twice: %w", fmt.Errorf("once: %w", b)))
	}
	out = append(out, errors.Join(errors.New("a"), codeErr{2}, codeErr{3}), multi{errors.New("x"), fmt.Errorf("w: %w", &ptrErr{"deep"}), asser{4}},
		fmt.Errorf("%w and %w", asser{5}, codeErr{6}), multi{nil, multi{codeErr{7}}})
	return out
}

func check[E error](t *testing.T, err error) {
	t.Helper()
	got, gok := ours.AsType[E](err)
	want, wok := errors.AsType[E](err)
	var viaAs E
	aok := errors.As(err, &viaAs)
	if fmt.Sprintf("%#v %v", got, gok) != fmt.Sprintf("%#v %v", want, wok) || gok != aok {
		t.Errorf("AsType[%T](%v): ours %#v %v, std %#v %v, As %v", want, err, got, gok, want, wok, aok)
	}
}

func TestAsTypeMatchesStd(t *testing.T) {
	for _, err := range trees() {
		check[codeErr](t, err)
		check[*ptrErr](t, err)
		check[*fs.PathError](t, err)
		check[asser](t, err)
		check[interface {
			error
			Unwrap() error
		}](t, err)
		check[error](t, err)
	}
}
