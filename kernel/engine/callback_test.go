package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// TestRunCallback runs a cell's function from compiled code, as a widget callback runs:
// its output goes to the callback's writers, a panic comes back as an error, and an
// interrupt stops a callback that sleeps or loops, leaving the session intact.
func TestRunCallback(t *testing.T) {
	e := newEngine(t)
	var hook func(string)
	if err := e.Set("register", func(f func(string)) { hook = f }); err != nil {
		t.Fatal(err)
	}
	mustRun(t, e, "keep := 42\nregister(func(what string) {\n\tswitch what {\n\tcase \"print\":\n\t\tfmt.Println(\"called\", keep)\n\tcase \"panic\":\n\t\tpanic(\"in the callback\")\n\tcase \"sleep\":\n\t\ttime.Sleep(time.Hour)\n\tcase \"loop\":\n\t\tspins := 0\n\t\tfor {\n\t\t\tspins++\n\t\t}\n\t}\n})")
	if hook == nil {
		t.Fatal("the cell did not register its callback")
	}
	var out syncBuffer
	if err := e.RunCallback(context.Background(), &kernel.CellIO{Stdout: &out}, func() { hook("print") }); err != nil || !strings.Contains(out.String(), "called 42") {
		t.Fatalf("print: %v %q", err, out.String())
	}
	func() {
		defer func() {
			if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), "in the callback") {
				t.Fatalf("panic: %v", p)
			}
		}()
		e.RunCallback(context.Background(), nil, func() { hook("panic") })
	}()
	for _, what := range []string{"sleep", "loop"} {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- e.RunCallback(ctx, nil, func() { hook(what) }) }()
		time.Sleep(100 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			if err == nil {
				t.Fatalf("%s: the interrupted callback reported no error", what)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the interrupt did not stop the callback", what)
		}
	}
	if o := mustRun(t, e, "keep"); o.res != 42 {
		t.Fatalf("after the interrupts: keep = %v", o.res)
	}
	// The callback made before the interrupts still runs (yaegi's stop had left
	// closures made before it doing nothing; see execute).
	out = syncBuffer{}
	if err := e.RunCallback(context.Background(), &kernel.CellIO{Stdout: &out}, func() { hook("print") }); err != nil || !strings.Contains(out.String(), "called 42") {
		t.Fatalf("print after the interrupts: %v %q", err, out.String())
	}
}
