// The typed front end: package variables of a cell, initialised in dependency order,
// and the unchecked-err check of top-level assignments.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// varDeclTyped writes a package-level var declaration of the cell without its
// initialisers (they run, in dependency order, at the start of the cell: see varInits),
// so that yaegi's textual order of initialisation does not matter. It reports whether it
// did; declarations whose types cannot be written keep their initialisers.
func (e *Engine) varDeclTyped(l *lowerer, tc *typedCell, d *ast.GenDecl) bool {
	var specs []string
	values := 0
	tuple := false
	for _, sp := range d.Specs {
		vs := sp.(*ast.ValueSpec)
		if len(vs.Values) > 0 {
			values++
		}
		if len(vs.Names) > 1 && len(vs.Values) == 1 {
			tuple = true // var a, b = f(): yaegi gives both the last result
		}
		for _, id := range vs.Names {
			if id.Name == "_" {
				continue
			}
			o := tc.info.Defs[id]
			if o == nil {
				return false
			}
			t, err := l.typeExpr(o.Type())
			if err != nil {
				return false
			}
			specs = append(specs, id.Name+" "+t)
		}
	}
	// Order matters only between several initialised variables; yaegi also cannot
	// initialise a package variable from a generic instance.
	if values < 2 && countVarInits(tc) < 2 && !usesInstance(tc, d) && !tuple && !(values > 0 && afterStatement(tc, d.Pos())) && !readsEarlierVar(tc, d) {
		return false
	}
	text := "var (" + strings.Join(specs, "; ") + ")"
	text += strings.Repeat("\n", strings.Count(l.text(d), "\n"))
	l.replace(d.Pos(), d.End(), text)
	l.varInitCell = true
	if l.typedVars == nil {
		l.typedVars = map[types.Object]bool{}
	}
	for _, sp := range d.Specs {
		for _, id := range sp.(*ast.ValueSpec).Names {
			if o := tc.info.Defs[id]; o != nil {
				l.typedVars[o] = true
			}
		}
	}
	return true
}

// cellStmts returns the cell's top-level statements.
func cellStmts(tc *typedCell) []ast.Stmt {
	for _, d := range tc.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc && fd.Body != nil {
			return fd.Body.List
		}
	}
	return nil
}

// afterStatement reports whether the declaration at pos follows a top-level statement in
// the cell. Such a variable is initialised where it is declared, as in a function body
// (the cell reads like main's body: `c.Inc(); var g Getter = c` sees c incremented).
func afterStatement(tc *typedCell, pos token.Pos) bool {
	sts := cellStmts(tc)
	return len(sts) > 0 && tc.off(sts[0].Pos()) < tc.off(pos)
}

// varInits returns the assignments that initialise the cell's package variables, in the
// order go/types computed; those of declarations that follow a statement are inserted
// where they are declared instead.
func (e *Engine) varInits(l *lowerer, tc *typedCell) string {
	if !l.varInitCell {
		return ""
	}
	file := tc.fset.File(tc.file.Pos())
	var b strings.Builder
	sts := cellStmts(tc)
	for _, in := range tc.info.InitOrder {
		if len(in.Lhs) == 0 || tc.fset.File(in.Lhs[0].Pos()) != file || !l.typedVars[in.Lhs[0]] {
			continue
		}
		if afterStatement(tc, in.Lhs[0].Pos()) {
			var one strings.Builder
			e.writeVarInit(l, &one, in)
			// After the last statement before the declaration (and after whatever
			// lowering closes that statement).
			off := tc.off(in.Lhs[0].Pos())
			var prev ast.Stmt
			for _, st := range sts {
				if tc.off(st.Pos()) < off {
					prev = st
				}
			}
			l.insert(prev.End(), ";"+one.String(), true)
			continue
		}
		e.writeVarInit(l, &b, in)
	}
	return b.String()
}

// writeVarInit writes the assignment of one initializer.
func (e *Engine) writeVarInit(l *lowerer, b *strings.Builder, in *types.Initializer) {
	{
		var lhs []string
		for _, v := range in.Lhs {
			lhs = append(lhs, v.Name())
		}
		if len(lhs) > 1 {
			// Through temporaries: yaegi assigns every result of a call to the last
			// package variable.
			var tmps []string
			for range lhs {
				tmps = append(tmps, l.tmp("init"))
			}
			fmt.Fprintf(b, " { %s := %s; %s = %s };", strings.Join(tmps, ", "), l.renderSub(in.Rhs), strings.Join(lhs, ", "), strings.Join(tmps, ", "))
			return
		}
		rhs := l.renderSub(in.Rhs)
		if pre, post := l.ifaceCopy(in.Rhs, in.Lhs[0].Type()); pre != "" {
			rhs = pre + rhs + post
		}
		fmt.Fprintf(b, " %s = %s;", strings.Join(lhs, ", "), rhs)
	}
}

// countVarInits counts the cell's package-level variables with initialisers.
func countVarInits(tc *typedCell) int {
	n := 0
	for _, d := range tc.file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, sp := range gd.Specs {
				if vs := sp.(*ast.ValueSpec); len(vs.Values) > 0 {
					n++
				}
			}
		}
	}
	return n
}

// readsEarlierVar reports whether an initialiser of d reads a package variable an
// earlier cell declared: yaegi refuses `var y = x` with x from an earlier Eval
// ("variable definition loop"), so such a declaration is initialised by the cell.
func readsEarlierVar(tc *typedCell, d *ast.GenDecl) bool {
	found := false
	for _, sp := range d.Specs {
		for _, v := range sp.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(c ast.Node) bool {
				id, ok := c.(*ast.Ident)
				if !ok || found {
					return !found
				}
				o, ok := tc.info.Uses[id].(*types.Var)
				if ok && o.Pkg() != nil && o.Parent() == o.Pkg().Scope() && !definedIn(tc, o) {
					found = true
				}
				return !found
			})
		}
	}
	return found
}

// definedIn reports whether the cell declares o.
func definedIn(tc *typedCell, o types.Object) bool {
	for _, d := range tc.info.Defs {
		if d == o {
			return true
		}
	}
	return false
}

// usesInstance reports whether n uses a generic function or type.
func usesInstance(tc *typedCell, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		if id, ok := c.(*ast.Ident); ok {
			if _, ok := tc.info.Instances[id]; ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// checkErrs stops the cell at a top-level statement that assigns a non-nil err the cell
// never reads afterwards (before assigning err again).
func (e *Engine) checkErrs(l *lowerer, tc *typedCell, body *ast.BlockStmt) {
	// errObj is the variable err a top-level statement assigns, or nil.
	errObj := func(st ast.Stmt) types.Object {
		as, ok := st.(*ast.AssignStmt)
		if !ok {
			return nil
		}
		for _, x := range as.Lhs {
			if id, ok := x.(*ast.Ident); ok && id.Name == "err" {
				o := tc.info.ObjectOf(id)
				if o != nil && types.Implements(o.Type(), errorType.Underlying().(*types.Interface)) {
					return o
				}
			}
		}
		return nil
	}
	// reads reports whether n reads obj (the left side of skipLHS does not count).
	reads := func(n ast.Node, obj types.Object, skipLHS *ast.AssignStmt) bool {
		found := false
		var visit func(c ast.Node) bool
		visit = func(c ast.Node) bool {
			if found {
				return false
			}
			if as, ok := c.(*ast.AssignStmt); ok && as == skipLHS {
				for _, r := range as.Rhs {
					ast.Inspect(r, visit)
				}
				return false
			}
			if id, ok := c.(*ast.Ident); ok && tc.info.Uses[id] == obj {
				found = true
			}
			return !found
		}
		ast.Inspect(n, visit)
		return found
	}
	for i, st := range body.List {
		obj := errObj(st)
		if obj == nil {
			continue
		}
		read := false
		for _, later := range body.List[i+1:] {
			if errObj(later) == obj {
				as := later.(*ast.AssignStmt)
				// err = f(err) reads it; x, err := g() does not.
				read = reads(as, obj, as)
				break
			}
			if reads(later, obj, nil) {
				read = true
				break
			}
		}
		// A function the cell declares may read err (the session variable) by name.
		if !read {
			for _, d := range tc.file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name != cellFunc {
					ast.Inspect(fd, func(c ast.Node) bool {
						if id, ok := c.(*ast.Ident); ok && id.Name == "err" && tc.info.Uses[id] != nil && tc.info.Uses[id].Parent() != nil && tc.info.Uses[id].Parent().Parent() == types.Universe {
							read = true
						}
						return !read
					})
				}
			}
		}
		if read {
			continue
		}
		line, _ := lineCol(tc.lay.code, tc.off(st.Pos()))
		l.insert(st.End(), fmt.Sprintf("; %s.CheckErr(err, %d)", feRtPkg, line), true)
	}
}
