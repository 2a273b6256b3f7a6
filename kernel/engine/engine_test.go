package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
)

// syncBuffer is a goroutine-safe buffer for cell output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

type cellOut struct {
	res    any
	err    error
	stdout string
	stderr string
}

func run(t testing.TB, e *Engine, code string) cellOut {
	t.Helper()
	var out, errb syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := e.Execute(ctx, code, &kernel.CellIO{Stdout: &out, Stderr: &errb})
	return cellOut{res, err, out.String(), errb.String()}
}

// mustRun runs code and fails the test on a cell error.
func mustRun(t testing.TB, e *Engine, code string) cellOut {
	t.Helper()
	o := run(t, e, code)
	if o.err != nil {
		t.Fatalf("cell %q failed: %v", code, describe(o.err))
	}
	return o
}

func describe(err error) string {
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x.Name + ": " + x.Value + "\n" + strings.Join(x.Traceback, "\n")
	}
	return err.Error()
}

func text(v any) string {
	if v == nil {
		return "<no result>"
	}
	s, _ := display.Render(v).Data[display.MIMEText].(string)
	return s
}

// TestCells runs sequences of cells in one session and checks each cell's result text,
// output or error.
func TestCells(t *testing.T) {
	type step struct {
		code   string
		want   string // text of the result; "<no result>" for none
		stdout string // substring of stdout, when set
		errSub string // substring of the error, when the cell must fail
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"expression result", []step{{code: "1 + 2", want: "3"}, {code: `x := 40` + "\n" + `x + 2`, want: "42"}}},
		{"trailing Println has no result", []step{{code: `fmt.Println("hi")`, want: "<no result>", stdout: "hi\n"}}},
		{"call returning nothing has no result", []step{{code: "func f() {}\nf()", want: "<no result>"}}},
		{"multi-value result is a tuple", []step{{code: `import "strings"` + "\n" + `strings.Cut("a,b", ",")`, want: `("a", "b", true)`}}},
		{"variables persist", []step{{code: "n := 5", want: "<no result>"}, {code: "n * 2", want: "10"}}},
		{"range over int literal", []step{{code: "s := 0\nfor i := range 4 { s += i }\ns", want: "6"}}},
		{"range over int variable and expression", []step{
			{code: "n := 3\nc := 0\nfor range n { c++ }\nfor i := range n + 1 { c += i }\nc", want: "9"},
			{code: "func sum(k int) int { t := 0; for i := range k { t += i }; return t }\nsum(5)", want: "10"},
			{code: "m := 0\nfor i := range len([]int{1, 2, 3}) { m = i }\nm", want: "2"},
		}},
		{"range over int field and call", []step{
			{code: "type Cfg struct{ N int }\ncfg := Cfg{N: 3}\nfunc three() int { return 3 }\nc := 0\nfor i := range cfg.N { c += i }\nfor range three() { c++ }\nc", want: "6"},
			{code: "func count(c Cfg) int { t := 0; for range c.N { t++ }; return t }\ncount(cfg)", want: "3"},
		}},
		{"range over slice untouched", []step{{code: "t := 0\nfor _, v := range []int{1, 2, 3} { t += v }\nt", want: "6"}}},
		{"min max constants", []step{
			{code: "min(3, 1, 2)", want: "1"},
			{code: "max(1, 2.5)", want: "2.5"},
			{code: "var f float64 = min(1, 2.5)\nf", want: "1"},
		}},
		{"min max variables", []step{
			{code: "a, b := 3, 7\nfunc lo() int { return min(a, b) }\nlo()", want: "3"},
			{code: "max(a, b)", want: "7"},
			{code: `max("x", "y")`, want: "y"},
		}},
		{"clear", []step{
			{code: `m := map[string]int{"a": 1}` + "\nclear(m)\nlen(m)", want: "0"},
			{code: "s := []int{1, 2}\nclear(s)\ns[1]", want: "0"},
		}},
		{"redefinition rebinds callers", []step{
			{code: "func f() int { return 1 }\nfunc g() int { return f() * 10 }", want: "<no result>"},
			{code: "g()", want: "10"},
			{code: "func f() int { return 2 }", want: "<no result>"},
			{code: "g()", want: "20"},
		}},
		{"redefined variable seen by functions", []step{
			{code: "x := 1\nfunc getX() int { return x }", want: "<no result>"},
			{code: "x := 2", want: "<no result>"},
			{code: "getX()", want: "2"},
			{code: "x = 3\ngetX()", want: "3"},
		}},
		{"redefined type keeps its methods", []step{
			{code: "type T struct{ A int }\nfunc (t T) Get() int { return t.A }", want: "<no result>"},
			{code: "type T struct{ A, B int }", want: "<no result>"},
			{code: "T{A: 4, B: 5}.Get()", want: "4"},
		}},
		{"re-running a cell", []step{
			{code: "import \"fmt\"\ntype P struct{ X int }\nfunc (p P) String() string { return fmt.Sprint(\"P\", p.X) }\np := P{1}\np.X", want: "1"},
			{code: "import \"fmt\"\ntype P struct{ X int }\nfunc (p P) String() string { return fmt.Sprint(\"P\", p.X) }\np := P{1}\np.X", want: "1"},
			{code: "p", want: "P1"},
		}},
		{"compile error has cell position", []step{{code: "x := 1\ny := undefinedName + x", errSub: "2:6: undefined: undefinedName"}}},
		{"syntax error has cell position", []step{{code: "a := 1\nb := (a +", errSub: "2:"}}},
		{"runtime panic", []step{{code: "var s []int\n_ = s\nfunc boom() { panic(\"boom\") }\nboom()", errSub: "boom"}, {code: "1", want: "1"}}},
		{"goroutine panic becomes the cell's error", []step{
			{code: "done := make(chan bool)\ngo func() { panic(\"in goroutine\") }()\ntime.Sleep(200 * time.Millisecond)", errSub: "in goroutine"},
			{code: "40 + 2", want: "42"},
		}},
		{"goroutine with arguments", []step{
			{code: "ch := make(chan int, 1)\nfunc send(c chan int, v int) { c <- v }\nv := 7\ngo send(ch, v)\n<-ch", want: "7"},
		}},
		{"os.Exit is a cell error", []step{
			{code: "keep := 9", want: "<no result>"},
			{code: "import \"os\"\nos.Exit(3)", errSub: "os.Exit(3)"},
			{code: "keep", want: "9"},
		}},
		{"log.Fatal is a cell error", []step{{code: "import \"log\"\nlog.Fatal(\"bad thing\")", errSub: "bad thing"}, {code: "2", want: "2"}}},
		{"range over func", []step{
			{code: "func seq(yield func(int) bool) { yield(1); yield(2) }\nn := 0\nfor v := range seq { n += v }\nn", want: "3"},
			{code: "import \"maps\"\nc := 0\nfor k := range maps.Keys(map[int]int{1: 1, 2: 2}) { c += k }\nc", want: "3"},
		}},
		{"iterator functions", []step{
			{code: "import \"maps\"\nks := maps.Keys(map[string]int{\"a\": 1})", want: "<no result>"},
			{code: "slices.Collect(ks)", want: "[a]"},
		}},
		{"generics that work", []step{
			{code: "func Map[T, U any](s []T, f func(T) U) []U { r := []U{}; for _, v := range s { r = append(r, f(v)) }; return r }\nlen(Map([]int{1, 2}, func(i int) int { return i * 2 }))", want: "2"},
			{code: "func Sum[T int | float64](xs []T) T { var t T; for _, x := range xs { t += x }; return t }\nSum([]float64{1.5, 2})", want: "3.5"},
		}},
		{"comma-ok forms at top level", []step{
			{code: "var v any = 3\nm := map[string]int{\"a\": 1}\nkeys := []string{\"a\", \"b\"}", want: "<no result>"},
			{code: "n, ok := v.(int)\nn + 1", want: "4"},
			{code: "val, found := m[\"a\"]\nfound", want: "true"},
			{code: "cnt := 0\nfor _, k := range keys { if _, ok := m[k]; ok { cnt++ } }\ncnt", want: "1"},
			{code: "switch x := v.(type) {\ncase int:\n\tfmt.Println(\"int\", x)\n}", want: "<no result>", stdout: "int 3"},
		}},
		{"min max at top level keep types", []step{
			{code: "a, b := 3, 7\nm := min(a, b)\nm", want: "3"},
			{code: "f := max(2.5, float64(a))\nf", want: "3"},
			{code: "s := 0\nfor i := range 3 { s += min(i, 1) }\ns", want: "2"},
		}},
		{"generics in later cells", []step{
			{code: "func G[T int | float64](a, b T) T { if a > b { return a }; return b }", want: "<no result>"},
			{code: "G(1.5, 0.5)", want: "1.5"},
			{code: "G(1, 2)", want: "2"},
			{code: "r := func() int { return G(2, 3) }()\nr", want: "3"},
			{code: "r2 := G(2, 3)\nr2", want: "3"},
		}},
		{"slices sorting and searching", []step{
			{code: "import \"slices\"\nys := []int{3, 1, 2}\nslices.Sort(ys)\nys", want: "[1 2 3]"},
			{code: "slices.Max(ys) + slices.Min(ys)", want: "4"},
			{code: "slices.SortFunc(ys, func(a, b int) int { return b - a })\nys", want: "[3 2 1]"},
			{code: "i, found := slices.BinarySearch([]string{\"a\", \"c\"}, \"c\")\nfmt.Sprint(i, found)", want: "1 true"},
			{code: "slices.Contains(ys, 2)", want: "true"},
		}},
		{"a whole program", []step{{code: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"from main\")\n}", want: "<no result>", stdout: "from main"}}},
		{"ctx is per cell", []step{
			{code: "import \"context\"\nctx = context.WithValue(ctx, \"k\", \"v\")\nctx.Value(\"k\")", want: "v"},
			{code: "ctx.Value(\"k\") == nil", want: "true"},
		}},
		{"auto import", []step{{code: `strings.ToUpper("go")`, want: "GO"}}},
		{"ctx is predeclared", []step{{code: "ctx.Err() == nil", want: "true"}}},
		{"mixed declarations and statements", []step{
			{code: "const K = 2\ntype Num int\nv := Num(K)\nfunc (n Num) Double() Num { return n * 2 }\nv.Double()", want: "4"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEngine(t)
			for i, s := range c.steps {
				o := run(t, e, s.code)
				if s.errSub != "" {
					if o.err == nil {
						t.Fatalf("step %d: %q succeeded with %q; want error containing %q", i, s.code, text(o.res), s.errSub)
					}
					if d := describe(o.err); !strings.Contains(d, s.errSub) {
						t.Fatalf("step %d: error %q does not contain %q", i, d, s.errSub)
					}
					continue
				}
				if o.err != nil {
					t.Fatalf("step %d: %q failed: %s\nstderr: %s", i, s.code, describe(o.err), o.stderr)
				}
				if got := text(o.res); got != s.want {
					t.Fatalf("step %d: %q = %q, want %q", i, s.code, got, s.want)
				}
				if s.stdout != "" && !strings.Contains(o.stdout, s.stdout) {
					t.Fatalf("step %d: stdout %q does not contain %q", i, o.stdout, s.stdout)
				}
			}
		})
	}
}

// TestInterrupt checks that an interrupt stops a busy loop, a long sleep and a channel
// wait within about a second, and that the session keeps its variables.
func TestInterrupt(t *testing.T) {
	cells := []string{"for {}", "time.Sleep(time.Hour)", "c := make(chan int)\n<-c", "for { x++ }"}
	e := newEngine(t)
	mustRun(t, e, "x := 41")
	for _, code := range cells {
		t.Run(code, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				_, err := e.Execute(ctx, code, &kernel.CellIO{})
				done <- err
			}()
			time.Sleep(100 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want it to wrap context.Canceled", err)
				}
				if errors.Is(err, ErrStuck) {
					t.Fatalf("cell reported stuck: %v", err)
				}
			case <-time.After(1500 * time.Millisecond):
				t.Fatal("Execute did not return within 1.5s of the interrupt")
			}
			o := mustRun(t, e, "x >= 41")
			if text(o.res) != "true" {
				t.Fatalf("session lost x: %v", text(o.res))
			}
		})
	}
}

// TestStuckNativeCall checks that a cell blocked in a compiled call that ignores the
// context is reported as stuck.
func TestStuckNativeCall(t *testing.T) {
	e, err := New(Options{StuckGrace: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	// A mutex locked twice blocks inside sync, which the interpreter cannot interrupt.
	_, err = e.Execute(ctx, "import \"sync\"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()", &kernel.CellIO{})
	if !errors.Is(err, ErrStuck) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrStuck and context.Canceled", err)
	}
	var x *kernel.ExecError
	if !errors.As(err, &x) || x.Name != "StuckInNativeCall" {
		t.Fatalf("errors.As(*kernel.ExecError) = %v", x)
	}
}

// TestDisplayOfCellType checks that a type defined in a cell with an HTML method is
// rendered as HTML, as the result and through display.Show.
func TestDisplayOfCellType(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, `import "github.com/sluice-dev/sluice/display"
type Badge struct{ Name string }
func (b Badge) HTML() string { return "<b>" + b.Name + "</b>" }
func (b Badge) String() string { return "badge " + b.Name }`)
	o := mustRun(t, e, `Badge{"gold"}`)
	b := display.Render(o.res)
	if got := b.Data[display.MIMEHTML]; got != "<b>gold</b>" {
		t.Fatalf("text/html = %v (bundle %v)", got, b.Data)
	}
	if got := b.Data[display.MIMEText]; got != "badge gold" {
		t.Fatalf("text/plain = %v", got)
	}
	var shown []display.Bundle
	old := display.SetPublisher(publisherFunc(func(b display.Bundle) { shown = append(shown, b) }))
	defer display.SetPublisher(old)
	mustRun(t, e, `display.Show(Badge{"silver"})`)
	if len(shown) != 1 || shown[0].Data[display.MIMEHTML] != "<b>silver</b>" {
		t.Fatalf("display.Show published %v", shown)
	}
}

// TestCompositeOfCellType checks that a type defined in a cell with a DisplayParts
// method is shown as its parts (a line above a table), as the result and through
// display.Show.
func TestCompositeOfCellType(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, `import (
	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)
type Report struct{ Title string; T *table.Table }
func (r Report) DisplayParts() []any { return []any{r.Title, r.T} }`)
	mustRun(t, e, `t := table.New(table.IntColumn("n", []int64{7, 8}))`)
	o := mustRun(t, e, `Report{"two rows", t}`)
	b := display.Render(o.res)
	html, _ := b.Data[display.MIMEHTML].(string)
	if !strings.HasPrefix(html, "<p>two rows</p>") || !strings.Contains(html, "<table") {
		t.Fatalf("text/html = %q", html)
	}
	if txt, _ := b.Data[display.MIMEText].(string); !strings.HasPrefix(txt, "two rows\n") || !strings.Contains(txt, "8") {
		t.Fatalf("text/plain = %q", txt)
	}
	var shown []display.Bundle
	old := display.SetPublisher(publisherFunc(func(b display.Bundle) { shown = append(shown, b) }))
	defer display.SetPublisher(old)
	mustRun(t, e, `display.Show(Report{"shown", t})`)
	if len(shown) != 1 || !strings.HasPrefix(fmt.Sprint(shown[0].Data[display.MIMEHTML]), "<p>shown</p>") {
		t.Fatalf("display.Show published %v", shown)
	}
}

type publisherFunc func(display.Bundle)

func (f publisherFunc) Publish(b display.Bundle, id string, update bool) error { f(b); return nil }
func (f publisherFunc) Clear(bool) error                                       { return nil }

func TestSessionSetVars(t *testing.T) {
	e := newEngine(t)
	s := e.Session()
	if err := s.Set("rows", []map[string]any{{"a": 1}}); err != nil {
		t.Fatal(err)
	}
	o := mustRun(t, e, "len(rows)")
	if text(o.res) != "1" {
		t.Fatalf("len(rows) = %v", text(o.res))
	}
	mustRun(t, e, "total := 3.5")
	vars := s.Vars()
	got := fmt.Sprint(vars)
	if !strings.Contains(got, "rows") || !strings.Contains(got, "{total float64 3.5}") {
		t.Fatalf("Vars = %v", got)
	}
	v, err := s.Eval(context.Background(), "total * 2")
	if err != nil || fmt.Sprint(v.Interface()) != "7" {
		t.Fatalf("Eval = %v, %v", v, err)
	}
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	if o := run(t, e, "total"); o.err == nil {
		t.Fatal("total survived Reset")
	}
}

func TestComplete(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "import \"fmt\"\nmyVariable := 1\ntype Point struct{ X, Y int }\npt := Point{}")
	cases := []struct {
		code       string
		want       string
		start, end int
	}{
		{"fmt.Pr", "Printf", 4, 6},
		{"myVa", "myVariable", 0, 4},
		{"x := 1\nfor", "for", 7, 10},
		{"strings.Has", "HasPrefix", 8, 11},
		{"pt.", "X", 3, 3},
		{"ret", "return", 0, 3},
		{"le", "len", 0, 2},
	}
	for _, c := range cases {
		m, s, en := e.Complete(context.Background(), c.code, len(c.code))
		if s != c.start || en != c.end {
			t.Errorf("%q: range [%d,%d), want [%d,%d)", c.code, s, en, c.start, c.end)
		}
		found := false
		for _, x := range m {
			if x == c.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: matches %v lack %q", c.code, m, c.want)
		}
	}
}

func TestInspect(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "import \"strings\"\ncount := 12")
	b, ok := e.Inspect(context.Background(), "strings.ToUpper(x)", 10, 0)
	if !ok || !strings.Contains(b.Data[display.MIMEText].(string), "func ToUpper(string) string") {
		t.Fatalf("inspect strings.ToUpper = %v, %v", b.Data, ok)
	}
	if !strings.Contains(b.Data[display.MIMEText].(string), "upper case") && stdDoc("strings", "") != "" {
		t.Fatalf("inspect strings.ToUpper has no documentation: %v", b.Data)
	}
	b, ok = e.Inspect(context.Background(), "count + 1", 2, 0)
	if !ok || !strings.Contains(b.Data[display.MIMEText].(string), "count int") || !strings.Contains(b.Data[display.MIMEText].(string), "12") {
		t.Fatalf("inspect count = %v, %v", b.Data, ok)
	}
	if _, ok := e.Inspect(context.Background(), "nosuchname", 3, 0); ok {
		t.Fatal("inspect of an unknown name found something")
	}
}

func TestIsComplete(t *testing.T) {
	e := newEngine(t)
	cases := []struct{ code, status, indent string }{
		{"x := 1", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"for i := 0; i < 3; i++ {\n\tfmt.Println(i)", "incomplete", "\t"},
		{"s := `raw", "incomplete", ""},
		{"x := )", "invalid", ""},
		{"%%sql\nSELECT 1", "complete", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
	}
	for _, c := range cases {
		st, ind := e.IsComplete(c.code)
		if st != c.status || ind != c.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", c.code, st, ind, c.status, c.indent)
		}
	}
}

func TestStdin(t *testing.T) {
	e := newEngine(t)
	var prompts int
	cio := &kernel.CellIO{Input: func(prompt string, password bool) (string, error) {
		prompts++
		return "21", nil
	}}
	res, err := e.Execute(context.Background(), "var n int\nfmt.Scan(&n)\nn * 2", cio)
	if err != nil || text(res) != "42" || prompts != 1 {
		t.Fatalf("Scan: res %v, err %v, prompts %d", text(res), err, prompts)
	}
	o := run(t, e, "var k int\n_, err := fmt.Scan(&k)\nerr")
	if o.err != nil || !strings.Contains(text(o.res), "not available") {
		t.Fatalf("Scan without input: %v %v", text(o.res), o.err)
	}
}

// BenchmarkExecuteTrivial measures the engine's share of a trivial execute round trip.
func BenchmarkExecuteTrivial(b *testing.B) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	for b.Loop() {
		if _, err := e.Execute(context.Background(), "1 + 1", cio); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExecuteLoop measures an interpreted loop of 100,000 iterations.
func BenchmarkExecuteLoop(b *testing.B) {
	e := newEngine(b)
	cio := &kernel.CellIO{}
	for b.Loop() {
		if _, err := e.Execute(context.Background(), "s := 0\nfor i := range 100000 { s += i }\ns", cio); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew measures starting a session (symbol tables and prelude).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		e, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

// TestEnvironmentShared checks that os.Setenv in a cell is seen by compiled code.
func TestEnvironmentShared(t *testing.T) {
	t.Setenv("SLUICE_ENGINE_TEST_VAR", "")
	e := newEngine(t)
	mustRun(t, e, "import \"os\"\nos.Setenv(\"SLUICE_ENGINE_TEST_VAR\", \"on\")")
	if got := os.Getenv("SLUICE_ENGINE_TEST_VAR"); got != "on" {
		t.Fatalf("process sees %q after os.Setenv in a cell", got)
	}
}

// TestCompiledRichValues checks that values of compiled display types keep their own
// rendering (a chart as PNG and SVG, a table as HTML).
func TestCompiledRichValues(t *testing.T) {
	e := newEngine(t)
	o := mustRun(t, e, "import \"github.com/sluice-dev/sluice/display\"\ndisplay.BarChart([]string{\"a\", \"b\"}, []float64{1, 2}, display.ChartOptions{Title: \"t\"})")
	b := display.Render(o.res)
	if _, ok := b.Data[display.MIMEPNG]; !ok {
		t.Fatalf("chart result lacks image/png: %v", b.Data[display.MIMEText])
	}
	o = mustRun(t, e, "tb := display.NewTable(display.IntColumn(\"n\", []int64{1, 2}))\ntb")
	if html, _ := display.Render(o.res).Data[display.MIMEHTML].(string); !strings.Contains(html, "<table") {
		t.Fatalf("table result lacks HTML: %q", html)
	}
}

// A goroutine the cell left reading os.Stdin must not keep the cell from returning while
// its input request waits for an answer.
func TestCellReturnsWhileGoroutineWaitsForInput(t *testing.T) {
	e := newEngine(t)
	asked := make(chan struct{}, 1)
	release := make(chan struct{})
	defer close(release)
	cio := &kernel.CellIO{Input: func(prompt string, password bool) (string, error) {
		asked <- struct{}{}
		<-release
		return "", errors.New("cell over")
	}}
	done := make(chan error, 1)
	go func() {
		_, err := e.Execute(context.Background(),
			"go func() { var s string; fmt.Scanln(&s) }()\ntime.Sleep(300 * time.Millisecond)", cio)
		done <- err
	}()
	select {
	case <-asked:
	case <-time.After(10 * time.Second):
		t.Fatal("the goroutine's Scanln asked for no input")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("cell: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the cell did not return while a goroutine it left waited for input")
	}
}

func TestShortKeepsCharactersWhole(t *testing.T) {
	s := short(reflect.ValueOf(strings.Repeat("é", 60)))
	if !utf8.ValidString(s) || !strings.HasSuffix(s, "...") || len(s) > 80 {
		t.Fatalf("short = %q", s)
	}
}
