// Rewrites of a statement group's top-level statements: := of existing names, comma-ok
// forms, min/max hoisting and the trailing expression.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
)

// topLevel handles the statements of a statement group: names defined with := (reusing
// existing session variables), min/max hoisting, and the trailing expression.
func (r *rewriter) topLevel(body *ast.BlockStmt) {
	for _, st := range body.List {
		switch st.(type) {
		case *ast.AssignStmt, *ast.ExprStmt, *ast.IncDecStmt, *ast.SendStmt:
			r.hoistMinMax(st)
		}
	}
	handled := map[ast.Stmt]bool{}
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
			// yaegi mis-compiles comma-ok forms, type switches and generic calls in
			// statements at top level, but not in function bodies. Names these statements
			// declare are scoped to them, so running them in a function literal keeps
			// their meaning.
			r.an.edits = append(r.an.edits,
				edit{off: r.off(st.Pos()), n: 0, text: "func() { "},
				edit{off: r.off(st.End()), n: 0, text: " }()", late: true})
		case *ast.AssignStmt:
			if r.commaOk(st) {
				handled[st] = true
			}
		}
	}
	for i, st := range body.List {
		if as, ok := st.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == "err" {
					r.an.errAssigns = append(r.an.errAssigns, errAssign{start: r.off(as.Pos()), end: r.off(as.End())})
					break
				}
			}
		}
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && handled[st] {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					r.an.defines = append(r.an.defines, id.Name)
				}
			}
		} else if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			all := true
			for _, l := range as.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					all = false
					continue
				}
				if id.Name == "_" {
					continue
				}
				r.an.defines = append(r.an.defines, id.Name)
				if !r.sess.global(id.Name) {
					all = false
				}
			}
			if all {
				r.an.optional = append(r.an.optional, edit{off: r.off(as.TokPos), n: 2, text: "= "})
			}
		}
		if i == len(body.List)-1 && r.last {
			if es, ok := st.(*ast.ExprStmt); ok {
				start, end := r.off(es.Pos()), r.off(es.End())
				if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
					r.an.trailing = r.trailingCall(call)
				}
				r.an.packEdit = []edit{{off: start, n: 0, text: rtPkg + ".Pack("}, {off: end, n: 0, text: ")"}}
				if pure(es.X) {
					// Evaluating it twice is harmless: also pass it where the interpreter
					// wraps it as a fmt.Stringer, for the text of a rich value.
					r.an.packEdit[0].text = rtPkg + ".Text(" + r.text(es.X) + "); " + r.an.packEdit[0].text
				}
			}
		}
	}
}

// trailingCall describes the trailing call of a cell.
func (r *rewriter) trailingCall(call *ast.CallExpr) *trailingCall {
	c := &trailingCall{off: r.off(call.Pos()), text: oneLine(r.text(call))}
	if len(c.text) > 60 {
		c.text = c.text[:57] + "..."
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		c.name = f.Name
	case *ast.SelectorExpr:
		c.name = f.Sel.Name
		if id, ok := f.X.(*ast.Ident); ok && id.Obj == nil && !r.locals[id.Name] && !r.sess.global(id.Name) {
			c.pkg = id.Name
			if p := r.sess.importPath(id.Name); p != "" {
				c.pkg = p
			}
		}
	}
	return c
}

// commaOk rewrites a top-level "v, ok := m[k]", "v, ok := x.(T)" or "v, ok = <-ch"
// (which yaegi mis-compiles at top level) into declarations and an assignment in a
// function literal.
func (r *rewriter) commaOk(as *ast.AssignStmt) bool {
	if len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	rhs := ast.Unparen(as.Rhs[0])
	lhs := make([]string, 2)
	for i, l := range as.Lhs {
		lhs[i] = oneLine(r.text(l))
	}
	x := oneLine(r.text(rhs))
	var text string
	switch {
	case as.Tok == token.ASSIGN:
		switch rhs.(type) {
		case *ast.IndexExpr, *ast.TypeAssertExpr, *ast.UnaryExpr:
		default:
			return false
		}
		text = fmt.Sprintf("func() { %s, %s = %s }()", lhs[0], lhs[1], x)
	case as.Tok == token.DEFINE:
		var decl strings.Builder
		switch rx := rhs.(type) {
		case *ast.TypeAssertExpr:
			if rx.Type == nil {
				return false
			}
			if lhs[0] != "_" {
				fmt.Fprintf(&decl, "var %s %s; ", lhs[0], oneLine(r.text(rx.Type)))
			}
		case *ast.IndexExpr:
			if lhs[0] != "_" {
				fmt.Fprintf(&decl, "%s := %s; ", lhs[0], x)
			}
		default:
			return false
		}
		if lhs[1] != "_" {
			fmt.Fprintf(&decl, "var %s bool; ", lhs[1])
		}
		text = decl.String() + fmt.Sprintf("func() { %s, %s = %s }()", lhs[0], lhs[1], x)
	default:
		return false
	}
	start, end := r.off(as.Pos()), r.off(as.End())
	text += strings.Repeat("\n", strings.Count(r.cell[start:end], "\n"))
	kept := r.an.edits[:0]
	for _, e := range r.an.edits {
		if e.off < start || e.off >= end {
			kept = append(kept, e)
		}
	}
	r.an.edits = append(kept, edit{off: start, n: end - start, text: text})
	return true
}

// hoistMinMax computes min and max calls of a top-level statement in statements placed
// before it: yaegi cannot assign the result of a generic call at top level, and the
// variable initialised from a non-constant argument keeps that argument's type.
func (r *rewriter) hoistMinMax(st ast.Stmt) {
	var calls []*ast.CallExpr
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "min" || id.Name == "max") && r.builtin(id) && len(n.Args) > 0 {
				if _, folded := r.constMinMax(id.Name, n.Args); !folded {
					calls = append(calls, n)
					return false
				}
			}
		}
		return true
	})
	var pre strings.Builder
	for _, c := range calls {
		init := -1
		for i, a := range c.Args {
			if _, ok := constValue(a); !ok {
				init = i
				break
			}
		}
		if init < 0 {
			continue
		}
		op := "<"
		if c.Fun.(*ast.Ident).Name == "max" {
			op = ">"
		}
		m, t := r.tmp("m"), r.tmp("t")
		fmt.Fprintf(&pre, "%s := %s; ", m, oneLine(r.text(c.Args[init])))
		for i, a := range c.Args {
			if i == init {
				continue
			}
			fmt.Fprintf(&pre, "if %s := %s; %s %s %s || %s != %s { %s = %s }; ", t, oneLine(r.text(a)), t, op, m, t, t, m, t)
		}
		start, end := r.off(c.Pos()), r.off(c.End())
		kept := r.an.edits[:0]
		for _, e := range r.an.edits {
			if e.off < start || e.off >= end {
				kept = append(kept, e)
			}
		}
		r.an.edits = append(kept, edit{off: start, n: end - start, text: m + strings.Repeat("\n", strings.Count(r.cell[start:end], "\n"))})
	}
	if pre.Len() > 0 {
		r.an.edits = append(r.an.edits, edit{off: r.off(st.Pos()), n: 0, text: pre.String()})
	}
}

// oneLine joins a multi-line expression onto one line (edits must not add lines).
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
