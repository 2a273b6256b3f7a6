package engine

import (
	"fmt"
	"strings"

	"github.com/sluice-dev/sluice/kernel"
)

// trailingCall describes a cell's trailing expression when it is a call, so that an
// error among its results can fail the cell (see resultOf).
type trailingCall struct {
	off  int    // cell offset of the call
	text string // the call's source, on one line and shortened
	name string // the called function or method name ("Open" in catalog.Open(...))
	pkg  string // the package name of a pkg.F call, or ""
}

// printLike reports whether the call is a Print/Write/Scan/Copy-style call, whose (n, err)
// results are noise rather than a result.
func (c *trailingCall) printLike() bool {
	for _, p := range []string{"Print", "Fprint", "Write", "Scan", "Fscan", "Sscan", "Copy", "ReadFrom"} {
		if strings.HasPrefix(c.name, p) {
			return true
		}
	}
	return false
}

// makesError reports whether the call builds an error value (errors.New, fmt.Errorf),
// which is shown rather than treated as a failure.
func (c *trailingCall) makesError() bool {
	return c.pkg == "errors" || (c.pkg == "fmt" && c.name == "Errorf")
}

// cellValue is what a cell run produced: the values of its trailing expression and, when
// that expression is a call, the call.
type cellValue struct {
	vals []any
	call *trailingCall
}

// resultOf turns the values of a trailing expression into the cell's result, or into a
// cell error when the trailing call returned a non-nil error:
//   - one value is the result; a call returning only a non-nil error fails the cell;
//   - (T, error): T when the error is nil, a cell error otherwise;
//   - (n int, error) from Print/Write-style calls: no result, a cell error when non-nil;
//   - other multi-value results are a Tuple (a cell error when the last is a non-nil error).
func resultOf(code string, cv cellValue) (any, error) {
	vals := cv.vals
	if len(vals) == 0 {
		return nil, nil
	}
	last := vals[len(vals)-1]
	if c := cv.call; c != nil {
		if err := asError(last); err != nil && !c.makesError() {
			return nil, callError(code, c, err)
		}
		if len(vals) == 1 {
			return vals[0], nil
		}
		if last == nil && len(vals) == 2 {
			switch vals[0].(type) {
			case int, int64:
				if c.printLike() {
					return nil, nil
				}
			}
			return vals[0], nil
		}
	}
	if len(vals) == 1 {
		return vals[0], nil
	}
	if last == nil && len(vals) == 2 {
		// (n int, err error) from Print/Write-style calls is noise, not a result.
		switch vals[0].(type) {
		case int, int64:
			return nil, nil
		}
	}
	return Tuple(vals), nil
}

// asError returns v as an error: a compiled error value, or a cell-defined one that
// reached pack as a Rich value.
func asError(v any) error {
	switch x := v.(type) {
	case Rich:
		return x.err
	case error:
		return x
	}
	return nil
}

// errorName is the ename of a cell failed by an error value: its Go type, or "Error" for
// the anonymous error types of errors.New, fmt.Errorf and errors.Join.
func errorName(err error) string {
	switch n := fmt.Sprintf("%T", err); {
	case n == "*errors.errorString", n == "*fmt.wrapError", n == "*fmt.wrapErrors", n == "*errors.joinError",
		strings.HasPrefix(n, "interp."): // a cell-defined type, seen through yaegi's wrapper
		return "Error"
	default:
		return n
	}
}

// callError is the cell error for a trailing call that returned a non-nil error.
func callError(code string, c *trailingCall, err error) error {
	line, _ := lineCol(code, c.off)
	name, msg := errorName(err), err.Error()
	return &kernel.ExecError{Name: name, Value: msg, Traceback: []string{
		name + ": " + msg,
		fmt.Sprintf("  returned by %s at cell line %d", c.text, line),
	}}
}
