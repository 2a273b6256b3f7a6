package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// TestStoppedEarly runs a statement yaegi stops at silently (an arithmetic result
// assigned to an interface field of a compiled struct) with its lowering turned off: the
// cell must fail instead of seeming to succeed, and the lowered form must run to its end.
func TestStoppedEarly(t *testing.T) {
	code := "r := ring.New(1)\ni := 2\nr.Value = i + 1\nfmt.Println(\"after\", r.Value)"
	for _, skip := range []bool{true, false} {
		skipFieldConv = skip
		e := newEngine(t)
		var out strings.Builder
		_, err := e.Execute(context.Background(), code, &kernel.CellIO{Stdout: &out})
		var ee *kernel.ExecError
		if skip {
			if !errors.As(err, &ee) || ee.Name != "InternalError" || out.String() != "" {
				t.Errorf("without the lowering: err = %v, output %q; want an InternalError and no output", err, out.String())
			}
		} else if err != nil || out.String() != "after 3\n" {
			t.Errorf("with the lowering: err = %v, output %q; want \"after 3\"", err, out.String())
		}
	}
	skipFieldConv = false
	// A top-level return ends a cell early without an error.
	e := newEngine(t)
	if _, err := e.Execute(context.Background(), "x := 1\nif x == 1 {\n\treturn\n}\nfmt.Println(x)", &kernel.CellIO{}); err != nil {
		t.Errorf("a cell ending at a top-level return failed: %v", err)
	}
}

// TestAfterFuncPanic: a panic in a time.AfterFunc or context.AfterFunc callback is reported
// (here on the cell that waits for it) instead of ending the process.
func TestAfterFuncPanic(t *testing.T) {
	e := newEngine(t)
	for _, code := range []string{
		"done := make(chan bool)\ntime.AfterFunc(time.Millisecond, func() { defer close(done); panic(\"timer boom\") })\n<-done\ntime.Sleep(100 * time.Millisecond)",
		"c, cancel := context.WithCancel(context.Background())\ndone2 := make(chan bool)\ncontext.AfterFunc(c, func() { defer close(done2); panic(\"ctx boom\") })\ncancel()\n<-done2\ntime.Sleep(100 * time.Millisecond)",
	} {
		_, err := e.Execute(context.Background(), code, &kernel.CellIO{})
		if err == nil || !strings.Contains(err.Error(), "boom") {
			t.Errorf("err = %v, want the callback's panic", err)
		}
	}
	if _, err := e.Execute(context.Background(), "x := 1\n_ = x", &kernel.CellIO{}); err != nil {
		t.Errorf("the session did not go on: %v", err)
	}
}

// TestDeferredClosure: a closure stored in a variable and called by the deferred calls of
// the function that made it (yaegi deadlocked: the cell hung), in a function and at the
// top of a cell.
func TestDeferredClosure(t *testing.T) {
	e := newEngine(t)
	code := `func g() (out string) {
	x := 1
	cleanup := func() { out += fmt.Sprint("cleanup ", x) }
	defer cleanup()
	defer func() { cleanup() }()
	x = 5
	return "body "
}
y := 1
done := func() { fmt.Println("top", y) }
defer done()
y = 2
fmt.Println(g())`
	var out strings.Builder
	res := make(chan error, 1)
	go func() {
		_, err := e.Execute(context.Background(), code, &kernel.CellIO{Stdout: &out})
		res <- err
	}()
	select {
	case err := <-res:
		if err != nil || out.String() != "body cleanup 5cleanup 5\ntop 2\n" {
			t.Errorf("err = %v, output %q", err, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the cell hung (deadlock in the deferred calls)")
	}
}
