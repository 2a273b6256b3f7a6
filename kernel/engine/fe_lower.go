// The typed front end, part 3: lowering checked Go into the Go that yaegi runs reliably.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// lowered collects what lowering one cell generates besides the edits of its text.
type lowered struct {
	decls     []string          // generated declarations: instances and helpers, in order
	insts     map[string]string // new instance keys → names
	instNames map[string]string // generated type name → the name Go prints
	aliases   map[string]bool   // hidden package names the generated code uses
	emitted   map[string]bool   // helper declarations emitted by this cell
	helpers   map[string]string // this cell's conversion helpers (fe_ifacefresh.go): key → name
}

func newLowered() *lowered {
	return &lowered{insts: map[string]string{}, instNames: map[string]string{}, aliases: map[string]bool{}, emitted: map[string]bool{}, helpers: map[string]string{}}
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
	// cellScope is the scope of the cell's statements (their := names are session
	// variables).
	cellScope *types.Scope
	// called are the selectors that are the function of a call.
	called map[*ast.SelectorExpr]bool
	// varInitCell: the cell's package variables are initialised in its function;
	// typedVars are those variables.
	varInitCell bool
	typedVars   map[types.Object]bool
	// cellForms: the cell types assertions to cell interfaces try (fe_iface.go).
	cellForms *cellForms
	// skipAssert are assertions already lowered as a whole.
	skipAssert map[*ast.TypeAssertExpr]bool
	// rangeStack are the loops over functions whose bodies are being lowered, innermost
	// last (reset inside function literals).
	rangeStack []*rangeBody
	// frame: what is known of the function body being lowered (see fe_defer.go).
	frame frameState
	// sortX is the slice a sort.Slice comparator being lowered sorts (fe_sort.go), as
	// keyShape writes it.
	sortX string
	// unrolls are the loops to unroll once the walk is done; labeledFor the loops
	// with a label (fe_unroll.go).
	unrolls    []*unrollLoop
	labeledFor map[*ast.ForStmt]bool
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
	if tv, ok := l.ctx.info.Types[e]; ok && tv.Type != types.Typ[types.Invalid] {
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
	l.guardFinish()
	l.unrollFinish()
	return l.err
}

func (l *lowerer) visit(n ast.Node) bool {
	if l.err != nil || n == nil {
		return false
	}
	info := l.ctx.info
	switch n.(type) {
	case *ast.AssignStmt, *ast.ValueSpec, *ast.ReturnStmt, *ast.SendStmt, *ast.CompositeLit, *ast.CallExpr:
		l.ifaceCopies(n)
	}
	switch n := n.(type) {
	case *ast.FuncDecl:
		if sig, ok := info.Defs[n.Name].Type().(*types.Signature); ok && info.Defs[n.Name] != nil {
			l.sigs = append(l.sigs, sig)
			if n.Recv != nil {
				ast.Inspect(n.Recv, l.visit)
			}
			ast.Inspect(n.Type, l.visit)
			if n.Body != nil {
				l.guardEntry(n.Body, n)
				l.resetResults(sig, n.Recv, n.Type, n.Body)
				name := n.Name.Name
				if l.pkgPath == "main" && n.Recv == nil && name == "main" {
					name = mainFunc
				}
				prev := l.enterFrame(n.Body, name)
				ast.Inspect(n.Body, l.visit)
				l.leaveFrame(prev)
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
			stack := l.rangeStack
			l.rangeStack = nil
			l.closureFrame(n)
			ast.Inspect(n.Type, l.visit)
			l.guardEntry(n.Body, n)
			l.resetResults(sig, nil, n.Type, n.Body)
			prev := l.enterFrame(n.Body, "")
			ast.Inspect(n.Body, l.visit)
			l.leaveFrame(prev)
			l.rangeStack = stack
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
		l.unrollFor(n, l.labeledFor[n])
	case *ast.LabeledStmt:
		if fs, ok := n.Stmt.(*ast.ForStmt); ok {
			if l.labeledFor == nil {
				l.labeledFor = map[*ast.ForStmt]bool{}
			}
			l.labeledFor[fs] = true
		}
		if rs, ok := n.Stmt.(*ast.RangeStmt); ok {
			return l.rangeStmt(rs, n)
		}
		if ts, ok := n.Stmt.(*ast.TypeSwitchStmt); ok {
			l.typeSwitch(ts, n)
			return false
		}
		if ss, ok := n.Stmt.(*ast.SwitchStmt); ok && l.switchCalls(ss, n) {
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
		if l.tupleMapAssign(n) || l.recvAssign(n) || l.tupleCallAssign(n) {
			return false
		}
		l.unaliasResult(n)
	case *ast.TypeSpec:
		l.hideUnexported(n)
	case *ast.ValueSpec:
		if len(n.Names) == 2 && len(n.Values) == 1 {
			l.commaOkAssert(n.Values[0])
		}
	case *ast.CallExpr:
		return l.call(n)
	case *ast.GoStmt:
		if !l.goRecvNow(n) {
			l.goStmt(n)
		}
	case *ast.CommClause:
		l.selectAssign(n)
		l.markLines(n.Body)
	case *ast.BlockStmt:
		l.markLines(n.List)
	case *ast.CaseClause:
		l.markLines(n.Body)
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
		if l.switchCalls(n, nil) {
			return false
		}
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
		if l.deferRecvNow(n) || l.deferStmt(n) {
			return false
		}
	case *ast.BinaryExpr:
		if l.ifaceCompare(n) {
			return false
		}
		l.shiftOperand(n)
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
	l.ifacePromotedCall(n)
	if l.boundMethodValue(n) || l.methodValue(n) || l.ptrMethodValue(n) {
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
	if id.Name == "iota" && obj.Parent() != types.Universe && obj.Pkg() != nil &&
		obj.Parent() != obj.Pkg().Scope() && obj.Parent() != l.cellScope {
		// yaegi reads iota as the constant wherever it appears.
		l.replace(id.Pos(), id.End(), hiddenPrefix+"_iota")
		return
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
	if l.sortCall(n) || l.fmtCall(n) || l.panicCall(n) || l.guardCall(n) {
		return false
	}
	l.plainArgs(n)
	l.errorsCall(n)
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
				case (path == "time" || path == "context") && sel.Sel.Name == "AfterFunc" && len(n.Args) == 2:
					// The callback runs on a runtime goroutine: a panic there must not
					// end the kernel.
					// Opened in the text before the callback and closed with the call's
					// parenthesis: the callback's own lowering (a method value k.Plain, a
					// literal made by a function of its own) inserts at its ends.
					l.replace(n.Args[0].End(), n.Args[1].Pos(), ", "+feRtPkg+".Protect(")
					l.replace(n.Rparen, n.Rparen+1, "))")
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
