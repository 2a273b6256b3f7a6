// Function values made before the debugger attached (README, "Debugger", Function
// values): yaegi gives a function literal a clone of the frame that made it and a
// method value the frame itself; a call starts a frame whose goroutine state yaegi
// takes from that frame's debugger state (enterCall: f.debug.g = f.anc.debug.g). That
// state is nil when the value was made detached, and the goroutine state of its own
// session when it was made attached. At attach the engine repairs both through yaegi's
// unexported fields: yaegi's main goroutine state is one object for every session
// (each attach moves the new session's channel and mode into it), and the frames of
// function values reachable from the session's variables that have no state get one
// that leads to it. The fields are found by name and type with reflect; the two closure
// layouts involved (reflect.MakeFunc's and yaegi's) are learned once from a probe
// program in a throwaway interpreter, by address equality only. When any of it does
// not match, nothing is repaired and the call fails with errStaleFunc, as before.

package engine

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// yaegiLayout is where yaegi v0.16.1 keeps what the repair touches.
type yaegiLayout struct {
	interpFrame reflect.StructField // Interpreter.frame
	dbgGLive    reflect.StructField // Debugger.gLive
	dbgGLock    reflect.StructField // Debugger.gLock
	dbgCtx      reflect.StructField // Debugger.context
	evFrame     reflect.StructField // DebugEvent.frame
	frDebug     reflect.StructField // frame.debug
	frData      reflect.StructField // frame.data
	frAnc       reflect.StructField // frame.anc
	fdG         reflect.StructField // frameDebugData.g
	fdKind      reflect.StructField // frameDebugData.kind
	routine     []reflect.StructField
	frameT      reflect.Type // interp.frame
	fdT         reflect.Type // interp.frameDebugData
	callKind    int64        // frameCall

	stubPC    uintptr // code of reflect.MakeFunc's functions
	implFn    uintptr // offset of the Go function in reflect.MakeFunc's closure
	litPC     uintptr // code of the function yaegi makes for a function literal
	litFrame  uintptr // offset of the frame clone it closes over
	wrapPC    uintptr // code of the function yaegi makes for a method or function value
	wrapFrame uintptr // offset of the frame it closes over
}

var (
	layoutOnce sync.Once
	layoutVal  *yaegiLayout
	layoutErr  error
)

// debugLayout returns yaegi's layout, probed once.
func debugLayout() (*yaegiLayout, error) {
	layoutOnce.Do(func() { layoutVal, layoutErr = probeLayout() })
	return layoutVal, layoutErr
}

// field finds a field by name and kind.
func field(t reflect.Type, name string, kind reflect.Kind) (reflect.StructField, error) {
	f, ok := t.FieldByName(name)
	if !ok || len(f.Index) != 1 || f.Type.Kind() != kind {
		return f, fmt.Errorf("yaegi's %s.%s is not a %s", t.Name(), name, kind)
	}
	return f, nil
}

// at is the field f of the struct at p, settable.
func at(p unsafe.Pointer, f reflect.StructField) reflect.Value {
	return reflect.NewAt(f.Type, unsafe.Add(p, f.Offset)).Elem()
}

// word reads the machine word at offset off of p.
func word(p unsafe.Pointer, off uintptr) uintptr { return *(*uintptr)(unsafe.Add(p, off)) }

// funcval is the closure pointer of a non-nil function value v (not read-only).
func funcval(v reflect.Value) unsafe.Pointer {
	if v.CanAddr() {
		return *(*unsafe.Pointer)(unsafe.Pointer(v.UnsafeAddr()))
	}
	x := v.Interface()
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
}

const wordSize = unsafe.Sizeof(uintptr(0))

// probeWords bounds the words of a closure the probe reads (reflect.MakeFunc's has 6,
// yaegi's at least 7).
const probeWords = 6

// probeLayout checks yaegi's fields and learns the closure layouts.
func probeLayout() (*yaegiLayout, error) {
	l := &yaegiLayout{}
	var errs []error
	chk := func(t reflect.Type, name string, kind reflect.Kind) reflect.StructField {
		f, err := field(t, name, kind)
		if err != nil {
			errs = append(errs, err)
		}
		return f
	}
	it := reflect.TypeOf(interp.Interpreter{})
	l.interpFrame = chk(it, "frame", reflect.Pointer)
	dt := reflect.TypeOf(interp.Debugger{})
	l.dbgGLive = chk(dt, "gLive", reflect.Map)
	l.dbgGLock = chk(dt, "gLock", reflect.Pointer)
	l.dbgCtx = chk(dt, "context", reflect.Interface)
	l.evFrame = chk(reflect.TypeOf(interp.DebugEvent{}), "frame", reflect.Pointer)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	l.frameT = l.interpFrame.Type.Elem()
	if l.frameT.Kind() != reflect.Struct || l.evFrame.Type.Elem() != l.frameT {
		return nil, errors.New("yaegi's frame is not a struct")
	}
	l.frDebug = chk(l.frameT, "debug", reflect.Pointer)
	l.frData = chk(l.frameT, "data", reflect.Slice)
	l.frAnc = chk(l.frameT, "anc", reflect.Pointer)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	l.fdT = l.frDebug.Type.Elem()
	if l.frData.Type.Elem() != reflect.TypeOf(reflect.Value{}) || l.frAnc.Type.Elem() != l.frameT || l.fdT.Kind() != reflect.Struct {
		return nil, errors.New("yaegi's frame fields have other types")
	}
	l.fdG = chk(l.fdT, "g", reflect.Pointer)
	l.fdKind = chk(l.fdT, "kind", reflect.Int)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	rt := l.fdG.Type.Elem()
	if l.dbgGLive.Type.Key().Kind() != reflect.Int || l.dbgGLive.Type.Elem() != l.fdG.Type ||
		l.dbgGLock.Type != reflect.TypeOf(&sync.Mutex{}) || rt.Kind() != reflect.Struct ||
		l.dbgCtx.Type != reflect.TypeOf((*context.Context)(nil)).Elem() {
		return nil, errors.New("yaegi's debugger fields have other types")
	}
	for _, f := range []struct {
		name string
		kind reflect.Kind
	}{{"id", reflect.Int}, {"mode", reflect.Int}, {"running", reflect.Bool}, {"resume", reflect.Chan},
		{"fDepth", reflect.Int}, {"fStep", reflect.Int}} {
		l.routine = append(l.routine, chk(rt, f.name, f.kind))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := l.probeKind(); err != nil {
		return nil, err
	}
	if err := l.probeMakeFunc(); err != nil {
		return nil, err
	}
	if err := l.probeClosures(); err != nil {
		return nil, err
	}
	return l, nil
}

// probeKind finds the frame kind yaegi names "<anonymous>" for a state without a name.
func (l *yaegiLayout) probeKind() error {
	ft, _ := reflect.TypeOf(interp.DebugFrame{}).FieldByName("frames")
	if ft.Type != reflect.SliceOf(reflect.PointerTo(l.frameT)) {
		return errors.New("yaegi's DebugFrame.frames has another type")
	}
	for k := int64(1); k <= 4; k++ {
		fd := reflect.New(l.fdT)
		at(fd.UnsafePointer(), l.fdKind).SetInt(k)
		fr := reflect.New(l.frameT)
		at(fr.UnsafePointer(), l.frDebug).Set(fd)
		df := reflect.New(reflect.TypeOf(interp.DebugFrame{}))
		frames := reflect.MakeSlice(ft.Type, 1, 1)
		frames.Index(0).Set(fr)
		at(df.UnsafePointer(), ft).Set(frames)
		if df.Interface().(*interp.DebugFrame).Name() == "<anonymous>" {
			l.callKind = k
			return nil
		}
	}
	return errors.New("no frame kind of yaegi's is a call")
}

// probeMakeFunc finds the Go function in the closure reflect.MakeFunc returns.
func (l *yaegiLayout) probeMakeFunc() error {
	n := 0
	fn := func([]reflect.Value) []reflect.Value { n++; return nil }
	mf := reflect.MakeFunc(reflect.TypeOf(func() {}), fn)
	l.stubPC = mf.Pointer()
	impl, want := funcval(mf), uintptr(*(*unsafe.Pointer)(unsafe.Pointer(&fn)))
	for k := uintptr(1); k < probeWords; k++ {
		if word(impl, k*wordSize) == want {
			l.implFn = k * wordSize
			return nil
		}
	}
	return errors.New("reflect.MakeFunc's closure has another layout")
}

// probeSrc makes a function literal and a method value in init's frame and calls them.
const probeSrc = `package main

type probeT struct{ v int }

func (t probeT) M() int { return t.v + 1 }

var A func() int
var B func() int

func init() {
	k := 1
	A = func() int { return k + 1 }
	B = probeT{2}.M
	_ = A() + B()
}
`

// probeClosures runs probeSrc under yaegi's debugger, stepping into everything, and
// records the frames that run and their ancestors; the clone a function literal closes
// over is an ancestor that never runs, the frame a method value closes over one that
// runs.
func (l *yaegiLayout) probeClosures() error {
	pi := interp.New(interp.Options{})
	prog, err := pi.Compile(probeSrc)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	var mu sync.Mutex
	root := at(unsafe.Pointer(pi), l.interpFrame).UnsafePointer()
	ran, ancs := map[uintptr]bool{uintptr(root): true}, map[uintptr]bool{}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var dbg *interp.Debugger
	ready := make(chan struct{})
	dbg = pi.Debug(ctx, prog, func(ev *interp.DebugEvent) {
		switch ev.Reason() {
		case interp.DebugEnterGoRoutine, interp.DebugExitGoRoutine, interp.DebugTerminate:
			return
		}
		f := at(unsafe.Pointer(ev), l.evFrame).UnsafePointer()
		mu.Lock()
		ran[uintptr(f)] = true
		if f != nil {
			ancs[uintptr(at(f, l.frAnc).UnsafePointer())] = true
		}
		mu.Unlock()
		go func() {
			<-ready
			_ = l.step(dbg, 0, interp.DebugStepInto)
		}()
	}, nil)
	close(ready)
	if err := dbg.Step(0, interp.DebugStepInto); err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	if _, err := dbg.Wait(); err != nil || ctx.Err() != nil {
		return fmt.Errorf("probe did not run: %v %v", err, ctx.Err())
	}
	g := pi.Globals()
	a, b := g["A"], g["B"]
	if !a.IsValid() || !b.IsValid() || a.IsNil() || b.IsNil() {
		return errors.New("probe made no function values")
	}
	mu.Lock()
	defer mu.Unlock()
	delete(ancs, 0)
	var ok bool
	if l.litPC, l.litFrame, ok = l.closureWord(a, func(w uintptr) bool { return ancs[w] && !ran[w] }); !ok {
		return errors.New("yaegi's function literal has another layout")
	}
	if l.wrapPC, l.wrapFrame, ok = l.closureWord(b, func(w uintptr) bool { return ancs[w] && ran[w] }); !ok {
		return errors.New("yaegi's method value has another layout")
	}
	if l.litPC == l.wrapPC {
		return errors.New("yaegi's function values cannot be told apart")
	}
	return nil
}

// step resumes goroutine id of dbg, stopped in an event, in step mode: what yaegi's
// Step does, without reading the goroutine's running flag, which the goroutine writes
// after the event without synchronization (a data race for every caller of Step). The
// mode is set by Interrupt, and the resume sent here; it waits for the goroutine to take
// it or for the debugger's end.
func (l *yaegiLayout) step(dbg *interp.Debugger, id int, mode interp.DebugEventReason) error {
	p := unsafe.Pointer(dbg)
	lock := at(p, l.dbgGLock).Interface().(*sync.Mutex)
	lock.Lock()
	var g reflect.Value
	if live := at(p, l.dbgGLive); !live.IsNil() {
		g = live.MapIndex(reflect.ValueOf(id))
	}
	lock.Unlock()
	if !g.IsValid() || g.IsNil() || !dbg.Interrupt(id, mode) {
		return interp.ErrNotLive
	}
	ctx := at(p, l.dbgCtx).Interface().(context.Context)
	resume := at(g.UnsafePointer(), l.routine[3])
	reflect.Select([]reflect.SelectCase{
		{Dir: reflect.SelectSend, Chan: resume, Send: reflect.ValueOf(struct{}{})},
		{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ctx.Done())}})
	return nil
}

// stepHeld resumes a stopped goroutine in step mode: through step when yaegi's layout
// is known, else through yaegi's Step.
func stepHeld(dbg *interp.Debugger, id int, mode interp.DebugEventReason) error {
	if l, err := debugLayout(); err == nil {
		return l.step(dbg, id, mode)
	}
	return retryRunning(func() error { return dbg.Step(id, mode) })
}

// closureWord returns the code of the yaegi closure inside the reflect.MakeFunc value
// v and the offset of its first word that match accepts. The words read stay below
// the match (and probeWords): the closures yaegi makes for function values are larger.
func (l *yaegiLayout) closureWord(v reflect.Value, match func(uintptr) bool) (pc, off uintptr, ok bool) {
	fv := funcval(v)
	if word(fv, 0) != l.stubPC {
		return 0, 0, false
	}
	c := *(*unsafe.Pointer)(unsafe.Add(fv, l.implFn))
	for k := uintptr(1); k < probeWords; k++ {
		if match(word(c, k*wordSize)) {
			return word(c, 0), k * wordSize, true
		}
	}
	return 0, 0, false
}

// eventFrame is the yaegi frame of an event, nil when yaegi's layout is not known or
// the frame is the interpreter's root (which the cells' top levels share).
func eventFrame(ev *interp.DebugEvent) unsafe.Pointer {
	l, err := debugLayout()
	if err != nil {
		return nil
	}
	f := at(unsafe.Pointer(ev), l.evFrame).UnsafePointer()
	if f == nil || at(f, l.frAnc).IsNil() {
		return nil
	}
	return f
}

// rebindState is the repair's state for one interpreter: yaegi's main goroutine state
// shared by every session, and the debugger state given to frames that have none.
type rebindState struct {
	i     *interp.Interpreter
	g     reflect.Value // *debugRoutine
	d     reflect.Value // *frameDebugData: a call without a name or position, on g
	fixed int           // frames repaired at the last attach
}

// rebindAttach makes the debugger dbg, just started and not yet resumed, run on the
// interpreter's shared main goroutine state, then gives the frames of function values
// reachable from the session's variables a state where they have none. No cell runs.
func (e *Engine) rebindAttach(dbg *interp.Debugger) {
	l, err := debugLayout()
	if err == nil && rebindOff {
		err = errors.New("turned off")
	}
	if err != nil {
		e.log.Debug("function values made before the debugger attached are not repaired", "err", err)
		return
	}
	rb := &e.debug.rebind
	if rb.i != e.i {
		*rb = rebindState{i: e.i}
	}
	root := at(unsafe.Pointer(e.i), l.interpFrame).UnsafePointer()
	lock := at(unsafe.Pointer(dbg), l.dbgGLock).Interface().(*sync.Mutex)
	live := at(unsafe.Pointer(dbg), l.dbgGLive)
	one := reflect.ValueOf(1)
	lock.Lock()
	ng := live.MapIndex(one)
	if !ng.IsValid() || ng.IsNil() {
		lock.Unlock()
		return
	}
	if !rb.g.IsValid() {
		rb.g = ng
		rb.d = reflect.New(l.fdT)
		at(rb.d.UnsafePointer(), l.fdKind).SetInt(l.callKind)
		at(rb.d.UnsafePointer(), l.fdG).Set(rb.g)
	} else {
		// id, mode and resume from the new state; not running, no calls, no step.
		g, n := rb.g.UnsafePointer(), ng.UnsafePointer()
		for _, f := range l.routine {
			v := at(g, f)
			switch f.Name {
			case "id", "mode", "resume":
				v.Set(at(n, f))
			default:
				v.Set(reflect.Zero(f.Type))
			}
		}
		live.SetMapIndex(one, rb.g)
		if rd := at(root, l.frDebug); !rd.IsNil() {
			at(rd.UnsafePointer(), l.fdG).Set(rb.g)
		}
	}
	lock.Unlock()
	if e.shared() {
		// Cell goroutines run: the values may change under the walk (a map written while
		// it is iterated is a fatal error of the runtime), so there is no walk.
		e.log.Debug("function values made before the debugger attached are not repaired while cell goroutines run")
		rb.fixed = 0
		return
	}
	// First every variable a little (so that one large variable does not use up the
	// bound), then all of them as far as the bound goes.
	w := &rebindWalk{l: l, root: root, d: rb.d, seen: map[unsafe.Pointer]bool{}, holds: map[reflect.Type]bool{}}
	data := at(root, l.frData)
	spent := 0
	for i := 0; i < data.Len() && spent < rebindBudget; i++ {
		w.budget = rebindShare
		w.value(data.Index(i))
		spent += rebindShare - w.budget
	}
	w.seen, w.budget = map[unsafe.Pointer]bool{}, rebindBudget
	w.frameData(root)
	rb.fixed = w.fixed
	if w.budget <= 0 {
		e.log.Debug("the walk for function values made before the debugger attached stopped at its bound")
	}
}

// rebindOff turns the repair off (tests of what happens without it).
var rebindOff bool

// rebindBudget bounds the values the walk at attach looks at, in each of its two
// passes; rebindShare bounds them per variable in the first.
const (
	rebindBudget = 200_000
	rebindShare  = 2_000
)

// rebindWalk walks values for yaegi function values whose frame has no debugger state.
type rebindWalk struct {
	l      *yaegiLayout
	root   unsafe.Pointer
	d      reflect.Value
	seen   map[unsafe.Pointer]bool
	holds  map[reflect.Type]bool
	budget int
	fixed  int
}

var (
	reflectValueType = reflect.TypeOf(reflect.Value{})
	yaegiPkg         = reflect.TypeOf(interp.Interpreter{}).PkgPath()
)

// mayHold reports whether a value of type t may hold a function value.
func (w *rebindWalk) mayHold(t reflect.Type) bool {
	if h, ok := w.holds[t]; ok {
		return h
	}
	w.holds[t] = false // cycles
	h := false
	switch t.Kind() {
	case reflect.Func, reflect.Interface:
		h = true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		h = w.mayHold(t.Elem())
	case reflect.Map:
		h = w.mayHold(t.Key()) || w.mayHold(t.Elem())
	case reflect.Struct:
		if t == reflectValueType {
			h = true
			break
		}
		if t.PkgPath() == yaegiPkg && t.Name() != "valueInterface" {
			break // the interpreter's own structures (nodes, frames)
		}
		for i := range t.NumField() {
			if w.mayHold(t.Field(i).Type) {
				h = true
				break
			}
		}
	}
	w.holds[t] = h
	return h
}

// value walks v, which is not read-only.
func (w *rebindWalk) value(v reflect.Value) {
	if w.budget--; w.budget <= 0 || !v.IsValid() || !w.mayHold(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Func:
		if !v.IsNil() {
			w.fn(v)
		}
	case reflect.Interface:
		if !v.IsNil() {
			w.value(v.Elem())
		}
	case reflect.Pointer:
		if !v.IsNil() && w.first(v.UnsafePointer()) {
			w.value(v.Elem())
		}
	case reflect.Map:
		if !v.IsNil() && w.first(v.UnsafePointer()) {
			for it := v.MapRange(); it.Next() && w.budget > 0; {
				w.value(it.Key())
				w.value(it.Value())
			}
		}
	case reflect.Slice:
		if v.Len() > 0 && w.first(v.UnsafePointer()) {
			for i := 0; i < v.Len() && w.budget > 0; i++ {
				w.value(v.Index(i))
			}
		}
	case reflect.Array:
		v = addressable(v)
		for i := 0; i < v.Len() && w.budget > 0; i++ {
			w.value(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == reflectValueType {
			w.value(v.Interface().(reflect.Value))
			return
		}
		v = addressable(v)
		p := unsafe.Pointer(v.UnsafeAddr())
		for i := range v.NumField() {
			w.value(at(p, v.Type().Field(i)))
		}
	}
}

// addressable returns v, or an addressable copy of it.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// first reports whether p is seen for the first time.
func (w *rebindWalk) first(p unsafe.Pointer) bool {
	if w.seen[p] {
		return false
	}
	w.seen[p] = true
	return true
}

// fn repairs a yaegi function value's frame and walks the values it closes over.
func (w *rebindWalk) fn(v reflect.Value) {
	fv := funcval(v)
	if word(fv, 0) != w.l.stubPC {
		return // compiled code's function
	}
	c := *(*unsafe.Pointer)(unsafe.Add(fv, w.l.implFn))
	var f unsafe.Pointer
	switch word(c, 0) {
	case w.l.litPC:
		f = *(*unsafe.Pointer)(unsafe.Add(c, w.l.litFrame))
	case w.l.wrapPC:
		f = *(*unsafe.Pointer)(unsafe.Add(c, w.l.wrapFrame))
	default:
		return
	}
	if f == nil || f == w.root {
		return
	}
	if d := at(f, w.l.frDebug); d.IsNil() {
		d.Set(w.d)
		w.fixed++
	}
	// Its captured variables live in it and its ancestors.
	for a := f; a != nil && a != w.root && w.budget > 0 && w.first(a); a = at(a, w.l.frAnc).UnsafePointer() {
		w.frameData(a)
	}
}

// frameData walks a frame's values.
func (w *rebindWalk) frameData(f unsafe.Pointer) {
	data := at(f, w.l.frData)
	for i := 0; i < data.Len() && w.budget > 0; i++ {
		w.value(data.Index(i))
	}
}
