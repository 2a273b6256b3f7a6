// The typed front end, part 7: panics, recover and the runtime errors Go reports.
//
// yaegi panics with the reflect.Value of panic's argument, so recover() hands the cell
// a reflect.Value, and its own run-time failures are panics of the reflect package
// ("reflect: slice index out of range") rather than runtime.Error values. The front end
// lowers:
//
//	panic(x)      →  __sluice_fe.Panic(x, d, pos)   (d: x's static type descriptor, pos: cell line and column)
//	recover()     →  __sluice_fe.Recover(recover())
//	print(a, b)   →  __sluice_fe.Print(a, b)        (Go's print format, to stderr)
//	xs[i]         →  xs[__sluice_fe.Ix(i, len(xs), pos)]              (see indexExpr)
//	xs[lo:hi]     →  xs[__sluice_fe.Sl(lo, hi, len(xs), cap(xs), k, pos):hi]
//
// Panic panics with a *cellPanic holding the value as compiled code received it, its
// descriptor and where it was raised; Recover unwraps it, and turns yaegi's and
// reflect's failures into runtime.Error values with Go's messages. The value a cell
// recovers is the value it panicked with (an int stays an int). An uncaught panic is
// reported with Go's text (printpanicval: an error's Error(), a Stringer's String(),
// main.Code(7) for a named basic type) at the line of the panic.
//
// os.Exit and log.Fatal stop the cell without unwinding: no deferred call runs, as in
// Go (see exitNow).

package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"weak"

	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
)

// ---- lowering ----

// panicPos encodes the cell position of p for the helpers (0 outside the cell).
func (l *lowerer) panicPos(p token.Pos) int {
	pos := l.ctx.fset.Position(p)
	if pos.Filename != cellFile || pos.Line <= 0 {
		return 0
	}
	col := pos.Column
	if col >= 1<<16 {
		col = 1<<16 - 1
	}
	return pos.Line<<16 | col
}

// panicCall lowers calls of panic, recover, print and println. It reports whether it
// handled n (lowering its arguments itself).
func (l *lowerer) panicCall(n *ast.CallExpr) bool {
	id, ok := ast.Unparen(n.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := l.ctx.info.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "panic":
		if len(n.Args) != 1 {
			return false
		}
		desc := -1
		if l.pkgPath == "main" {
			if t := l.typeOf(n.Args[0]); t != nil && !hasTypeParam(t) {
				if bt, ok := t.(*types.Basic); !ok || bt.Kind() != types.UntypedNil {
					st := tfStateOf(l.fe)
					_, desc = st.describe(t)
					l.tfRegister(st)
				}
			}
		}
		l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+".Panic")
		l.keepIface(n.Args[0], true)
		l.insert(n.Rparen, fmt.Sprintf(", %d, %d", desc, l.panicPos(n.Pos())), true)
	case "recover":
		// Replacing the call's own text keeps insertions others make around it outside.
		if l.frame.litDC {
			// A closure called through a defer chain finds the panic there (fe_defer.go).
			l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+".Recover("+dcVar+".Recover("+id.Name)
			l.replace(n.Rparen, n.Rparen+1, ")))")
		} else {
			l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+".Recover("+id.Name)
			l.replace(n.Rparen, n.Rparen+1, "))")
		}
	case "print", "println":
		name := "Print"
		if b.Name() == "println" {
			name = "Println"
		}
		l.replace(n.Fun.Pos(), n.Fun.End(), feRtPkg+"."+name)
	default:
		return false
	}
	for _, a := range n.Args {
		ast.Inspect(a, l.visit)
	}
	return true
}

// paramType is the type of the parameter argument i of call goes to (nil if none).
func paramType(sig *types.Signature, i int, call *ast.CallExpr) types.Type {
	ps := sig.Params()
	switch {
	case sig.Variadic() && i >= ps.Len()-1:
		if call.Ellipsis.IsValid() {
			return ps.At(ps.Len() - 1).Type()
		}
		return ps.At(ps.Len() - 1).Type().(*types.Slice).Elem()
	case i < ps.Len():
		return ps.At(i).Type()
	}
	return nil
}

// argType is the type (as source) argument i of call is converted to: the parameter's
// type, so that an untyped constant or nil gets it, or "" when the argument keeps its own.
func (l *lowerer) argType(sig *types.Signature, i int, call *ast.CallExpr) string {
	pt := paramType(sig, i, call)
	if pt == nil {
		return ""
	}
	at := l.typeOf(call.Args[i])
	if at != nil && types.Identical(at, pt) {
		return ""
	}
	s, err := l.typeExpr(substType(pt, l.subst))
	if err != nil {
		return ""
	}
	if strings.HasPrefix(s, "func") || strings.HasPrefix(s, "*") || strings.HasPrefix(s, "<-") || strings.HasPrefix(s, "chan") {
		s = "(" + s + ")"
	}
	return s
}

// nilFuncHelper returns a generated function that returns its argument, or, for nil, a
// function of the same type that panics as a call of a nil function does in Go.
func (l *lowerer) nilFuncHelper(sig *types.Signature) string {
	t := l.tx(sig)
	key := "nilfunc[" + t + "]"
	if n, ok := l.fe.insts[key]; ok {
		return n
	}
	if n, ok := l.out.insts[key]; ok {
		return n
	}
	l.fe.n++
	fn := fmt.Sprintf("%s%d_nilf", instPrefix, l.fe.n)
	l.out.insts[key] = fn
	var ps, rs []string
	for i := 0; i < sig.Params().Len(); i++ {
		pt := l.tx(sig.Params().At(i).Type())
		if sig.Variadic() && i == sig.Params().Len()-1 {
			pt = "..." + strings.TrimPrefix(pt, "[]")
		}
		ps = append(ps, fmt.Sprintf("_ %s", pt))
	}
	for i := 0; i < sig.Results().Len(); i++ {
		rs = append(rs, fmt.Sprintf("r%d %s", i, l.tx(sig.Results().At(i).Type())))
	}
	res := ""
	if len(rs) > 0 {
		res = " (" + strings.Join(rs, ", ") + ")"
	}
	l.out.decls = append(l.out.decls, fmt.Sprintf("func %s(f %s) %s { if f == nil { return func(%s)%s { %s.NilCall(); return } }; return f }",
		fn, t, t, strings.Join(ps, ", "), res, feRtPkg))
	return fn
}

// ---- checked index and slice expressions ----
//
// Go reports an index out of range with the index and the length; yaegi's reflect calls
// report neither. An index or slice expression whose operand is free of side effects (it
// is evaluated again for len and cap) gets its indices checked by a compiled helper that
// panics with Go's message. A compiled call costs the interpreter about half a
// microsecond, several times an interpreted index, so the checks are left out where the
// index cannot be out of range: a constant index into an array (the compiler checks it),
// and the key of `for k := range xs` or the variable of `for i := c; i < len(xs); i++`
// indexing that same xs, when the loop body assigns neither. Expressions left unchecked
// still fail with a runtime.Error, whose message then lacks the numbers
// ("index out of range").

var panicInfos struct {
	sync.Mutex
	m map[weak.Pointer[types.Info]]*panicInfo
}

// ---- run time ----

// cellPanic is the panic value of a cell's panic(x): x as compiled code received it,
// with its static type and the cell position of the panic.
type cellPanic struct {
	v    any
	desc *typefmt.Type // nil when unknown
	pos  int
	pr   *typefmt.Printer
}

// Error returns what Go prints after "panic: " for the value.
func (p *cellPanic) Error() string {
	x := p.v
	if p.desc != nil {
		v := p.v
		if p.desc.Kind != reflect.Interface {
			v = plainValue(v) // a boxed named cell value (fe_plain.go)
		}
		x = typefmt.Typed{V: v, T: p.desc}
	}
	return panicText(p.pr, x)
}

// String is Error, for code that formats the panic value it recovered without our
// lowering (a goroutine's wrapper).
func (p *cellPanic) String() string { return p.Error() }

// runtimeErr is a run-time failure reported as Go's runtime does.
type runtimeErr struct {
	msg string
	pos int
}

func (e *runtimeErr) Error() string { return e.msg }

// RuntimeError marks the error as a runtime.Error.
func (*runtimeErr) RuntimeError() {}

var _ runtime.Error = (*runtimeErr)(nil)

// nilDeref is Go's message for a nil pointer dereference and a call of a nil function.
const nilDeref = "runtime error: invalid memory address or nil pointer dereference"

var (
	convertRE   = regexp.MustCompile(`^reflect: cannot convert slice with length (\d+) to (?:pointer to )?array with length (\d+)$`)
	assertPosRE = regexp.MustCompile(`^(?:[^\s:]*:)?\d+:\d+: (interface conversion: .*)$`)
)

// translatePanic turns a panic value of the interpreter into the value Go would have
// panicked with: yaegi's reflect.Value of an interpreted panic into the value, reflect's
// and yaegi's failures into runtime errors.
func translatePanic(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *cellPanic:
		return x.v
	case reflect.Value:
		if !x.IsValid() {
			return nil
		}
		if x.CanInterface() {
			return translatePanic(x.Interface())
		}
		return v
	case runtime.Error:
		return v
	case *reflect.ValueError:
		if x.Kind == reflect.Invalid {
			return &runtimeErr{msg: nilDeref}
		}
	case string:
		switch {
		case strings.HasPrefix(x, "reflect: ") && strings.HasSuffix(x, " index out of range"):
			return &runtimeErr{msg: "runtime error: index out of range"}
		case strings.HasSuffix(x, "slice index out of bounds"):
			return &runtimeErr{msg: "runtime error: slice bounds out of range"}
		case x == "reflect.Value.Call: call of nil function" || x == "reflect: call of nil function":
			return &runtimeErr{msg: nilDeref}
		case strings.HasPrefix(x, "reflect.MakeSlice: negative len"):
			return &runtimeErr{msg: "runtime error: makeslice: len out of range"}
		case strings.HasPrefix(x, "reflect.MakeSlice: "):
			return &runtimeErr{msg: "runtime error: makeslice: cap out of range"}
		case strings.HasPrefix(x, "reflect.MakeChan: negative buffer size"):
			return &runtimeErr{msg: "runtime error: makechan: size out of range"}
		case strings.HasPrefix(x, "reflect: indirection through nil pointer"):
			return &runtimeErr{msg: nilDeref}
		case x == "reflect: Method on nil interface value" || x == "reflect: Call using zero Value argument":
			// A method value of a nil interface; one of a value method through a nil
			// pointer (its copy of *p is the zero Value).
			return &runtimeErr{msg: nilDeref}
		}
		if m := convertRE.FindStringSubmatch(x); m != nil {
			return &runtimeErr{msg: "runtime error: cannot convert slice with length " + m[1] + " to array or pointer to array with length " + m[2]}
		}
	case error:
		msg := x.Error()
		if m := convertRE.FindStringSubmatch(msg); m != nil {
			return &runtimeErr{msg: "runtime error: cannot convert slice with length " + m[1] + " to array or pointer to array with length " + m[2]}
		}
		if m := assertPosRE.FindStringSubmatch(msg); m != nil && !isCellType(v) {
			return &runtimeErr{msg: m[1]}
		}
	}
	return v
}

// isCellType reports whether v's dynamic type may be an interpreted one (a struct
// without a package path), whose Error message the cell wrote itself.
func isCellType(v any) bool {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t != nil && t.PkgPath() == "" && t.Kind() == reflect.Struct
}

// panicPosOf returns the encoded cell position a panic value carries, or 0.
func panicPosOf(v any) int {
	switch x := v.(type) {
	case *cellPanic:
		return x.pos
	case *runtimeErr:
		return x.pos
	}
	return 0
}

// panicSymbols are the compiled helpers of panics, runtime errors and exits.
func (e *Engine) panicSymbols() map[string]map[string]reflect.Value {
	st := func() *tfState { return tfStateOf(e.fe) }
	stderr := func() io.Writer { return e.std.err }
	return map[string]map[string]reflect.Value{
		feRtPath + "/fe": {
			"Panic": reflect.ValueOf(func(v any, desc, pos int) {
				if v == nil {
					panic(&cellPanic{v: new(runtime.PanicNilError), pos: pos, pr: st().pr})
				}
				p := &cellPanic{v: v, pos: pos, pr: st().pr}
				if desc >= 0 {
					p.desc = st().desc(desc)
				}
				panic(p)
			}),
			"Recover": reflect.ValueOf(func(v any) any {
				if v == nil {
					return nil
				}
				// What the interpreter printed for this panic is no longer news.
				e.cellMu.Lock()
				if e.run != nil {
					e.run.trace = nil
				}
				e.cellMu.Unlock()
				return translatePanic(v)
			}),
			"NilCall": reflect.ValueOf(func() { panic(&runtimeErr{msg: nilDeref}) }),
			"Ix": reflect.ValueOf(func(i int64, n, pos int) int {
				if i < 0 || i >= int64(n) {
					if i < 0 {
						panic(&runtimeErr{msg: fmt.Sprintf("runtime error: index out of range [%d]", i), pos: pos})
					}
					panic(&runtimeErr{msg: fmt.Sprintf("runtime error: index out of range [%d] with length %d", i, n), pos: pos})
				}
				return int(i)
			}),
			"Sl": reflect.ValueOf(checkSlice),
			"Print": reflect.ValueOf(func(a ...any) {
				var b strings.Builder
				for _, x := range a {
					b.WriteString(printValue(x))
				}
				io.WriteString(stderr(), b.String())
			}),
			"Println": reflect.ValueOf(func(a ...any) {
				var b strings.Builder
				for i, x := range a {
					if i > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(printValue(x))
				}
				b.WriteByte('\n')
				io.WriteString(stderr(), b.String())
			}),
		},
		"os/os": {
			"Exit": reflect.ValueOf(func(code int) { e.exitNow(symbols.ExitError{Code: code}) }),
		},
		"log/log": {
			"Fatal":   reflect.ValueOf(func(v ...any) { e.fatalNow(fmt.Sprint(v...)) }),
			"Fatalf":  reflect.ValueOf(func(f string, v ...any) { e.fatalNow(fmt.Sprintf(f, v...)) }),
			"Fatalln": reflect.ValueOf(func(v ...any) { e.fatalNow(fmt.Sprintln(v...)) }),
		},
	}
}

// exitNow ends the cell for os.Exit or log.Fatal without running deferred calls, as Go
// ends the process: the running cell fails with v (the engine reports it like an exit),
// its context is cancelled, and the calling goroutine never returns. It blocks for
// good: unwinding would run the deferred calls (Goexit runs them too). The goroutine is
// not waited for as a stuck one.
func (e *Engine) exitNow(v any) {
	gid := curGoroutineID()
	e.cellMu.Lock()
	run := e.run
	if run != nil && run.gid == gid {
		run.gid = ""
	}
	e.cellMu.Unlock()
	if run == nil {
		fmt.Fprintf(e.errw, "\n%v in a goroutine started by an earlier cell: the goroutine stopped\n", v)
	} else {
		run.fail(interpPanic{Value: v})
	}
	select {}
}

// fatalNow is log.Fatal: the message is logged, then the cell exits.
func (e *Engine) fatalNow(msg string) {
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	e.logFatal(msg)
	e.exitNow(symbols.FatalError{Message: strings.TrimSuffix(msg, "\n")})
}

func curGoroutineID() string {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	f := strings.Fields(string(buf[:n]))
	if len(f) >= 2 {
		return f[1]
	}
	return ""
}

// cellPanicError rewrites the failure of a cell that ended in a panic: the value is the
// one Go would print (see translatePanic and panicText), and the innermost frame of the
// interpreter's trace gets the line of the panic when the value knows it. Other errors
// are returned unchanged.
func (e *Engine) cellPanicError(err error) error {
	var p interpPanic
	if !errors.As(err, &p) {
		return err
	}
	switch p.Value.(type) {
	case symbols.ExitError, symbols.FatalError, uncheckedErr, unsupportedAtRun:
		return err
	}
	pos := panicPosOf(p.Value)
	v := translatePanic(p.Value)
	if pos == 0 {
		pos = panicPosOf(v)
	}
	text := ""
	if cp, ok := p.Value.(*cellPanic); ok {
		text = cp.Error()
	} else {
		text = panicText(tfStateOf(e.fe).pr, v)
	}
	if pos != 0 {
		line, col := pos>>16, pos&(1<<16-1)
		e.cellMu.Lock()
		if e.run != nil && len(e.run.trace) > 0 {
			if m := posRE.FindStringSubmatch(e.run.trace[0]); m != nil {
				e.run.trace[0] = fmt.Sprintf("_.go:%d:%d: %s", line, col, m[3])
			}
		}
		e.cellMu.Unlock()
	}
	p.Value = panicMessage(text)
	return p
}

// panicMessage is a panic value already formatted as Go prints it.
type panicMessage string

func (m panicMessage) Error() string { return string(m) }

// ---- Go's formats ----

// panicText returns what Go prints after "panic: " for a panic value x (possibly a
// typefmt.Typed carrying its static type): an error's Error(), a Stringer's String(),
// a basic value as print prints it, with its type for a named type (main.Code(7)), and
// "(T) address" for the rest.
func panicText(pr *typefmt.Printer, x any) string {
	if pr == nil {
		pr = typefmt.Default
	}
	raw := x
	if t, ok := x.(typefmt.Typed); ok {
		raw = t.V
	}
	// A compiled value (or one in yaegi's wrapper) with the methods itself.
	switch v := raw.(type) {
	case nil:
		return "nil"
	case error:
		return indentLines(v.Error())
	case fmt.Stringer:
		return indentLines(v.String())
	}
	t := pr.TypeOf(x)
	if t == nil {
		return "nil"
	}
	if t.HasMethod("Error") || t.HasMethod("String") {
		return indentLines(pr.Sprint(x))
	}
	rv := reflect.ValueOf(raw)
	named := t.Name != "" && t.PkgPath != ""
	name := t.String()
	switch t.Kind {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		s := printValue(raw)
		if named {
			return name + "(" + s + ")"
		}
		return s
	case reflect.Complex64, reflect.Complex128:
		s := printValue(raw)
		if named {
			return name + s
		}
		return s
	case reflect.String:
		s := ""
		if rv.Kind() == reflect.String {
			s = rv.String()
		}
		if named {
			return name + `("` + indentLines(s) + `")`
		}
		return indentLines(s)
	}
	return "(" + name + ") " + addressOf(rv)
}

func indentLines(s string) string { return strings.ReplaceAll(s, "\n", "\n\t") }

// addressOf prints an address for a value Go prints by its data pointer.
func addressOf(rv reflect.Value) string {
	if rv.IsValid() {
		switch rv.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Slice:
			return fmt.Sprintf("%#x", rv.Pointer())
		}
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		return fmt.Sprintf("%#x", p.Pointer())
	}
	return "0x0"
}

// printValue formats x as the print builtin does.
func printValue(x any) string {
	rv := reflect.ValueOf(x)
	if !rv.IsValid() {
		return "nil"
	}
	switch rv.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	case reflect.Complex64:
		return strconv.FormatComplex(rv.Complex(), 'g', -1, 64)
	case reflect.Complex128:
		return strconv.FormatComplex(rv.Complex(), 'g', -1, 128)
	case reflect.String:
		return rv.String()
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return fmt.Sprintf("%#x", rv.Pointer())
	case reflect.Slice:
		return fmt.Sprintf("[%d/%d]%#x", rv.Len(), rv.Cap(), rv.Pointer())
	}
	return fmt.Sprint(x)
}
