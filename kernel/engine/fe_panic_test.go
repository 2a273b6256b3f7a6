package engine

import (
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// panicPrograms are run compiled (go build) and in the engine (the whole program as one
// cell): standard output, standard error (print and println) and, for a program that
// ends in a panic, Go's "panic: …" line must be the same.
var panicPrograms = map[string]string{
	"recovered_values": `package main

import (
	"errors"
	"fmt"
	"runtime"
)

type Code int

type myErr struct{ msg string }

func (e myErr) Error() string { return "myErr: " + e.msg }

func catch(name string, f func()) {
	defer func() {
		r := recover()
		_, isRT := r.(runtime.Error)
		_, isInt := r.(int)
		_, isStr := r.(string)
		err, isErr := r.(error)
		fmt.Println(name, r, isRT, isInt, isStr, isErr, err != nil && errors.Is(err, errSentinel))
	}()
	f()
}

var errSentinel = errors.New("sentinel")

func main() {
	catch("int", func() { panic(42) })
	catch("string", func() { panic("text") })
	catch("error", func() { panic(fmt.Errorf("wrapped: %w", errSentinel)) })
	// A cell type's value is recovered in yaegi's representation: r.(Code) and r.(int)
	// are both true, and r.(error) is false for a cell error type (as for any
	// interpreted value in an interface{}); printing it uses its methods.
	func() {
		defer func() { r := recover(); _, ok := r.(myErr); fmt.Println(r, ok) }()
		panic(myErr{"m"})
	}()
	func() {
		defer func() { r := recover(); _, ok := r.(Code); fmt.Println(r, ok) }()
		panic(Code(7))
	}()
	fmt.Println("not panicking:", recover())
	func() {
		defer func() { fmt.Printf("%T %v\n", recover(), "kept its type") }()
		panic(42)
	}()
}
`,
	"runtime_errors": `package main

import "fmt"

func try(name string, f func()) {
	defer func() { fmt.Println(name, recover()) }()
	f()
}

func main() {
	a := [5]int{1, 2, 3, 4, 5}
	s := a[1:4]
	str := "hello"
	p := &a
	lo, hi, mx, neg, big := 2, 1, 3, -1, 10
	fmt.Println(a[:2], s[:cap(s)], s[1:], str[1:], str[:2], p[1:3], a[lo:], s[:mx], s[1:2:mx])
	try("array hi", func() { _ = a[:big] })
	try("pointer hi", func() { _ = p[:big] })
	try("string hi", func() { _ = str[:big] })
	try("slice hi", func() { _ = s[:big] })
	try("lo > hi", func() { _ = s[lo:hi] })
	try("lo > len", func() { _ = s[big:] })
	try("string lo > len", func() { _ = str[big:] })
	try("negative lo", func() { _ = s[neg:] })
	try("negative hi", func() { _ = s[:neg] })
	try("3 max", func() { _ = s[1:2:big] })
	try("3 hi > max", func() { _ = s[1 : mx+1 : mx] })
	try("3 lo > hi", func() { _ = s[mx:lo:mx] })
	try("3 array max", func() { _ = a[1:2:big] })
	try("index", func() { _ = s[big] })
	try("negative index", func() { _ = s[neg] })
	try("string index", func() { _ = str[big] })
	try("array index", func() { _ = a[big] })
	try("pointer index", func() { _ = p[big] })
	try("constant index", func() { var e []int; _ = e[0] })
	var m map[string]int
	try("nil map", func() { m["a"] = 1 })
	try("make len", func() { _ = make([]int, neg) })
	try("make cap", func() { _ = make([]int, mx, lo) })
	var np *struct{ v int }
	try("nil pointer", func() { _ = np.v })
	var i any = "s"
	try("assertion", func() { _ = i.(int) })
	try("conversion", func() { _ = [8]int(s) })
	try("pointer conversion", func() { _ = (*[8]int)(s) })
	var f func()
	try("nil func", func() { f() })
	var ch chan int
	try("close nil", func() { close(ch) })
	try("divide", func() { zero := 0; _ = 1 / zero })
	for i := range s {
		s[i]++
	}
	for i := 0; i < len(s); i++ {
		s[i] *= 2
	}
	fmt.Println(s, a)
}
`,
	"print_builtins": `package main

import (
	"fmt"
	"math"
)

func main() {
	println("to stderr", 1, true, -7, uint8(200))
	print("no newline", 2, "\n")
	println(1.5, -0.25, float32(3.1), 1e100, 0.0, math.Inf(-1), math.NaN())
	println(complex(1, -2), complex64(complex(0.5, 3)))
	fmt.Println("stdout")
}
`,
	"defer_order": `package main

import "fmt"

var depth int

func counted() {
	depth++
	defer fmt.Println("deferred at depth", depth)
	if depth < 3 {
		counted()
	}
}

func main() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	x := 1
	defer fmt.Println("x at defer time:", x)
	x = 2
	defer func() { fmt.Println("x in closure:", x) }()
	counted()
	func() {
		defer func() { fmt.Println("nil func:", recover()) }()
		callNil()
	}()
}

var nilF func(int) int

func callNil() {
	defer nilF(1)
	fmt.Println("in callNil")
}
`,
	"uncaught_named": `package main

type Code int

func main() { panic(Code(7)) }
`,
	"uncaught_float": `package main

func main() { panic(1.5) }
`,
	"uncaught_named_string": `package main

type S string

func main() { panic(S("multi\nline")) }
`,
	"uncaught_error": `package main

type myErr struct{ msg string }

func (e *myErr) Error() string { return "myErr: " + e.msg }

func main() {
	var err error = &myErr{"bad"}
	panic(err)
}
`,
	"uncaught_stringer": `package main

import "time"

func main() { panic(3 * time.Second) }
`,
	"uncaught_index": `package main

import "fmt"

func main() {
	xs := []int{1, 2, 3}
	i := 5
	fmt.Println("indexing", len(xs))
	fmt.Println(xs[i])
}
`,
	"uncaught_nil_map": `package main

func main() {
	var m map[int]int
	m[1] = 2
}
`,
}

var panicLineRE = regexp.MustCompile(`(?m)^panic: (.*?)(?: \[recovered\])?$`)

func TestPanicDifferential(t *testing.T) {
	names, bin := buildGoPrograms(t, panicPrograms)
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			cmd := exec.Command(filepath.Join(bin, n))
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			runErr := cmd.Run()
			wantPanic := ""
			if runErr != nil {
				m := panicLineRE.FindStringSubmatch(stderr.String())
				if m == nil {
					t.Fatalf("compiled program failed without a panic: %v\n%s", runErr, stderr.String())
				}
				wantPanic = m[1]
				// Only print's output is compared on stderr.
				stderr.Reset()
			}
			e := newEngine(t)
			got := run(t, e, panicPrograms[n])
			gotPanic := ""
			if got.err != nil {
				var x *kernel.ExecError
				if !errors.As(got.err, &x) || x.Name != "panic" {
					t.Fatalf("engine: %s", describe(got.err))
				}
				gotPanic = regexp.MustCompile(` \(cell line \d+\)$`).ReplaceAllString(x.Value, "")
				// go run's first line is compared (a multi-line value goes on indented).
				gotPanic, _, _ = strings.Cut(gotPanic, "\n")
			}
			if gotPanic != wantPanic {
				t.Errorf("panic: go run %q, engine %q", wantPanic, gotPanic)
			}
			if got.stdout != stdout.String() {
				t.Errorf("stdout differs\n--- go run:\n%s--- engine:\n%s", stdout.String(), got.stdout)
			}
			if runErr == nil && got.stderr != stderr.String() {
				t.Errorf("stderr differs\n--- go run:\n%s--- engine:\n%s", stderr.String(), got.stderr)
			}
		})
	}
}

// TestPanicLine checks that an uncaught panic is reported at its own line, in the
// function that panicked.
func TestPanicLine(t *testing.T) {
	e := newEngine(t)
	o := run(t, e, "func f(xs []int, i int) int {\n\tn := len(xs)\n\t_ = n\n\treturn xs[i]\n}\nf([]int{1}, 3)")
	var x *kernel.ExecError
	if !errors.As(o.err, &x) {
		t.Fatalf("want a panic, got %v", o.err)
	}
	if x.Value != "runtime error: index out of range [3] with length 1 (cell line 4)" {
		t.Errorf("value %q", x.Value)
	}
	if len(x.Traceback) < 2 || !strings.Contains(x.Traceback[1], "cell:4:") || !strings.Contains(x.Traceback[1], " in f") {
		t.Errorf("traceback %q", x.Traceback)
	}
	o = run(t, e, "func g() {\n\tdefer func() {}()\n\tpanic(\"here\")\n}\ng()")
	if !errors.As(o.err, &x) || x.Value != "here (cell line 3)" {
		t.Errorf("got %v", o.err)
	}
}

// TestExitSkipsDefers checks that os.Exit and log.Fatal stop the cell at once: deferred
// calls do not run, the cell fails with Exit or Fatal, and the session goes on.
func TestExitSkipsDefers(t *testing.T) {
	e := newEngine(t)
	o := run(t, e, "import (\"fmt\"; \"os\")\nfunc main() {\n\tdefer fmt.Println(\"deferred\")\n\tfmt.Println(\"before\")\n\tos.Exit(3)\n\tfmt.Println(\"after\")\n}")
	var x *kernel.ExecError
	if !errors.As(o.err, &x) || x.Name != "Exit" || !strings.Contains(x.Value, "os.Exit(3)") {
		t.Fatalf("got %v", o.err)
	}
	if o.stdout != "before\n" {
		t.Errorf("stdout %q", o.stdout)
	}
	o = run(t, e, "import \"log\"\nfunc() {\n\tdefer fmt.Println(\"deferred\")\n\tlog.Fatal(\"fatal\")\n}()")
	if !errors.As(o.err, &x) || x.Name != "Fatal" || x.Value != "fatal" {
		t.Fatalf("got %v", o.err)
	}
	if o.stdout != "" || !strings.Contains(o.stderr, "fatal") {
		t.Errorf("stdout %q stderr %q", o.stdout, o.stderr)
	}
	o = mustRun(t, e, "fmt.Println(\"still here\")")
	if o.stdout != "still here\n" {
		t.Errorf("stdout %q", o.stdout)
	}
}

// TestCheckedIndexLowering checks where the front end checks indices: not in loops that
// cannot go out of range, not for constant array indices.
func TestCheckedIndexLowering(t *testing.T) {
	e := newEngine(t)
	cases := []struct {
		code    string
		checked bool
	}{
		{"xs := []int{1, 2}\ni := 1\n_ = xs[i]", true},
		{"xs := []int{1, 2}\n_ = xs[1]", true},
		{"var a [3]int\n_ = a[2]", false},
		{"xs := []int{1, 2}\nfor i := range xs { xs[i]++ }", false},
		{"xs := []int{1, 2}\nfor i := 0; i < len(xs); i++ { xs[i]++ }", false},
		{"xs := []int{1, 2}\nfor i := 0; i < len(xs); i++ { xs = xs[:1]; xs[i]++ }", true},
		{"m := map[int]int{}\nk := 1\n_ = m[k]", false},
	}
	for _, c := range cases {
		src := lowerCode(t, e, c.code)
		if got := strings.Contains(src, feRtPkg+".Ix("); got != c.checked {
			t.Errorf("%s: checked %v, want %v\n%s", c.code, got, c.checked, src)
		}
	}
}

// lowerCode returns the lowered source of a cell, failing the test when the cell does
// not lay out, check or lower.
func lowerCode(t *testing.T, e *Engine, code string) string {
	t.Helper()
	lay, err := layoutCell(code)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	tc, err := e.typeCheck(lay)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	src, _, _, err := e.lowerCell(tc, false, false)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return src
}
