package engine

import (
	"strings"
	"testing"
	"time"
)

// keeps checks that the session still holds keep == 42 and runs cells.
func keeps(t *testing.T, e *Engine) {
	t.Helper()
	if o := run(t, e, "keep"); o.err != nil || o.res != 42 {
		t.Fatalf("after the attack: keep = %v, %v", o.res, o.err)
	}
}

func TestGuardRecursionDefaultLimit(t *testing.T) {
	e := newEngine(t)
	run(t, e, "keep := 42")
	x := execErr(t, run(t, e, "func rec(n int) int { return rec(n+1) + 1 }\nrec(0)"))
	if x.Name != "RecursionError" || !strings.Contains(x.Value, "maximum recursion depth exceeded in rec") {
		t.Fatalf("got %s: %s", x.Name, x.Value)
	}
	if tb := strings.Join(x.Traceback, "\n"); !strings.Contains(tb, "at cell:1:23 in rec") {
		t.Errorf("traceback does not point into rec:\n%s", tb)
	}
	keeps(t, e)
}

func TestGuardRecursion(t *testing.T) {
	e := newEngine(t)
	e.guard.maxDepth = 3000
	run(t, e, "keep := 42")
	for _, c := range []struct{ code, fn string }{
		{"type T struct{}\nfunc (t T) M(n int) int { return t.M(n+1) }\nT{}.M(0)", "in T.M"},
		{"func a(n int) int { return b(n) + 1 }\nfunc b(n int) int { return a(n) + 1 }\na(0)", "in "},
		{"var f func(int) int\nf = func(n int) int { return f(n) + 1 }\nf(0)", "in the function literal at cell line 2"},
		// A deferred call runs while the goroutine unwinds; its recover sees nothing.
		{"func r(n int) { defer func() { _ = recover() }(); r(n+1) }\nr(0)", "in r"},
	} {
		x := execErr(t, run(t, e, c.code))
		if x.Name != "RecursionError" || !strings.Contains(x.Value, c.fn) || !strings.Contains(x.Value, "3000 nested calls") {
			t.Errorf("%q: got %s: %s", c.code, x.Name, x.Value)
		}
		keeps(t, e)
	}
	// Recursion below the limit runs.
	if o := run(t, e, "func deep(n int) int { if n == 0 { return 0 }; return deep(n-1) + 1 }\ndeep(2000)"); o.err != nil || o.res != 2000 {
		t.Fatalf("deep(2000) = %v, %v", o.res, o.err)
	}
}

func TestGuardRecursionInGoroutine(t *testing.T) {
	e := newEngine(t)
	e.guard.maxDepth = 3000
	run(t, e, "keep := 42\nfunc rec(n int) int { return rec(n+1) + 1 }")
	o := run(t, e, "import \"sync\"\nvar wg sync.WaitGroup\nwg.Add(1)\ngo func() { defer wg.Done(); rec(0) }()\nwg.Wait()")
	if o.err != nil {
		t.Fatalf("the cell failed: %v", o.err)
	}
	if !strings.Contains(o.stderr, "RecursionError: maximum recursion depth exceeded in rec") {
		t.Fatalf("stderr = %q", o.stderr)
	}
	keeps(t, e)
}

func TestGuardAlloc(t *testing.T) {
	e := newEngine(t)
	e.guard.maxAlloc = 1 << 30
	run(t, e, "keep := 42")
	for _, c := range []struct{ code, msg string }{
		{"b := make([]byte, 20<<30)\n_ = b", "make: 20.0 GiB exceeds the allocation limit of 1.0 GiB (SLUICE_MAX_ALLOC)"},
		{"n := 20\nb := make([]int64, 1, n<<27)\n_ = b", "make: 20.0 GiB"},
		{"n := 1 << 28\nm := make(map[int64]int64, n)\n_ = m", "make: 4.0 GiB"},
		{"n := 1 << 28\nc := make(chan [16]byte, n)\n_ = c", "make: 4.0 GiB"},
		{"s := strings.Repeat(\"ab\", 20<<30)\n_ = s", "strings.Repeat: 40.0 GiB"},
		{"b := bytes.Repeat([]byte(\"ab\"), 1<<30)\n_ = b", "bytes.Repeat: 2.0 GiB"},
		{"x := 1\nfunc f(n int) []string { return make([]string, n) }\n_ = f(x << 30)", "make: 16.0 GiB"},
	} {
		x := execErr(t, run(t, e, c.code))
		if x.Name != "panic" || !strings.Contains(x.Value, c.msg) {
			t.Errorf("%q: got %s: %s", c.code, x.Name, x.Value)
		}
		keeps(t, e)
	}
	// Sizes checked before their statement, and in places where they cannot be.
	for _, c := range []struct{ code, msg string }{
		{"type box struct{ n int }\nb := &box{n: 1 << 20}\nfor i := 0; i < 2; i++ {\n\tx := make([]int64, b.n<<i*1024)\n\t_ = x\n}", "make: 8.0 GiB"},
		{"n := 1 << 31\nif len(make([]byte, n)) > 0 {\n}", "make: 2.0 GiB"},
		{"n := 1 << 31\nf := func() int { return n }\nb := make([]byte, f())\n_ = b", "make: 2.0 GiB"},
		{"n := 1 << 31\nvar b = make([]byte, 1, n)\n_ = b", "make: 2.0 GiB"},
	} {
		x := execErr(t, run(t, e, c.code))
		if x.Name != "panic" || !strings.Contains(x.Value, c.msg) {
			t.Errorf("%q: got %s: %s", c.code, x.Name, x.Value)
		}
	}
	// The cell can recover the failure as a runtime error.
	o := run(t, e, "func try() (err error) {\n\tdefer func() { err = recover().(runtime.Error) }()\n\t_ = make([]byte, 1<<40)\n\treturn nil\n}\ntry()")
	if o.err == nil || !strings.Contains(o.err.Error(), "exceeds the allocation limit") {
		t.Errorf("recovered: %v", o.err)
	}
	// Allocations below the limit are untouched.
	if o := run(t, e, "n := 1000\nb := make([]byte, n, 2*n)\nb = append(b, b...)\nlen(b) + len(strings.Repeat(\"x\", n))"); o.err != nil || o.res != 3000 {
		t.Fatalf("small allocations: %v, %v", o.res, o.err)
	}
}

func TestGuardAppend(t *testing.T) {
	e := newEngine(t)
	e.guard.maxAlloc = 1 << 20
	x := execErr(t, run(t, e, "b := make([]byte, 600<<10)\nc := make([]byte, 600<<10)\nb = append(b, c...)"))
	if !strings.Contains(x.Value, "append: 1.2 MiB exceeds the allocation limit of 1.0 MiB") || !strings.Contains(x.Value, "cell line 3") {
		t.Fatalf("got %s: %s", x.Name, x.Value)
	}
}

func TestGuardHeapWatchdog(t *testing.T) {
	e := newEngine(t)
	e.guard.maxGrowth = 64 << 20
	run(t, e, "keep := 42")
	x := execErr(t, run(t, e, "var hold [][]byte\nfor {\n\thold = append(hold, make([]byte, 1<<20))\n}"))
	if x.Name != "MemoryError" || !strings.Contains(x.Value, "SLUICE_MAX_HEAP_GROWTH") {
		t.Fatalf("got %s: %s", x.Name, x.Value)
	}
	keeps(t, e)
	run(t, e, "hold = nil")
}

func TestGuardLateGoroutinePanic(t *testing.T) {
	e := newEngine(t)
	// The goroutines wait for gate, which the test closes once their cell has ended.
	gate := make(chan bool)
	if err := e.Set("gate", gate); err != nil {
		t.Fatal(err)
	}
	o := run(t, e, "keep := 42\ngo func() { <-gate; panic(\"late\") }()")
	if o.err != nil || o.stderr != "" {
		t.Fatalf("starting cell: %v %q", o.err, o.stderr)
	}
	close(gate)
	time.Sleep(200 * time.Millisecond)
	o = run(t, e, "keep")
	if o.err != nil || o.res != 42 {
		t.Fatalf("next cell: %v %v", o.res, o.err)
	}
	want := `panic in a goroutine started by an earlier cell (the cell beginning "keep := 42"): late`
	if !strings.Contains(o.stderr, want) {
		t.Fatalf("next cell's stderr = %q, want %q", o.stderr, want)
	}
	if o = run(t, e, "1"); o.stderr != "" {
		t.Errorf("reported twice: %q", o.stderr)
	}
	// A goroutine of an earlier cell that panics while another cell runs: that cell
	// shows it on stderr and does not fail.
	gate2 := make(chan bool)
	if err := e.Set("gate2", gate2); err != nil {
		t.Fatal(err)
	}
	run(t, e, "go func() { <-gate2; var m map[int]int; m[1] = 1 }()")
	o = run(t, e, "close(gate2)\ntime.Sleep(400 * time.Millisecond)\nkeep")
	if o.err != nil || o.res != 42 || !strings.Contains(o.stderr, "assignment to entry in nil map") || !strings.Contains(o.stderr, `the cell beginning "go func()`) {
		t.Fatalf("running cell: %v %v %q", o.res, o.err, o.stderr)
	}
}

func TestGuardPanicLine(t *testing.T) {
	e := newEngine(t)
	for _, c := range []struct {
		code, where string
	}{
		{"fmt.Println(1)\nvar m map[string]int\nm[\"a\"] = 1", "cell line 3"},
		{"x := 1\nfmt.Println(x)\nvar m map[string]int\nm[\"a\"] = 1", "cell line 4"},
		{"func g() {\n\tfmt.Println(1)\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\ng()", "cell line 4"},
		{"type T struct{ a int }\nfunc (t *T) M() int {\n\tfmt.Println(1)\n\treturn t.a\n}\nvar p *T\np.M()", "cell line 4"},
		{"f := func() {\n\tfmt.Println(1)\n\tz := 0\n\t_ = 1 / z\n}\nf()", "cell line 4"},
		{"func h() int { return 1 }\nh()\nvar i any = \"s\"\n_ = i.(int)", "cell line 4"},
	} {
		x := execErr(t, run(t, e, c.code))
		if !strings.Contains(x.Value, c.where) {
			t.Errorf("%q: %s, want %s\n%s", c.code, x.Value, c.where, strings.Join(x.Traceback, "\n"))
		}
		for _, l := range x.Traceback {
			if strings.Contains(l, "at cell:1:") {
				t.Errorf("%q: a frame at line 1:\n%s", c.code, strings.Join(x.Traceback, "\n"))
			}
		}
	}
}

// A panic in a function an earlier cell declared is reported at the line of that cell,
// with that cell's source line, not against the text of the cell that called it.
func TestGuardPanicLineEarlierCell(t *testing.T) {
	e := newEngine(t)
	run(t, e, "func g() {\n\tfmt.Println(1)\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\nfunc h() {\n\tfmt.Println(1)\n\tpanic(\"boom\")\n}")
	for _, c := range []struct{ call, value, src string }{
		{"x := 1\n_ = x\ng()", "assignment to entry in nil map (line 4 of the cell that declared g)", `m["a"] = 1`},
		{"x := 1\n_ = x\nh()", "boom (line 8 of the cell that declared h)", `panic("boom")`},
	} {
		x := execErr(t, run(t, e, c.call))
		if x.Value != c.value || !strings.Contains(strings.Join(x.Traceback, "\n"), c.src) {
			t.Errorf("%q: %s\n%s", c.call, x.Value, strings.Join(x.Traceback, "\n"))
		}
	}
}

// TestGoroutinePanicBeforeDefers: a goroutine whose deferred wg.Done() wakes the cell
// panics; the cell fails at wg.Wait, and no statement after it runs (go run ends the
// program there; the deferred Done once let the cell go on first).
func TestGoroutinePanicBeforeDefers(t *testing.T) {
	e := newEngine(t)
	for i := 0; i < 20; i++ {
		o := run(t, e, "var wg sync.WaitGroup\nwg.Add(1)\ngo func() {\n\tdefer wg.Done()\n\tvar m map[string]int\n\tm[\"boom\"] = 1\n}()\nwg.Wait()\nfmt.Println(\"not reached\")")
		if o.err == nil || !strings.Contains(o.err.Error(), "assignment to entry in nil map") {
			t.Fatalf("run %d: %v", i, o.err)
		}
		if strings.Contains(o.stdout, "not reached") {
			t.Fatalf("run %d: the cell went on after the goroutine's panic: %q", i, o.stdout)
		}
	}
	// A goroutine that recovers its own panic does not fail the cell.
	o := run(t, e, "var wg2 sync.WaitGroup\nwg2.Add(1)\ngo func() {\n\tdefer wg2.Done()\n\tdefer func() { recover() }()\n\tpanic(\"handled\")\n}()\nwg2.Wait()\nfmt.Println(\"reached\")")
	if o.err != nil || !strings.Contains(o.stdout, "reached") {
		t.Fatalf("recovered in the goroutine: %v %q", o.err, o.stdout)
	}
}
