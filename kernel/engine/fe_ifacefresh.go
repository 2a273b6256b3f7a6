// The typed front end: a value converted to a non-empty interface gets storage of its
// own.
//
// yaegi v0.16.1 converts a value to a non-empty interface by keeping a reference to the
// storage the value is in: the variable, or the slot where the interpreter put the
// result of the conversion, call, composite literal or & expression. That storage is
// written again when the variable is assigned, and when the same expression runs again
// in a later iteration of a loop, so every interface made there showed the last value:
// `for i := range 3 { xs = append(xs, N(i)) }` gave n2 n2 n2, `p := &S{1}; var s I = p;
// p = &S{2}` made s show S{2}, and a method value bound to such an interface (lang_180)
// called the last element. For an interface declared in cells, the value is copied into
// the element of a one-element slice literal, which each evaluation allocates, and
// converted from there, so the interface keeps that copy. For a compiled interface
// (fmt.Stringer, error), whose wrapper yaegi binds to the slot of that element too, the
// conversion is made in a function, whose parameter is a copy in a frame of its own: a
// function the cell declares, in a loop or a function (a function literal costs a
// closure, about 10 µs, at every evaluation), a literal among the cell's statements
// (which then keep the quicker form of a cell without declarations):
//
//	ss = append(ss, N(i))  →  ss = append(ss, []N{N(i)}[0])             (ss []Shower)
//	xs = append(xs, N(i))  →  xs = append(xs, __sluice_g7_ifconv(N(i)))  (xs []fmt.Stringer)
//	var s fmt.Stringer = n  →  var s fmt.Stringer = (func(v N) fmt.Stringer { return v })(n)
//
// This is done where the value can change under the interface: an addressable operand
// (a variable, field, element or dereference), and any operand inside a loop of the
// function that converts it (or a function with a goto). Constants and nil keep their
// conversion, and so does a compiled type converted to a compiled interface (yaegi
// copies it into the interface).

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// freshIface returns the text to write before and after e, of the concrete type st, so
// that e converted to the non-empty interface type target is a copy in storage of its
// own (the element of a one-element slice literal, which each evaluation allocates), or
// "", "" when e can keep yaegi's conversion.
func (l *lowerer) freshIface(e ast.Expr, st, target types.Type) (pre, post string) {
	it, ok := under(target).(*types.Interface)
	if !ok || it.Empty() || isTypeParam(target) || st == nil || types.IsInterface(st) || isTypeParam(st) {
		return "", ""
	}
	if tv, ok := l.ctx.info.Types[e]; ok && (tv.Value != nil || tv.IsNil()) {
		return "", ""
	}
	if !interpretedType(st) && !isSourceIface(target) {
		return "", ""
	}
	if !l.addressable(e) && !l.inLoop(e.Pos()) {
		return "", ""
	}
	ts, err1 := l.typeExpr(st)
	tt, err2 := l.typeExpr(target)
	if err1 != nil || err2 != nil {
		return "", ""
	}
	if isSourceIface(target) {
		return "[]" + ts + "{", "}[0]"
	}
	// yaegi's wrapper for a compiled interface keeps the slot of the slice element
	// too: the conversion is made in a function, whose parameter is a copy in a frame
	// of its own. A function literal costs a closure at every evaluation, so loops and
	// functions call a function the cell declares.
	body := "{ return v }"
	if b := l.compiledWrapBody(st, target); b != "" {
		body = b
	}
	fn := "(func(v " + ts + ") " + tt + " " + body + ")"
	if loop, inFunc := l.enclosing(e.Pos()); loop || inFunc {
		key := ts + "\x00" + tt
		name, ok := l.out.helpers[key]
		if !ok {
			l.fe.n++
			name = fmt.Sprintf("%s%d_ifconv", instPrefix, l.fe.n)
			l.out.helpers[key] = name
			l.out.decls = append(l.out.decls, "func "+name+"(v "+ts+") "+tt+" "+body)
		}
		fn = name
	}
	return fn + "(", ")"
}

// interpretedType reports whether values of t are the interpreter's own rather than
// compiled Go values: t (or what it points to) is declared in cells, is an instance of a
// generic type (which the front end declares), or is an unnamed struct.
func interpretedType(t types.Type) bool {
	t = types.Unalias(derefType(t))
	switch t := t.(type) {
	case *types.Named:
		return t.Obj().Pkg() != nil && (t.Obj().Pkg().Path() == "main" || t.TypeArgs().Len() > 0)
	case *types.Struct:
		return true
	}
	return false
}

// inLoop reports whether pos is inside a for or range statement of the innermost
// function around it, or in a function with a goto statement: code there can run again
// in the same frame.
func (l *lowerer) inLoop(pos token.Pos) bool {
	loop, _ := l.enclosing(pos)
	return loop
}

// enclosing reports whether pos can run more than once in its frame (see inLoop), and
// whether the innermost function around it is a declared function or a function literal
// rather than the function holding the cell's statements.
func (l *lowerer) enclosing(pos token.Pos) (loop, inFunc bool) {
	var file *ast.File
	for _, f := range l.ctx.files {
		if f.Pos() <= pos && pos < f.End() {
			file = f
			break
		}
	}
	if file == nil {
		return true, true // not found: assume the worst
	}
	var fnBody *ast.BlockStmt
	var inLoop ast.Node
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			fnBody, inLoop, inFunc = n.Body, nil, n.Name.Name != cellFunc
		case *ast.FuncLit:
			fnBody, inLoop, inFunc = n.Body, nil, true
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = n
		}
		return true
	})
	if inLoop != nil {
		return true, inFunc
	}
	if fnBody == nil {
		return false, inFunc
	}
	ast.Inspect(fnBody, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.GOTO {
				loop = true
			}
		}
		return !loop
	})
	return loop, inFunc
}

// assignIface lowers the conversion of rhs to the type of lhs in an assignment: a copy or
// a conversion in a function of its own as copyForIface makes it, or else, for a
// composite literal assigned to an interface field or element, an explicit conversion
// (yaegi panicked after `hs[0] = Dog{"b"}` with hs an array of interfaces, in reflect.Set
// when the function returned).
func (l *lowerer) assignIface(lhs, rhs ast.Expr) {
	lt := l.typeOf(lhs)
	if pre, post := l.ifaceCopy(rhs, lt); pre != "" {
		l.insert(rhs.Pos(), pre, false)
		l.insert(rhs.End(), post, true)
		return
	}
	if _, isLit := ast.Unparen(rhs).(*ast.CompositeLit); !isLit || isEmptyIface(lt) || !types.IsInterface(lt) || isTypeParam(lt) {
		return
	}
	if _, isID := ast.Unparen(lhs).(*ast.Ident); isID {
		return
	}
	tt, err := l.typeExpr(lt)
	if err != nil {
		return
	}
	l.insert(rhs.Pos(), "("+tt+")(", false)
	l.insert(rhs.End(), ")", true)
}

// compiledIfaceArgFn returns the function that converts a value of an interface type
// declared in cells (st) to the compiled interface type target of a compiled function's
// parameter, or "". yaegi handed the cell value itself to the compiled function
// (fmt.Fprint(w, "hi") with w of a cell interface type: "reflect: Call using struct … as
// type io.Writer"); the conversion in a function makes yaegi's wrapper, as an assignment
// to a variable of the compiled interface type does.
func (l *lowerer) compiledIfaceArgFn(st, target types.Type, at ast.Expr) string {
	if st == nil || target == nil || !isSourceIface(st) || !types.IsInterface(target) || isSourceIface(target) || isEmptyIface(target) || isTypeParam(target) {
		return ""
	}
	if fn := l.cellCompiledFn(st, target, convertIface, at); fn != "" {
		return fn
	}
	ts, err1 := l.typeExpr(st)
	tt, err2 := l.typeExpr(target)
	if err1 != nil || err2 != nil {
		return ""
	}
	return "(func(v " + ts + ") " + tt + " { return v })"
}

// copiesForIface reports whether e converted to target is written as a copy (ifaceCopy).
// It declares no helper.
func (l *lowerer) copiesForIface(e ast.Expr, target types.Type) bool {
	helpers, decls, n := l.out.helpers, l.out.decls, l.fe.n
	l.out.helpers = map[string]string{}
	pre, _ := l.ifaceCopy(e, target)
	l.out.helpers, l.out.decls, l.fe.n = helpers, decls, n
	return pre != ""
}
