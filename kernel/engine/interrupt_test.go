package engine

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// interruptAfter runs code, which must close the session channel `started` when it
// begins its work, and interrupts it d after that. It returns Execute's error.
func interruptAfter(t *testing.T, e *Engine, code string, d time.Duration) error {
	t.Helper()
	started := make(chan struct{})
	if err := e.Set("started", started); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := e.Execute(ctx, code, &kernel.CellIO{})
		done <- err
	}()
	select {
	case <-started:
	case err := <-done:
		t.Fatalf("the cell ended before it started its work: %v", describe(err))
	case <-time.After(10 * time.Second):
		t.Fatal("the cell did not start")
	}
	time.Sleep(d)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || errors.Is(err, ErrStuck) {
			t.Fatalf("err = %v, want an interrupt that stopped the cell", err)
		}
		var ie *InterruptError
		if !errors.As(err, &ie) {
			t.Fatalf("err = %T %v, want *InterruptError", err, err)
		}
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("Execute did not return after the interrupt")
	}
	return nil
}

// value returns the text of expr evaluated in the session.
func value(t *testing.T, e *Engine, expr string) string {
	t.Helper()
	return text(mustRun(t, e, expr).res)
}

// TestInterruptSleepLoop interrupts a loop of sleeps during its fourth sleep: the sleep in
// progress must not return into the loop, so exactly three iterations counted, and the
// session goes on.
func TestInterruptSleepLoop(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "counter := 0")
	interruptAfter(t, e, "for {\n\td := time.Millisecond\n\tif counter == 3 {\n\t\tclose(started)\n\t\td = time.Hour\n\t}\n\ttime.Sleep(d)\n\tcounter++\n}", 50*time.Millisecond)
	if got := value(t, e, "counter"); got != "3" {
		t.Fatalf("counter = %s after the interrupt, want 3", got)
	}
	time.Sleep(250 * time.Millisecond)
	if got := value(t, e, "counter += 10\ncounter"); got != "13" {
		t.Fatalf("next cell: counter = %s, want 13 (nothing ran after the interrupt)", got)
	}
}

// TestInterruptSleepNeverReturns interrupts sleeps many times, at the top of a cell and in
// a session function: the statement after the sleep must never run. (A sleep that
// returned at the interrupt let the loop spin until yaegi noticed the cancellation:
// hundreds of iterations per interrupt.)
func TestInterruptSleepNeverReturns(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "after := 0\nfunc f() {\n\tfor {\n\t\ttime.Sleep(time.Hour)\n\t\tafter++\n\t}\n}")
	for i := 0; i < 15; i++ {
		interruptAfter(t, e, "close(started)\nfor {\n\ttime.Sleep(time.Hour)\n\tafter++\n}", 5*time.Millisecond)
		interruptAfter(t, e, "close(started)\nf()", 5*time.Millisecond)
	}
	if got := value(t, e, "after"); got != "0" {
		t.Fatalf("the statement after an interrupted sleep ran %s times", got)
	}
}

// TestInterruptSleepRecovered checks that a cell function that recovers every panic does
// not turn an interrupted sleep into a normal return: neither the loop nor its caller
// goes on.
func TestInterruptSleepRecovered(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, `n, after := 0, false
func work() {
	defer func() { recover() }()
	for {
		time.Sleep(30 * time.Millisecond)
		n++
	}
}`)
	interruptAfter(t, e, "close(started)\nwork()\nafter = true", 100*time.Millisecond)
	n1 := value(t, e, "n")
	time.Sleep(200 * time.Millisecond)
	if n2, after := value(t, e, "n"), value(t, e, "after"); n2 != n1 || after != "false" {
		t.Fatalf("after the interrupt: n went from %s to %s, after = %s", n1, n2, after)
	}
}

// TestInterruptSleepGoroutine interrupts a cell whose goroutine sleeps in a loop: the
// goroutine ends (no goroutine panic is reported) and counts no more.
func TestInterruptSleepGoroutine(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "var ticks atomic.Int64")
	interruptAfter(t, e, "go func() {\n\tfor {\n\t\ttime.Sleep(20 * time.Millisecond)\n\t\tticks.Add(1)\n\t}\n}()\nclose(started)\nselect {}", 100*time.Millisecond)
	t1 := value(t, e, "ticks.Load()")
	time.Sleep(200 * time.Millisecond)
	if t2 := value(t, e, "ticks.Load()"); t2 != t1 {
		t.Fatalf("ticks went on after the interrupt: %s then %s", t1, t2)
	}
}

// TestInterruptSleepInCallback interrupts a sleep inside a function that compiled code
// calls again and again (strings.Map): the callback's next statement never runs, and
// the calls stop.
func TestInterruptSleepInCallback(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "calls := 0")
	interruptAfter(t, e, `close(started)
strings.Map(func(r rune) rune {
	time.Sleep(100 * time.Millisecond)
	calls++
	return r
}, strings.Repeat("x", 1000))`, 250*time.Millisecond)
	if got := value(t, e, "calls"); got != "2" {
		t.Fatalf("calls = %s after the interrupt, want 2", got)
	}
	time.Sleep(300 * time.Millisecond)
	if got := value(t, e, "calls"); got != "2" {
		t.Fatalf("calls = %s a while after the interrupt, want 2", got)
	}
}

// TestInterruptSleepRunsCompiledDefers checks that a goroutine ended by an interrupted
// sleep still runs its deferred compiled calls: wg.Done lets the cell's wg.Wait return,
// so the cell is not reported stuck.
func TestInterruptSleepRunsCompiledDefers(t *testing.T) {
	e := newEngine(t)
	interruptAfter(t, e, `import "sync"
var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	time.Sleep(time.Hour)
}()
close(started)
wg.Wait()`, 50*time.Millisecond)
	if got := value(t, e, "1 + 1"); got != "2" {
		t.Fatalf("next cell: %s", got)
	}
}

// TestInterruptWaitGroupWait checks the WaitGroupWait helper (which the rewriter does not
// use yet): a wait on a group that never finishes ends its goroutine at the interrupt
// instead of returning, and without an interrupt it returns once the group is done.
func TestInterruptWaitGroupWait(t *testing.T) {
	e := newEngine(t)
	started := make(chan struct{})
	if err := e.Set("started", started); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.Execute(ctx, "close(started)\nselect {}", &kernel.CellIO{})
		done <- err
	}()
	<-started
	var never sync.WaitGroup
	never.Add(1)
	exited := make(chan struct{})
	returned := false
	go func() {
		defer close(exited)
		e.waitGroupWait(&never)
		returned = true
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cell: %v", err)
	}
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("WaitGroupWait did not end at the interrupt")
	}
	if returned {
		t.Fatal("WaitGroupWait returned to its caller after the interrupt")
	}
	never.Done()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { time.Sleep(20 * time.Millisecond); wg.Done() }()
	e.waitGroupWait(&wg) // no cell is running: waits, then returns
}

// TestSleepOutlivesItsCell checks that a goroutine sleeping past the end of its cell is
// not ended when that cell's context is cancelled after Execute returned: that is no
// interrupt.
func TestSleepOutlivesItsCell(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "var woke atomic.Bool")
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := e.Execute(ctx, "go func() { time.Sleep(150 * time.Millisecond); woke.Store(true) }()\ntime.Sleep(50 * time.Millisecond) // the goroutine sleeps while the cell runs", &kernel.CellIO{}); err != nil {
		t.Fatal(describe(err))
	}
	cancel() // as the kernel does once the cell is over
	time.Sleep(400 * time.Millisecond)
	if got := value(t, e, "woke.Load()"); got != "true" {
		t.Fatalf("woke = %s: the sleep ended its goroutine", got)
	}
}

// TestInterruptedCallbackStaysStopped interrupts a goroutine in which compiled code
// (strings.Map over a long string) calls a session function that sleeps. The goroutine
// must end at the interrupt: the session function must not start running again once
// the next cell has started the interpreter again.
func TestInterruptedCallbackStaysStopped(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "n := 0\nfunc mapper(r rune) rune {\n\ttime.Sleep(50 * time.Millisecond)\n\tn++\n\treturn r\n}")
	interruptAfter(t, e, "go strings.Map(mapper, strings.Repeat(\"x\", 1<<26))\nclose(started)\nselect {}", 175*time.Millisecond)
	n1 := value(t, e, "n")
	mustRun(t, e, "time.Sleep(300 * time.Millisecond)")
	if n2 := value(t, e, "n"); n2 != n1 {
		t.Fatalf("n went from %s to %s after the interrupt", n1, n2)
	}
}

// TestClosureAfterInterrupt: a function literal made before an interrupted cell still
// runs afterwards (yaegi's stop advanced its run id, and the literal, which keeps the id
// of its making, returned at once without running, silently).
func TestClosureAfterInterrupt(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "n := 0\ninc := func() { n++ }\ninc()")
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	if _, err := e.Execute(ctx, "time.Sleep(time.Hour)", nil); err == nil {
		t.Fatal("the sleep was not interrupted")
	}
	if o := mustRun(t, e, "inc()\ninc()\nn"); o.res != 3 {
		t.Fatalf("n = %v after two calls of a closure made before the interrupt", o.res)
	}
}
