// The typed front end: checked index and slice expressions, so that out-of-range
// errors carry Go's message with the index and length.

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"runtime"
	"weak"
)

// indexExpr lowers xs[i] into a checked form when needed; it reports whether it handled
// n (lowering its operands itself).
func (l *lowerer) indexExpr(n *ast.IndexExpr) bool {
	if l.pkgPath != "main" {
		return false
	}
	kind, ok := l.seqKind(n.X)
	if !ok || !l.pureExpr(n.X) {
		return false
	}
	if tv := l.ctx.info.Types[n.Index]; tv.Value != nil && kind == 'a' {
		return false
	}
	if tv := l.ctx.info.Types[n.Index]; tv.Type == nil || hasTypeParam(tv.Type) {
		return false
	}
	if panicInfoOf(l).safe[n] {
		return false
	}
	x := oneLine(l.renderInner(n.X))
	l.insert(n.Index.Pos(), feRtPkg+".Ix(int64(", false)
	l.insert(n.Index.End(), fmt.Sprintf("), len(%s), %d)", x, l.panicPos(n.Lbrack)), true)
	ast.Inspect(n.Index, l.visit)
	return true
}

// sliceExpr lowers xs[lo:hi:max] into a checked form when its operands allow.
func (l *lowerer) sliceExpr(n *ast.SliceExpr) bool {
	// Our generic std source is checked too (its slicing errors are Go's: slices.Insert
	// out of range); its index expressions are not, for speed.
	kind, ok := l.seqKind(n.X)
	if !ok || !l.pureExpr(n.X) {
		return false
	}
	for _, e := range []ast.Expr{n.Low, n.High, n.Max} {
		if e == nil {
			continue
		}
		if tv := l.ctx.info.Types[e]; tv.Type == nil || hasTypeParam(tv.Type) {
			return false
		}
	}
	// The first index present is passed through the helper; the others are evaluated
	// twice and must be free of side effects.
	idx := []ast.Expr{n.Low, n.High, n.Max}
	first := -1
	for i, e := range idx {
		if e != nil {
			if first < 0 {
				first = i
			} else if !l.pureExpr(e) {
				return false
			}
		}
	}
	if first < 0 {
		return false
	}
	x := oneLine(l.renderInner(n.X))
	args := make([]string, 3)
	for i, e := range idx {
		switch {
		case e == nil && i == 0:
			args[i] = "0"
		case e == nil && i == 1:
			args[i] = "-1 << 63" // len(x)
		case e == nil:
			args[i] = "0" // none
		case i == first:
			args[i] = "" // the expression itself
		default:
			args[i] = "int64(" + oneLine(l.renderInner(e)) + ")"
		}
	}
	capx := "len(" + x + ")"
	if kind == 'l' {
		capx = "cap(" + x + ")"
	}
	flags := 0
	if n.Slice3 {
		flags |= 1
	}
	if first > 0 {
		flags |= 2 // the helper's result is hi
	}
	tail := fmt.Sprintf("len(%s), %s, %d, %d)", x, capx, int(kind)*4+flags, l.panicPos(n.Lbrack))
	e := idx[first]
	// Sl(lo, hi, max, len, cap, kind, pos) returns the first index present.
	pre := feRtPkg + ".Sl("
	for i := 0; i < first; i++ {
		pre += args[i] + ", "
	}
	pre += "int64("
	post := ")"
	for i := first + 1; i < 3; i++ {
		post += ", " + args[i]
	}
	post += ", " + tail
	l.insert(e.Pos(), pre, false)
	l.insert(e.End(), post, true)
	ast.Inspect(e, l.visit)
	return true
}

// renderInner lowers e and returns its text without the insertions enclosing nodes made
// at its start and end (a copy of an operand must not repeat them).
func (l *lowerer) renderInner(e ast.Expr) string {
	ast.Inspect(e, l.visit)
	f := l.ctx.fset.File(e.Pos())
	start, stop := f.Offset(e.Pos()), f.Offset(e.End())
	all := l.edits[f.Name()]
	var kept []edit
	for _, ed := range all {
		if ed.n == 0 && (ed.off == start || ed.off == stop) {
			continue
		}
		kept = append(kept, ed)
	}
	l.edits[f.Name()] = kept
	s := l.renderRange(e.Pos(), e.End())
	l.edits[f.Name()] = all
	return s
}

// seqKind classifies the operand of an index or slice expression: 's' string, 'l' slice,
// 'a' array or pointer to array; ok is false for maps, type parameters and the rest.
func (l *lowerer) seqKind(x ast.Expr) (rune, bool) {
	t := l.typeOf(x)
	if t == nil || hasTypeParam(t) {
		return 0, false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsString != 0 && u.Kind() != types.UntypedString {
			return 's', true
		}
	case *types.Slice:
		return 'l', true
	case *types.Array:
		return 'a', true
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Array); ok {
			return 'a', true
		}
	}
	return 0, false
}

// pureExpr reports whether evaluating e twice is the same as once: no calls (but
// conversions and len/cap), receives or function literals.
func (l *lowerer) pureExpr(e ast.Expr) bool {
	pure := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, ok := l.ctx.info.Types[n.Fun]; ok && tv.IsType() {
				return true
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := l.ctx.info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
					return true
				}
			}
			pure = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				pure = false
			}
		case *ast.FuncLit, *ast.CompositeLit:
			pure = false
		}
		return pure
	})
	return pure
}

// panicInfo is what the checked forms need to know about a cell: the index expressions
// that cannot be out of range.
type panicInfo struct {
	safe map[*ast.IndexExpr]bool
}

// panicInfoOf returns the analysis of the source l lowers, computed once.
func panicInfoOf(l *lowerer) *panicInfo {
	wp := weak.Make(l.ctx.info)
	panicInfos.Lock()
	defer panicInfos.Unlock()
	if pi := panicInfos.m[wp]; pi != nil {
		return pi
	}
	if panicInfos.m == nil {
		panicInfos.m = map[weak.Pointer[types.Info]]*panicInfo{}
	}
	pi := &panicInfo{safe: map[*ast.IndexExpr]bool{}}
	for _, f := range l.ctx.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.RangeStmt:
				l.safeRange(pi, n)
			case *ast.ForStmt:
				l.safeFor(pi, n)
			}
			return true
		})
	}
	panicInfos.m[wp] = pi
	runtime.AddCleanup(l.ctx.info, func(wp weak.Pointer[types.Info]) {
		panicInfos.Lock()
		delete(panicInfos.m, wp)
		panicInfos.Unlock()
	}, wp)
	return pi
}

// safeRange marks xs[k] in `for k := range xs { … }`.
func (l *lowerer) safeRange(pi *panicInfo, n *ast.RangeStmt) {
	if n.Tok != token.DEFINE || n.Key == nil {
		return
	}
	k, ok := n.Key.(*ast.Ident)
	if !ok || k.Name == "_" {
		return
	}
	kind, ok := l.seqKind(n.X)
	if !ok || kind == 0 {
		return
	}
	l.markSafe(pi, n.Body, l.ctx.info.Defs[k], n.X)
}

// safeFor marks xs[i] in `for i := c; i < len(xs); i++ { … }` with a constant c >= 0.
func (l *lowerer) safeFor(pi *panicInfo, n *ast.ForStmt) {
	init, ok := n.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return
	}
	i, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return
	}
	c := l.ctx.info.Types[init.Rhs[0]].Value
	if c == nil || c.Kind() != constant.Int || constant.Sign(c) < 0 {
		return
	}
	obj := l.ctx.info.Defs[i]
	cond, ok := n.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS {
		return
	}
	if ci, ok := cond.X.(*ast.Ident); !ok || l.ctx.info.Uses[ci] != obj {
		return
	}
	lc, ok := cond.Y.(*ast.CallExpr)
	if !ok || len(lc.Args) != 1 {
		return
	}
	if id, ok := lc.Fun.(*ast.Ident); !ok || id.Name != "len" {
		return
	} else if _, ok := l.ctx.info.Uses[id].(*types.Builtin); !ok {
		return
	}
	switch p := n.Post.(type) {
	case *ast.IncDecStmt:
		if p.Tok != token.INC {
			return
		}
	case *ast.AssignStmt:
		if p.Tok != token.ADD_ASSIGN || len(p.Rhs) != 1 {
			return
		}
		if v := l.ctx.info.Types[p.Rhs[0]].Value; v == nil || constant.Sign(v) < 0 {
			return
		}
	default:
		return
	}
	l.markSafe(pi, n.Body, obj, lc.Args[0])
}

// markSafe marks index expressions x[v] in body when body assigns neither v nor the
// variables x is made of.
func (l *lowerer) markSafe(pi *panicInfo, body *ast.BlockStmt, v types.Object, x ast.Expr) {
	if v == nil || !l.pureExpr(x) {
		return
	}
	roots := map[types.Object]bool{v: true}
	ast.Inspect(x, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if o, ok := l.ctx.info.Uses[id].(*types.Var); ok {
				roots[o] = true
			}
		}
		return true
	})
	// An assignment invalidates the bound when it replaces a variable the index or x
	// uses, or x or an operand x is made of (xs = …, s.items = …); assigning an element
	// (xs[i] = …) does not change the length.
	var chain []ast.Expr
	for e := x; e != nil; {
		chain = append(chain, e)
		switch c := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = c.X
		case *ast.IndexExpr:
			e = c.X
		case *ast.StarExpr:
			e = c.X
		default:
			e = nil
		}
	}
	hits := func(lhs ast.Expr) bool {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && roots[l.ctx.info.Uses[id]] {
			return true
		}
		for _, c := range chain {
			if l.sameExpr(lhs, c) {
				return true
			}
		}
		return false
	}
	assigned := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, x := range n.Lhs {
				if hits(x) {
					assigned = true
				}
			}
		case *ast.IncDecStmt:
			if hits(n.X) {
				assigned = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && hits(n.X) {
				assigned = true
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				for _, x := range []ast.Expr{n.Key, n.Value} {
					if x != nil && hits(x) {
						assigned = true
					}
				}
			}
		}
		return !assigned
	})
	if assigned {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if ix, ok := n.(*ast.IndexExpr); ok {
			if id, ok := ast.Unparen(ix.Index).(*ast.Ident); ok && l.ctx.info.Uses[id] == v && l.sameExpr(ix.X, x) {
				pi.safe[ix] = true
			}
		}
		return true
	})
}

// sameExpr reports whether a and b are the same expression of pure operands.
func (l *lowerer) sameExpr(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		return ok && l.ctx.info.ObjectOf(a) != nil && l.ctx.info.ObjectOf(a) == l.ctx.info.ObjectOf(b)
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		return ok && a.Sel.Name == b.Sel.Name && l.sameExpr(a.X, b.X)
	case *ast.StarExpr:
		b, ok := b.(*ast.StarExpr)
		return ok && l.sameExpr(a.X, b.X)
	case *ast.IndexExpr:
		b, ok := b.(*ast.IndexExpr)
		return ok && l.sameExpr(a.X, b.X) && l.sameExpr(a.Index, b.Index)
	case *ast.BasicLit:
		b, ok := b.(*ast.BasicLit)
		return ok && a.Value == b.Value
	}
	return false
}

// checkSlice checks the indices of x[lo:hi:max] as Go does and returns the first index
// present. hi is math.MinInt64 for len(x), max is ignored unless three; kind is the seqKind rune times 4,
// plus 1 for a three-index expression and 2 when lo is absent (the result is then hi).
func checkSlice(lo, hi, max int64, n, c, kind, pos int) int {
	three := kind&1 == 1
	what := "length"
	if kind/4 == 'l' {
		what = "capacity"
	}
	fail := func(format string, a ...any) {
		panic(&runtimeErr{msg: "runtime error: slice bounds out of range " + fmt.Sprintf(format, a...), pos: pos})
	}
	if hi == math.MinInt64 {
		hi = int64(n)
	}
	first := lo
	if kind&2 != 0 {
		first = hi
	}
	if three {
		if max < 0 || max > int64(c) {
			if max < 0 {
				fail("[::%d]", max)
			}
			fail("[::%d] with %s %d", max, what, c)
		}
		if hi < 0 || hi > max {
			if hi < 0 {
				fail("[:%d:]", hi)
			}
			fail("[:%d:%d]", hi, max)
		}
		if lo < 0 || lo > hi {
			if lo < 0 {
				fail("[%d::]", lo)
			}
			fail("[%d:%d:]", lo, hi)
		}
		return int(first)
	}
	if hi < 0 || hi > int64(c) {
		if hi < 0 {
			fail("[:%d]", hi)
		}
		fail("[:%d] with %s %d", hi, what, c)
	}
	if lo < 0 || lo > hi {
		if lo < 0 {
			fail("[%d:]", lo)
		}
		fail("[%d:%d]", lo, hi)
	}
	return int(first)
}
