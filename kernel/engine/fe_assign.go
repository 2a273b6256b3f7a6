// The typed front end: tuple assignments that mix calls and other values.
//
// yaegi v0.16.1 drops the other values of a tuple assignment when a value on the right
// is a call: after `s, n = fmt.Sprint(1), 4` n kept its old value, and a top-level
// `name, n := fmt.Sprint(x), 10` (a session variable's assignment) left n zero. The values
// are computed one per statement by a function literal that returns them, and the
// assignment takes its results, a form yaegi runs correctly:
//
//	s, n = fmt.Sprint(1), 4  →  s, n = func() (string, int) { var v1 string = fmt.Sprint(1); var v2 int = 4; return v1, v2 }()
//
// The left-hand operands (a[i]) are then evaluated after the right-hand values; Go
// evaluates them first, which differs only when a call on the right changes them.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// tupleCallAssign lowers a tuple assignment or definition with a call among its values.
// It reports whether it lowered n (its operands included).
func (l *lowerer) tupleCallAssign(n *ast.AssignStmt) bool {
	if (n.Tok != token.ASSIGN && n.Tok != token.DEFINE) || len(n.Lhs) < 2 || len(n.Lhs) != len(n.Rhs) {
		return false
	}
	calls := 0
	for i, r := range n.Rhs {
		// A value copied for its conversion to an interface (fe_convert.go) counts
		// as a call.
		if l.hasCall(r) || n.Tok == token.ASSIGN && l.copiesForIface(r, l.typeOf(n.Lhs[i])) {
			calls++
		}
	}
	if calls == 0 {
		return false
	}
	// The values are rendered with their own edits and replace the text from after the
	// assignment token to the character after the last value (so that edits at either
	// end of the values are inside the replaced text); that character is written back.
	f := l.ctx.fset.File(n.Pos())
	src := l.ctx.src[f.Name()]
	endOff := f.Offset(n.Rhs[len(n.Rhs)-1].End())
	after := ""
	switch {
	case endOff < len(src) && strings.ContainsRune(" \t\n;", rune(src[endOff])):
		after = src[endOff : endOff+1]
	case strings.HasPrefix(src[endOff:], "/*"):
		// A line directive the cell's layout put there.
		if i := strings.Index(src[endOff:], "*/"); i > 0 {
			after = src[endOff : endOff+i+2]
		}
	}
	if after == "" {
		return false
	}
	results := make([]string, len(n.Lhs))
	for i, x := range n.Lhs {
		t := l.typeOf(x)
		if id, ok := x.(*ast.Ident); ok {
			if id.Name == "_" {
				t = l.typeOf(n.Rhs[i])
			} else if o := l.ctx.info.ObjectOf(id); o != nil {
				t = o.Type()
			}
		}
		if t == nil || isUntypedNil(t) {
			return false
		}
		text, err := l.typeExpr(types.Default(t))
		if err != nil {
			return false
		}
		results[i] = text
	}
	var b strings.Builder
	b.WriteString(" func() (" + strings.Join(results, ", ") + ") { ")
	var names []string
	for i, r := range n.Rhs {
		v := l.tmp("v")
		names = append(names, v)
		// One value per statement: yaegi evaluates a list of values with a call among
		// them wrongly in a return statement too.
		fmt.Fprintf(&b, "var %s %s = %s; ", v, results[i], oneLine(l.renderSub(r)))
	}
	b.WriteString("return " + strings.Join(names, ", ") + " }()" + after)
	for _, x := range n.Lhs {
		ast.Inspect(x, l.visit)
	}
	tokEnd := n.TokPos + token.Pos(len(n.Tok.String()))
	l.replace(tokEnd, n.Rhs[len(n.Rhs)-1].End()+token.Pos(len(after)), b.String())
	return true
}

// hasCall reports whether e calls a function: conversions, builtins (make, len) and
// constant calls are not calls here, their operands may hold one.
func (l *lowerer) hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if l.ctx.info.Types[c.Fun].IsType() || l.ctx.info.Types[c].Value != nil {
				return true
			}
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
				if _, builtin := l.ctx.info.Uses[id].(*types.Builtin); builtin {
					return true
				}
			}
			found = true
		}
		return !found
	})
	return found
}

// typedNil gives an untyped nil among a tuple assignment's values the type of its
// destination: yaegi panicked with "reflect: New(nil)" at n, p = 5, nil.
func (l *lowerer) typedNil(lhs, rhs ast.Expr) {
	tv, ok := l.ctx.info.Types[rhs]
	if !ok || !tv.IsNil() {
		return
	}
	if id, isID := ast.Unparen(lhs).(*ast.Ident); isID && id.Name == "_" {
		return
	}
	t := l.typeOf(lhs)
	if t == nil || isTypeParam(t) {
		return
	}
	text, err := l.typeExpr(t)
	if err != nil {
		return
	}
	l.replace(rhs.Pos(), rhs.End(), "("+text+")(nil)")
}
