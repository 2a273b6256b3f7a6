// Guards that keep a cell from killing the kernel: a recursion limit, an allocation
// limit, a heap watchdog, and the reporting of goroutine panics after their cell ended.
// The lowering that calls these helpers is in fe_guard.go.
//
// What is not covered: allocations inside compiled code (a library function that makes a
// huge slice), memory that grows in steps smaller than the watchdog sees before the
// process runs out, and an OOM kill by the kernel's cgroup, which no code in the process
// can intercept.

package engine

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
)

// Defaults of the guards; the environment variables override them (bytes or counts).
const (
	envMaxDepth   = "SLUICE_MAX_DEPTH"       // nested interpreted calls
	envMaxAlloc   = "SLUICE_MAX_ALLOC"       // bytes of one make, append or strings.Repeat
	envMaxGrowth  = "SLUICE_MAX_HEAP_GROWTH" // bytes the heap may grow during one cell
	defaultDepth  = 100000
	framesPerCall = 2 // Go frames of one interpreted call in yaegi v0.16 (measured)
	// minStackPerCall is less than the stack bytes of one interpreted call (about 600).
	minStackPerCall = 256
	// checkEvery is how many interpreted calls pass between two stack checks; the
	// lowering tests the low bits of __sluice_calls against it.
	checkEvery = 1024
	// watchEvery is the heap watchdog's period.
	watchEvery = 50 * time.Millisecond
	// lateKeep bounds the goroutine panics kept for the next cell.
	lateKeep = 20
)

// engineGuard is the per-engine state of the guards.
type engineGuard struct {
	maxDepth  int   // nested interpreted calls
	maxAlloc  int64 // bytes of one allocation in cell code
	maxGrowth int64 // bytes of heap growth during one cell
	skip      atomic.Int64

	mu    sync.Mutex
	cell  int            // number of the running (or last) top-level cell
	heads map[int]string // first line of recent cells, by number
	late  []string       // goroutine panics that happened between cells
	lost  int            // late panics beyond lateKeep
}

// initGuard reads the limits from the environment.
func (e *Engine) initGuard() {
	g := &e.guard
	g.maxDepth = int(envInt(envMaxDepth, defaultDepth))
	mem := machineMemory()
	g.maxAlloc = envInt(envMaxAlloc, mem/4)
	g.maxGrowth = envInt(envMaxGrowth, mem/2)
	if g.heads == nil {
		g.heads = map[int]string{}
	}
}

// envInt reads a positive integer from the environment (k, M, G suffixes: KiB, MiB, GiB).
func envInt(name string, def int64) int64 {
	s := strings.TrimSpace(os.Getenv(name))
	if s == "" {
		return def
	}
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "G"), strings.HasSuffix(s, "GiB"):
		mult, s = 1<<30, strings.TrimSuffix(strings.TrimSuffix(s, "iB"), "G")
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "MiB"):
		mult, s = 1<<20, strings.TrimSuffix(strings.TrimSuffix(s, "iB"), "M")
	case strings.HasSuffix(s, "K"), strings.HasSuffix(s, "KiB"):
		mult, s = 1<<10, strings.TrimSuffix(strings.TrimSuffix(s, "iB"), "K")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return def
	}
	return n * mult
}

// machineMemory is the memory the process may use: the machine's, or its cgroup's limit
// when lower (4 GiB when neither can be read).
func machineMemory() int64 {
	mem := int64(4 << 30)
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					mem = kb << 10
				}
			}
		}
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(p); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n < mem {
				mem = n
			}
		}
	}
	return mem
}

// recursionError is the panic value of runaway recursion.
type recursionError struct {
	fn    string
	limit int
}

// Error is the message: Go has no such error (its stack overflow is fatal), so the
// message is Python's, with the function and the limit.
func (r *recursionError) Error() string {
	return fmt.Sprintf("maximum recursion depth exceeded in %s (more than %d nested calls; %s raises the limit)", r.fn, r.limit, envMaxDepth)
}

// deep is called every checkEvery interpreted calls: it stops the calling goroutine
// when its stack holds more frames than maxDepth calls make.
//
// The precise check, runtime.Callers skipping that many frames, walks the stack and
// costs about 0.13 µs a frame, so it runs only when the stacks of all goroutines
// together (a runtime metric, cheap to read) hold more than minStackPerCall bytes per
// allowed call: one interpreted call takes about 600 bytes of stack. After an expensive
// check the next ones are skipped, in proportion to its cost, but never so many that
// the recursion could go on more than a quarter of the limit unseen.
func (e *Engine) deep(fn string) {
	g := &e.guard
	if g.skip.Add(-1) >= 0 {
		return
	}
	if stackBytes() < int64(g.maxDepth)*minStackPerCall {
		return
	}
	start := time.Now()
	var pc [1]uintptr
	n := runtime.Callers(g.maxDepth*framesPerCall, pc[:])
	g.skip.Store(min(int64(time.Since(start)/(100*time.Microsecond)), int64(g.maxDepth/(4*checkEvery))))
	if n > 0 {
		g.skip.Store(0)
		e.recursionStop(&recursionError{fn: fn, limit: g.maxDepth})
	}
}

// recursionStop ends the goroutine that recursed too deep. A panic would unwind through
// every interpreted frame, and yaegi recovers and panics again in each, which takes time
// quadratic in the depth (seconds for a few thousand frames); runtime.Goexit unwinds in
// linear time, running the deferred calls (whose recover returns nil). The cell fails
// with the error when the goroutine is the cell's own; another goroutine's is reported
// like a goroutine panic.
func (e *Engine) recursionStop(re *recursionError) {
	e.cellMu.Lock()
	run := e.run
	e.cellMu.Unlock()
	if run != nil && run.gid == curGoroutineID() {
		run.fail(re)
	} else {
		e.goPanicFrom(re, 0)
	}
	runtime.Goexit()
}

// allocErr is the panic of an allocation above the limit, at cell position pos.
func (e *Engine) allocErr(what string, bytes int64, pos int) {
	panic(&runtimeErr{msg: fmt.Sprintf("runtime error: %s: %s exceeds the allocation limit of %s (%s)",
		what, byteSize(bytes), byteSize(e.guard.maxAlloc), envMaxAlloc), pos: pos})
}

// alloc checks n elements of size bytes (make's length or capacity) and returns n.
func (e *Engine) alloc(n, size int64, pos int) int {
	if n > 0 && size > 0 && n > e.guard.maxAlloc/size {
		e.allocErr("make", mulSat(n, size), pos)
	}
	return int(n)
}

// allocN checks an append of add elements to a slice of have and returns add.
func (e *Engine) allocN(have, add int, size int64, pos int) int {
	n := int64(have) + int64(add)
	if add > 0 && size > 0 && n > e.guard.maxAlloc/size {
		e.allocErr("append", mulSat(n, size), pos)
	}
	return add
}

// repeatCheck checks the result size of strings.Repeat or bytes.Repeat (fn).
func (e *Engine) repeatCheck(fn string, l, count int, pos int) {
	if l > 0 && count > 0 && int64(count) > e.guard.maxAlloc/int64(l) {
		e.allocErr(fn, mulSat(int64(l), int64(count)), pos)
	}
}

func mulSat(a, b int64) int64 {
	if a > 0 && b > (1<<63-1)/a {
		return 1<<63 - 1
	}
	return a * b
}

// byteSize formats n bytes for messages.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64) + " GiB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// stackBytes is the memory of all goroutine stacks.
func stackBytes() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}, {Name: "/memory/classes/os-stacks:bytes"}}
	metrics.Read(s)
	var n int64
	for _, x := range s {
		if x.Value.Kind() == metrics.KindUint64 {
			n += int64(x.Value.Uint64())
		}
	}
	return n
}

// heapBytes is the memory held by heap objects, live or not yet swept.
func heapBytes() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// watchHeap starts the heap watchdog of run; the returned function stops it. When the
// heap has grown by more than maxGrowth since the cell started (after a garbage
// collection confirms it), the cell fails with a MemoryError and is stopped like an
// interrupt. The watchdog is a timer that re-arms itself: a cell shorter than
// watchEvery costs one read of the heap size and a timer.
func (e *Engine) watchHeap(run *cellRun) func() {
	limit := e.guard.maxGrowth
	base := heapBytes()
	var mu sync.Mutex
	stopped := false
	var t *time.Timer
	check := func() {
		if run.ctx.Err() != nil {
			return
		}
		if grown := heapBytes() - base; grown > limit {
			runtime.GC() // garbage does not count
			if grown = heapBytes() - base; grown > limit {
				run.fail(memoryError(grown, limit))
				return
			}
		}
		mu.Lock()
		if !stopped {
			t.Reset(watchEvery)
		}
		mu.Unlock()
	}
	mu.Lock()
	t = time.AfterFunc(watchEvery, check)
	mu.Unlock()
	return func() {
		mu.Lock()
		stopped = true
		t.Stop()
		mu.Unlock()
	}
}

// memoryError is the failure of a cell the watchdog stopped.
func memoryError(grown, limit int64) error {
	return &kernel.ExecError{Name: "MemoryError",
		Value: fmt.Sprintf("the cell grew the heap by %s, more than %s allows (%s); it was stopped, session variables are kept",
			byteSize(grown), envMaxGrowth, byteSize(limit)),
		Traceback: []string{
			fmt.Sprintf("MemoryError: the heap grew by %s during this cell (limit %s, set by %s)", byteSize(grown), byteSize(limit), envMaxGrowth),
			"the cell was stopped; the kernel and its session keep running",
		}}
}

// ---- goroutine panics after their cell ----

// cellStarted numbers a top-level cell and remembers its first line.
func (e *Engine) cellStarted(code string) {
	g := &e.guard
	g.mu.Lock()
	defer g.mu.Unlock()
	g.cell++
	g.heads[g.cell] = cellHead(code)
	delete(g.heads, g.cell-1000)
}

// cellHead is the first non-blank line of a cell, shortened.
func cellHead(code string) string {
	for rest := code; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(line) > 60 {
			line = strings.ToValidUTF8(line[:57], "") + "…"
		}
		return line
	}
	return ""
}

// goCell is the number of the cell running when a goroutine starts.
func (e *Engine) goCell() int {
	e.guard.mu.Lock()
	defer e.guard.mu.Unlock()
	return e.guard.cell
}

// goPanicFrom reports a panic recovered in a goroutine that cell started: it fails that
// cell while it runs; a later cell gets it on its stderr, and between cells it waits for
// the next cell.
func (e *Engine) goPanicFrom(v any, cell int) {
	e.cellMu.Lock()
	running := e.run != nil
	e.cellMu.Unlock()
	g := &e.guard
	g.mu.Lock()
	same := running && cell != 0 && cell == g.cell
	head := g.heads[cell]
	g.mu.Unlock()
	if same {
		e.goPanic(v)
		return
	}
	from := fmt.Sprintf("an earlier cell (the cell beginning %q)", head)
	if cell == 0 {
		from = "a cell"
	}
	text := ""
	if re, ok := v.(*recursionError); ok {
		text = "RecursionError: " + re.Error()
	} else {
		text = panicText(tfStateOf(e.fe).pr, translatePanic(v))
	}
	msg := fmt.Sprintf("panic in a goroutine started by %s: %s\n[the goroutine stopped; the kernel and its session keep running]\n", from, text)
	if running {
		fmt.Fprint(e.errw, msg)
		return
	}
	g.mu.Lock()
	if len(g.late) < lateKeep {
		g.late = append(g.late, msg)
	} else {
		g.lost++
	}
	g.mu.Unlock()
}

// flushLatePanics writes the goroutine panics that happened between cells to the
// starting cell's stderr.
func (e *Engine) flushLatePanics() {
	g := &e.guard
	g.mu.Lock()
	late, lost := g.late, g.lost
	g.late, g.lost = nil, 0
	g.mu.Unlock()
	for _, m := range late {
		fmt.Fprint(e.errw, m)
	}
	if lost > 0 {
		fmt.Fprintf(e.errw, "(%d more goroutine panics were not kept)\n", lost)
	}
}

// ---- wiring ----

// guardSymbols are the compiled helpers of the guards.
func (e *Engine) guardSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{feRtPath + "/fe": {
		"Deep":   reflect.ValueOf(e.deep),
		"Alloc":  reflect.ValueOf(e.alloc),
		"AllocN": reflect.ValueOf(e.allocN),
		"Repeat": reflect.ValueOf(func(s string, count, pos int) string {
			e.repeatCheck("strings.Repeat", len(s), count, pos)
			return strings.Repeat(s, count)
		}),
		"RepeatBytes": reflect.ValueOf(func(b []byte, count, pos int) []byte {
			e.repeatCheck("bytes.Repeat", len(b), count, pos)
			return bytes.Repeat(b, count)
		}),
		"GoCell":      reflect.ValueOf(e.goCell),
		"GoPanicFrom": reflect.ValueOf(e.goPanicFrom),
	}}
}

// guardRun starts the guards of a cell run (top: not a cell run from inside another,
// such as a magic's Eval); the returned function stops them.
func (e *Engine) guardRun(run *cellRun, code string, top bool) func() {
	if top {
		e.cellStarted(code)
	}
	e.guard.skip.Store(0)
	return e.watchHeap(run)
}

// guardError converts the failure of a cell that hit the recursion limit, and puts the
// position its statements recorded on a panic that knows none. It returns nil when err
// is left to the general conversion.
func (e *Engine) guardError(code string, err error) error {
	var re *recursionError
	if errors.As(err, &re) {
		frame := re.fn
		if strings.HasPrefix(frame, "the function literal") {
			frame = "func"
		} else if i := strings.LastIndex(frame, "."); i >= 0 {
			frame = frame[i+1:]
		}
		f, line, col, ok := e.markedPos("panic: main." + frame + "(...)")
		tb := []string{"RecursionError: " + re.Error()}
		if ok && f.code == code {
			tb = append(tb, fmt.Sprintf("  at cell:%d:%d in %s", line, col, re.fn))
			tb = append(tb, sourceLine(code, line, col)...)
		} else if ok {
			tb = append(tb, fmt.Sprintf("  at line %d:%d of the cell that declared %s", line, col, re.fn))
			tb = append(tb, sourceLine(f.code, line, col)...)
		}
		tb = append(tb, "the cell stopped; the kernel and its session keep running")
		return &kernel.ExecError{Name: "RecursionError", Value: re.Error(), Traceback: tb}
	}
	var p interpPanic
	if !errors.As(err, &p) {
		return nil
	}
	switch p.Value.(type) {
	case symbols.ExitError, symbols.FatalError, uncheckedErr, unsupportedAtRun:
		return nil
	}
	v := translatePanic(p.Value)
	e.cellMu.Lock()
	var top string
	if e.run != nil && len(e.run.trace) > 0 {
		top = e.run.trace[0]
	}
	e.cellMu.Unlock()
	known := panicPosOf(p.Value) | panicPosOf(v) // the helpers' own position
	f, line, col, marked := e.markedPos(top)
	pos := known
	if pos == 0 && marked {
		pos = line<<16 | col
	}
	if !marked {
		f, marked = guardStateOf(e.fe).latest(frameName(top))
		if f.cell {
			f.code = code // the cell's own function is this cell's
		}
	}
	if !marked || pos == 0 {
		return nil
	}
	line, col = pos>>16, pos&(1<<16-1)
	if f.code == code {
		if known == 0 {
			if m := posRE.FindStringSubmatch(top); m != nil {
				e.cellMu.Lock()
				if e.run != nil && len(e.run.trace) > 0 && e.run.trace[0] == top {
					e.run.trace[0] = fmt.Sprintf("_.go:%d:%d: %s", line, col, m[3])
				}
				e.cellMu.Unlock()
			}
		}
		return nil
	}
	// The panic happened in a function an earlier cell declared: its position is in that
	// cell's text, not in this one.
	e.cellMu.Lock()
	if e.run != nil {
		e.run.trace = nil
	}
	e.cellMu.Unlock()
	text := ""
	if cp, ok := p.Value.(*cellPanic); ok {
		text = cp.Error()
	} else {
		text = panicText(tfStateOf(e.fe).pr, v)
	}
	fn := frameName(top)
	where := fmt.Sprintf("line %d of the cell that declared %s", line, fn)
	tb := append([]string{"panic: " + text, fmt.Sprintf("  at line %d:%d of the cell that declared %s", line, col, fn)},
		sourceLine(f.code, line, col)...)
	return &kernel.ExecError{Name: "panic", Value: text + " (" + where + ")", Traceback: tb}
}

// frameName is the function of a trace line ("_.go:L:C: panic: main.f(...)" → "f").
func frameName(top string) string {
	fn := top
	if i := strings.Index(fn, "panic: "); i >= 0 {
		fn = fn[i+len("panic: "):]
	}
	fn = strings.TrimSuffix(strings.TrimSpace(fn), "(...)")
	if i := strings.LastIndex(fn, "."); i >= 0 {
		fn = fn[i+1:]
	}
	return fn
}

// markedPos returns the position the last marked statement recorded, with its
// function, when that function is the one of the trace's innermost frame (top).
func (e *Engine) markedPos(top string) (f guardFunc, line, col int, ok bool) {
	rv, found := e.globals()[lineVar]
	if !found || !rv.CanInt() {
		return f, 0, 0, false
	}
	mark := rv.Int()
	f, found = guardStateOf(e.fe).funcAt(int(mark >> 32))
	if !found {
		return f, 0, 0, false
	}
	if fn := frameName(top); fn != f.name && !(f.cell && (fn == cellFunc || fn == "func")) {
		return f, 0, 0, false
	}
	pos := int(mark & (1<<32 - 1))
	return f, pos >> 16, pos & (1<<16 - 1), true
}
