package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
)

// execErr returns the cell's *kernel.ExecError or fails the test.
func execErr(t *testing.T, o cellOut) *kernel.ExecError {
	t.Helper()
	var x *kernel.ExecError
	if !errors.As(o.err, &x) {
		t.Fatalf("want a *kernel.ExecError, got %v (result %q)", o.err, text(o.res))
	}
	return x
}

// TestTrailingCallError checks that a trailing call's error fails the cell and that its
// other result is shown when the error is nil.
func TestTrailingCallError(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, `import ("errors"; "fmt"; "os")
type Conn struct{ Name string }
func open(name string) (*Conn, error) {
	if name == "" {
		return nil, errors.New("no name given")
	}
	return &Conn{name}, nil
}
func check(ok bool) error {
	if !ok {
		return fmt.Errorf("check failed: %w", os.ErrNotExist)
	}
	return nil
}
func pair() (int, string) { return 1, "a" }`)

	if got := text(mustRun(t, e, `open("db")`).res); got != "&{db}" {
		t.Fatalf("(T, nil) result = %q, want &{db}", got)
	}
	if got := text(mustRun(t, e, "strconv.Atoi(\"42\")").res); got != "42" {
		t.Fatalf("strconv.Atoi result = %q, want 42", got)
	}
	o := run(t, e, "x := 1\n\nopen(\"\")")
	x := execErr(t, o)
	if x.Name != "Error" || x.Value != "no name given" {
		t.Fatalf("ename/evalue = %q/%q", x.Name, x.Value)
	}
	if tb := strings.Join(x.Traceback, "\n"); !strings.Contains(tb, `open("") at cell line 3`) {
		t.Fatalf("traceback %q does not name the call and line", tb)
	}
	x = execErr(t, run(t, e, `os.Open("/nonexistent/sluice")`))
	if x.Name != "*fs.PathError" || !strings.Contains(x.Value, "no such file") {
		t.Fatalf("ename/evalue = %q/%q", x.Name, x.Value)
	}

	// A call returning only an error.
	if o := mustRun(t, e, "check(true)"); o.res != nil {
		t.Fatalf("nil error shows %q", text(o.res))
	}
	x = execErr(t, run(t, e, "check(false)"))
	if !strings.Contains(x.Value, "check failed: file does not exist") {
		t.Fatalf("evalue = %q", x.Value)
	}

	// Print-style calls show nothing; other multi-value calls keep the tuple.
	if o := mustRun(t, e, `fmt.Println("hi")`); o.res != nil || o.stdout != "hi\n" {
		t.Fatalf("Println: result %q, stdout %q", text(o.res), o.stdout)
	}
	if got := text(mustRun(t, e, "pair()").res); got != `(1, "a")` {
		t.Fatalf("tuple = %q", got)
	}
	// A Write-style call that fails fails the cell.
	mustRun(t, e, "tf, _ := os.CreateTemp(\"\", \"sluice-engine-*\")\ntf.Close()")
	if x := execErr(t, run(t, e, `tf.WriteString("late")`)); !strings.Contains(x.Value, "file already closed") {
		t.Fatalf("failed write: %q", x.Value)
	}
	mustRun(t, e, "os.Remove(tf.Name())")
	// The magics' Session.Eval and Eval (user_expressions) report the error too.
	if _, err := e.Session().Eval(context.Background(), `open("")`); err == nil || !strings.Contains(err.Error(), "no name given") {
		t.Fatalf("Session.Eval error = %v", err)
	}
	if v, err := e.Eval(context.Background(), `open("x")`); err != nil || text(v) != "&{x}" {
		t.Fatalf("Eval = %v, %v", v, err)
	}
	// Building an error is not failing.
	if got := text(mustRun(t, e, `errors.New("just a value")`).res); got != "just a value" {
		t.Fatalf("errors.New result = %q", got)
	}
	// Errors of cell-defined types.
	mustRun(t, e, "type MyErr struct{ N int }\nfunc (m MyErr) Error() string { return fmt.Sprint(\"my \", m.N) }\nfunc f() (int, error) { return 0, MyErr{3} }\nfunc g() error { return &MyErr{4} }")
	for code, want := range map[string]string{"f()": "my 3", "g()": "my 4"} {
		if x := execErr(t, run(t, e, code)); x.Name != "Error" || x.Value != want {
			t.Fatalf("%s: ename/evalue = %q/%q", code, x.Name, x.Value)
		}
	}
	if got := text(mustRun(t, e, "MyErr{5}").res); got != "my 5" {
		t.Fatalf("error value of a cell type shows %q", got)
	}
	// A variable holding an error is shown, not raised.
	if got := text(mustRun(t, e, "_, e2 := open(\"\")\ne2").res); got != "no name given" {
		t.Fatalf("error variable shows %q", got)
	}
}

// TestUnreadErr checks the err convenience: a non-nil err the cell assigned and never
// read fails the cell; a handled or passed-on err does not.
func TestUnreadErr(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, `import "errors"
func get(ok bool) (int, error) {
	if !ok {
		return 0, errors.New("lookup failed")
	}
	return 7, nil
}
func report(err error) string { if err != nil { return "handled" }; return "fine" }`)

	x := execErr(t, run(t, e, "a := 1\nv, err := get(false)\nb := 2"))
	if x.Value != "err is set: lookup failed (assigned at line 2)" || x.Name != "Error" {
		t.Fatalf("unread err: %q %q", x.Name, x.Value)
	}
	// Plain assignment to the existing err, too.
	x = execErr(t, run(t, e, "v, err = get(false)"))
	if !strings.Contains(x.Value, "assigned at line 1") {
		t.Fatalf("unread err (=): %q", x.Value)
	}
	// nil err: fine, and the cell's result is shown.
	if got := text(mustRun(t, e, "v, err := get(true)\nv").res); got != "7" {
		t.Fatalf("result = %q", got)
	}
	// Cells that read err after assigning it are never failed by the check.
	for _, code := range []string{
		"v, err := get(false)\nif err != nil {\n\tv = -1\n}\nv",
		"v, err := get(false)\nmsg := report(err)\nmsg",
		"v, err := get(false)\nerr",
		"v, err := get(false)\nfmt.Println(\"got\", v, err)",
		"v, err := get(false)\nfunc() { _ = err }()",
	} {
		if o := run(t, e, code); o.err != nil {
			t.Fatalf("%q failed: %s", code, describe(o.err))
		}
	}
	// A cell-defined error type.
	mustRun(t, e, "type E2 struct{}\nfunc (E2) Error() string { return \"e2 failed\" }\nfunc h() error { return E2{} }")
	if x := execErr(t, run(t, e, "err := h()")); x.Value != "err is set: e2 failed (assigned at line 1)" {
		t.Fatalf("cell type err: %q", x.Value)
	}
	// When the cell fails later (here a nil pointer), the unread err is named as the cause.
	mustRun(t, e, "type Box struct{ N int }\nfunc openBox(ok bool) (*Box, error) { if !ok { return nil, errors.New(\"no box\") }; return &Box{1}, nil }")
	x = execErr(t, run(t, e, "b, err := openBox(false)\nn := b.N"))
	if tb := strings.Join(x.Traceback, "\n"); !strings.Contains(tb, "err is set: no box (assigned at line 1)") {
		t.Fatalf("panic after unread err: traceback %q", tb)
	}
	// The value that came with the error is nil; showing it must not hide the error.
	mustRun(t, e, "import \"strings\"\nfunc mk() (*strings.Builder, error) { return nil, errors.New(\"no builder\") }")
	if x := execErr(t, run(t, e, "sb, err := mk()\nsb")); x.Value != "err is set: no builder (assigned at line 1)" {
		t.Fatalf("nil value with err: %q", x.Value)
	}
	// err left non-nil by an earlier cell does not fail a cell that does not assign it.
	mustRun(t, e, "v, err := get(false)\n_ = err")
	mustRun(t, e, "w := 3\nw")
	// A selector named err is not a read of the variable.
	mustRun(t, e, "type R struct{ err error }")
	execErr(t, run(t, e, "r := R{}\nv, err := get(false)\n_ = r.err"))
}

// TestHandleOfCellType checks that display.Handle's Show and Update render a cell-defined
// type through its HTML and Markdown methods, for a handle made in the same cell, kept in
// a session variable, or passed to a function.
func TestHandleOfCellType(t *testing.T) {
	e := newEngine(t)
	var shown []display.Bundle
	var updates []bool
	old := display.SetPublisher(publisherFunc2(func(b display.Bundle, id string, update bool) {
		shown = append(shown, b)
		updates = append(updates, update)
	}))
	defer display.SetPublisher(old)
	mustRun(t, e, `import "github.com/sluice-dev/sluice/display"
type Badge struct{ Name string }
func (b Badge) HTML() string { return "<b>" + b.Name + "</b>" }
type Note struct{ S string }
func (n Note) Markdown() string { return "*" + n.S + "*" }
func refresh(h *display.Handle, s string) { h.Update(Note{s}) }`)
	mustRun(t, e, "h := display.NewHandle()\nh.Show(Badge{\"one\"})")
	mustRun(t, e, `h.Update(Badge{"two"})`)
	mustRun(t, e, `refresh(h, "three")`)
	mustRun(t, e, `display.NewHandle().Show(Note{"four"})`)
	want := []struct {
		mime, data string
		update     bool
	}{
		{display.MIMEHTML, "<b>one</b>", false},
		{display.MIMEHTML, "<b>two</b>", true},
		{display.MIMEMarkdown, "*three*", true},
		{display.MIMEMarkdown, "*four*", false},
	}
	if len(shown) != len(want) {
		t.Fatalf("published %d bundles, want %d: %v", len(shown), len(want), shown)
	}
	for i, w := range want {
		if got := shown[i].Data[w.mime]; got != w.data || updates[i] != w.update {
			t.Fatalf("bundle %d: %s = %v (update %v), want %q (update %v); bundle %v", i, w.mime, got, updates[i], w.data, w.update, shown[i].Data)
		}
	}
	// A Show method of another type is left alone.
	if got := text(mustRun(t, e, "type Shower struct{}\nfunc (Shower) Show(n int) int { return n * 2 }\nShower{}.Show(21)").res); got != "42" {
		t.Fatalf("other Show = %q", got)
	}
}

type publisherFunc2 func(display.Bundle, string, bool)

func (f publisherFunc2) Publish(b display.Bundle, id string, update bool) error {
	f(b, id, update)
	return nil
}
func (f publisherFunc2) Clear(bool) error { return nil }
