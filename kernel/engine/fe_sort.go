// The typed front end: sorts whose comparator compares keys.
//
// A comparator written in a cell is an interpreted function, and every call of it from
// compiled code (sort.Slice calls it about n·log n times) crosses yaegi's reflect-made
// wrapper: sorting a million floats took 20 s. When the comparator only compares keys —
// expressions of one element, such as xs[i], xs[i].Score or scores[idx[i]] — the keys
// are read once per element (by interpreted code when they are more than the element
// itself) and the sort runs compiled:
//
//	sort.Slice(xs, func(i, j int) bool { return xs[i].A < xs[j].A })
//	  →  func() { if __sluice_fe.SortKeys(0, xs, "<", "f|0 A") { return }; k0 := make([]float64, len(xs)); for i := range xs { k0[i] = float64(xs[i].A) }; __sluice_fe.SortKeys(0, xs, "<", k0) }()
//
// SortKeys sorts a permutation of the indexes with the same function Go's sort.Slice,
// sort.SliceStable, slices.SortFunc or slices.SortStableFunc would run, comparing the
// keys of the elements with the comparator's operators, then moves the elements to
// their places. These algorithms decide each step by comparison results alone, so the
// order, ties included, is the one `go run` gives. Comparator shapes:
//
//	sort.Slice:     return K(i) op K(j)                     (op: < > <= >=, or with i and j swapped)
//	                if K1(i) != K1(j) { return K1(i) op K1(j) }; …; return Kn(i) op Kn(j)
//	                K1(i) < K1(j) || K1(i) == K1(j) && K2(i) < K2(j)
//	slices.SortFunc: return cmp.Compare(K(a), K(b))          (or strings.Compare; b, a for descending)
//	                if c := cmp.Compare(…); c != 0 { return c }; …; return cmp.Compare(…)
//	                return cmp.Or(cmp.Compare(…), …)
//
// with keys of an ordered basic type (integers, floats, strings) made of the element,
// its fields, indexing, arithmetic, conversions and len, without calls. A sort.Slice key
// may use a position only to index the slice being sorted. Any other comparator is
// called as before.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// sortKinds are the sorting functions lowered, by the number SortKeys takes.
var sortKinds = map[string]int{"sort.Slice": 0, "sort.SliceStable": 1, "slices.SortFunc": 2, "slices.SortStableFunc": 3}

// sortTerm is one key of a comparator and how it compares: for sort.Slice the operator
// applied to K(i), K(j); for slices.SortFunc "a" (cmp.Compare(K(a), K(b))) or "d".
type sortTerm struct {
	key ast.Expr // the key on the first parameter
	op  string
}

// sortCall lowers a sort whose comparator compares keys; it reports whether it did.
func (l *lowerer) sortCall(n *ast.CallExpr) bool {
	sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
	if !ok || len(n.Args) != 2 || n.Ellipsis.IsValid() {
		return false
	}
	fn, ok := l.ctx.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	kind, ok := sortKinds[fn.Pkg().Path()+"."+fn.Name()]
	if !ok {
		return false
	}
	lit, ok := ast.Unparen(n.Args[1]).(*ast.FuncLit)
	x := n.Args[0]
	if !ok || !pure(x) || lit.Type.Params == nil || len(lit.Type.Params.List) == 0 {
		return false
	}
	if _, isSlice := types.Unalias(l.typeOf(x)).Underlying().(*types.Slice); !isSlice {
		return false
	}
	var ps []types.Object
	for _, f := range lit.Type.Params.List {
		for _, nm := range f.Names {
			ps = append(ps, l.ctx.info.Defs[nm])
		}
	}
	if len(ps) != 2 || ps[0] == nil || ps[1] == nil {
		return false
	}
	var terms []sortTerm
	if kind < 2 {
		// sort.Slice's comparator takes positions: a key may use one only to index the
		// slice being sorted (a key read elsewhere would not move with its element).
		if l.sortX, ok = l.keyShape(x, nil, nil); !ok {
			return false
		}
		defer func() { l.sortX = "" }()
		terms = l.lessTerms(lit.Body.List, ps[0], ps[1])
	} else {
		terms = l.cmpTerms(lit.Body.List, ps[0], ps[1])
	}
	if len(terms) == 0 {
		return false
	}
	xs := oneLine(l.renderSub(x))
	var b strings.Builder
	b.WriteString("func() { ")
	var keys, ops, paths []string
	loop := l.tmp("si")
	var fill, alloc strings.Builder
	for _, t := range terms {
		k := l.tmp("sk")
		kt := keyStore(l.typeOf(t.key))
		fmt.Fprintf(&alloc, "%s := make([]%s, len(%s)); ", k, kt, xs)
		fmt.Fprintf(&fill, "%s[%s] = %s(%s); ", k, loop, kt, oneLine(l.renderSub(t.key)))
		keys, ops = append(keys, k), append(ops, t.op)
		if paths != nil || len(keys) == 1 {
			if path, ok := l.keyPath(t.key, ps[0], kind < 2); ok {
				paths = append(paths, strconv.Quote(kt[:1]+path))
			} else {
				paths = nil
			}
		}
	}
	// Keys that are the element or a field of it are read by compiled code; others by a
	// loop naming its index (or the element) as the comparator's first parameter did,
	// so the keys' text is the comparator's own.
	opq := strconv.Quote(strings.Join(ops, ","))
	if len(paths) == len(keys) {
		fmt.Fprintf(&b, "if %s.SortKeys(%d, %s, %s, %s) { return }; ", feRtPkg, kind, xs, opq, strings.Join(paths, ", "))
	}
	b.WriteString(alloc.String())
	p := ps[0].Name()
	if kind < 2 {
		fmt.Fprintf(&b, "for %s := range %s { %s := %s; %s}; ", loop, xs, p, loop, fill.String())
	} else {
		fmt.Fprintf(&b, "for %s := range %s { %s := %s[%s]; %s}; ", loop, xs, p, xs, loop, fill.String())
	}
	fmt.Fprintf(&b, "%s.SortKeys(%d, %s, %s, %s)", feRtPkg, kind, xs, opq, strings.Join(keys, ", "))
	// The call keeps its lines, so what follows keeps its positions.
	b.WriteString(strings.Repeat("\n", l.ctx.fset.Position(n.End()).Line-l.ctx.fset.Position(n.Pos()).Line))
	b.WriteString(" }()")
	l.replace(n.Pos(), n.End(), b.String())
	return true
}

// keyPath describes a key that is the element itself or a field of it (through
// pointers), for compiled code to read: the field indexes and names along the way, as
// "|i name|i name…"; ok is false for other keys. onIndex: the key is on x[p] (sort.Slice),
// not on the element p (slices.SortFunc).
func (l *lowerer) keyPath(key ast.Expr, p types.Object, onIndex bool) (string, bool) {
	switch k := ast.Unparen(key).(type) {
	case *ast.Ident:
		return "", !onIndex && l.ctx.info.Uses[k] == p
	case *ast.IndexExpr:
		xs, ok := l.keyShape(k.X, nil, nil)
		return "", ok && onIndex && xs == l.sortX && l.isObj(k.Index, p)
	case *ast.SelectorExpr:
		sel, ok := l.ctx.info.Selections[k]
		if !ok || sel.Kind() != types.FieldVal {
			return "", false
		}
		base, ok := l.keyPath(k.X, p, onIndex)
		if !ok {
			return "", false
		}
		// The embedded fields along the way, then the field.
		t := sel.Recv()
		for _, ix := range sel.Index() {
			if pt, isPtr := types.Unalias(t).Underlying().(*types.Pointer); isPtr {
				t = pt.Elem()
			}
			st, isStruct := types.Unalias(t).Underlying().(*types.Struct)
			if !isStruct {
				return "", false
			}
			f := st.Field(ix)
			base += fmt.Sprintf("|%d %s", ix, f.Name())
			t = f.Type()
		}
		return base, true
	}
	return "", false
}

// keyStore is the type a key of type t is kept in (its comparisons unchanged).
func keyStore(t types.Type) string {
	b, _ := t.Underlying().(*types.Basic)
	switch {
	case b.Info()&types.IsString != 0:
		return "string"
	case b.Info()&types.IsFloat != 0:
		return "float64"
	case b.Info()&types.IsUnsigned != 0:
		return "uint64"
	}
	return "int64"
}

// lessTerms matches a sort.Slice comparator on parameters i, j (see the file comment).
func (l *lowerer) lessTerms(body []ast.Stmt, i, j types.Object) []sortTerm {
	var terms []sortTerm
	for k, st := range body {
		if k == len(body)-1 {
			res, ok := lastReturn(st)
			if !ok {
				return nil
			}
			rest := l.orTerms(res, i, j)
			if rest == nil {
				return nil
			}
			return append(terms, rest...)
		}
		// if K(i) != K(j) { return K(i) op K(j) }
		is, ok := st.(*ast.IfStmt)
		if !ok || is.Init != nil || is.Else != nil || len(is.Body.List) != 1 {
			return nil
		}
		cond, ok := ast.Unparen(is.Cond).(*ast.BinaryExpr)
		ret, ok2 := is.Body.List[0].(*ast.ReturnStmt)
		if !ok || !ok2 || cond.Op != token.NEQ || len(ret.Results) != 1 {
			return nil
		}
		key, _, ok := l.keyPair(cond.X, cond.Y, i, j)
		t, ok2 := l.lessTerm(ret.Results[0], i, j)
		if !ok || !ok2 || !l.sameKey(key, t.key, i) {
			return nil
		}
		terms = append(terms, t)
	}
	return nil
}

// lastReturn is the result of a comparator's final `return e`.
func lastReturn(st ast.Stmt) (ast.Expr, bool) {
	ret, ok := st.(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, false
	}
	return ret.Results[0], true
}

// orTerms matches K1(i) < K1(j) || K1(i) == K1(j) && rest, or a single term.
func (l *lowerer) orTerms(e ast.Expr, i, j types.Object) []sortTerm {
	e = ast.Unparen(e)
	if or, ok := e.(*ast.BinaryExpr); ok && or.Op == token.LOR {
		t, ok := l.lessTerm(or.X, i, j)
		and, ok2 := ast.Unparen(or.Y).(*ast.BinaryExpr)
		if !ok || !ok2 || and.Op != token.LAND || (t.op != "<" && t.op != ">") {
			return nil
		}
		eq, ok := ast.Unparen(and.X).(*ast.BinaryExpr)
		if !ok || eq.Op != token.EQL {
			return nil
		}
		key, _, ok := l.keyPair(eq.X, eq.Y, i, j)
		if !ok || !l.sameKey(key, t.key, i) {
			return nil
		}
		rest := l.orTerms(and.Y, i, j)
		if rest == nil {
			return nil
		}
		return append([]sortTerm{t}, rest...)
	}
	if t, ok := l.lessTerm(e, i, j); ok {
		return []sortTerm{t}
	}
	return nil
}

// lessTerm matches K(i) op K(j) or K(j) op K(i), as the operator on K(i), K(j).
func (l *lowerer) lessTerm(e ast.Expr, i, j types.Object) (sortTerm, bool) {
	be, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok {
		return sortTerm{}, false
	}
	flip := map[token.Token]string{token.LSS: ">", token.GTR: "<", token.LEQ: ">=", token.GEQ: "<="}
	if _, ok := flip[be.Op]; !ok {
		return sortTerm{}, false
	}
	key, swapped, ok := l.keyPair(be.X, be.Y, i, j)
	if !ok {
		return sortTerm{}, false
	}
	op := be.Op.String()
	if swapped {
		op = flip[be.Op]
	}
	return sortTerm{key: key, op: op}, true
}

// cmpTerms matches a slices.SortFunc comparator on parameters a, b.
func (l *lowerer) cmpTerms(body []ast.Stmt, a, b types.Object) []sortTerm {
	var terms []sortTerm
	for k, st := range body {
		if k == len(body)-1 {
			res, ok := lastReturn(st)
			if !ok {
				return nil
			}
			e := ast.Unparen(res)
			if call, ok := e.(*ast.CallExpr); ok && l.isFunc(call.Fun, "cmp", "Or") && !call.Ellipsis.IsValid() {
				for _, arg := range call.Args {
					t, ok := l.compareTerm(arg, a, b)
					if !ok {
						return nil
					}
					terms = append(terms, t)
				}
				return terms
			}
			t, ok := l.compareTerm(e, a, b)
			if !ok {
				return nil
			}
			return append(terms, t)
		}
		// if c := cmp.Compare(K(a), K(b)); c != 0 { return c }
		is, ok := st.(*ast.IfStmt)
		if !ok || is.Else != nil || len(is.Body.List) != 1 {
			return nil
		}
		as, ok := is.Init.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return nil
		}
		c, ok := as.Lhs[0].(*ast.Ident)
		cond, ok2 := ast.Unparen(is.Cond).(*ast.BinaryExpr)
		ret, ok3 := is.Body.List[0].(*ast.ReturnStmt)
		if !ok || !ok2 || !ok3 || cond.Op != token.NEQ || len(ret.Results) != 1 {
			return nil
		}
		co := l.ctx.info.Defs[c]
		if !l.isObj(cond.X, co) || !isZeroLit(cond.Y) || !l.isObj(ret.Results[0], co) {
			return nil
		}
		t, ok := l.compareTerm(as.Rhs[0], a, b)
		if !ok {
			return nil
		}
		terms = append(terms, t)
	}
	return nil
}

// compareTerm matches cmp.Compare(K(a), K(b)) (or strings.Compare), "d" when swapped.
func (l *lowerer) compareTerm(e ast.Expr, a, b types.Object) (sortTerm, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 || !(l.isFunc(call.Fun, "cmp", "Compare") || l.isFunc(call.Fun, "strings", "Compare")) {
		return sortTerm{}, false
	}
	key, swapped, ok := l.keyPair(call.Args[0], call.Args[1], a, b)
	if !ok {
		return sortTerm{}, false
	}
	op := "a"
	if swapped {
		op = "d"
	}
	return sortTerm{key: key, op: op}, true
}

// keyPair matches x and y as one key on p and on q (or on q and on p: swapped); it
// returns the key on p.
func (l *lowerer) keyPair(x, y ast.Expr, p, q types.Object) (ast.Expr, bool, bool) {
	if l.sameKeyPair(x, y, p, q) {
		return x, false, true
	}
	if l.sameKeyPair(y, x, p, q) {
		return y, true, true
	}
	return nil, false, false
}

func (l *lowerer) sameKeyPair(x, y ast.Expr, p, q types.Object) bool {
	t := l.typeOf(x)
	if t == nil || !types.Identical(t, l.typeOf(y)) {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsOrdered == 0 {
		return false
	}
	sx, okx := l.keyShape(x, p, q)
	sy, oky := l.keyShape(y, q, p)
	if !okx || !oky || sx != sy || !strings.Contains(sx, "#") {
		return false
	}
	if l.sortX != "" {
		at := l.sortX + "[#]"
		return strings.Contains(sx, at) && !strings.Contains(strings.ReplaceAll(sx, at, ""), "#")
	}
	return true
}

// sameKey reports whether two keys on p are the same expression.
func (l *lowerer) sameKey(a, b ast.Expr, p types.Object) bool {
	sa, ok := l.keyShape(a, p, nil)
	sb, ok2 := l.keyShape(b, p, nil)
	return ok && ok2 && sa == sb
}

// keyShape is e's text with p written # — "" and false when e could have side effects
// or mentions other (the other parameter).
func (l *lowerer) keyShape(e ast.Expr, p, other types.Object) (string, bool) {
	info := l.ctx.info
	switch e := e.(type) {
	case *ast.Ident:
		o := info.Uses[e]
		switch {
		case o == nil:
			return "", false
		case o == p:
			return "#", true
		case o == other:
			return "", false
		}
		return e.Name, true
	case *ast.BasicLit:
		return e.Value, true
	case *ast.ParenExpr:
		s, ok := l.keyShape(e.X, p, other)
		return "(" + s + ")", ok
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() != types.FieldVal {
			return "", false
		}
		s, ok := l.keyShape(e.X, p, other)
		return s + "." + e.Sel.Name, ok
	case *ast.IndexExpr:
		if _, isMap := types.Unalias(l.typeOf(e.X)).Underlying().(*types.Map); isMap {
			return "", false // a missing entry reads as zero either way, but keep maps out
		}
		s, ok := l.keyShape(e.X, p, other)
		ix, ok2 := l.keyShape(e.Index, p, other)
		return s + "[" + ix + "]", ok && ok2
	case *ast.StarExpr:
		s, ok := l.keyShape(e.X, p, other)
		return "*" + s, ok
	case *ast.UnaryExpr:
		if e.Op != token.SUB && e.Op != token.ADD {
			return "", false
		}
		s, ok := l.keyShape(e.X, p, other)
		return e.Op.String() + s, ok
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM:
		default:
			return "", false
		}
		sx, ok := l.keyShape(e.X, p, other)
		sy, ok2 := l.keyShape(e.Y, p, other)
		return "(" + sx + e.Op.String() + sy + ")", ok && ok2
	case *ast.CallExpr:
		// A conversion, float64(xs[i]), or len(xs[i]).
		if len(e.Args) != 1 || e.Ellipsis.IsValid() {
			return "", false
		}
		if id, isID := ast.Unparen(e.Fun).(*ast.Ident); isID {
			if b, isB := info.Uses[id].(*types.Builtin); isB && b.Name() == "len" {
				s, ok := l.keyShape(e.Args[0], p, other)
				return "len(" + s + ")", ok
			}
		}
		if tv, ok := info.Types[e.Fun]; !ok || !tv.IsType() {
			return "", false
		}
		s, ok := l.keyShape(e.Args[0], p, other)
		return types.ExprString(e.Fun) + "(" + s + ")", ok
	}
	return "", false
}

// isFunc reports whether e names function name of the package with path pkg.
func (l *lowerer) isFunc(e ast.Expr, pkg, name string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := l.ctx.info.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name
}

func (l *lowerer) isObj(e ast.Expr, o types.Object) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && o != nil && l.ctx.info.Uses[id] == o
}

func isZeroLit(e ast.Expr) bool {
	b, ok := ast.Unparen(e).(*ast.BasicLit)
	return ok && b.Kind == token.INT && b.Value == "0"
}
