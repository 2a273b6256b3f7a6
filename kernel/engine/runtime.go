package engine

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
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
	__sluice_fmt "fmt"
	__sluice_rt "sluice.internal/rt"
	__sluice_set "sluice.internal/set"
	__sluice_display "github.com/sluice-dev/sluice/display"
)

// ctx is the running cell's context: it is cancelled when the cell is interrupted.
var ctx __sluice_context.Context = __sluice_rt.Background()

type __sluice_ord interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

func __sluice_min[T __sluice_ord](x T, ys ...T) T {
	for _, y := range ys {
		if y < x || y != y {
			x = y
		}
	}
	return x
}

func __sluice_max[T __sluice_ord](x T, ys ...T) T {
	for _, y := range ys {
		if y > x || y != y {
			x = y
		}
	}
	return x
}

func __sluice_pack(v ...any) int {
	for i := 0; i < len(v); i++ {
		__sluice_rt.Put(__sluice_rich(v[i]))
	}
	return len(v)
}

func __sluice_rich(v any) any {
	if v == nil {
		return nil
	}
	if b, ok := v.(__sluice_display.Bundler); ok {
		return __sluice_rt.Bundled(b.Bundle().Data, b.Bundle().Metadata)
	}
	data := map[string]any{}
	if x, ok := v.(__sluice_display.HTMLer); ok {
		data["text/html"] = x.HTML()
	}
	if x, ok := v.(__sluice_display.Markdowner); ok {
		data["text/markdown"] = x.Markdown()
	}
	if x, ok := v.(__sluice_display.LaTeXer); ok {
		data["text/latex"] = x.LaTeX()
	}
	if x, ok := v.(__sluice_display.PNGer); ok {
		data["image/png"] = x.PNG()
	}
	if x, ok := v.(__sluice_display.JPEGer); ok {
		data["image/jpeg"] = x.JPEG()
	}
	if x, ok := v.(__sluice_display.SVGer); ok {
		data["image/svg+xml"] = x.SVG()
	}
	if len(data) == 0 {
		if x, ok := v.(__sluice_fmt.Stringer); ok {
			return __sluice_rt.Bundled(map[string]any{"text/plain": x.String()}, nil)
		}
		if x, ok := v.(error); ok {
			return __sluice_rt.Bundled(map[string]any{"text/plain": x.Error()}, nil)
		}
		return v
	}
	data["text/plain"] = __sluice_fmt.Sprint(v)
	return __sluice_rt.Bundled(data, nil)
}
`

// Rich is a cell result whose interpreted type renders itself: the engine collects its
// representations inside the interpreter (where its methods are visible) into a bundle.
type Rich struct{ B display.Bundle }

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
	return map[string]map[string]reflect.Value{
		rtPath + "/__sluice_rt": {
			"Background": reflect.ValueOf(func() context.Context { return context.Background() }),
			"Sleep":      reflect.ValueOf(e.sleep),
			"GoPanic":    reflect.ValueOf(e.goPanic),
			"Clear":      reflect.ValueOf(clearValue),
			"Bundled": reflect.ValueOf(func(data, meta map[string]any) any {
				return Rich{display.Bundle{Data: data, Metadata: meta}}
			}),
			"Begin": reflect.ValueOf(e.begin),
			"Put":   reflect.ValueOf(e.put),
		},
		setPath + "/" + setPkg: {
			"Value": reflect.ValueOf(func() any { return nil }),
		},
	}
}

// put collects one value of the trailing expression of the running cell.
func (e *Engine) put(v any) {
	e.cellMu.Lock()
	defer e.cellMu.Unlock()
	if e.run != nil {
		e.run.vals = append(e.run.vals, v)
	}
}

// sleep is time.Sleep for cells: it returns early when the cell is interrupted.
func (e *Engine) sleep(d time.Duration) {
	ctx := e.currentCtx()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
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
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	// "goroutine 123 [running]:"
	f := bytes.Fields(buf[:n])
	if len(f) >= 2 {
		e.cellMu.Lock()
		if e.run != nil {
			e.run.gid = string(f[1])
		}
		e.cellMu.Unlock()
	}
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
