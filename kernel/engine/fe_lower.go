// The typed front end, part 3: lowering checked Go into the Go that yaegi runs reliably.

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// lowered collects what lowering one cell generates besides the edits of its text.
type lowered struct {
	decls     []string          // generated declarations: instances and helpers, in order
	insts     map[string]string // new instance keys → names
	instNames map[string]string // generated type name → the name Go prints
	aliases   map[string]bool   // hidden package names the generated code uses
	emitted   map[string]bool   // helper declarations emitted by this cell
}

func newLowered() *lowered {
	return &lowered{insts: map[string]string{}, instNames: map[string]string{}, aliases: map[string]bool{}, emitted: map[string]bool{}}
}

// lowerer computes the edits that lower one body of source (the cell, or a generic
// declaration being instantiated).
type lowerer struct {
	fe      *frontEnd
	ctx     *srcContext // the source being lowered
	main    *srcContext // the cell and session
	pkgPath string
	subst   map[*types.TypeParam]types.Type
	out     *lowered
	edits   map[string][]edit // by file name
	sigs    []*types.Signature
	err     error
	// called are the selectors that are the function of a call.
	called map[*ast.SelectorExpr]bool
	// varInitCell: the cell's package variables are initialised in its function;
	// typedVars are those variables.
	varInitCell bool
	typedVars   map[types.Object]bool
}

// replace replaces the source from pos to end with text.
func (l *lowerer) replace(pos, end token.Pos, text string) {
	f := l.ctx.fset.File(pos)
	off := f.Offset(pos)
	l.edits[f.Name()] = append(l.edits[f.Name()], edit{off: off, n: f.Offset(end) - off, text: text})
}

// insert inserts text at pos (late insertions go after others at the same place).
func (l *lowerer) insert(pos token.Pos, text string, late bool) {
	f := l.ctx.fset.File(pos)
	l.edits[f.Name()] = append(l.edits[f.Name()], edit{off: f.Offset(pos), text: text, late: late})
}

func (l *lowerer) text(n ast.Node) string { return l.ctx.text(n) }

// render returns the source of n with the edits applied. Text after an edit gets a line
// directive back to its cell position when n comes from the cell.
func (l *lowerer) render(n ast.Node) string {
	return l.renderRange(n.Pos(), n.End())
}

func (l *lowerer) renderRange(pos, end token.Pos) string {
	f := l.ctx.fset.File(pos)
	src := l.ctx.src[f.Name()]
	start, stop := f.Offset(pos), f.Offset(end)
	_, used := applyEdits(src, start, stop, l.edits[f.Name()])
	var b strings.Builder
	p := start
	for _, e := range used {
		b.WriteString(src[p:e.off])
		b.WriteString(e.text)
		p = e.off + e.n
		if e.text != "" || e.n > 0 {
			if adj := l.ctx.fset.Position(f.Pos(p)); adj.Filename == cellFile {
				fmt.Fprintf(&b, "/*line %s:%d:%d*/", cellFile, adj.Line, adj.Column)
			}
		}
	}
	b.WriteString(src[p:stop])
	return b.String()
}

func (l *lowerer) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}

func (l *lowerer) unsupported(n ast.Node, feature, hint string) {
	l.fail(&unsupportedError{pos: l.cellOff(n.Pos()), feature: feature, hint: hint})
}

// cellOff is the cell offset of p, or 0 outside the cell.
func (l *lowerer) cellOff(p token.Pos) int {
	if l.main == nil || l.main.cellCode == "" {
		return 0
	}
	if off := cellOffset(l.ctx.fset, l.main.cellCode, p); off >= 0 {
		return off
	}
	return 0
}

func (l *lowerer) tmp(kind string) string {
	l.fe.n++
	return fmt.Sprintf("%s_%s%d", hiddenPrefix, kind, l.fe.n)
}

func (l *lowerer) typeOf(e ast.Expr) types.Type {
	if tv, ok := l.ctx.info.Types[e]; ok {
		return substType(tv.Type, l.subst)
	}
	if id, ok := e.(*ast.Ident); ok {
		if o := l.ctx.info.ObjectOf(id); o != nil {
			return substType(o.Type(), l.subst)
		}
	}
	return nil
}

func (l *lowerer) tx(t types.Type) string {
	s, err := l.typeExpr(t)
	if err != nil {
		l.fail(err)
	}
	return s
}

// walk lowers everything inside n.
func (l *lowerer) walk(n ast.Node) error {
	ast.Inspect(n, l.visit)
	return l.err
}

func (l *lowerer) visit(n ast.Node) bool {
	if l.err != nil || n == nil {
		return false
	}
	info := l.ctx.info
	switch n := n.(type) {
	case *ast.FuncDecl:
		if sig, ok := info.Defs[n.Name].Type().(*types.Signature); ok && info.Defs[n.Name] != nil {
			l.sigs = append(l.sigs, sig)
			if n.Recv != nil {
				ast.Inspect(n.Recv, l.visit)
			}
			ast.Inspect(n.Type, l.visit)
			if n.Body != nil {
				ast.Inspect(n.Body, l.visit)
			}
			l.sigs = l.sigs[:len(l.sigs)-1]
			if l.pkgPath == "main" && n.Recv == nil && n.Name.Name == "main" {
				l.replace(n.Name.Pos(), n.Name.End(), mainFunc)
			}
			return false
		}
	case *ast.FuncLit:
		if sig, ok := l.typeOf(n).(*types.Signature); ok {
			l.sigs = append(l.sigs, sig)
			ast.Inspect(n.Type, l.visit)
			ast.Inspect(n.Body, l.visit)
			l.sigs = l.sigs[:len(l.sigs)-1]
			return false
		}
	case *ast.IndexExpr:
		if l.instanceExpr(n, n.X) || l.indexExpr(n) {
			return false
		}
	case *ast.SliceExpr:
		if l.sliceExpr(n) {
			return false
		}
	case *ast.IndexListExpr:
		if l.instanceExpr(n, n.X) {
			return false
		}
	case *ast.SelectorExpr:
		return l.selector(n)
	case *ast.Ident:
		l.ident(n)
	case *ast.RangeStmt:
		return l.rangeStmt(n, nil)
	case *ast.ForStmt:
		l.loopVars(n)
	case *ast.LabeledStmt:
		if rs, ok := n.Stmt.(*ast.RangeStmt); ok {
			return l.rangeStmt(rs, n)
		}
		if ts, ok := n.Stmt.(*ast.TypeSwitchStmt); ok {
			l.typeSwitch(ts, n)
			return false
		}
		if ss, ok := n.Stmt.(*ast.SwitchStmt); ok && ss.Init != nil {
			l.switchInit(ss, n)
			ast.Inspect(ss.Init, l.visit)
			if ss.Tag != nil {
				ast.Inspect(ss.Tag, l.visit)
			}
			ast.Inspect(ss.Body, l.visit)
			return false
		}
	case *ast.TypeSwitchStmt:
		l.typeSwitch(n, nil)
		return false
	case *ast.AssignStmt:
		if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
			l.commaOkAssert(n.Rhs[0])
		}
		if l.tupleMapAssign(n) || l.recvAssign(n) {
			return false
		}
	case *ast.TypeSpec:
		l.hideUnexported(n)
	case *ast.ValueSpec:
		if len(n.Names) == 2 && len(n.Values) == 1 {
			l.commaOkAssert(n.Values[0])
		}
	case *ast.CallExpr:
		return l.call(n)
	case *ast.GoStmt:
		l.goStmt(n)
	case *ast.CommClause:
		l.selectAssign(n)
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok {
			if name := l.embeddedInstanceName(l.ctx.info.Uses[id]); name != "" {
				l.replace(id.Pos(), id.End(), name)
				ast.Inspect(n.Value, l.visit)
				return false
			}
		}
	case *ast.ReturnStmt:
		if l.returnRecv(n) {
			return false
		}
	case *ast.SwitchStmt:
		l.switchInit(n, nil)
	case *ast.GenDecl:
		if n.Tok == token.CONST {
			l.constDecl(n)
			return false
		}
	case *ast.DeclStmt:
		if gd, ok := n.Decl.(*ast.GenDecl); ok && gd.Tok == token.TYPE && l.hoistTypes(n, gd) {
			return false
		}
	case *ast.DeferStmt:
		if l.deferStmt(n) {
			return false
		}
	case *ast.BinaryExpr:
		if l.ifaceCompare(n) {
			return false
		}
	case *ast.TypeAssertExpr:
		l.ifaceAssert(n)
	}
	return true
}

// instanceExpr lowers an explicit instantiation G[int] (or pkg.G[int]).
func (l *lowerer) instanceExpr(n ast.Expr, x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		sel, ok2 := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok2 {
			return false
		}
		id = sel.Sel
	}
	inst, ok := l.ctx.info.Instances[id]
	if !ok {
		return false
	}
	if name, ok := l.instName(id, inst); ok {
		l.replace(n.Pos(), n.End(), name)
		return true
	}
	return false
}

// instName lowers one use of a generic object.
func (l *lowerer) instName(id *ast.Ident, inst types.Instance) (string, bool) {
	obj := l.ctx.info.Uses[id]
	if obj == nil {
		return "", false
	}
	if tn, ok := obj.(*types.TypeName); ok {
		if _, isAlias := tn.Type().(*types.Alias); isAlias {
			// A generic alias: write the type it stands for.
			return l.tx(inst.Type), true
		}
	}
	args := make([]types.Type, inst.TypeArgs.Len())
	for i := range args {
		args[i] = substType(inst.TypeArgs.At(i), l.subst)
	}
	origin := obj
	if f, ok := obj.(*types.Func); ok {
		origin = f.Origin()
	}
	name, err := l.instance(origin, args)
	if err != nil {
		if ue, ok := err.(*unsupportedError); ok && ue.pos == 0 {
			ue.pos = l.cellOff(id.Pos())
		}
		l.fail(err)
		return "", false
	}
	return name, true
}

// selector lowers pkg.Name references.
func (l *lowerer) selector(n *ast.SelectorExpr) bool {
	if l.methodValue(n) {
		return false
	}
	if sel, ok := l.ctx.info.Selections[n]; ok && sel.Kind() == types.MethodExpr {
		if lit := l.methodExpr(sel); lit != "" {
			l.replace(n.Pos(), n.End(), "("+lit+")")
			return false
		}
	}
	if sel, ok := l.ctx.info.Selections[n]; ok && sel.Kind() == types.FieldVal {
		if name := l.embeddedInstanceName(sel.Obj()); name != "" {
			ast.Inspect(n.X, l.visit)
			l.replace(n.Sel.Pos(), n.Sel.End(), name)
			return false
		}
	}
	x, ok := n.X.(*ast.Ident)
	if !ok {
		return true
	}
	pn, ok := l.ctx.info.Uses[x].(*types.PkgName)
	if !ok {
		return true
	}
	path := pn.Imported().Path()
	if inst, ok := l.ctx.info.Instances[n.Sel]; ok {
		if name, ok := l.instName(n.Sel, inst); ok {
			l.replace(n.Pos(), n.End(), name)
		}
		return false
	}
	if o, ok := l.fe.stdProvided(path, n.Sel.Name); ok && !isGeneric(o) {
		name, err := l.stdHelper(o)
		if err != nil {
			l.fail(err)
			return false
		}
		l.replace(n.Pos(), n.End(), name)
		return false
	}
	if l.pkgPath != "main" {
		l.needAlias(path)
		l.replace(x.Pos(), x.End(), l.fe.alias(path))
	}
	return false
}

// ident lowers a bare identifier: an inferred generic call, a type parameter, a name of
// our standard-library source.
func (l *lowerer) ident(id *ast.Ident) {
	info := l.ctx.info
	if inst, ok := info.Instances[id]; ok {
		if name, ok := l.instName(id, inst); ok {
			l.replace(id.Pos(), id.End(), name)
		}
		return
	}
	obj := info.Uses[id]
	if obj == nil {
		obj = info.Defs[id]
		if obj == nil {
			return
		}
	}
	if name, ok := l.fe.hoisted[obj]; ok {
		l.replace(id.Pos(), id.End(), name)
		return
	}
	if tn, ok := obj.(*types.TypeName); ok {
		if tp, ok := tn.Type().(*types.TypeParam); ok {
			if v, ok := l.subst[tp]; ok {
				t := l.tx(v)
				if strings.HasPrefix(t, "*") || strings.HasPrefix(t, "<-") || strings.HasPrefix(t, "func") {
					t = "(" + t + ")" // PT(&v) with PT = *T is (*T)(&v)
				}
				l.replace(id.Pos(), id.End(), t)
			}
			return
		}
	}
	if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
		return
	}
	if l.pkgPath != "main" && obj.Pkg().Path() == l.pkgPath {
		if isGeneric(obj) {
			return // declared here; uses are instances
		}
		name, err := l.stdHelper(obj)
		if err != nil {
			l.fail(err)
			return
		}
		l.replace(id.Pos(), id.End(), name)
		return
	}
	if f, ok := obj.(*types.Func); ok && l.pkgPath == "main" && f.Name() == "main" && f.Pkg().Path() == "main" {
		l.replace(id.Pos(), id.End(), mainFunc)
	}
}

// call lowers calls of builtins and of functions the engine wraps.
func (l *lowerer) call(n *ast.CallExpr) bool {
	if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
		if l.called == nil {
			l.called = map[*ast.SelectorExpr]bool{}
		}
		l.called[sel] = true
	}
	if l.fmtCall(n) || l.panicCall(n) {
		return false
	}
	info := l.ctx.info
	fun := ast.Unparen(n.Fun)
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "new":
				if len(n.Args) == 1 && !info.Types[n.Args[0]].IsType() {
					t := l.tx(l.typeOf(n.Args[0]))
					v := l.tmp("v")
					l.insert(n.Pos(), fmt.Sprintf("(func(%s %s) *%s { return &%s })(", v, t, t, v), false)
					l.replace(n.Pos(), n.Args[0].Pos(), "")
					l.replace(n.Args[0].End(), n.End(), ")")
					// The argument keeps its own edits.
					for _, a := range n.Args {
						ast.Inspect(a, l.visit)
					}
					return false
				}
			case "min", "max":
				return l.minMax(n, b.Name())
			case "len", "cap", "real", "imag", "complex":
				// A constant call (len of an array or of a pointer to one, even nil) is
				// its value.
				if tv := info.Types[n]; tv.Value != nil {
					lit := constLiteral(tv.Value, tv.Type)
					if bt, ok := tv.Type.(*types.Basic); !ok || bt.Info()&types.IsUntyped == 0 {
						lit = l.tx(tv.Type) + "(" + lit + ")"
					}
					l.replace(n.Pos(), n.End(), lit)
					return false
				}
			case "clear":
				l.replace(id.Pos(), id.End(), rtPkg+".Clear")
			}
			return true
		}
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok {
			if pn, ok := info.Uses[x].(*types.PkgName); ok {
				path := pn.Imported().Path()
				switch {
				case path == "errors" && sel.Sel.Name == "As" && len(n.Args) == 2:
					if l.errorsAs(n, sel) {
						return false
					}
				case path == "errors" && sel.Sel.Name == "Join" && l.pkgPath == "main" && !n.Ellipsis.IsValid():
					l.replace(sel.Pos(), sel.End(), feRtPkg+".Join")
					for _, a := range n.Args {
						ast.Inspect(a, l.visit)
					}
					return false
				case path == "time" && sel.Sel.Name == "Sleep":
					l.replace(sel.Pos(), sel.End(), rtPkg+".Sleep")
					for _, a := range n.Args {
						ast.Inspect(a, l.visit)
					}
					return false
				case path == displayPath && (sel.Sel.Name == "Show" || sel.Sel.Name == "Display") && !n.Ellipsis.IsValid() && l.pkgPath == "main":
					for _, a := range n.Args {
						l.insert(a.Pos(), rtPkg+".Rich(", false)
						l.insert(a.End(), ")", true)
					}
				}
			}
		}
		if sel.Sel.Name == "Wait" && len(n.Args) == 0 {
			// An interrupt must end a cell waiting on a WaitGroup.
			if t := l.typeOf(sel.X); t != nil {
				ts := types.TypeString(t, nil)
				if ts == "sync.WaitGroup" || ts == "*sync.WaitGroup" {
					ast.Inspect(sel.X, l.visit)
					x := l.renderSub(sel.X)
					if ts == "sync.WaitGroup" {
						x = "&(" + x + ")"
					}
					l.replace(n.Pos(), n.End(), rtPkg+".WaitGroupWait("+x+")")
					return false
				}
			}
		}
		if (sel.Sel.Name == "Show" || sel.Sel.Name == "Update") && len(n.Args) == 1 && !n.Ellipsis.IsValid() && l.pkgPath == "main" {
			if t := l.typeOf(sel.X); t != nil && types.TypeString(t, nil) == "*"+displayPath+".Handle" {
				l.insert(n.Args[0].Pos(), rtPkg+".Rich(", false)
				l.insert(n.Args[0].End(), ")", true)
			}
		}
	}
	return true
}

// minMax lowers min and max: constants fold; other calls go to a helper generated for
// the result type.
func (l *lowerer) minMax(n *ast.CallExpr, name string) bool {
	tv := l.ctx.info.Types[n]
	if tv.Value != nil {
		// Constant: keep the chosen argument's text, converted to the result type.
		best := 0
		for i, a := range n.Args {
			v := l.ctx.info.Types[a].Value
			bv := l.ctx.info.Types[n.Args[best]].Value
			if v == nil || bv == nil {
				continue
			}
			op := token.LSS
			if name == "max" {
				op = token.GTR
			}
			if constant.Compare(v, op, bv) {
				best = i
			}
		}
		t := tv.Type
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			text := "(" + oneLine(l.text(n.Args[best])) + ")"
			if b.Kind() == types.UntypedFloat && l.ctx.info.Types[n.Args[best]].Value.Kind() == constant.Int {
				text = "(" + oneLine(l.text(n.Args[best])) + " + 0.0)"
			}
			l.replace(n.Pos(), n.End(), text)
			return false
		}
		l.replace(n.Pos(), n.End(), l.tx(t)+"("+oneLine(l.text(n.Args[best]))+")")
		return false
	}
	t := l.tx(tv.Type)
	h := l.minMaxHelper(name, t)
	l.replace(n.Fun.Pos(), n.Fun.End(), h)
	return true
}

// minMaxHelper returns a function literal func(x T, ys ...T) T computing min or max. It
// is written in place, so that T may be a type local to a function.
func (l *lowerer) minMaxHelper(name, t string) string {
	op := "<"
	if name == "max" {
		op = ">"
	}
	return fmt.Sprintf("(func(x %s, ys ...%s) %s { for _, y := range ys { if y %s x || y != y { x = y } }; return x })", t, t, t, op)
}

// goStmt wraps the call of a go statement so that a panic in the goroutine becomes an
// error of the cell that started it. The function and arguments are evaluated at the go
// statement, as Go does.
func (l *lowerer) goStmt(n *ast.GoStmt) {
	recov := fmt.Sprintf("defer func() { if r := recover(); r != nil { %s.GoPanic(r) } }(); ", rtPkg)
	call := n.Call
	if len(call.Args) == 1 && isCall(call.Args[0]) {
		l.replace(n.Go, call.Pos(), "go func() { "+recov)
		l.insert(call.End(), " }()", true)
		return
	}
	// The function value and the arguments are parameters of the goroutine's function,
	// evaluated at the go statement: captured block variables would be shared with the
	// next iteration of an enclosing loop in yaegi.
	sig, _ := types.Unalias(l.typeOf(call.Fun)).(*types.Signature)
	if sig == nil || (sig.Variadic() && !call.Ellipsis.IsValid()) || sig.Params().Len() != len(call.Args) {
		l.goStmtCaptured(n, recov)
		return
	}
	f := l.tmp("f")
	params := []string{f + " " + l.tx(substType(sig, l.subst))}
	var names []string
	for i := 0; i < sig.Params().Len(); i++ {
		a := l.tmp("a")
		names = append(names, a)
		params = append(params, a+" "+l.tx(substType(sig.Params().At(i).Type(), l.subst)))
	}
	args := strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	l.replace(n.Go, call.Fun.Pos(), fmt.Sprintf("go func(%s) { %s%s(%s) }(", strings.Join(params, ", "), recov, f, args))
	if len(call.Args) > 0 {
		l.replace(call.Fun.End(), call.Args[0].Pos(), ", ")
		l.replace(call.Args[len(call.Args)-1].End(), call.End(), ")")
	} else {
		l.replace(call.Fun.End(), call.End(), ")")
	}
}

// goStmtCaptured is goStmt for calls whose arguments cannot be parameters (variadic
// calls without ...): they are evaluated into block variables the goroutine captures.
func (l *lowerer) goStmtCaptured(n *ast.GoStmt, recov string) {
	call := n.Call
	names := make([]string, len(call.Args))
	for i := range call.Args {
		names[i] = l.tmp("a")
	}
	f := l.tmp("f")
	pre := "{ " + f + " := "
	if len(names) > 0 {
		pre = "{ " + f + ", " + strings.Join(names, ", ") + " := "
	}
	l.replace(n.Go, call.Fun.Pos(), pre)
	args := strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	if len(call.Args) > 0 {
		l.replace(call.Fun.End(), call.Args[0].Pos(), ", ")
		l.replace(call.Args[len(call.Args)-1].End(), call.End(), fmt.Sprintf("; go func() { %s%s(%s) }() }", recov, f, args))
	} else {
		l.replace(call.Fun.End(), call.End(), fmt.Sprintf("; go func() { %s%s() }() }", recov, f))
	}
}

// rangeStmt lowers range over integers and range over functions.
func (l *lowerer) rangeStmt(n *ast.RangeStmt, label *ast.LabeledStmt) bool {
	t := l.typeOf(n.X)
	if t == nil {
		return true
	}
	under := types.Unalias(t).Underlying()
	if b, ok := under.(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
		l.rangeInt(n, t)
		return true
	}
	if b, ok := under.(*types.Basic); ok && b.Info()&types.IsString != 0 && n.Key != nil && !isBlank(n.Key) {
		l.rangeString(n)
		return true
	}
	if sl, ok := under.(*types.Slice); ok {
		if _, isChan := sl.Elem().Underlying().(*types.Chan); isChan {
			l.rangeSliceIndexed(n)
			return true
		}
	}
	// Ranging over the indexes of a pointer to an array does not dereference it.
	if p, ok := under.(*types.Pointer); ok && (n.Value == nil || isBlank(n.Value)) {
		if a, ok := p.Elem().Underlying().(*types.Array); ok {
			l.rangeInt(n, types.Typ[types.Int])
			l.replace(n.X.Pos(), n.X.End(), fmt.Sprint(a.Len()))
			ast.Inspect(n.Body, l.visit)
			return false
		}
	}
	if sig, ok := under.(*types.Signature); ok {
		l.rangeFunc(n, sig, label)
		return false
	}
	if n.Tok == token.DEFINE {
		var vars []*ast.Ident
		for _, x := range []ast.Expr{n.Key, n.Value} {
			if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
				vars = append(vars, id)
			}
		}
		l.freshPerIteration(n.Body, vars)
	}
	return true
}

// loopVars gives a three-clause loop a fresh copy of its variables in each iteration,
// as Go 1.22 does, when the body can keep a reference to them (closures, go, defer, &).
func (l *lowerer) loopVars(n *ast.ForStmt) {
	as, ok := n.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return
	}
	var vars []*ast.Ident
	for _, x := range as.Lhs {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			vars = append(vars, id)
		}
	}
	// A body that assigns the variable changes the next iteration: a copy would lose that.
	objs := map[types.Object]bool{}
	for _, id := range vars {
		objs[l.ctx.info.Defs[id]] = true
	}
	assigned := false
	ast.Inspect(n.Body, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.AssignStmt:
			for _, x := range c.Lhs {
				if id, ok := x.(*ast.Ident); ok && objs[l.ctx.info.Uses[id]] {
					assigned = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := c.X.(*ast.Ident); ok && objs[l.ctx.info.Uses[id]] {
				assigned = true
			}
		}
		return !assigned
	})
	if !assigned {
		l.freshPerIteration(n.Body, vars)
	}
}

// freshPerIteration declares copies of the loop variables at the start of the body
// when the body can capture them, and creates each function literal that uses them in a
// frame of its own: yaegi's closures see the frame they were made in, which the next
// iteration overwrites when the closure runs later (in a goroutine, through a compiled
// callback).
func (l *lowerer) freshPerIteration(body *ast.BlockStmt, vars []*ast.Ident) {
	if len(vars) == 0 {
		return
	}
	loopObjs := map[types.Object]bool{}
	for _, id := range vars {
		if o := l.ctx.info.Defs[id]; o != nil {
			loopObjs[o] = true
		}
	}
	refers := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(c ast.Node) bool {
			if id, ok := c.(*ast.Ident); ok && loopObjs[l.ctx.info.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	// The body keeps a reference to a loop variable: a function literal using it, its
	// address, or a method value bound to it.
	captures := false
	ast.Inspect(body, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.FuncLit:
			if refers(c.Body) {
				captures = true
			}
			return false
		case *ast.UnaryExpr:
			if c.Op == token.AND && refers(c.X) {
				captures = true
			}
		case *ast.SelectorExpr:
			if sel, ok := l.ctx.info.Selections[c]; ok && sel.Kind() == types.MethodVal && refers(c.X) {
				captures = true
			}
		}
		return !captures
	})
	if !captures {
		return
	}
	var b strings.Builder
	objs := map[types.Object]*ast.Ident{}
	for _, id := range vars {
		fmt.Fprintf(&b, " %s := %s;", id.Name, id.Name)
		if o := l.ctx.info.Defs[id]; o != nil {
			objs[o] = id
		}
	}
	l.insert(body.Lbrace+1, b.String(), false)
	ast.Inspect(body, func(c ast.Node) bool {
		fl, ok := c.(*ast.FuncLit)
		if !ok {
			return true
		}
		used := map[types.Object]bool{}
		ast.Inspect(fl.Body, func(c ast.Node) bool {
			if id, ok := c.(*ast.Ident); ok {
				if o := l.ctx.info.Uses[id]; o != nil && objs[o] != nil {
					used[o] = true
				}
			}
			return true
		})
		if len(used) == 0 {
			return false
		}
		ft := l.typeOf(fl)
		if ft == nil {
			return false
		}
		var params, args []string
		for _, id := range vars {
			if o := l.ctx.info.Defs[id]; o != nil && used[o] {
				params = append(params, id.Name+" "+l.tx(substType(o.Type(), l.subst)))
				args = append(args, id.Name)
			}
		}
		l.insert(fl.Pos(), fmt.Sprintf("(func(%s) %s { return ", strings.Join(params, ", "), l.tx(ft)), false)
		l.insert(fl.End(), fmt.Sprintf(" })(%s)", strings.Join(args, ", ")), true)
		return false
	})
}

// rangeInt: for i := range n { body } → for k, m := T(0), T(n); k < m; k++ { i := k; body }.
func (l *lowerer) rangeInt(n *ast.RangeStmt, t types.Type) {
	ts := l.tx(t)
	k, m := l.tmp("k"), l.tmp("n")
	var bind string
	if n.Key != nil {
		if id, ok := n.Key.(*ast.Ident); !ok || id.Name != "_" {
			op := "="
			if n.Tok == token.DEFINE {
				op = ":="
			}
			bind = fmt.Sprintf(" %s %s %s;", l.text(n.Key), op, k)
		}
	}
	l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := %s(0), %s(", k, m, ts, ts))
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("); %s < %s; %s++ {%s", k, m, k, bind))
	if bind != "" && n.Tok == token.DEFINE {
		l.insert(n.Body.Lbrace+1, " _ = "+l.text(n.Key)+";", true)
	}
}

// rangeFunc: for k, v := range f { body } becomes a call of f with a yield function
// holding body, where continue returns true, break returns false, and return, labeled
// break and continue are carried out after the call.
func (l *lowerer) rangeFunc(n *ast.RangeStmt, sig *types.Signature, label *ast.LabeledStmt) {
	if sig.Params().Len() != 1 {
		l.unsupported(n, "range over this function", "it is not an iterator: func(yield func(...) bool)")
		return
	}
	ysig, ok := types.Unalias(sig.Params().At(0).Type()).Underlying().(*types.Signature)
	if !ok {
		l.unsupported(n, "range over this function", "its parameter is not a yield function")
		return
	}
	ysig = substType(ysig, l.subst).(*types.Signature)
	id := l.tmp("it")
	ret := id + "_ret"
	ctl := id + "_ctl"
	var params []string
	var binds []string
	vars := []ast.Expr{n.Key, n.Value}
	for i := 0; i < ysig.Params().Len(); i++ {
		pt := l.tx(ysig.Params().At(i).Type())
		var v ast.Expr
		if i < 2 {
			v = vars[i]
		}
		name := fmt.Sprintf("%s_%d", id, i)
		if v != nil {
			if vid, ok := v.(*ast.Ident); ok && n.Tok == token.DEFINE {
				name = vid.Name
			} else if !(ok && vid.Name == "_") {
				binds = append(binds, fmt.Sprintf("%s = %s_%d;", l.text(v), id, i))
			}
		}
		params = append(params, name+" "+pt)
	}
	var outer *types.Signature
	if len(l.sigs) > 0 {
		outer = l.sigs[len(l.sigs)-1]
	}
	// Rewrite the body's control flow that leaves the loop.
	b := &rangeBody{l: l, loop: n, label: label, ret: ret, ctl: ctl, outer: outer}
	b.scan(n.Body)
	if l.err != nil {
		return
	}
	var pre, post strings.Builder
	pre.WriteString("{ ")
	if b.usesRet {
		fmt.Fprintf(&pre, "var %s bool; ", ret)
		if outer != nil && outer.Results().Len() > 0 && outer.Results().At(0).Name() == "" {
			for i := 0; i < outer.Results().Len(); i++ {
				fmt.Fprintf(&pre, "var %s_r%d %s; ", id, i, l.tx(substType(outer.Results().At(i).Type(), l.subst)))
			}
		}
	}
	if len(b.ctls) > 0 {
		fmt.Fprintf(&pre, "var %s int; ", ctl)
	}
	start := n.Pos()
	if label != nil {
		start = label.Pos()
	}
	open, close := "(", ")"
	switch ast.Unparen(n.X).(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.CallExpr, *ast.IndexExpr, *ast.IndexListExpr:
		open, close = "", ""
	}
	l.replace(start, n.X.Pos(), pre.String()+open)
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("%s(func(%s) bool { %s", close, strings.Join(params, ", "), strings.Join(binds, " ")))
	post.WriteString("; return true })")
	if b.usesRet {
		if outer != nil && outer.Results().Len() > 0 && outer.Results().At(0).Name() == "" {
			var rs []string
			for i := 0; i < outer.Results().Len(); i++ {
				rs = append(rs, fmt.Sprintf("%s_r%d", id, i))
			}
			fmt.Fprintf(&post, "; if %s { return %s }", ret, strings.Join(rs, ", "))
		} else {
			fmt.Fprintf(&post, "; if %s { return }", ret)
		}
	}
	for i, c := range b.ctls {
		fmt.Fprintf(&post, "; if %s == %d { %s }", ctl, i+1, c)
	}
	post.WriteString(" }")
	l.replace(n.Body.Rbrace, n.Body.Rbrace+1, post.String())
	b.idPrefix = id
	// Lower the iterator expression and the body's own content.
	ast.Inspect(n.X, l.visit)
	ast.Inspect(n.Body, l.visit)
}

// rangeBody rewrites the statements of a range-over-func body that leave the loop.
type rangeBody struct {
	l        *lowerer
	loop     *ast.RangeStmt
	label    *ast.LabeledStmt
	ret, ctl string
	outer    *types.Signature
	usesRet  bool
	ctls     []string // statements run after the call, by control value 1, 2, ...
	idPrefix string
}

func (b *rangeBody) scan(body *ast.BlockStmt) {
	var visit func(n ast.Node, inLoop, inSwitch bool) // inLoop: nested for/range; inSwitch: nested switch/select
	visit = func(n ast.Node, inLoop, inSwitch bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			if c == n {
				return true
			}
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				visit(c.Body, true, false)
				return false
			case *ast.RangeStmt:
				visit(c.Body, true, false)
				return false
			case *ast.SwitchStmt:
				visit(c.Body, inLoop, true)
				return false
			case *ast.TypeSwitchStmt:
				visit(c.Body, inLoop, true)
				return false
			case *ast.SelectStmt:
				visit(c.Body, inLoop, true)
				return false
			case *ast.DeferStmt:
				b.l.unsupported(c, "defer inside the body of a range over a function", "the deferred call would run at the end of each iteration; move the defer out of the loop or into a function")
				return false
			case *ast.BranchStmt:
				b.branch(c, inLoop, inSwitch)
			case *ast.ReturnStmt:
				b.ret1(c)
			}
			return true
		})
	}
	visit(body, false, false)
}

func (b *rangeBody) own(label *ast.Ident) bool {
	return label == nil || (b.label != nil && b.label.Label.Name == label.Name)
}

func (b *rangeBody) branch(c *ast.BranchStmt, inLoop, inSwitch bool) {
	l := b.l
	switch c.Tok {
	case token.GOTO:
		l.unsupported(c, "goto inside the body of a range over a function", "use break, continue or a flag")
	case token.CONTINUE:
		if c.Label == nil && inLoop {
			return
		}
		if b.own(c.Label) {
			if c.Label != nil && inLoop || c.Label == nil {
				l.replace(c.Pos(), c.End(), "return true")
				return
			}
			l.replace(c.Pos(), c.End(), "return true")
			return
		}
		if c.Label != nil && b.labelInside(c.Label.Name) {
			return
		}
		b.ctls = append(b.ctls, "continue "+c.Label.Name)
		l.replace(c.Pos(), c.End(), fmt.Sprintf("{ %s = %d; return false }", b.ctl, len(b.ctls)))
	case token.BREAK:
		if c.Label == nil && (inLoop || inSwitch) {
			return
		}
		if b.own(c.Label) {
			l.replace(c.Pos(), c.End(), "return false")
			return
		}
		if b.labelInside(c.Label.Name) {
			return
		}
		b.ctls = append(b.ctls, "break "+c.Label.Name)
		l.replace(c.Pos(), c.End(), fmt.Sprintf("{ %s = %d; return false }", b.ctl, len(b.ctls)))
	}
}

// labelInside reports whether a label of that name is declared inside the loop body.
func (b *rangeBody) labelInside(name string) bool {
	found := false
	ast.Inspect(b.loop.Body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == name {
			found = true
		}
		return !found
	})
	return found
}

func (b *rangeBody) ret1(c *ast.ReturnStmt) {
	l := b.l
	b.usesRet = true
	var s strings.Builder
	s.WriteString("{ ")
	if len(c.Results) > 0 {
		named := b.outer != nil && b.outer.Results().Len() > 0 && b.outer.Results().At(0).Name() != ""
		var lhs []string
		for i := 0; i < b.outer.Results().Len(); i++ {
			if named {
				lhs = append(lhs, b.outer.Results().At(i).Name())
			} else {
				lhs = append(lhs, fmt.Sprintf("%s_r%d", strings.TrimSuffix(b.ret, "_ret"), i))
			}
		}
		// The results are written with their own edits.
		l.replace(c.Pos(), c.Results[0].Pos(), "{ "+strings.Join(lhs, ", ")+" = ")
		l.replace(c.Results[len(c.Results)-1].End(), c.End(), fmt.Sprintf("; %s = true; return false }", b.ret))
		return
	}
	fmt.Fprintf(&s, "%s = true; return false }", b.ret)
	l.replace(c.Pos(), c.End(), s.String())
}

// errorType is the predeclared error interface.
var errorType = types.Universe.Lookup("error").Type()

// isGeneric reports whether obj is a generic function or type.
func isGeneric(obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		if sig, ok := o.Type().(*types.Signature); ok {
			return sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0
		}
	case *types.TypeName:
		switch t := o.Type().(type) {
		case *types.Named:
			return t.TypeParams().Len() > 0
		case *types.Alias:
			return t.TypeParams().Len() > 0
		}
	}
	return false
}

// typeSwitch lowers a type switch into assertions and a switch on the matching case:
// yaegi's type switches miss interface cases for compiled values (case error).
//
//	switch v := x.(type) { case A: …; case B, C: …; default: … }
//
// becomes
//
//	{ t := x; c := -1; if _, ok := t.(A); ok { c = 0 } else if …; switch c { case 0: v := t.(A); …; case 1: v := t; …; default: v := t; … } }
func (l *lowerer) typeSwitch(n *ast.TypeSwitchStmt, label *ast.LabeledStmt) {
	var x ast.Expr
	var bind *ast.Ident
	switch a := n.Assign.(type) {
	case *ast.AssignStmt:
		bind = a.Lhs[0].(*ast.Ident)
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	}
	if x == nil {
		return
	}
	t, c := l.tmp("t"), l.tmp("c")
	var pre strings.Builder
	pre.WriteString("{ ")
	if n.Init != nil {
		pre.WriteString(l.renderRange(n.Init.Pos(), n.Init.End()))
		pre.WriteString("; ")
	}
	fmt.Fprintf(&pre, "%s := %s; %s := -1; ", t, oneLine(l.renderSub(x)), c)
	for k, st := range n.Body.List {
		cc := st.(*ast.CaseClause)
		for _, e := range cc.List {
			// Checks run in order until one matches. An assertion on a nil interface
			// panics in yaegi, so nil is tested first.
			if id, ok := e.(*ast.Ident); ok && id.Name == "nil" && l.ctx.info.Types[e].IsNil() {
				fmt.Fprintf(&pre, "if %s < 0 && %s == nil { %s = %d }; ", c, t, c, k)
				continue
			}
			ok := l.tmp("ok")
			fmt.Fprintf(&pre, "if %s < 0 && %s != nil { if _, %s := %s.(%s); %s { %s = %d } }; ", c, t, ok, t, l.tx(l.typeOf(e)), ok, c, k)
		}
	}
	lab := ""
	start := n.Pos()
	if label != nil {
		start = label.Pos()
		lab = label.Label.Name + ": "
	}
	fmt.Fprintf(&pre, "%sswitch %s {", lab, c)
	l.replace(start, n.Body.Lbrace+1, pre.String())
	for k, st := range n.Body.List {
		cc := st.(*ast.CaseClause)
		head := fmt.Sprintf("case %d:", k)
		if cc.List == nil {
			head = "default:"
		}
		if bind != nil {
			val := t
			if len(cc.List) == 1 {
				if id, ok := cc.List[0].(*ast.Ident); !ok || id.Name != "nil" {
					val = fmt.Sprintf("%s.(%s)", l.assertOperand(t, l.typeOf(cc.List[0])), l.tx(l.typeOf(cc.List[0])))
				}
			}
			// Each clause's variable gets its own name: yaegi confuses variables of one
			// name and different types in sibling clauses.
			name := fmt.Sprintf("%s_%s%d", bind.Name, hiddenPrefix, k)
			obj := l.ctx.info.Implicits[cc]
			for _, b := range cc.Body {
				ast.Inspect(b, func(c ast.Node) bool {
					if id, ok := c.(*ast.Ident); ok && obj != nil && l.ctx.info.Uses[id] == obj {
						l.replace(id.Pos(), id.End(), name)
					}
					return true
				})
			}
			head += fmt.Sprintf(" %s := %s; _ = %s;", name, val, name)
		}
		l.replace(cc.Case, cc.Colon+1, head)
		for _, b := range cc.Body {
			ast.Inspect(b, l.visit)
		}
	}
	l.insert(n.Body.Rbrace+1, " }", true)
}

// renderSub lowers an expression on its own and returns its text.
func (l *lowerer) renderSub(e ast.Expr) string {
	ast.Inspect(e, l.visit)
	return l.renderRange(e.Pos(), e.End())
}

// commaOkAssert lowers v, ok := x.(I) for an interface type I: yaegi panics when x is
// a nil interface, where Go gives the zero value and false.
func (l *lowerer) commaOkAssert(e ast.Expr) {
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil {
		return
	}
	it := l.typeOf(ta.Type)
	if it == nil || !types.IsInterface(it) {
		return
	}
	xt := l.typeOf(ta.X)
	if xt == nil {
		return
	}
	xs, is := l.tx(xt), l.tx(it)
	// Written in place, so that the types may be local to a function.
	fn := fmt.Sprintf("(func(x %s) (%s, bool) { if x == nil { var z %s; return z, false }; v, ok := x.(%s); return v, ok })", xs, is, is, is)
	l.replace(ta.Pos(), ta.X.Pos(), fn+"(")
	l.replace(ta.X.End(), ta.End(), ")")
}

// errorsAs lowers errors.As(err, &target) to a helper generated for the target's type:
// the compiled errors.As cannot see cell-defined types through yaegi's values. The
// helper walks the chain with the interpreter's own assertions, asking a compiled helper
// to unwrap compiled errors.
func (l *lowerer) errorsAs(n *ast.CallExpr, sel *ast.SelectorExpr) bool {
	pt, ok := types.Unalias(l.typeOf(n.Args[1])).(*types.Pointer)
	if !ok {
		return false
	}
	ts := l.tx(pt.Elem())
	key := "errors.As[" + ts + "]"
	fn, ok := l.fe.insts[key]
	if !ok {
		fn, ok = l.out.insts[key]
	}
	if !ok {
		l.fe.n++
		fn = fmt.Sprintf("%s%d_errorsAs", instPrefix, l.fe.n)
		l.out.insts[key] = fn
		assert := fmt.Sprintf("if v, ok := err.(%s); ok { *target = v; return true }", ts)
		if types.IsInterface(pt.Elem()) {
			assert = fmt.Sprintf("if v, ok := err.(%s); ok { *target = v; return true }", ts)
		}
		l.out.decls = append(l.out.decls, fmt.Sprintf(`func %[1]s(err error, target *%[2]s) bool {
	if target == nil { panic("errors: target cannot be nil") }
	for err != nil {
		%[3]s
		if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) { return true }
		var next []error
		if u, ok := err.(interface{ Unwrap() []error }); ok {
			next = u.Unwrap()
		} else if u, ok := err.(interface{ Unwrap() error }); ok {
			next = []error{u.Unwrap()}
		} else {
			next = %[4]s.Unwrap(any(err))
		}
		if len(next) == 0 { return false }
		if len(next) == 1 { err = next[0]; continue }
		for _, e := range next { if %[1]s(e, target) { return true } }
		return false
	}
	return false
}`, fn, ts, assert, feRtPkg))
	}
	l.replace(sel.Pos(), sel.End(), fn)
	for _, a := range n.Args {
		ast.Inspect(a, l.visit)
	}
	return true
}

// constDecl writes every constant of a declaration with its value, as go/types computed
// it: yaegi mis-handles implicit repetition, iota expressions and blank names.
func (l *lowerer) constDecl(n *ast.GenDecl) {
	var specs []string
	for _, sp := range n.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for _, id := range vs.Names {
			if id.Name == "_" {
				continue
			}
			c, ok := l.ctx.info.Defs[id].(*types.Const)
			if !ok {
				continue
			}
			lit := constLiteral(c.Val(), c.Type())
			name := id.Name
			if l.pkgPath != "main" && c.Parent() == c.Pkg().Scope() {
				name = stdName(l.fe, l.pkgPath, id.Name)
			}
			if b, ok := c.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
				specs = append(specs, fmt.Sprintf("%s = %s", name, lit))
			} else {
				t := l.tx(c.Type())
				specs = append(specs, fmt.Sprintf("%s %s = %s(%s)", name, t, t, lit))
			}
		}
	}
	text := "const (" + strings.Join(specs, "; ") + ")"
	if len(specs) == 1 {
		text = "const " + specs[0]
	}
	src := l.text(n)
	text += strings.Repeat("\n", strings.Count(src, "\n"))
	l.replace(n.Pos(), n.End(), text)
}

// constLiteral writes a constant value as a literal of its kind.
func constLiteral(v constant.Value, t types.Type) string {
	switch v.Kind() {
	case constant.Bool:
		return v.String()
	case constant.String:
		return strconv.Quote(constant.StringVal(v))
	case constant.Int:
		if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedRune {
			if r, ok := constant.Int64Val(v); ok && r >= 0 && r <= 0x10FFFF {
				return strconv.QuoteRune(rune(r))
			}
		}
		return v.ExactString()
	case constant.Float:
		bits := 64
		if b, ok := types.Unalias(t).Underlying().(*types.Basic); ok && b.Kind() == types.Float32 {
			bits = 32
		}
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			// Untyped: keep the exact value as a ratio, which constant arithmetic keeps exact.
			if n, d := constant.Num(v), constant.Denom(v); n.Kind() == constant.Int && d.Kind() == constant.Int && len(n.ExactString())+len(d.ExactString()) < 200 {
				if d.ExactString() == "1" {
					return n.ExactString() + ".0"
				}
				return "(" + n.ExactString() + ".0 / " + d.ExactString() + ".0)"
			}
		}
		f, _ := constant.Float64Val(v)
		s := strconv.FormatFloat(f, 'g', -1, bits)
		if !strings.ContainsAny(s, ".eEnI") {
			s += ".0"
		}
		return s
	case constant.Complex:
		return "complex(" + constLiteral(constant.Real(v), types.Typ[types.UntypedFloat]) + ", " + constLiteral(constant.Imag(v), types.Typ[types.UntypedFloat]) + ")"
	}
	return v.ExactString()
}

// hoistTypes moves a function's local type declarations to package level under hidden
// names when they use nothing local: generated helpers and instances, which live at
// package level, can then name them. It reports whether it handled the declaration.
func (l *lowerer) hoistTypes(ds *ast.DeclStmt, gd *ast.GenDecl) bool {
	for _, sp := range gd.Specs {
		ts := sp.(*ast.TypeSpec)
		if ts.TypeParams != nil || ts.Assign.IsValid() {
			return false
		}
		local := false
		ast.Inspect(ts.Type, func(c ast.Node) bool {
			if id, ok := c.(*ast.Ident); ok {
				if o := l.ctx.info.Uses[id]; o != nil && o.Pkg() != nil && o.Parent() != nil && o.Parent() != o.Pkg().Scope() {
					if _, hoisted := l.fe.hoisted[o]; !hoisted {
						local = true
					}
				}
			}
			return !local
		})
		if local {
			return false
		}
	}
	var decls []string
	for _, sp := range gd.Specs {
		ts := sp.(*ast.TypeSpec)
		obj := l.ctx.info.Defs[ts.Name]
		name := l.tmp("local_" + ts.Name.Name)
		l.fe.hoisted[obj] = name
		l.out.instNames[name] = "main." + ts.Name.Name
		ast.Inspect(ts.Type, l.visit)
		decls = append(decls, "type "+name+" "+l.renderSub(ts.Type))
	}
	l.out.decls = append(l.out.decls, decls...)
	l.replace(ds.Pos(), ds.End(), strings.Repeat("\n", strings.Count(l.text(ds), "\n")))
	return true
}

// methodValue lowers a method value x.M whose method has a value receiver: Go copies x
// when the method value is evaluated, yaegi binds the variable itself.
func (l *lowerer) methodValue(n *ast.SelectorExpr) bool {
	if l.called[n] {
		return false
	}
	sel, ok := l.ctx.info.Selections[n]
	if !ok || sel.Kind() != types.MethodVal || len(sel.Index()) != 1 {
		return false
	}
	fn, ok := sel.Obj().(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	if _, ptr := recv.Type().(*types.Pointer); ptr || types.IsInterface(recv.Type()) {
		return false
	}
	xt := l.typeOf(n.X)
	if xt == nil || types.IsInterface(xt) {
		return false
	}
	ft := l.tx(substType(sel.Type(), l.subst))
	rt := l.tx(substType(recv.Type(), l.subst))
	if rt == "" || ft == "" {
		return false
	}
	x := l.renderSub(n.X)
	if _, isPtr := types.Unalias(xt).(*types.Pointer); isPtr {
		x = "*(" + x + ")"
	}
	l.replace(n.Pos(), n.End(), fmt.Sprintf("(func(r %s) %s { return r.%s })(%s)", rt, ft, n.Sel.Name, x))
	return true
}

// oneLine joins a multi-line expression onto one line.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// pure reports whether evaluating e has no side effects (no calls, receives or
// function literals).
func pure(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr, *ast.FuncLit:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func isCall(e ast.Expr) bool {
	_, ok := e.(*ast.CallExpr)
	return ok
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// selectAssign lowers a select case that assigns a received value to existing variables
// (case v = <-c, case v, ok = <-c), which panics in yaegi, into one that declares
// fresh variables and assigns them at the start of the case.
func (l *lowerer) selectAssign(n *ast.CommClause) {
	as, ok := n.Comm.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Rhs) != 1 {
		return
	}
	var tmps, assigns []string
	for _, x := range as.Lhs {
		t := l.tmp("r")
		tmps = append(tmps, t)
		if !isBlank(x) {
			ast.Inspect(x, l.visit)
			assigns = append(assigns, l.renderSub(x)+" = "+t)
		} else {
			assigns = append(assigns, "_ = "+t)
		}
	}
	ast.Inspect(as.Rhs[0], l.visit)
	l.replace(as.Pos(), as.Rhs[0].Pos(), strings.Join(tmps, ", ")+" := ")
	l.insert(n.Colon+1, " "+strings.Join(assigns, "; ")+";", false)
}

// switchInit moves the init statement of an expression switch into a block around it:
// yaegi mis-evaluates a switch that has both an init statement and a tag expression.
func (l *lowerer) switchInit(n *ast.SwitchStmt, label *ast.LabeledStmt) {
	if n.Init == nil {
		return
	}
	start, lab := n.Pos(), ""
	if label != nil {
		start, lab = label.Pos(), label.Label.Name+": "
	}
	next := n.Body.Lbrace
	if n.Tag != nil {
		next = n.Tag.Pos()
	}
	l.replace(start, n.Init.Pos(), "{ ")
	l.replace(n.Init.End(), next, "; "+lab+"switch ")
	l.insert(n.Body.Rbrace+1, " }", true)
}

// tupleMapAssign lowers a tuple assignment that writes a map element (a, m[k] = x, y),
// whose map write yaegi drops, into Go's two phases spelled out: the index operands on
// the left and the values on the right are evaluated in order into temporaries, then the
// assignments are made left to right.
func (l *lowerer) tupleMapAssign(n *ast.AssignStmt) bool {
	if n.Tok != token.ASSIGN || len(n.Lhs) < 2 || len(n.Lhs) != len(n.Rhs) {
		return false
	}
	hasMap := false
	for _, x := range n.Lhs {
		if ix, ok := ast.Unparen(x).(*ast.IndexExpr); ok {
			if t := l.typeOf(ix.X); t != nil {
				if _, ok := types.Unalias(t).Underlying().(*types.Map); ok {
					hasMap = true
				}
			}
		}
	}
	if !hasMap {
		return false
	}
	var pre, targets []string
	for _, x := range n.Lhs {
		switch x := ast.Unparen(x).(type) {
		case *ast.IndexExpr:
			t := l.typeOf(x.X)
			tx, ti := l.tmp("x"), l.tmp("i")
			ref := tx
			if _, isArr := types.Unalias(t).Underlying().(*types.Array); isArr {
				pre = append(pre, fmt.Sprintf("%s := &(%s)", tx, l.renderSub(x.X)))
				ref = "(*" + tx + ")"
			} else {
				pre = append(pre, fmt.Sprintf("%s := %s", tx, l.renderSub(x.X)))
			}
			pre = append(pre, fmt.Sprintf("%s := %s", ti, l.renderSub(x.Index)))
			targets = append(targets, ref+"["+ti+"]")
		case *ast.StarExpr:
			tp := l.tmp("p")
			pre = append(pre, fmt.Sprintf("%s := %s", tp, l.renderSub(x.X)))
			targets = append(targets, "*"+tp)
		default:
			targets = append(targets, l.renderSub(x))
		}
	}
	var vals []string
	for _, r := range n.Rhs {
		tv := l.tmp("v")
		pre = append(pre, fmt.Sprintf("%s := %s", tv, l.renderSub(r)))
		vals = append(vals, tv)
	}
	var asg []string
	for i, t := range targets {
		if t == "_" {
			asg = append(asg, "_ = "+vals[i])
			continue
		}
		asg = append(asg, t+" = "+vals[i])
	}
	text := "{ " + strings.Join(pre, "; ") + "; " + strings.Join(asg, "; ") + " }"
	l.replace(n.Pos(), n.End(), oneLine(text))
	return true
}

// rangeString lowers for i, r := range s to a loop decoding s with utf8's rules: yaegi
// reports wrong byte offsets after invalid UTF-8.
func (l *lowerer) rangeString(n *ast.RangeStmt) {
	k, str, r, w := l.tmp("k"), l.tmp("s"), l.tmp("r"), l.tmp("w")
	op := "="
	if n.Tok == token.DEFINE {
		op = ":="
	}
	lhs, rhs := l.text(n.Key), k
	if n.Value != nil && !isBlank(n.Value) {
		lhs += ", " + l.text(n.Value)
		rhs += ", " + r
	}
	l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := 0, string(", k, str))
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("); %s < len(%s); { %s, %s := %s.DecodeRune(%s[%s:]); _ = %s; %s %s %s; %s += %s;",
		k, str, r, w, feRtPkg, str, k, r, lhs, op, rhs, k, w))
}

// recvAssign lowers v, ok = <-c (assigning existing variables), which panics in yaegi,
// to a receive into fresh variables that are then assigned.
func (l *lowerer) recvAssign(n *ast.AssignStmt) bool {
	if n.Tok != token.ASSIGN || len(n.Lhs) != 2 || len(n.Rhs) != 1 {
		return false
	}
	u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	v, okv := l.tmp("v"), l.tmp("ok")
	var lhs []string
	for _, x := range n.Lhs {
		lhs = append(lhs, l.renderSub(x))
	}
	text := fmt.Sprintf("{ %s, %s := %s; %s = %s, %s }", v, okv, l.renderSub(n.Rhs[0]), strings.Join(lhs, ", "), v, okv)
	l.replace(n.Pos(), n.End(), oneLine(text))
	return true
}

// returnRecv lowers a return whose results receive from a channel (return <-c), which
// panics in yaegi when the channel is closed, or that has several results of builtin
// calls: the results go through temporaries, in order.
func (l *lowerer) returnRecv(n *ast.ReturnStmt) bool {
	recv := false
	for _, r := range n.Results {
		if u, ok := ast.Unparen(r).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			recv = true
		}
		// yaegi returns the last of several builtin results for all of them
		// (return real(c), imag(c)).
		if c, ok := ast.Unparen(r).(*ast.CallExpr); ok && len(n.Results) > 1 {
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
				if _, ok := l.ctx.info.Uses[id].(*types.Builtin); ok {
					recv = true
				}
			}
		}
	}
	if !recv {
		return false
	}
	var pre, names []string
	for _, r := range n.Results {
		t := l.tmp("ret")
		pre = append(pre, t+" := "+l.renderSub(r))
		names = append(names, t)
	}
	l.replace(n.Pos(), n.End(), oneLine("{ "+strings.Join(pre, "; ")+"; return "+strings.Join(names, ", ")+" }"))
	return true
}

// embeddedInstanceName is the field name yaegi knows for an embedded field whose type is
// a generic instance (the instance's generated name), or "".
func (l *lowerer) embeddedInstanceName(obj types.Object) string {
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() || !v.Embedded() {
		return ""
	}
	t := substType(v.Type(), l.subst)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	nt, ok := types.Unalias(t).(*types.Named)
	if !ok || nt.TypeArgs().Len() == 0 {
		return ""
	}
	name, err := l.typeExpr(nt)
	if err != nil {
		return ""
	}
	return name
}

// methodExpr writes the function literal a method expression T.M stands for:
// func(r T, a0 A0) R { return r.M(a0) } (yaegi types method expressions wrongly).
func (l *lowerer) methodExpr(s *types.Selection) string {
	sig, ok := substType(s.Type(), l.subst).(*types.Signature)
	if !ok {
		return ""
	}
	var params, args []string
	ps := sig.Params()
	for i := 0; i < ps.Len(); i++ {
		t, err := l.typeExpr(ps.At(i).Type())
		if err != nil {
			return ""
		}
		if i == 0 {
			params = append(params, "r "+t)
			continue
		}
		name := fmt.Sprintf("a%d", i-1)
		if sig.Variadic() && i == ps.Len()-1 {
			params = append(params, name+" ..."+strings.TrimPrefix(t, "[]"))
			args = append(args, name+"...")
			continue
		}
		params = append(params, name+" "+t)
		args = append(args, name)
	}
	res := ""
	body := "r." + s.Obj().Name() + "(" + strings.Join(args, ", ") + ")"
	if rs := sig.Results(); rs.Len() > 0 {
		var ts []string
		for i := 0; i < rs.Len(); i++ {
			t, err := l.typeExpr(rs.At(i).Type())
			if err != nil {
				return ""
			}
			ts = append(ts, t)
		}
		res = " " + ts[0]
		if len(ts) > 1 {
			res = " (" + strings.Join(ts, ", ") + ")"
		}
		body = "return " + body
	}
	return "func(" + strings.Join(params, ", ") + ")" + res + " { " + body + " }"
}

// rangeSliceIndexed lowers range over a slice to an index loop (yaegi fails ranging over
// a slice of channels).
func (l *lowerer) rangeSliceIndexed(n *ast.RangeStmt) {
	k, sl := l.tmp("k"), l.tmp("s")
	var lhs, rhs []string
	if n.Key != nil && !isBlank(n.Key) {
		lhs, rhs = append(lhs, l.text(n.Key)), append(rhs, k)
	}
	if n.Value != nil && !isBlank(n.Value) {
		lhs, rhs = append(lhs, l.text(n.Value)), append(rhs, sl+"["+k+"]")
	}
	bind := ""
	if len(lhs) > 0 {
		op := "="
		if n.Tok == token.DEFINE {
			op = ":="
		}
		bind = fmt.Sprintf(" %s %s %s;", strings.Join(lhs, ", "), op, strings.Join(rhs, ", "))
	}
	l.replace(n.For, n.X.Pos(), fmt.Sprintf("for %s, %s := 0, ", k, sl))
	l.replace(n.X.End(), n.Body.Lbrace+1, fmt.Sprintf("; %s < len(%s); %s++ {%s", k, sl, k, bind))
}
