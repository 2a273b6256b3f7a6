// Rewrites of calls: min, max and clear, go statements, time.Sleep, the slices helpers,
// and the display calls whose arguments must keep the methods of cell-defined types.

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"strings"
)

// walk applies the expression and statement rewrites everywhere in f.
func (r *rewriter) walk(f *ast.File) error {
	var err error
	ast.Inspect(f, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Obj == nil && !r.locals[id.Name] {
				r.an.pkgRefs[id.Name] = true
			}
		case *ast.RangeStmt:
			err = r.rangeStmt(n)
		case *ast.GoStmt:
			r.goStmt(n)
		case *ast.CallExpr:
			r.call(n)
		case *ast.FuncDecl:
			if n.Type.TypeParams != nil && n.Recv == nil {
				// Generic functions work in function bodies but yaegi cannot assign their
				// results at top level; nothing to rewrite here.
				return true
			}
		}
		return true
	})
	return err
}

// builtin reports whether id refers to the predeclared identifier (not shadowed by a
// local, cell or session declaration).
func (r *rewriter) builtin(id *ast.Ident) bool {
	return id.Obj == nil && !r.locals[id.Name] && !r.sess.global(id.Name)
}

// goStmt wraps the call of a go statement so that a panic in the goroutine becomes an
// error of the cell that started it instead of ending the kernel.
func (r *rewriter) goStmt(n *ast.GoStmt) {
	call := n.Call
	recov := fmt.Sprintf("defer func() { if r := recover(); r != nil { %s.GoPanic(r) } }(); ", rtPkg)
	// Evaluate the arguments now, as a go statement does, unless one of them is a
	// multi-valued call (f(g())), which must stay in place.
	simple := len(call.Args) > 0 && !(len(call.Args) == 1 && isCall(call.Args[0]))
	if !simple {
		r.an.edits = append(r.an.edits,
			edit{off: r.off(n.Go), n: r.off(call.Pos()) - r.off(n.Go), text: "go func() { " + recov},
			edit{off: r.off(call.End()), n: 0, text: " }()"})
		return
	}
	names := make([]string, len(call.Args))
	vals := make([]string, len(call.Args))
	for i, a := range call.Args {
		names[i] = r.tmp("a")
		vals[i] = r.text(a)
	}
	args := strings.Join(names, ", ")
	if call.Ellipsis.IsValid() {
		args += "..."
	}
	text := fmt.Sprintf("{ %s := %s; go func() { %s%s(%s) }() }", strings.Join(names, ", "), strings.Join(vals, ", "), recov, r.text(call.Fun), args)
	// Keep line breaks of the original statement as trailing blank lines would shift lines:
	// instead put the rewritten text on the first line and keep the newlines after it.
	orig := r.cell[r.off(n.Pos()):r.off(n.End())]
	if extra := strings.Count(orig, "\n") - strings.Count(text, "\n"); extra > 0 {
		text += strings.Repeat("\n", extra)
	}
	r.an.edits = append(r.an.edits, edit{off: r.off(n.Pos()), n: len(orig), text: text})
}

func isCall(e ast.Expr) bool {
	_, ok := e.(*ast.CallExpr)
	return ok
}

// call rewrites calls of min, max and clear, time.Sleep and display.Show.
func (r *rewriter) call(n *ast.CallExpr) {
	switch fun := n.Fun.(type) {
	case *ast.Ident:
		if !r.builtin(fun) {
			return
		}
		switch fun.Name {
		case "min", "max":
			if len(n.Args) == 0 {
				return
			}
			if v, ok := r.constMinMax(fun.Name, n.Args); ok {
				r.an.edits = append(r.an.edits, edit{off: r.off(n.Pos()), n: r.off(n.End()) - r.off(n.Pos()), text: v})
				return
			}
			r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: len(fun.Name), text: hiddenPrefix + "_" + fun.Name})
		case "clear":
			r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: len(fun.Name), text: rtPkg + ".Clear"})
		}
	case *ast.SelectorExpr:
		if (fun.Sel.Name == "Show" || fun.Sel.Name == "Update") && len(n.Args) == 1 && !n.Ellipsis.IsValid() && r.isHandle(fun.X) {
			a := n.Args[0]
			r.an.edits = append(r.an.edits, edit{off: r.off(a.Pos()), n: 0, text: rtPkg + ".Rich("}, edit{off: r.off(a.End()), n: 0, text: ")"})
			return
		}
		id, ok := fun.X.(*ast.Ident)
		if !ok || id.Obj != nil || r.locals[id.Name] {
			return
		}
		path := r.sess.importPath(id.Name)
		if path == "" && !r.sess.global(id.Name) {
			path = autoImports[id.Name]
		}
		switch {
		case path == "time" && fun.Sel.Name == "Sleep":
			r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: r.off(fun.End()) - r.off(fun.Pos()), text: rtPkg + ".Sleep"})
		case path == "slices" && slicesFuncs[fun.Sel.Name].helper != "":
			sf := slicesFuncs[fun.Sel.Name]
			if !sf.index {
				r.an.edits = append(r.an.edits, edit{off: r.off(fun.Pos()), n: r.off(fun.End()) - r.off(fun.Pos()), text: rtPkg + "." + sf.helper})
			} else if len(n.Args) == 1 && pure(n.Args[0]) {
				a := oneLine(r.text(n.Args[0]))
				r.an.edits = append(r.an.edits, edit{off: r.off(n.Pos()), n: r.off(n.End()) - r.off(n.Pos()),
					text: fmt.Sprintf("(%s)[%s.%s(%s)]", a, rtPkg, sf.helper, a) + strings.Repeat("\n", strings.Count(r.text(n), "\n"))})
			}
		case path == displayPath && (fun.Sel.Name == "Show" || fun.Sel.Name == "Display") && !n.Ellipsis.IsValid():
			for _, a := range n.Args {
				r.an.edits = append(r.an.edits, edit{off: r.off(a.Pos()), n: 0, text: rtPkg + ".Rich("}, edit{off: r.off(a.End()), n: 0, text: ")"})
			}
		}
	}
}

// isDisplayPkg reports whether x names the display package.
func (r *rewriter) isDisplayPkg(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok || id.Obj != nil || r.locals[id.Name] {
		return false
	}
	if p := r.sess.importPath(id.Name); p != "" {
		return p == displayPath
	}
	return !r.sess.global(id.Name) && autoImports[id.Name] == displayPath
}

// isHandle reports whether x is recognisably a *display.Handle: display.NewHandle(), a
// session variable holding one, or a local variable, parameter or field declared from
// display.NewHandle() or with type *display.Handle.
func (r *rewriter) isHandle(x ast.Expr) bool {
	isNew := func(e ast.Expr) bool {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "NewHandle" && r.isDisplayPkg(sel.X)
	}
	isType := func(t ast.Expr) bool {
		st, ok := t.(*ast.StarExpr)
		if !ok {
			return false
		}
		sel, ok := st.X.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Handle" && r.isDisplayPkg(sel.X)
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		return isNew(x)
	case *ast.Ident:
		if x.Obj == nil {
			return !r.locals[x.Name] && r.sess.handleGlobal(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && len(d.Lhs) == len(d.Rhs) {
					return isNew(d.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if d.Type != nil {
				return isType(d.Type)
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return isNew(d.Values[i])
				}
			}
		case *ast.Field:
			return isType(d.Type)
		}
	}
	return false
}

// constMinMax folds min/max of constant arguments into a constant expression, keeping
// Go's untyped-constant rules: the result has the kind of the "largest" argument.
func (r *rewriter) constMinMax(name string, args []ast.Expr) (string, bool) {
	var best constant.Value
	bestText := ""
	kind := constant.Int
	for _, a := range args {
		v, ok := constValue(a)
		if !ok {
			return "", false
		}
		if v.Kind() == constant.Float && kind == constant.Int {
			kind = constant.Float
		}
		if v.Kind() == constant.String {
			kind = constant.String
		}
		if best == nil {
			best, bestText = v, r.text(a)
			continue
		}
		if best.Kind() == constant.String != (v.Kind() == constant.String) {
			return "", false
		}
		op := token.LSS
		if name == "max" {
			op = token.GTR
		}
		if constant.Compare(v, op, best) {
			best, bestText = v, r.text(a)
		}
	}
	if kind == constant.Float && best.Kind() == constant.Int {
		return "(" + bestText + " + 0.0)", true
	}
	return "(" + bestText + ")", true
}

// constValue evaluates literal constant expressions.
func constValue(e ast.Expr) (constant.Value, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		v := constant.MakeFromLiteral(e.Value, e.Kind, 0)
		return v, v.Kind() != constant.Unknown
	case *ast.ParenExpr:
		return constValue(e.X)
	case *ast.UnaryExpr:
		v, ok := constValue(e.X)
		if !ok || (e.Op != token.SUB && e.Op != token.ADD) {
			return nil, false
		}
		return constant.UnaryOp(e.Op, v, 0), true
	case *ast.BinaryExpr:
		x, ok1 := constValue(e.X)
		y, ok2 := constValue(e.Y)
		if !ok1 || !ok2 {
			return nil, false
		}
		switch e.Op {
		case token.ADD, token.SUB, token.MUL:
			return constant.BinaryOp(x, e.Op, y), true
		}
	}
	return nil, false
}
