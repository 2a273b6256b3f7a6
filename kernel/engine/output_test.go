package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel"
)

// TestOutputOrder checks that every way a cell writes to os.Stdout reaches the cell's
// writer in program order, as `go run` prints it, and the same for os.Stderr.
func TestOutputOrder(t *testing.T) {
	e := newEngine(t)
	o := mustRun(t, e, `fmt.Println("a"); json.NewEncoder(os.Stdout).Encode(1); fmt.Println("b"); os.Stdout.Write([]byte("c\n")); fmt.Println("d")`)
	if o.stdout != "a\n1\nb\nc\nd\n" {
		t.Fatalf("stdout = %q, want a 1 b c d", o.stdout)
	}

	o = mustRun(t, e, `import (
	"bufio"
	"io"
	"log"
	"strings"
	"sync"
)
fmt.Print("1 ")
fmt.Fprintln(os.Stdout, "2")
io.Copy(os.Stdout, strings.NewReader("3\n"))
bw := bufio.NewWriter(os.Stdout)
bw.WriteString("4\n")
fmt.Printf("%d\n", 5) // before the Flush: bw holds "4"
bw.Flush()
log.SetOutput(os.Stdout)
log.SetFlags(0)
log.Print("6")
var wg sync.WaitGroup
wg.Add(1)
go func() { defer wg.Done(); fmt.Println("7") }()
wg.Wait()
os.Stdout.WriteString("8\n")
log.SetOutput(os.Stderr)`)
	if want := "1 2\n3\n5\n4\n6\n7\n8\n"; o.stdout != want {
		t.Fatalf("stdout = %q, want %q", o.stdout, want)
	}

	// stderr: os.Stderr, the standard logger's default output, fmt.Fprint.
	o = mustRun(t, e, `fmt.Fprintln(os.Stderr, "e1")
log.Print("e2")
os.Stderr.Write([]byte("e3\n"))
fmt.Println("o1")
log.Println("e4")
fmt.Fprint(os.Stderr, "e5\n")`)
	if o.stderr != "e1\ne2\ne3\ne4\ne5\n" || o.stdout != "o1\n" {
		t.Fatalf("stderr = %q, stdout = %q", o.stderr, o.stdout)
	}

	// log.Fatal writes through the same logger, after what came before it.
	o = run(t, e, `fmt.Fprintln(os.Stderr, "before")
log.SetFlags(0)
log.SetPrefix("p: ")
log.Fatal("boom")`)
	if o.err == nil || o.stderr != "before\np: boom\n" {
		t.Fatalf("log.Fatal: stderr = %q, err = %v", o.stderr, o.err)
	}
}

// TestOutputTraceNotShown checks that the panic trace yaegi prints for a failing cell is
// not part of the cell's output (it becomes the error's traceback).
func TestOutputTraceNotShown(t *testing.T) {
	e := newEngine(t)
	o := run(t, e, "fmt.Println(\"x\")\nfunc f() { var m map[string]int; m[\"a\"] = 1 }\nf()")
	if o.err == nil || o.stdout != "x\n" || o.stderr != "" {
		t.Fatalf("stdout %q, stderr %q, err %v", o.stdout, o.stderr, o.err)
	}
	if d := describe(o.err); !strings.Contains(d, "cell:") {
		t.Fatalf("the traceback lost the panic location: %s", d)
	}
}

// countingWriter checks a large output without keeping it.
type countingWriter struct {
	mu  sync.Mutex
	n   int
	bad int // bytes other than 'x'
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n += len(p)
	w.bad += len(p) - bytes.Count(p, []byte{'x'})
	return len(p), nil
}

// TestOutputLarge writes 50 MB through os.Stdout and fmt.Print.
func TestOutputLarge(t *testing.T) {
	e := newEngine(t)
	var w countingWriter
	_, err := e.Execute(context.Background(), `b := bytes.Repeat([]byte("x"), 1<<20)
for i := 0; i < 25; i++ { os.Stdout.Write(b) }
s := string(b)
for i := 0; i < 25; i++ { fmt.Print(s) }`, &kernel.CellIO{Stdout: &w})
	if err != nil {
		t.Fatal(describe(err))
	}
	if w.n != 50<<20 || w.bad != 0 {
		t.Fatalf("got %d bytes (%d not 'x'), want %d", w.n, w.bad, 50<<20)
	}
}

// TestOutputBytes checks that bytes arrive unchanged: invalid UTF-8, NUL bytes, and the
// beginning of the engine's flush token, at the end of a cell and in the middle of one.
func TestOutputBytes(t *testing.T) {
	e := newEngine(t)
	part := string(e.std.out.token[:len(e.std.out.token)/2])
	for _, s := range []string{"\xff\xfe a \x00 b\n", part, "\x00", part + "tail", "é"[:1]} {
		o := mustRun(t, e, fmt.Sprintf("os.Stdout.Write([]byte(%q))", s))
		if o.stdout != s {
			t.Fatalf("wrote %q, cell got %q", s, o.stdout)
		}
		o = mustRun(t, e, fmt.Sprintf("os.Stdout.Write([]byte(%q))\ntime.Sleep(20 * time.Millisecond)\nfmt.Print(\"|\")", s))
		if o.stdout != s+"|" {
			t.Fatalf("wrote %q then |, cell got %q", s, o.stdout)
		}
	}
}

// TestOutputConcurrentWriters checks that lines written by many goroutines at once all
// arrive whole, each goroutine's in its order.
func TestOutputConcurrentWriters(t *testing.T) {
	e := newEngine(t)
	o := mustRun(t, e, `import "sync"
var wg sync.WaitGroup
for g := 0; g < 8; g++ {
	wg.Add(1)
	go func(g int) {
		defer wg.Done()
		for i := 0; i < 500; i++ {
			if i%2 == 0 {
				fmt.Printf("g%d %d\n", g, i)
			} else {
				fmt.Fprintf(os.Stdout, "g%d %d\n", g, i)
			}
		}
	}(g)
}
wg.Wait()`)
	next := map[string]int{}
	lines := strings.Split(strings.TrimSuffix(o.stdout, "\n"), "\n")
	for _, l := range lines {
		var g string
		var i int
		if _, err := fmt.Sscanf(l, "%s %d", &g, &i); err != nil || i != next[g] {
			t.Fatalf("line %q out of order or broken (next for %s is %d)", l, g, next[g])
		}
		next[g]++
	}
	if len(lines) != 8*500 || len(next) != 8 {
		t.Fatalf("%d lines from %d goroutines", len(lines), len(next))
	}
}

// TestOutputClosedStdout checks that a cell closing os.Stdout or os.Stderr does not
// break the session: the next cell writes again.
func TestOutputClosedStdout(t *testing.T) {
	e := newEngine(t)
	mustRun(t, e, "fmt.Println(\"first\")\nos.Stdout.Close()\nos.Stderr.Close()")
	o := mustRun(t, e, "fmt.Println(\"a\")\nos.Stdout.Write([]byte(\"b\\n\"))\nfmt.Fprintln(os.Stderr, \"c\")\nlog.SetFlags(0)\nlog.Print(\"d\")")
	if o.stdout != "a\nb\n" || o.stderr != "c\nd\n" {
		t.Fatalf("after closing: stdout %q, stderr %q", o.stdout, o.stderr)
	}
	// Twice, and with the standard logger pointed at os.Stdout.
	mustRun(t, e, "log.SetOutput(os.Stdout)\nos.Stdout.Close()")
	o = mustRun(t, e, "log.Print(\"e\")\nfmt.Println(\"f\")")
	if o.stdout != "e\nf\n" {
		t.Fatalf("after closing again: stdout %q", o.stdout)
	}
}

// TestOutputAfterCell checks that what a goroutine writes after its cell returned goes
// to the cell running then, or to Options.Stdout between cells.
func TestOutputAfterCell(t *testing.T) {
	var def syncBuffer
	e, err := New(Options{Stdout: &def})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	o := mustRun(t, e, "go func() { time.Sleep(300 * time.Millisecond); fmt.Println(\"late\") }()\nfmt.Println(\"now\")")
	if o.stdout != "now\n" {
		t.Fatalf("first cell: %q", o.stdout)
	}
	o = mustRun(t, e, "time.Sleep(600 * time.Millisecond)\nfmt.Println(\"second\")")
	if o.stdout != "late\nsecond\n" {
		t.Fatalf("second cell: %q", o.stdout)
	}
	mustRun(t, e, "go func() { time.Sleep(100 * time.Millisecond); fmt.Println(\"between\") }()")
	time.Sleep(400 * time.Millisecond)
	e.SyncOutput()
	if def.String() != "between\n" {
		t.Fatalf("Options.Stdout got %q", def.String())
	}
}

// TestOutputPromptBeforeInput checks that text printed before a read of stdin has
// reached the cell's writer when the front end is asked for input.
func TestOutputPromptBeforeInput(t *testing.T) {
	e := newEngine(t)
	var out syncBuffer
	var seen string
	cio := &kernel.CellIO{Stdout: &out, Input: func(prompt string, password bool) (string, error) {
		seen = out.String()
		return "Ann", nil
	}}
	_, err := e.Execute(context.Background(), "fmt.Print(\"Name: \")\nvar s string\nfmt.Scanln(&s)\nfmt.Println(\"hi\", s)", cio)
	if err != nil || seen != "Name: " || out.String() != "Name: hi Ann\n" {
		t.Fatalf("err %v, output when asked %q, after %q", err, seen, out.String())
	}
}

// recordHandler keeps the messages of the records it handles.
type recordHandler struct {
	mu   sync.Mutex
	msgs []string
}

func (h *recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message)
	r.Attrs(func(a slog.Attr) bool { b.WriteString(" " + a.String()); return true })
	h.mu.Lock()
	h.msgs = append(h.msgs, b.String())
	h.mu.Unlock()
	return nil
}
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }
func (h *recordHandler) all() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.msgs, "\n")
}

// TestInterpreterDiagnosticsHidden checks that what yaegi logs while it compiles (its
// "nil type" log.Panic) reaches neither the cell nor the process's standard logger, but
// the engine's log at debug level; and that the process's own log lines still pass.
func TestInterpreterDiagnosticsHidden(t *testing.T) {
	h := &recordHandler{}
	var out, errb syncBuffer
	e, err := New(Options{Logger: slog.New(h), Stdout: &out, Stderr: &errb})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	f, ok := log.Writer().(*logFilter)
	if !ok {
		t.Fatalf("the standard logger writes to %T, not the engine's filter", log.Writer())
	}
	var proc syncBuffer
	next := f.next
	f.next = &proc
	defer func() { f.next = next }()

	// yaegi itself, without the engine's rewrites: ranging over a field logs "nil type".
	if _, err := e.i.Compile("var cfgT struct{ N int }"); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() { _ = recover() }() // yaegi panics after logging; compileGroup recovers too
		_, _ = e.i.Compile("for i := range cfgT.N { _ = i }")
	}()
	log.Print("process line")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(h.all(), "nil type") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(h.all(), "DEBUG interpreter log=") || !strings.Contains(h.all(), "nil type") {
		t.Fatalf("engine log: %q", h.all())
	}
	if p := proc.String(); strings.Contains(p, "nil type") || !strings.Contains(p, "process line") {
		t.Fatalf("process log: %q", p)
	}
	e.SyncOutput()
	if strings.Contains(out.String()+errb.String(), "nil type") {
		t.Fatalf("engine output: %q %q", out.String(), errb.String())
	}
}

// TestEngineChurn creates, uses and closes engines many times: their pipes and reader
// goroutines must not pile up.
func TestEngineChurn(t *testing.T) {
	use := func() {
		e, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Execute(context.Background(), "fmt.Println(1)\nfmt.Fprintln(os.Stderr, 2)\nos.Stdout.Close()", &kernel.CellIO{Stdout: io.Discard}); err != nil {
			t.Fatal(describe(err))
		}
		e.SyncOutput() // makes a new stdout pipe
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
	}
	use()
	runtime.GC()
	g0, fd0 := runtime.NumGoroutine(), openFDs()
	for i := 0; i < 30; i++ {
		use()
	}
	time.Sleep(50 * time.Millisecond)
	runtime.GC()
	g1, fd1 := runtime.NumGoroutine(), openFDs()
	if g1 > g0+5 {
		t.Errorf("goroutines: %d before, %d after 30 engines", g0, g1)
	}
	if fd0 >= 0 && fd1 > fd0+5 {
		t.Errorf("open files: %d before, %d after 30 engines", fd0, fd1)
	}
}

// openFDs counts the process's open file descriptors, or returns -1 where it cannot.
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}
