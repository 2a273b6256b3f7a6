package engine

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/display"
)

const (
	rtPath      = "sluice.internal/rt"
	setPath     = "sluice.internal/set"
	setPkg      = "__sluice_set"
	displayPath = "github.com/sluice-dev/sluice/display"
)

// prelude is interpreted once per session: the helpers the rewrites call.
const prelude = `package main

import (
	__sluice_context "context"
	__sluice_rt "sluice.internal/rt"
	__sluice_set "sluice.internal/set"
)

// ctx is the running cell's context: it is cancelled when the cell is interrupted.
var ctx __sluice_context.Context = __sluice_rt.Background()

// Counted calls and the position of the statement last started (guard.go, fe_guard.go).
var __sluice_calls, __sluice_ln int

type __sluice_ord interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

// The type parameters have hidden names: yaegi puts a generic function's type parameter
// into the package scope, where a cell's own type T declared after a variable of it
// resolved to the parameter ("nil reflect type").
func __sluice_min[__sluice_T __sluice_ord](x __sluice_T, ys ...__sluice_T) __sluice_T {
	for _, y := range ys {
		if y < x || y != y {
			x = y
		}
	}
	return x
}

func __sluice_max[__sluice_T __sluice_ord](x __sluice_T, ys ...__sluice_T) __sluice_T {
	for _, y := range ys {
		if y > x || y != y {
			x = y
		}
	}
	return x
}

`

// Rich is a cell result whose interpreted type renders itself: the engine collects its
// representations inside the interpreter (where its methods are visible) into a bundle.
type Rich struct {
	B   display.Bundle
	err error // the value when its type implements error, for a trailing call's result
}

// Bundle implements display.Bundler.
func (r Rich) Bundle() display.Bundle { return r.B }

// String returns the text/plain representation.
func (r Rich) String() string {
	s, _ := r.B.Data[display.MIMEText].(string)
	return s
}

// Tuple is the result of a trailing call with several results, shown as (a, b, c).
type Tuple []any

// String formats the tuple like a Go expression list.
func (t Tuple) String() string {
	var b bytes.Buffer
	b.WriteByte('(')
	for i, v := range t {
		if i > 0 {
			b.WriteString(", ")
		}
		if s, ok := v.(string); ok {
			b.WriteString(strconv.Quote(s))
			continue
		}
		fmt.Fprint(&b, v)
	}
	b.WriteByte(')')
	return b.String()
}

// GoPanicError is a panic in a goroutine started by a cell.
type GoPanicError struct {
	Value any
	Stack string
}

func (e *GoPanicError) Error() string { return fmt.Sprintf("panic in goroutine: %v", e.Value) }

// runtimeSymbols returns the compiled helpers the rewritten cells call, bound to e.
func (e *Engine) runtimeSymbols() map[string]map[string]reflect.Value {
	rt := map[string]reflect.Value{
		"Background":    reflect.ValueOf(func() context.Context { return context.Background() }),
		"Sleep":         reflect.ValueOf(e.sleep),
		"WaitGroupWait": reflect.ValueOf(e.waitGroupWait),
		"GoPanic":       reflect.ValueOf(e.goPanic),
		"Clear":         reflect.ValueOf(clearValue),
		"Begin":         reflect.ValueOf(e.begin),
		"Callback":      reflect.ValueOf(e.runCallbackHook),
		"Pack":          e.packFn,
		"Rich":          richFn,
		"Text":          e.textFn,
	}
	return map[string]map[string]reflect.Value{
		rtPath + "/__sluice_rt": rt,
		setPath + "/" + setPkg: {
			"Value": reflect.ValueOf(func() any { return nil }),
		},
	}
}

// pack collects the values of the trailing expression of the running cell. The
// interpreter wraps a value of a cell-defined type that implements a display interface
// (see richTypes) before the call, so its methods are visible here.
func (e *Engine) pack(vs ...any) {
	for i, v := range vs {
		vs[i] = richOf(v)
	}
	e.cellMu.Lock()
	defer e.cellMu.Unlock()
	if e.run == nil {
		return
	}
	if len(vs) == 1 && e.run.text != nil {
		if r, ok := vs[0].(Rich); ok {
			r.B.Data[display.MIMEText] = *e.run.text
		}
	}
	e.run.text = nil
	e.run.vals = append(e.run.vals, vs...)
}

// text records the text of the trailing expression's value when its cell-defined type
// has a String or Error method (the interpreter wraps it for this call, see textTypes).
func (e *Engine) text(v any) {
	// A compiled value's String method may panic on a nil pointer (the value that came
	// with an error): the text is then left out, and the cell goes on to its err check.
	defer func() { _ = recover() }()
	var s string
	switch x := v.(type) {
	case fmt.Stringer:
		s = x.String()
	case error:
		s = x.Error()
	default:
		return
	}
	e.cellMu.Lock()
	defer e.cellMu.Unlock()
	if e.run != nil {
		e.run.text = &s
	}
}

var textTypes = []reflect.Type{reflect.TypeFor[fmt.Stringer](), reflect.TypeFor[error]()}

// richTypes are the interfaces a cell-defined type may implement to render itself, in
// order of precedence: the interpreter wraps a value into the first one its type has.
var richTypes = []reflect.Type{
	reflect.TypeFor[display.Bundler](), reflect.TypeFor[display.Composite](), reflect.TypeFor[display.HTMLer](), reflect.TypeFor[display.Markdowner](),
	reflect.TypeFor[display.LaTeXer](), reflect.TypeFor[display.PNGer](), reflect.TypeFor[display.JPEGer](),
	reflect.TypeFor[display.SVGer](), reflect.TypeFor[fmt.Stringer](), reflect.TypeFor[error](),
}

// richFn is the compiled function display.Show's arguments go through (see calls.go).
var richFn = reflect.ValueOf(richOf)

// richOf turns an interpreter wrapper of a cell-defined value into a bundle that keeps
// what the value's methods produce; other values are returned as they are.
func richOf(v any) any {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Struct {
		return v
	}
	iv := rv.FieldByName("IValue")
	if !iv.IsValid() || rv.Type().PkgPath() == "" {
		return v
	}
	b := display.Render(v)
	_, composite := v.(display.Composite) // its text is its parts' texts
	if _, ok := v.(fmt.Stringer); !ok && !composite {
		if _, ok := v.(error); !ok && iv.CanInterface() {
			b.Data[display.MIMEText] = fmt.Sprint(iv.Interface())
		}
	}
	err, _ := v.(error)
	return Rich{B: b, err: err}
}

// sleep is time.Sleep for cells. When the running cell is interrupted (before or during
// the sleep) it does not return: it ends the goroutine (see Engine.interrupted).
func (e *Engine) sleep(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	block(e, t.C)
}

// waitGroupWait is wg.Wait() for cells: when the running cell is interrupted first, it
// ends the goroutine like an interrupted sleep. (The Wait it starts goes on until the
// group is done.)
func (e *Engine) waitGroupWait(wg *sync.WaitGroup) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	block(e, done)
}

// block waits for ready to be closed or to deliver a value, or for an interrupt of the
// running cell, which ends the goroutine.
func block[T any](e *Engine, ready <-chan T) {
	for {
		ctx := e.currentCtx()
		if ctx.Err() != nil {
			e.interrupted(ctx)
		}
		select {
		case <-ready:
			// Ready and interrupted together: the interrupt wins.
			if ctx := e.currentCtx(); ctx.Err() != nil {
				e.interrupted(ctx)
			}
			return
		case <-ctx.Done():
			// A goroutine may outlive the cell it began waiting in, whose context is
			// cancelled once Execute has returned. That is no interrupt: wait on under
			// the cell running now (or none).
			if e.currentCtx() == ctx {
				e.interrupted(ctx)
			}
		}
	}
}

// goPanic records a panic recovered in a goroutine started by a cell.
func (e *Engine) goPanic(v any) {
	buf := make([]byte, 16<<10)
	buf = buf[:runtime.Stack(buf, false)]
	gp := &GoPanicError{Value: v, Stack: string(buf)}
	e.cellMu.Lock()
	run := e.run
	e.cellMu.Unlock()
	if run != nil {
		run.fail(gp)
		return
	}
	fmt.Fprintf(e.errw, "\npanic in a goroutine started by an earlier cell: %v\n", v)
}

// begin records the goroutine that runs the current statement group.
func (e *Engine) begin() {
	if gid := goroutineID(); gid != "" {
		e.cellMu.Lock()
		if e.run != nil {
			e.run.gid = gid
		}
		e.cellMu.Unlock()
	}
}

// goroutineID is the current goroutine's number ("" when the stack header is not Go's).
func goroutineID() string {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	// "goroutine 123 [running]:"
	f := bytes.Fields(buf[:n])
	if len(f) >= 2 {
		return string(f[1])
	}
	return ""
}

// goroutineAlive reports whether the goroutine with id gid still exists.
func goroutineAlive(gid string) bool {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return bytes.Contains(buf, []byte("goroutine "+gid+" ["))
}

// clearValue implements the clear builtin on maps and slices.
func clearValue(v any) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice:
		rv.Clear()
	default:
		panic(fmt.Sprintf("invalid argument: clear(%T): argument must be a map or a slice", v))
	}
}
