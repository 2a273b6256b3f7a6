// Package engine is the language half of the Sluice kernel: it evaluates Go cells with the
// yaegi interpreter and implements kernel.Engine and magics.Session.
//
// yaegi lags the Go language, so the engine parses every cell with go/parser, rewrites it
// (range over int, min/max/clear, goroutine panics, time.Sleep that honours interrupts,
// redefinitions that rebind their callers, the trailing expression's value) and hands the
// rewritten source to yaegi one group of declarations or statements at a time. See
// README.md for the supported Go subset.
package engine

import (
	"context"
	"errors"
	"fmt"
	"go/types"
	"io"
	"log/slog"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
	"github.com/sluice-dev/sluice/magics"
)

// Options configure an Engine.
type Options struct {
	// Stdout and Stderr receive output written outside any cell (and by cells run
	// through Eval). They default to io.Discard.
	Stdout, Stderr io.Writer
	// Env, when set, is a private environment for cells (os.Getenv/Setenv); nil means
	// cells use the process environment, shared with compiled libraries and magics.
	Env []string
	// Display shows a bundle in the running cell's output; magics use it for intermediate
	// results. Nil writes the bundle's text/plain form to the cell's stdout.
	Display func(display.Bundle) error
	// StuckGrace is how long Execute waits, after an interrupt, for the interpreter to
	// stop before it reports that the cell is stuck in a compiled call (default 500 ms).
	StuckGrace time.Duration
	// Logger receives the engine's diagnostics (default slog.Default()).
	Logger *slog.Logger
	// MagicState is the session's connections, %sql settings and caches (default: a
	// new one, closed with the engine; one given here is the caller's to close).
	MagicState *magics.State
}

// ErrStuck is wrapped in the error Execute returns when an interrupted cell keeps running
// inside a compiled call that cannot be cancelled (it stops at its next interpreted step).
var ErrStuck = errors.New("the interrupted cell is still running inside a compiled call that cannot be cancelled")

// Engine evaluates Go cells in one interpreter session.
type Engine struct {
	// callback: the function a widget or comm callback runs through (callback.go).
	callback callbackState
	// goCells: the cell that started each running cell goroutine, by goroutine number.
	goCells sync.Map

	opts Options
	log  *slog.Logger
	// magicState is the session's connections, %sql settings and caches: cells and
	// magics run under a context bound to it, so engines in one process keep apart.
	magicState *magics.State

	out  *switchWriter
	errw *switchWriter
	in   *inputReader
	std  *stdio     // the interpreter's os.Stdout and os.Stderr (output.go)
	stop stopSignal // tells helpers that an interrupted cell's interpreter stopped (interrupt.go)

	i       *interp.Interpreter
	names   map[string]*name // session-defined names
	decls   []*storedDecl    // declarations in definition order
	imports map[string]string
	order   []string // variable names in declaration order
	seq     int

	noop   *interp.Program // an empty program; running it sizes the global frame
	packFn reflect.Value   // e.pack, one value so that MapTypes can key it
	textFn reflect.Value   // e.text, likewise

	cellMu sync.Mutex
	run    *cellRun // the running cell, nil between cells

	// fe is the typed front end's knowledge of the session; importer gives it the
	// packages cells can import.
	fe       *frontEnd
	importer types.ImporterFrom
	// instNames maps generated type names to the names Go prints (main.Stack[int]).
	instNames map[string]string
	// pending are declaration cells waiting for names a later cell defines.
	pending  []pendingDecl
	retrying bool

	guard engineGuard // recursion, allocation and heap limits; late goroutine panics (guard.go)

	debug debugState // the debugger: cells' source paths, the attached session (debug*.go)
}

// name is a session-defined identifier.
type name struct {
	kind string // "var", "const", "func", "type"
	seq  int
}

// storedDecl is a declaration kept for re-evaluation when something it uses is
// redefined.
type storedDecl struct {
	names []string
	kind  string
	src   string
	check string // src as later cells are checked against it (see declForChecking)
	refs  map[string]bool
	seq   int
}

// cellRun is the state of the running cell.
type cellRun struct {
	ctx    context.Context
	cancel context.CancelFunc
	gid    string
	trace  []string // panic locations printed by the interpreter
	vals   []any    // values of the trailing expression
	text   *string  // text of the trailing expression's value, see Engine.text
	mu     sync.Mutex
	err    error // first goroutine panic
}

func (r *cellRun) fail(err error) {
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.mu.Unlock()
	r.cancel()
}

func (r *cellRun) failure() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

var (
	_ kernel.Engine  = (*Engine)(nil)
	_ magics.Session = session{}
)

// New returns an engine with a fresh interpreter session.
func New(opts Options) (*Engine, error) {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.StuckGrace <= 0 {
		opts.StuckGrace = 500 * time.Millisecond
	}
	e := &Engine{opts: opts, log: opts.Logger, magicState: opts.MagicState}
	if e.magicState == nil {
		e.magicState = magics.NewState()
	}
	if e.log == nil {
		e.log = slog.Default()
	}
	e.out = &switchWriter{def: opts.Stdout}
	e.in = &inputReader{flush: e.syncOutput}
	e.errw = &switchWriter{def: opts.Stderr}
	e.initGuard()
	if err := e.startIO(); err != nil {
		return nil, err
	}
	if err := e.reset(); err != nil {
		e.closeIO()
		return nil, err
	}
	return e, nil
}

// reset builds a new interpreter and loads the symbol tables and the prelude.
func (e *Engine) reset() error {
	// Without Options.Env, cells share the process environment with the compiled
	// libraries they call (os.Setenv("SLUICE_DSN", …) then qs.Open sees it, and %env
	// changes are visible to cells). os.Exit and log.Fatal stay restricted either way:
	// the symbol tables replace them.
	// Cells write to the engine's pipes (output.go); yaegi's own stderr carries only its
	// panic traces.
	i := interp.New(interp.Options{
		Stdin:        e.in,
		Stdout:       e.std.out,
		Stderr:       interpStderr{e},
		Env:          e.opts.Env,
		Unrestricted: e.opts.Env == nil,
		Args:         []string{"sluice"},
	})
	if err := i.Use(symbols.Symbols); err != nil {
		return fmt.Errorf("load symbols: %w", err)
	}
	if err := i.Use(e.stdioSymbols()); err != nil {
		return fmt.Errorf("load stdio symbols: %w", err)
	}
	if !e.packFn.IsValid() {
		e.packFn = reflect.ValueOf(e.pack)
		e.textFn = reflect.ValueOf(e.text)
	}
	mt := map[reflect.Value][]reflect.Type{e.packFn: richTypes, richFn: richTypes, e.textFn: textTypes, joinFn: {reflect.TypeFor[error]()}}
	if err := i.Use(map[string]map[string]reflect.Value{".": {"MapTypes": reflect.ValueOf(mt)}}); err != nil {
		return fmt.Errorf("load map types: %w", err)
	}
	if err := i.Use(e.runtimeSymbols()); err != nil {
		return fmt.Errorf("load runtime symbols: %w", err)
	}
	if err := i.Use(e.fatalSymbols()); err != nil {
		return fmt.Errorf("load log symbols: %w", err)
	}
	if err := i.Use(e.feSymbols()); err != nil {
		return fmt.Errorf("load front-end symbols: %w", err)
	}
	if err := i.Use(e.fmtSymbols()); err != nil {
		return fmt.Errorf("load formatting symbols: %w", err)
	}
	if err := i.Use(e.ifaceSymbols()); err != nil {
		return fmt.Errorf("load interface symbols: %w", err)
	}
	if err := i.Use(e.panicSymbols()); err != nil {
		return fmt.Errorf("load panic symbols: %w", err)
	}
	if err := i.Use(e.guardSymbols()); err != nil {
		return fmt.Errorf("load guard symbols: %w", err)
	}
	if e.importer == nil {
		e.importer = newImporter()
	}
	e.fe = newFrontEnd(e.importer)
	e.fe.nameFor = e.nameFor
	e.pending = nil
	e.instNames = map[string]string{}
	e.i = i
	noop, err := i.Compile("package main")
	if err != nil {
		return fmt.Errorf("compile: %w", err)
	}
	e.noop = noop
	e.names = map[string]*name{}
	e.decls = nil
	e.imports = map[string]string{}
	e.order = nil
	if _, err := e.compileRun(context.Background(), prelude); err != nil {
		return fmt.Errorf("load prelude: %w", err)
	}
	return nil
}

// fatalSymbols makes log.Fatal* report a cell error instead of panicking with a string.
func (e *Engine) fatalSymbols() map[string]map[string]reflect.Value {
	fatal := func(msg string) {
		if !strings.HasSuffix(msg, "\n") {
			msg += "\n"
		}
		e.logFatal(msg)
		panic(symbols.FatalError{Message: strings.TrimSuffix(msg, "\n")})
	}
	return map[string]map[string]reflect.Value{"log/log": {
		"Fatal":   reflect.ValueOf(func(v ...any) { fatal(fmt.Sprint(v...)) }),
		"Fatalf":  reflect.ValueOf(func(f string, v ...any) { fatal(fmt.Sprintf(f, v...)) }),
		"Fatalln": reflect.ValueOf(func(v ...any) { fatal(fmt.Sprintln(v...)) }),
	}}
}

// compileRun compiles and runs whole-file source (used for the prelude).
func (e *Engine) compileRun(ctx context.Context, src string) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("interpreter panic: %v", r)
		}
	}()
	prog, err := e.i.Compile(src)
	if err != nil {
		return v, err
	}
	return e.i.ExecuteWithContext(ctx, prog)
}

// Close releases the interpreter. The engine must not be used afterwards.
func (e *Engine) Close() error {
	e.cellMu.Lock()
	if e.run != nil {
		e.run.cancel()
	}
	e.cellMu.Unlock()
	e.closeIO()
	e.i = nil
	if e.opts.MagicState == nil {
		e.magicState.Close()
	}
	return nil
}

// Execute runs one cell: magic cells go to magics.Handle, Go cells to the interpreter.
func (e *Engine) Execute(ctx context.Context, code string, cio *kernel.CellIO) (any, error) {
	if cio == nil {
		cio = &kernel.CellIO{}
	}
	restore := e.switchIO(cio)
	defer restore()
	e.flushLatePanics()
	if magics.IsMagic(code) {
		env := &magics.Env{Session: e.Session(), Stdout: e.out, Stderr: e.errw, Display: e.displayFunc(), Input: cio.Input}
		res, _, err := magics.Handle(e.magicState.Bind(ctx), env, code)
		if err != nil {
			return nil, toExecError(code, err)
		}
		return res, nil
	}
	defer e.enterCell(ctx, code)()
	cv, err := e.runCell(ctx, code, true)
	if err != nil {
		return nil, err
	}
	return resultOf(code, cv)
}

func (e *Engine) displayFunc() func(display.Bundle) error {
	if e.opts.Display != nil {
		return e.opts.Display
	}
	return func(b display.Bundle) error {
		if s, ok := b.Data[display.MIMEText].(string); ok {
			_, err := fmt.Fprintln(e.out, s)
			return err
		}
		return nil
	}
}

// switchIO directs interpreter output to cio until the returned func is called.
func (e *Engine) switchIO(cio *kernel.CellIO) func() {
	po, pe := e.out.set(cio.Stdout), e.errw.set(cio.Stderr)
	pi := e.in.set(cio.Input)
	return func() { e.syncOutput(); e.out.set(po); e.errw.set(pe); e.in.set(pi) }
}

// Eval evaluates code (statements ending in an expression) for user_expressions and
// returns the expression's value.
func (e *Engine) Eval(ctx context.Context, expr string) (any, error) {
	cv, err := e.runCell(ctx, expr, true)
	if err != nil {
		return nil, err
	}
	return resultOf(expr, cv)
}

// Session returns the engine's interpreter session as magics see it. (kernel.Engine and
// magics.Session both name a method Eval, with different results, so the session is a
// view of the engine rather than the engine itself.)
func (e *Engine) Session() magics.Session { return session{e} }

// session adapts Engine to magics.Session.
type session struct{ e *Engine }

// Eval evaluates Go code in the session and returns the last expression's value.
func (s session) Eval(ctx context.Context, code string) (reflect.Value, error) {
	cv, err := s.e.runCell(ctx, code, true)
	if err != nil {
		return reflect.Value{}, err
	}
	v, err := resultOf(code, cv)
	if err != nil {
		return reflect.Value{}, err
	}
	if v == nil {
		return reflect.Value{}, nil
	}
	return reflect.ValueOf(v), nil
}

func (s session) Set(name string, value any) error { return s.e.Set(name, value) }
func (s session) Vars() []magics.Var               { return s.e.Vars() }
func (s session) Reset() error                     { return s.e.Reset() }

// Vars lists the session's variables in declaration order.
func (e *Engine) Vars() []magics.Var {
	g := e.globals()
	var res []magics.Var
	for _, n := range e.order {
		v, ok := g[n]
		if !ok || strings.HasPrefix(n, hiddenPrefix) || n == "ctx" {
			continue
		}
		res = append(res, magics.Var{Name: n, Type: typeString(v), Value: short(v)})
	}
	return res
}

// Reset forgets every cell-defined name by starting a new interpreter session.
func (e *Engine) Reset() error { return e.reset() }

// Set binds name to value in the session.
func (e *Engine) Set(name string, value any) error {
	if !isIdent(name) {
		return fmt.Errorf("set %q: not a Go identifier", name)
	}
	if value == nil {
		return fmt.Errorf("set %s: nil value has no type", name)
	}
	rv := reflect.ValueOf(value)
	if cur, ok := e.globals()[name]; ok && cur.CanSet() && cur.Type() == rv.Type() {
		cur.Set(rv)
		return nil
	}
	return e.setTyped(name, rv)
}

// globals returns the session's global variables and constants. After a failed compile
// yaegi may know globals it has no storage for yet; running an empty program sizes the
// global frame.
func (e *Engine) globals() (g map[string]reflect.Value) {
	for try := 0; try < 2; try++ {
		func() {
			defer func() {
				if r := recover(); r != nil {
					g = nil
				}
			}()
			g = e.i.Globals()
		}()
		if g != nil {
			return g
		}
		_, _ = e.i.Execute(e.noop)
	}
	return map[string]reflect.Value{}
}

// Session-facing helpers for the front end.

func (e *Engine) global(n string) bool {
	if _, ok := e.names[n]; ok {
		return true
	}
	return n == "ctx"
}

func (e *Engine) typeGlobal(n string) bool {
	nm, ok := e.names[n]
	return ok && nm.kind == "type"
}

// define records that names were (re)defined and returns those that existed before.
func (e *Engine) define(kind string, names ...string) (redefined []string) {
	for _, n := range names {
		if n == "_" || strings.Contains(n, ".") {
			continue
		}
		e.seq++
		if old, ok := e.names[n]; ok {
			redefined = append(redefined, n)
			old.kind, old.seq = kind, e.seq
			if kind == "var" || kind == "const" {
				e.moveToEnd(n)
			}
			continue
		}
		e.names[n] = &name{kind: kind, seq: e.seq}
		if kind == "var" || kind == "const" {
			e.order = append(e.order, n)
		}
	}
	return redefined
}

func (e *Engine) moveToEnd(n string) {
	for i, o := range e.order {
		if o == n {
			e.order = append(e.order[:i], e.order[i+1:]...)
			break
		}
	}
	e.order = append(e.order, n)
}

// typeString renders a variable's type.
func typeString(v reflect.Value) string {
	if !v.IsValid() {
		return "invalid"
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		return v.Elem().Type().String()
	}
	return v.Type().String()
}

// short renders a value on one line, at most 80 characters.
func short(v reflect.Value) string {
	if !v.IsValid() || !v.CanInterface() {
		return "?"
	}
	s := fmt.Sprintf("%v", v.Interface())
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 80 {
		cut := 77
		for cut > 0 && !utf8.RuneStart(s[cut]) { // never split a character
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127 || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return true
}

// sortedNames returns the session's visible names.
func (e *Engine) sortedNames() []string {
	var res []string
	for n := range e.names {
		if !strings.HasPrefix(n, hiddenPrefix) {
			res = append(res, n)
		}
	}
	res = append(res, "ctx")
	sort.Strings(res)
	return res
}

// currentCtx returns the running cell's context, or a background one.
func (e *Engine) currentCtx() context.Context {
	e.cellMu.Lock()
	defer e.cellMu.Unlock()
	if e.run != nil {
		return e.run.ctx
	}
	return context.Background()
}

// switchWriter forwards writes to the current cell's writer.
type switchWriter struct {
	mu  sync.Mutex
	w   io.Writer
	def io.Writer
}

func (s *switchWriter) set(w io.Writer) io.Writer {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.w
	s.w = w
	return old
}

func (s *switchWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	w := s.w
	if w == nil {
		w = s.def
	}
	s.mu.Unlock()
	return w.Write(p)
}

// inputReader is the interpreter's standard input: each line is asked from the front
// end through the running cell's CellIO.Input (fmt.Scan, bufio on os.Stdin).
type inputReader struct {
	flush   func() // delivers pending output first, so that a printed prompt shows
	mu      sync.Mutex
	input   func(prompt string, password bool) (string, error)
	pending []byte
	gen     int // counts set calls: a line asked for by an earlier cell is not kept
}

func (r *inputReader) set(f func(string, bool) (string, error)) func(string, bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.input
	r.input = f
	r.pending = nil
	r.gen++
	return old
}

// Read returns buffered input, or asks for a new line. The lock is not held while
// asking: a read left waiting by a goroutine of a finished cell must not keep the next
// set (the end of the cell) waiting for an answer.
func (r *inputReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	if len(r.pending) > 0 {
		n := copy(p, r.pending)
		r.pending = r.pending[n:]
		r.mu.Unlock()
		return n, nil
	}
	input, gen := r.input, r.gen
	r.mu.Unlock()
	if input == nil {
		return 0, errNoInput
	}
	if r.flush != nil {
		r.flush()
	}
	line, err := input("", false)
	if err != nil {
		return 0, err
	}
	b := []byte(line + "\n")
	n := copy(p, b)
	r.mu.Lock()
	if r.gen == gen {
		r.pending = append(r.pending, b[n:]...)
	}
	r.mu.Unlock()
	return n, nil
}

var errNoInput = errors.New("standard input is not available: the front end did not allow input for this cell")
