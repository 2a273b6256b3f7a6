// The typed front end: the allocation guard's lowering (make, append(s, xs...),
// strings.Repeat, bytes.Repeat); see fe_guard.go and guard.go.

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"runtime"
)

var gcSizes = types.SizesFor("gc", runtime.GOARCH)

// guardCall lowers make, append(s, xs...), strings.Repeat and bytes.Repeat in cell code
// so that one allocation above the limit fails the cell. It reports whether it handled
// n (lowering its arguments itself).
func (l *lowerer) guardCall(n *ast.CallExpr) bool {
	if !l.guarded() {
		return false
	}
	info := l.ctx.info
	switch fun := ast.Unparen(n.Fun).(type) {
	case *ast.Ident:
		b, ok := info.Uses[fun].(*types.Builtin)
		if !ok {
			return false
		}
		switch b.Name() {
		case "make":
			l.guardMake(n)
		case "append":
			l.guardAppend(n)
		}
		return false
	case *ast.SelectorExpr:
		f, ok := info.Uses[fun.Sel].(*types.Func)
		if !ok || f.Pkg() == nil || f.Name() != "Repeat" || len(n.Args) != 2 || n.Ellipsis.IsValid() {
			return false
		}
		helper := ""
		switch f.Pkg().Path() {
		case "strings":
			helper = "Repeat"
		case "bytes":
			helper = "RepeatBytes"
		default:
			return false
		}
		if sig, ok := f.Type().(*types.Signature); !ok || sig.Recv() != nil {
			return false
		}
		l.replace(fun.Pos(), fun.End(), feRtPkg+"."+helper)
		l.insert(n.Rparen, fmt.Sprintf(", %d", l.panicPos(n.Pos())), true)
		for _, a := range n.Args {
			ast.Inspect(a, l.visit)
		}
		return true
	}
	return false
}

// elemSize is the size of the elements of a slice, map (key and value) or channel type.
func (l *lowerer) elemSize(t types.Type) int64 {
	if t == nil || hasTypeParam(t) {
		return 0
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return gcSizes.Sizeof(u.Elem())
	case *types.Map:
		return gcSizes.Sizeof(u.Key()) + gcSizes.Sizeof(u.Elem())
	case *types.Chan:
		return gcSizes.Sizeof(u.Elem())
	}
	return 0
}

// guardMake wraps the size argument of make (the capacity when given).
func (l *lowerer) guardMake(n *ast.CallExpr) {
	if len(n.Args) < 2 {
		return
	}
	size := l.elemSize(l.typeOf(n.Args[0]))
	if size <= 0 {
		return
	}
	a := n.Args[len(n.Args)-1]
	if c, ok := ast.Unparen(a).(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
			if _, ok := l.ctx.info.Uses[id].(*types.Builtin); ok {
				return // the size of something that exists
			}
		}
	}
	if tv := l.ctx.info.Types[a]; tv.Value != nil {
		if v, ok := constInt64(tv); ok && v <= (1<<20)/size {
			return // small constant sizes cannot reach the limit
		}
	}
	// The size is wrapped now, so that a lowering that renders the call during the walk
	// takes the check in; guardFinish may move it before the statement.
	l.insert(a.Pos(), feRtPkg+".Alloc(int64(", false)
	l.insert(a.End(), fmt.Sprintf("), %d, %d)", size, l.panicPos(n.Pos())), true)
	if l.simpleSize(a) {
		st := guardStateOf(l.fe)
		st.mu.Lock()
		g := st.of(l)
		g.makes = append(g.makes, guardMakeCall{n, a, size})
		st.mu.Unlock()
	}
}

// guardAppend wraps the spread argument of append(s, xs...) when s and xs are plain
// variables (they are evaluated again for their lengths).
func (l *lowerer) guardAppend(n *ast.CallExpr) {
	if len(n.Args) != 2 || !n.Ellipsis.IsValid() {
		return
	}
	s, ok1 := n.Args[0].(*ast.Ident)
	xs, ok2 := n.Args[1].(*ast.Ident)
	if !ok1 || !ok2 || s.Name == "iota" || xs.Name == "iota" {
		return
	}
	if _, ok := l.ctx.info.Uses[s].(*types.Var); !ok {
		return
	}
	if _, ok := l.ctx.info.Uses[xs].(*types.Var); !ok {
		return
	}
	xt := l.typeOf(xs)
	if xt == nil {
		return
	}
	switch u := xt.Underlying().(type) {
	case *types.Slice:
	case *types.Basic:
		if u.Info()&types.IsString == 0 {
			return
		}
	default:
		return
	}
	size := l.elemSize(l.typeOf(n))
	if size <= 0 {
		return
	}
	l.insert(xs.End(), fmt.Sprintf("[:%s.AllocN(len(%s), len(%s), %d, %d)]", feRtPkg, s.Name, xs.Name, size, l.panicPos(n.Pos())), true)
}

// constInt64 is the value of an integer constant.
func constInt64(tv types.TypeAndValue) (int64, bool) {
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// makeCheck moves the check of a make's size before its statement,
//
//	if int64(n) > 1<<20/size { __sluice_fe.Alloc(int64(n), size, pos) }; stmt
//
// when the statement is a simple one whose only call is the make (nothing can change
// n in between), so that small sizes cost one comparison and no compiled call.
func (l *lowerer) makeCheck(g *guardLowering, m guardMakeCall) {
	var stmt ast.Stmt
	for _, list := range g.lists {
		for _, s := range list {
			if s.Pos() <= m.call.Pos() && m.call.End() <= s.End() && (stmt == nil || s.End()-s.Pos() < stmt.End()-stmt.Pos()) {
				stmt = s
			}
		}
	}
	pos := l.panicPos(m.call.Pos())
	if stmt == nil || !l.simpleStmt(stmt, m.call) {
		return
	}
	// Take the wrapping out (it is still in the edits: nothing rendered the statement).
	fa := l.ctx.fset.File(m.arg.Pos())
	start, end := fa.Offset(m.arg.Pos()), fa.Offset(m.arg.End())
	open, closing := feRtPkg+".Alloc(int64(", fmt.Sprintf("), %d, %d)", m.size, pos)
	var kept []edit
	removed := 0
	for _, ed := range l.edits[fa.Name()] {
		if ed.n == 0 && (ed.off == start && ed.text == open || ed.off == end && ed.text == closing) {
			removed++
			continue
		}
		kept = append(kept, ed)
	}
	if removed != 2 {
		return
	}
	l.edits[fa.Name()] = kept
	n := oneLine(l.renderRange(m.arg.Pos(), m.arg.End()))
	f := l.ctx.fset.File(stmt.Pos())
	ed := edit{off: f.Offset(stmt.Pos()), text: fmt.Sprintf("if int64(%s) > %d { %s.Alloc(int64(%s), %d, %d) }; ",
		n, (1<<20)/m.size, feRtPkg, n, m.size, pos)}
	l.edits[f.Name()] = append([]edit{ed}, l.edits[f.Name()]...)
}

// simpleStmt reports whether s is an assignment, declaration, expression, return,
// send or increment whose only call, besides builtins and conversions, is call.
func (l *lowerer) simpleStmt(s ast.Stmt, call *ast.CallExpr) bool {
	switch s.(type) {
	case *ast.AssignStmt, *ast.DeclStmt, *ast.ExprStmt, *ast.ReturnStmt, *ast.SendStmt, *ast.IncDecStmt:
	default:
		return false
	}
	ok := true
	ast.Inspect(s, func(n ast.Node) bool {
		c, isCall := n.(*ast.CallExpr)
		if !ok || !isCall || c == call {
			return ok
		}
		if tv := l.ctx.info.Types[c.Fun]; tv.IsType() || tv.IsBuiltin() {
			return true
		}
		ok = false
		return false
	})
	return ok
}

// simpleSize reports whether e is built from variables, constants, fields, integer
// conversions, len and cap with + - * << >> & |: free of side effects and cheap to
// evaluate twice.
func (l *lowerer) simpleSize(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			if n.Name == "iota" {
				ok = false
			}
			switch l.ctx.info.Uses[n].(type) {
			case *types.Func, *types.Builtin:
				ok = false
			}
		case *ast.BasicLit, *ast.ParenExpr, *ast.SelectorExpr:
		case *ast.BinaryExpr:
			switch n.Op {
			case token.ADD, token.SUB, token.MUL, token.SHL, token.SHR, token.AND, token.OR:
			default:
				ok = false
			}
		case *ast.CallExpr:
			tv := l.ctx.info.Types[n.Fun]
			if id, isID := ast.Unparen(n.Fun).(*ast.Ident); isID && tv.IsBuiltin() && (id.Name == "len" || id.Name == "cap") {
				return true
			}
			if tv.IsType() {
				if b, isBasic := types.Unalias(tv.Type).Underlying().(*types.Basic); isBasic && b.Info()&types.IsInteger != 0 {
					return true
				}
			}
			ok = false
		default:
			ok = false
		}
		return ok
	})
	return ok
}
