package engine

import (
	"fmt"
	"go/scanner"
	"go/token"
	"reflect"
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

// errAssign is a top-level statement of a cell that assigns the variable err.
type errAssign struct {
	start, end int // cell offsets of the statement
}

// unreadErr returns the last top-level assignment of err in the cell when no later
// token of the cell reads err, and false otherwise (no assignment, or err is used
// afterwards: checked, returned, passed on or printed).
func unreadErr(code string, ans []*analysis) (errAssign, bool) {
	var last errAssign
	found := false
	for _, an := range ans {
		for _, a := range an.errAssigns {
			if !found || a.start > last.start {
				last, found = a, true
			}
		}
	}
	if !found {
		return last, false
	}
	var sc scanner.Scanner
	fset := token.NewFileSet()
	sc.Init(fset.AddFile("", -1, len(code)), []byte(code), nil, 0)
	prev := token.ILLEGAL
	for {
		pos, t, lit := sc.Scan()
		if t == token.EOF {
			break
		}
		if off := fset.Position(pos).Offset; off >= last.end && t == token.IDENT && lit == "err" && prev != token.PERIOD {
			return last, false
		}
		prev = t
	}
	return last, true
}

// checkErr fails the cell when it assigned err at top level, never read it afterwards,
// and err holds a non-nil error.
func (e *Engine) checkErr(code string, ans []*analysis) error {
	a, ok := unreadErr(code, ans)
	if !ok {
		return nil
	}
	err := e.errGlobal()
	if err == nil {
		return nil
	}
	line, _ := lineCol(code, a.start)
	name, msg := errorName(err), err.Error()
	value := fmt.Sprintf("err is set: %s (assigned at line %d)", msg, line)
	return &kernel.ExecError{Name: name, Value: value, Traceback: append([]string{
		name + ": " + value,
		fmt.Sprintf("  at cell:%d: err was assigned a non-nil error and the cell never checked it", line),
	}, sourceLine(code, line, 1)...)}
}

// errGlobal returns the session variable err when it holds a non-nil error.
func (e *Engine) errGlobal() error {
	v, ok := e.globals()["err"]
	if !ok || !v.IsValid() || !v.CanInterface() {
		return nil
	}
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
	}
	err, _ := v.Interface().(error)
	return err
}

// noteErr adds a note to the traceback of a failed cell when the cell had assigned a
// non-nil err that it never read: the failure (often a nil pointer) likely follows from it.
func (e *Engine) noteErr(code string, ans []*analysis, failure error) {
	x, ok := failure.(*kernel.ExecError)
	if !ok || x.Name != "panic" {
		return
	}
	a, ok := unreadErr(code, ans)
	if !ok {
		return
	}
	err := e.errGlobal()
	if err == nil {
		return
	}
	// Which assignment of err ran before the failure is not known when there are several.
	where := "in this cell"
	if n := errAssignCount(ans); n == 1 {
		line, _ := lineCol(code, a.start)
		where = fmt.Sprintf("at line %d", line)
	}
	x.Traceback = append(x.Traceback, fmt.Sprintf("note: err is set: %s (assigned %s); the failure may follow from it", err.Error(), where))
}

func errAssignCount(ans []*analysis) int {
	n := 0
	for _, an := range ans {
		n += len(an.errAssigns)
	}
	return n
}
