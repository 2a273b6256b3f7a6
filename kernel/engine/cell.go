package engine

import (
	"context"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
	"github.com/sluice-dev/sluice/magics"
)

// pkgNames maps import paths of the symbol tables to package names, and autoImports maps
// a package name to the import path a cell gets when it uses the name without importing
// it (the standard library first, then shorter paths).
var pkgNames, autoImports = func() (map[string]string, map[string]string) {
	names := map[string]string{}
	for k := range symbols.Symbols {
		if k == "." {
			continue
		}
		names[path.Dir(k)] = path.Base(k)
	}
	paths := make([]string, 0, len(names))
	for p := range names {
		paths = append(paths, p)
	}
	rank := func(p string) (int, int) {
		std := 0
		if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
			std = 1
		}
		return std, len(p)
	}
	sort.Slice(paths, func(i, j int) bool {
		si, li := rank(paths[i])
		sj, lj := rank(paths[j])
		if si != sj {
			return si < sj
		}
		if li != lj {
			return li < lj
		}
		return paths[i] < paths[j]
	})
	auto := map[string]string{}
	for _, p := range paths {
		if _, ok := auto[names[p]]; !ok {
			auto[names[p]] = p
		}
	}
	return names, auto
}()

// runCell splits, rewrites and runs a Go cell. When result is set, the values of a
// trailing expression statement are returned, and a non-nil err the cell assigned and
// never read fails the cell (see checkErr).
func (e *Engine) runCell(ctx context.Context, code string, result bool) (cellValue, error) {
	code = programToCell(code)
	groups := splitCell(code)
	if len(groups) == 0 {
		return cellValue{}, nil
	}
	ans := make([]*analysis, len(groups))
	e.cellFuncs = map[string]bool{}
	for k, g := range groups {
		an, err := analyse(code, g, result && k == len(groups)-1, e, &e.counter)
		if err != nil {
			return cellValue{}, e.cellError(code, err)
		}
		ans[k] = an
		for _, d := range an.decls {
			if d.kind == token.FUNC && len(d.names) == 1 && !strings.Contains(d.names[0], ".") {
				e.cellFuncs[d.names[0]] = true
			}
		}
	}
	e.cellFuncs = nil
	if err := e.importAll(ctx, code, ans); err != nil {
		return cellValue{}, err
	}

	// The cell's context ends with an interrupt (ctx) or a goroutine panic, not when the
	// cell returns: goroutines the cell started may go on using it.
	runCtx, cancel := context.WithCancel(ctx)
	run := &cellRun{ctx: runCtx, cancel: cancel}
	e.cellMu.Lock()
	prev := e.run
	e.run = run
	e.cellMu.Unlock()
	defer func() {
		e.cellMu.Lock()
		e.run = prev
		e.cellMu.Unlock()
	}()
	if c, ok := e.globals()["ctx"]; ok && c.CanSet() && c.Type() == reflect.TypeFor[context.Context]() {
		c.Set(reflect.ValueOf(runCtx))
	}

	var vals []any
	for k, g := range groups {
		an := ans[k]
		var err error
		switch g.kind {
		case groupImport:
			continue
		case groupDecl:
			err = e.runDecls(ctx, run, code, g, an)
		case groupStmt:
			vals, err = e.runStmts(ctx, run, code, g, an)
		}
		if err != nil {
			if result {
				e.noteErr(code, ans, err)
			}
			return cellValue{}, err
		}
	}
	if err := run.failure(); err != nil {
		return cellValue{}, e.runtimeError(code, err)
	}
	if result {
		if err := e.checkErr(code, ans); err != nil {
			return cellValue{}, err
		}
	}
	return cellValue{vals: vals, call: ans[len(ans)-1].trailing}, nil
}

// programToCell turns a whole Go program pasted into a cell ("package main" and a main
// function) into a cell: the package clause is blanked out and main is called at the end.
func programToCell(code string) string {
	var sc scanner.Scanner
	fset := token.NewFileSet()
	sc.Init(fset.AddFile("", -1, len(code)), []byte(code), nil, 0)
	pos, t, _ := sc.Scan()
	if t != token.PACKAGE {
		return code
	}
	_, t2, name := sc.Scan()
	if t2 != token.IDENT {
		return code
	}
	start := fset.Position(pos).Offset
	end := strings.Index(code[start:], name) + start + len(name)
	code = code[:start] + strings.Repeat(" ", end-start) + code[end:]
	if mainRE.MatchString(code) {
		code += "\nmain()"
	}
	return code
}

var mainRE = regexp.MustCompile(`(?m)^func\s+main\s*\(\s*\)`)

// importAll imports what the cell imports and, for package names it uses without
// importing them, the package of that name from the symbol tables.
func (e *Engine) importAll(ctx context.Context, code string, ans []*analysis) error {
	type imp struct{ name, path string }
	var todo []imp
	declared := map[string]bool{}
	for _, an := range ans {
		for _, d := range an.defines {
			declared[d] = true
		}
	}
	seen := map[string]bool{}
	for _, an := range ans {
		for _, im := range an.imports {
			name := im.name
			if name == "" {
				name = pkgNames[im.path]
				if name == "" {
					name = path.Base(im.path)
				}
			}
			if name == "_" || name == "." {
				if name == "." {
					return &kernel.ExecError{Name: "CompileError", Value: fmt.Sprintf("dot import of %q is not supported: import the package by name", im.path)}
				}
				continue
			}
			if e.imports[name] == im.path || seen[name] {
				continue
			}
			if _, ok := pkgNames[im.path]; !ok {
				line, col := lineCol(code, im.pos)
				return &kernel.ExecError{Name: "ImportError", Value: fmt.Sprintf("%d:%d: package %q is not available in the interpreter", line, col, im.path),
					Traceback: []string{fmt.Sprintf("cell:%d:%d: package %q is not available in the interpreter", line, col, im.path),
						"Only packages with generated symbol tables can be imported (see kernel/engine/symbols/packages.txt)."}}
			}
			seen[name] = true
			todo = append(todo, imp{name, im.path})
		}
	}
	for _, an := range ans {
		refs := make([]string, 0, len(an.pkgRefs))
		for r := range an.pkgRefs {
			refs = append(refs, r)
		}
		sort.Strings(refs)
		for _, r := range refs {
			if seen[r] || e.imports[r] != "" || declared[r] || e.global(r) {
				continue
			}
			if p, ok := autoImports[r]; ok {
				seen[r] = true
				todo = append(todo, imp{r, p})
			}
		}
	}
	if len(todo) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, im := range todo {
		fmt.Fprintf(&b, "\t%s %q\n", im.name, im.path)
	}
	b.WriteString(")\n")
	if _, err := e.compileRun(ctx, b.String()); err != nil {
		return &kernel.ExecError{Name: "ImportError", Value: err.Error()}
	}
	for _, im := range todo {
		e.imports[im.name] = im.path
	}
	return nil
}

// compiled is one compiled group with what is needed to map positions back to the cell.
type compiled struct {
	prog   *interp.Program
	prefix int // bytes before the rewritten group text
	src    string
	start  int
	used   []edit
}

func (e *Engine) compileGroup(code string, g group, prefix string, edits []edit) (c compiled, err error) {
	text, used := applyEdits(code, g.start, g.end, edits)
	pad := padFor(code, g.start)
	c = compiled{src: prefix + pad + text, prefix: len(prefix) + len(pad), start: g.start, used: used}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the interpreter failed on this cell: %v", r)
		}
	}()
	c.prog, err = e.i.Compile(c.src)
	return c, err
}

// runDecls compiles and runs a declaration group, records its declarations and rebinds
// earlier declarations that use a redefined name.
func (e *Engine) runDecls(ctx context.Context, run *cellRun, code string, g group, an *analysis) error {
	c, err := e.compileGroup(code, g, "", an.edits)
	if err != nil && len(an.rangeMaybe) > 0 && strings.Contains(err.Error(), "nil type") {
		if c2, err2 := e.compileGroup(code, g, "", append(append([]edit(nil), an.edits...), an.rangeMaybe...)); err2 == nil {
			c, err = c2, nil
		}
	}
	if err != nil {
		return e.compileError(code, c, err)
	}
	if _, err := e.execute(ctx, run, c); err != nil {
		return e.runtimeErrorAt(code, c, err)
	}
	var changed []string
	fresh := map[*storedDecl]bool{}
	for _, d := range an.decls {
		kind := d.kind.String()
		sd := &storedDecl{names: d.names, kind: kind, src: code[d.start:d.end], refs: d.refs}
		e.seq++
		sd.seq = e.seq
		e.replaceDecl(sd)
		fresh[sd] = true
		changed = append(changed, e.define(kind, d.names...)...)
		for _, n := range d.names {
			if strings.Contains(n, ".") {
				changed = append(changed, n)
			}
		}
	}
	e.rebind(ctx, changed, fresh)
	return nil
}

// replaceDecl stores d, dropping earlier declarations of the same names.
func (e *Engine) replaceDecl(d *storedDecl) {
	names := map[string]bool{}
	for _, n := range d.names {
		names[n] = true
	}
	kept := e.decls[:0]
	for _, o := range e.decls {
		drop := false
		for _, n := range o.names {
			if names[n] {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, o)
		}
	}
	e.decls = append(kept, d)
}

// rebind re-evaluates the stored functions, methods and types that use a changed name
// (directly or through another rebound declaration), so that they see the new
// definition. Declarations of this cell (fresh) are already current.
func (e *Engine) rebind(ctx context.Context, changed []string, fresh map[*storedDecl]bool) {
	if len(changed) == 0 {
		return
	}
	set := map[string]bool{}
	for _, n := range changed {
		set[n] = true
		if i := strings.IndexByte(n, '.'); i > 0 {
			set[n[i+1:]] = true // a method name, as referenced in selectors
		}
	}
	todo := map[*storedDecl]bool{}
	for grew := true; grew; {
		grew = false
		for _, d := range e.decls {
			if fresh[d] || todo[d] || d.kind == "var" || d.kind == "const" {
				continue
			}
			for r := range d.refs {
				if set[r] {
					todo[d] = true
					grew = true
					for _, n := range d.names {
						set[n] = true
					}
					break
				}
			}
		}
	}
	var list []*storedDecl
	for d := range todo {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
	for _, d := range list {
		if err := e.evalDecl(ctx, d.src); err != nil {
			fmt.Fprintf(e.errw, "note: %s no longer compiles after the redefinition: %s\n", strings.Join(d.names, ", "), describeErr(err))
		}
	}
}

// evalDecl re-evaluates the source of a stored declaration with the cell rewrites.
func (e *Engine) evalDecl(ctx context.Context, src string) error {
	for _, g := range splitCell(src) {
		an, err := analyse(src, g, false, e, &e.counter)
		if err != nil {
			return e.cellError(src, err)
		}
		c, err := e.compileGroup(src, g, "", an.edits)
		if err != nil {
			return e.compileError(src, c, err)
		}
		if _, err := e.i.ExecuteWithContext(ctx, c.prog); err != nil {
			return err
		}
	}
	return nil
}

func describeErr(err error) string {
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x.Value
	}
	return err.Error()
}

// runStmts compiles and runs a statement group. The trailing expression is wrapped so
// that all its values come back; ":=" of existing variables becomes "=" so that
// functions using them keep seeing the same variable. Each rewrite is dropped again when
// the group does not compile with it.
func (e *Engine) runStmts(ctx context.Context, run *cellRun, code string, g group, an *analysis) ([]any, error) {
	type variant struct {
		edits  []edit
		reuse  bool
		packed bool
	}
	base := an.edits
	var variants []variant
	with := func(parts ...[]edit) []edit {
		var r []edit
		r = append(r, base...)
		for _, p := range parts {
			r = append(r, p...)
		}
		return r
	}
	if len(an.optional) > 0 {
		variants = append(variants, variant{with(an.optional, an.packEdit), true, an.packEdit != nil})
	}
	if an.packEdit != nil {
		variants = append(variants, variant{with(an.packEdit), false, true})
	}
	variants = append(variants, variant{with(), false, false})
	const prefix = rtPkg + ".Begin();"
	var (
		c   compiled
		err error
		v   variant
	)
	for _, v = range variants {
		c, err = e.compileGroup(code, g, prefix, v.edits)
		if err == nil {
			break
		}
	}
	if err != nil && len(an.rangeMaybe) > 0 && strings.Contains(err.Error(), "nil type") {
		for _, v2 := range variants {
			v2.edits = append(append([]edit(nil), v2.edits...), an.rangeMaybe...)
			c2, err2 := e.compileGroup(code, g, prefix, v2.edits)
			if err2 == nil {
				c, err, v = c2, nil, v2
				break
			}
		}
	}
	if err != nil {
		return nil, e.diagnose(code, g, v.edits, c, err)
	}
	res, err := e.execute(ctx, run, c)
	// Names defined by := are session variables now, even when the cell failed later.
	changed := e.define("var", an.defines...)
	if !v.reuse {
		e.rebind(ctx, changed, nil)
	}
	if err != nil {
		return nil, e.runtimeErrorAt(code, c, err)
	}
	if !v.packed || !res.IsValid() {
		return nil, nil
	}
	e.cellMu.Lock()
	vals := run.vals
	run.vals = nil
	e.cellMu.Unlock()
	return vals, nil
}

// diagnose improves yaegi's vague messages for top-level statements ("constant
// definition loop", "nil type") by compiling the same statements as a function body,
// which is never run, and reporting that error when it is more specific.
func (e *Engine) diagnose(code string, g group, edits []edit, c compiled, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "definition loop") || strings.Contains(msg, "nil type") || strings.Contains(msg, "nil reflect type") {
		e.counter++
		prefix := fmt.Sprintf("func %s_check%d() {", hiddenPrefix, e.counter)
		text, used := applyEdits(code, g.start, g.end, edits)
		pad := padFor(code, g.start)
		c2 := compiled{src: prefix + pad + text + "\n}", prefix: len(prefix) + len(pad), start: g.start, used: used}
		func() {
			defer func() {
				// yaegi may panic here on names the failed compile left half-declared.
				if r := recover(); r != nil {
					if m := incompleteRE.FindStringSubmatch(fmt.Sprint(r)); m != nil {
						c, err = c2, fmt.Errorf("%s: undefined: %s", m[1], m[2])
					}
				}
			}()
			_, err2 := e.i.Compile(c2.src)
			if err2 != nil && !strings.Contains(err2.Error(), "definition loop") && !strings.Contains(err2.Error(), "nil type") {
				c, err = c2, err2
			}
		}()
	}
	return e.compileError(code, c, err)
}

var incompleteRE = regexp.MustCompile(`^(\d+:\d+): .*incomplete type (\w+)$`)

// execute runs a compiled group. On interrupt it waits up to StuckGrace for the
// interpreter goroutine to stop, and reports ErrStuck if it does not.
func (e *Engine) execute(ctx context.Context, run *cellRun, c compiled) (v reflect.Value, err error) {
	v, err = e.i.ExecuteWithContext(run.ctx, c.prog)
	if err == nil || run.ctx.Err() == nil {
		return v, err
	}
	// yaegi returns at once on cancellation; its goroutine stops at its next step. Wait
	// for that, so that the next cell does not run beside the end of this one.
	e.cellMu.Lock()
	gid := run.gid
	e.cellMu.Unlock()
	stuck := false
	if gid != "" {
		deadline := time.Now().Add(e.opts.StuckGrace)
		for goroutineAlive(gid) {
			if time.Now().After(deadline) {
				stuck = true
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if gp := run.failure(); gp != nil {
		return v, gp
	}
	cause := ctx.Err()
	if cause == nil {
		cause = context.Canceled
	}
	return v, &InterruptError{Stuck: stuck, cause: cause}
}

// InterruptError is returned by Execute when the cell was interrupted. It wraps the
// context's error and, when the cell could not be stopped, ErrStuck.
type InterruptError struct {
	Stuck bool
	cause error
}

func (e *InterruptError) Error() string {
	if e.Stuck {
		return "interrupted: " + ErrStuck.Error() + "; session variables are kept, restart the kernel if it stays busy"
	}
	return "interrupted: the cell was stopped; session variables are kept"
}

// As lets errors.As see a stuck cell as a *kernel.ExecError named StuckInNativeCall, the
// name the kernel uses for it; an interrupt that stopped the cell is left to the kernel's
// handling of context.Canceled.
func (e *InterruptError) As(target any) bool {
	t, ok := target.(**kernel.ExecError)
	if !ok || !e.Stuck {
		return false
	}
	*t = &kernel.ExecError{Name: "StuckInNativeCall", Value: ErrStuck.Error(), Traceback: []string{
		"StuckInNativeCall: " + ErrStuck.Error(),
		"The kernel keeps its variables; the cell stops at its next interpreted step once the call returns.",
		"Pass ctx to long-running library calls so that an interrupt can stop them, or restart the kernel.",
	}}
	return true
}

// Unwrap returns the context error and, for a stuck cell, ErrStuck.
func (e *InterruptError) Unwrap() []error {
	if e.Stuck {
		return []error{e.cause, ErrStuck}
	}
	return []error{e.cause}
}

var posRE = regexp.MustCompile(`^(?:[^\s:]*:)?(\d+):(\d+): (.*)$`)

// cellPos maps a "line:col" of compiled source c back to the cell.
func (c compiled) cellPos(code string, line, col int) (int, int) {
	off := offsetOf(c.src, line, col) - c.prefix
	if off < 0 {
		off = 0
	}
	return lineCol(code, mapBack(off, c.start, c.used))
}

// compileError converts a yaegi compile error into an ExecError with cell positions.
func (e *Engine) compileError(code string, c compiled, err error) error {
	msg := strings.TrimSpace(err.Error())
	first := strings.SplitN(msg, "\n", 2)[0]
	if m := posRE.FindStringSubmatch(first); m != nil && c.src != "" {
		l, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		cl, cc := c.cellPos(code, l, col)
		text := hint(m[3])
		return &kernel.ExecError{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", cl, cc, text),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", cl, cc, text)}, sourceLine(code, cl, cc)...)}
	}
	return &kernel.ExecError{Name: "CompileError", Value: hint(first), Traceback: []string{hint(msg)}}
}

// hint adds an explanation to yaegi messages that are known to mean an unsupported
// feature.
func hint(msg string) string {
	switch {
	case strings.HasSuffix(msg, "nil type") || strings.HasSuffix(msg, "nil reflect type"):
		return msg + " (the interpreter could not type this code. A common cause is assigning the result of a generic function at top level, which yaegi cannot do: declare the variable with its type and assign it in a function literal, as in: var r int; func() { r = G(x) }())"
	case strings.Contains(msg, "undefined selector") && (strings.Contains(msg, "maps.") || strings.Contains(msg, "slices.") ||
		strings.Contains(msg, "Seq")):
		return msg + " (the interpreter has the generic functions of slices and maps from Go 1.22 only; iterator functions such as maps.Keys, slices.Collect and strings.SplitSeq are not available: use a loop)"
	case strings.Contains(msg, "cannot range over") && strings.Contains(msg, "func"):
		return msg + " (range over a function, Go 1.23 iterators, is not supported by the Sluice interpreter)"
	}
	return msg
}

// sourceLine returns the cell line and a caret under column col.
func sourceLine(code string, line, col int) []string {
	lines := strings.Split(code, "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	l := strings.ReplaceAll(lines[line-1], "\t", " ")
	if col < 1 {
		col = 1
	}
	return []string{"    " + l, "    " + strings.Repeat(" ", col-1) + "^"}
}

// cellError converts a rewriter error (syntax or unsupported feature) into an ExecError.
func (e *Engine) cellError(code string, err error) error {
	var se *syntaxError
	if errors.As(err, &se) {
		l, c := lineCol(code, se.pos)
		return &kernel.ExecError{Name: "SyntaxError", Value: fmt.Sprintf("%d:%d: %s", l, c, se.msg),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: syntax error: %s", l, c, se.msg)}, sourceLine(code, l, c)...)}
	}
	var ue *unsupportedError
	if errors.As(err, &ue) {
		l, c := lineCol(code, ue.pos)
		return &kernel.ExecError{Name: "UnsupportedFeature", Value: fmt.Sprintf("%d:%d: %s", l, c, ue.Error()),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", l, c, ue.Error())}, sourceLine(code, l, c)...)}
	}
	return &kernel.ExecError{Name: "Error", Value: err.Error()}
}

// runtimeErrorAt converts an execution error of compiled group c.
func (e *Engine) runtimeErrorAt(code string, c compiled, err error) error {
	var ie *InterruptError
	if errors.As(err, &ie) {
		return err
	}
	ee := e.runtimeError(code, err)
	// Map the positions of the interpreter's panic trace back to the cell.
	if x, ok := ee.(*kernel.ExecError); ok {
		e.cellMu.Lock()
		var trace []string
		if e.run != nil {
			trace, e.run.trace = e.run.trace, nil
		}
		e.cellMu.Unlock()
		for _, t := range trace {
			if m := posRE.FindStringSubmatch(t); m != nil {
				l, _ := strconv.Atoi(m[1])
				col, _ := strconv.Atoi(m[2])
				cl, cc := c.cellPos(code, l, col)
				fn := strings.TrimPrefix(m[3], "panic: ")
				fn = strings.TrimSuffix(strings.TrimPrefix(fn, "main."), "(...)")
				if fn == "main" {
					fn = "cell"
				}
				x.Traceback = append(x.Traceback, fmt.Sprintf("  at cell:%d:%d in %s", cl, cc, fn))
				if len(x.Traceback) == 2 {
					x.Value = fmt.Sprintf("%s (cell line %d)", x.Value, cl)
					x.Traceback = append(x.Traceback, sourceLine(code, cl, cc)...)
				}
			}
		}
	}
	return ee
}

// runtimeError converts a panic or other execution failure into an ExecError.
func (e *Engine) runtimeError(code string, err error) error {
	var gp *GoPanicError
	if errors.As(err, &gp) {
		return &kernel.ExecError{Name: "panic", Value: fmt.Sprintf("in a goroutine started by this cell: %v", gp.Value),
			Traceback: []string{fmt.Sprintf("panic: %v [recovered in a goroutine started by this cell; the kernel keeps running]", gp.Value)}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		switch v := p.Value.(type) {
		case symbols.ExitError:
			return &kernel.ExecError{Name: "Exit", Value: fmt.Sprintf("os.Exit(%d) called by the cell", v.Code),
				Traceback: []string{fmt.Sprintf("os.Exit(%d): the cell stopped; the kernel and its session keep running", v.Code)}}
		case symbols.FatalError:
			return &kernel.ExecError{Name: "Fatal", Value: v.Message,
				Traceback: []string{"log.Fatal: " + v.Message, "the cell stopped; the kernel and its session keep running"}}
		case error:
			return &kernel.ExecError{Name: "panic", Value: v.Error(), Traceback: []string{"panic: " + v.Error()}}
		default:
			s := fmt.Sprint(v)
			return &kernel.ExecError{Name: "panic", Value: s, Traceback: []string{"panic: " + s}}
		}
	}
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x
	}
	return &kernel.ExecError{Name: "RuntimeError", Value: err.Error(), Traceback: []string{err.Error()}}
}

// toExecError converts a magic's error.
func toExecError(code string, err error) error {
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x
	}
	var ie *InterruptError
	if errors.As(err, &ie) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &InterruptError{cause: err}
	}
	var me *magics.Error
	if errors.As(err, &me) {
		tb := me.Traceback
		if len(tb) == 0 {
			tb = []string{me.Name + ": " + me.Value}
		}
		return &kernel.ExecError{Name: me.Name, Value: me.Value, Traceback: tb}
	}
	return &kernel.ExecError{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
}

// traceFilter receives the interpreter's stderr: the panic location lines yaegi prints
// are kept for the cell's traceback; everything else goes to the cell's stderr.
type traceFilter struct{ e *Engine }

var traceRE = regexp.MustCompile(`^(?:[^\s:]*:)?\d+:\d+: panic: `)

func (t *traceFilter) Write(p []byte) (int, error) {
	var rest []string
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		if traceRE.MatchString(line) {
			t.e.cellMu.Lock()
			if t.e.run != nil {
				t.e.run.trace = append(t.e.run.trace, strings.TrimSpace(line))
			}
			t.e.cellMu.Unlock()
			continue
		}
		rest = append(rest, line)
	}
	if len(rest) > 0 {
		if _, err := t.e.errw.Write([]byte(strings.Join(rest, ""))); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
