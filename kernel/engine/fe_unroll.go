// The typed front end: unrolling simple counted loops (yaegi pays per node it runs,
// and a loop's condition and post statement are as many nodes as a small body).

package engine

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// unrollOff turns unrolling off (tests and benchmarks compare both).
var unrollOff bool

// unrollMaxNodes bounds the syntax nodes of a body that is unrolled: bodies of at most
// unrollTiny nodes get 16 copies, others four. yaegi compiles every copy (about 0.15 ms
// for a copy of 17 nodes), and the larger the body, the less the saved condition counts.
const (
	unrollMaxNodes = 40
	unrollTiny     = 8
)

// unrollLoop is a loop chosen for unrolling, finished once the walk has made every
// edit of its body (unrollFinish).
type unrollLoop struct {
	body   *ast.BlockStmt
	i      string // the loop variable, as lowered
	op     string // the condition's operator, < or <=
	bound  string // the bound as lowered, or
	konst  constant.Value
	copies int
	// head writes the loop's edits around the unrolled loop's text.
	head func()
}

// unrollFor notes n for unrolling when it is a counted loop whose copies of the body
// mean what the loop means:
//
//	for i := a; i < n; i++ { body }
//
// becomes, for a bound n the body cannot change,
//
//	{ i := a; if lim := n - 3; lim < n { for ; i < lim; i++ { body; i++; body; i++; body; i++; body } }; for ; i < n; i++ { body } }
//
// The copies run with i < n as the loop would, so each iteration is the loop's: a
// continue goes to the unrolled loop's i++, and only the checks of the condition
// between copies are saved. Left alone: loops whose body has a break of the loop, goto,
// labels, defer, go, function literals or nested loops, changes or keeps a reference to
// i, or is large; bounds other than constants, variables and len of a variable; and
// every loop while a debugger is attached (a line breakpoint stops only at the first
// copy of its line).
func (l *lowerer) unrollFor(n *ast.ForStmt, labeled bool) {
	if labeled || l.fe.noUnroll || unrollOff || n.Init == nil || n.Cond == nil || n.Post == nil || len(n.Body.List) == 0 {
		return
	}
	if p := l.ctx.fset.Position(n.Body.Lbrace + 1); p.Filename != cellFile {
		return // only cell code: the copies need positions in the cell
	}
	info := l.ctx.info
	init, ok := n.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	obj := info.Defs[id]
	if !ok || obj == nil {
		return
	}
	if b, ok := types.Unalias(substType(obj.Type(), l.subst)).Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return
	}
	cond, ok := n.Cond.(*ast.BinaryExpr)
	if !ok || (cond.Op != token.LSS && cond.Op != token.LEQ) {
		return
	}
	ci, ok := ast.Unparen(cond.X).(*ast.Ident)
	if !ok || info.Uses[ci] != obj {
		return
	}
	switch p := n.Post.(type) {
	case *ast.IncDecStmt:
		if p.Tok != token.INC {
			return
		}
		if pi, ok := ast.Unparen(p.X).(*ast.Ident); !ok || info.Uses[pi] != obj {
			return
		}
	case *ast.AssignStmt:
		if p.Tok != token.ADD_ASSIGN || len(p.Lhs) != 1 || len(p.Rhs) != 1 {
			return
		}
		if pi, ok := ast.Unparen(p.Lhs[0]).(*ast.Ident); !ok || info.Uses[pi] != obj {
			return
		}
		if v := info.Types[p.Rhs[0]].Value; v == nil || v.String() != "1" {
			return
		}
	default:
		return
	}
	size, ok := l.unrollBody(n.Body)
	if !ok {
		return
	}
	objs := map[types.Object]bool{obj: true}
	if l.assignsAny(n.Body, objs) || l.capturesAny(n.Body, objs) {
		return
	}
	u := &unrollLoop{body: n.Body, op: cond.Op.String(), copies: unrollCopies(size)}
	if tv := info.Types[cond.Y]; tv.Value != nil {
		// A constant bound: the unrolled loop's bound is a constant too, when it is
		// far enough above the smallest value of i's type.
		v := constant.ToInt(tv.Value) // 1e6 is an integer constant too
		if v.Kind() != constant.Int || constant.Compare(v, token.LSS, constant.MakeInt64(int64(2*u.copies))) {
			return
		}
		u.konst = v
	} else if !l.invariantBound(cond.Y, n.Body) {
		return
	}
	u.head = func() {
		u.i, u.bound = l.render(ci), "("+l.render(cond.Y)+")"
		l.replace(n.For, n.Init.Pos(), "{ ")
		l.replace(n.Init.End(), n.Cond.Pos(), "; "+u.text(l)+"; for ; ")
		l.insert(n.Body.Rbrace+1, " }", true)
	}
	l.unrolls = append(l.unrolls, u)
}

// unrollRange notes the loop `for i, m := T(0), T(x); i < m; i++ { body }` that
// range over an integer becomes (fe_loops.go's rangeInt) for unrolling, when its body
// can be copied: m, the range expression's value, does not change.
func (l *lowerer) unrollRange(n *ast.RangeStmt, i, m, ts string) bool {
	if l.fe.noUnroll || unrollOff || len(n.Body.List) == 0 {
		return false
	}
	if p := l.ctx.fset.Position(n.Body.Lbrace + 1); p.Filename != cellFile {
		return false
	}
	size, ok := l.unrollBody(n.Body)
	if !ok {
		return false
	}
	u := &unrollLoop{body: n.Body, i: i, op: "<", bound: m, copies: unrollCopies(size)}
	if v := l.ctx.info.Types[n.X].Value; v != nil && (v.Kind() != constant.Int || constant.Compare(v, token.LSS, constant.MakeInt64(int64(2*u.copies)))) {
		return false // a short loop
	}
	u.head = func() {
		l.replace(n.For, n.X.Pos(), fmt.Sprintf("{ %s, %s := %s(0), %s(", i, m, ts, ts))
		l.replace(n.X.End(), n.Body.Lbrace, fmt.Sprintf("); %s; for ; %s < %s; %s++ ", u.text(l), i, m, i))
		l.insert(n.Body.Rbrace+1, " }", true)
	}
	l.unrolls = append(l.unrolls, u)
	return true
}

func unrollCopies(size int) int {
	if size <= unrollTiny {
		return 16
	}
	return 4
}

// unrollBody reports whether a loop body can be copied, and its size in nodes.
func (l *lowerer) unrollBody(body *ast.BlockStmt) (int, bool) {
	size, ok := 0, true
	// switches counts the switch and select statements around a node: an unlabeled
	// break inside one leaves it, not the loop.
	var visit func(n ast.Node, inSwitch bool)
	visit = func(n ast.Node, inSwitch bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			if !ok || c == nil {
				return false
			}
			size++
			switch c := c.(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.LabeledStmt, *ast.DeferStmt, *ast.GoStmt:
				ok = false
			case *ast.DeclStmt:
				if gd, isGen := c.Decl.(*ast.GenDecl); isGen && gd.Tok == token.TYPE {
					ok = false
				}
			case *ast.BranchStmt:
				switch {
				case c.Tok == token.GOTO:
					ok = false
				case c.Tok == token.BREAK && c.Label == nil && !inSwitch:
					ok = false // leaving the unrolled loop would run the rest in the other
				}
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if c != n {
					visit(c, true)
					return false
				}
			}
			return ok
		})
	}
	visit(body, false)
	return size, ok && size <= unrollMaxNodes
}

// invariantBound reports whether the loop condition's bound (a variable or len of a
// variable) keeps its value while body runs: the body does not assign the variable, and
// nothing else can — a local variable nothing takes the address of or captures, or a
// package or session variable when the body calls nothing and writes through no
// pointer.
func (l *lowerer) invariantBound(bound ast.Expr, body *ast.BlockStmt) bool {
	bound = ast.Unparen(bound)
	if c, ok := bound.(*ast.CallExpr); ok {
		fn, isID := ast.Unparen(c.Fun).(*ast.Ident)
		if !isID || len(c.Args) != 1 || c.Ellipsis.IsValid() {
			return false
		}
		if b, isB := l.ctx.info.Uses[fn].(*types.Builtin); !isB || b.Name() != "len" {
			return false
		}
		switch types.Unalias(l.typeOf(c.Args[0])).Underlying().(type) {
		case *types.Slice, *types.Basic, *types.Array:
		default:
			return false // maps and channels change length without an assignment
		}
		bound = ast.Unparen(c.Args[0])
	}
	id, ok := bound.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := l.ctx.info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return false
	}
	objs := map[types.Object]bool{v: true}
	if l.assignsAny(body, objs) {
		return false
	}
	global := v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || v.Parent() == l.cellScope
	if !global {
		for _, f := range l.ctx.files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && l.capturesAny(fd.Body, objs) {
					return false
				}
			}
		}
		return true
	}
	writes := false
	ast.Inspect(body, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.CallExpr:
			writes = writes || l.callMayPanic(c) // a call of a function, not a conversion or a harmless builtin
		case *ast.AssignStmt:
			for _, x := range c.Lhs {
				writes = writes || !simpleTarget(x)
			}
		case *ast.IncDecStmt:
			writes = writes || !simpleTarget(c.X)
		case *ast.UnaryExpr:
			writes = writes || c.Op == token.ARROW // a receive lets other goroutines run
		case *ast.SendStmt, *ast.SelectStmt:
			writes = true
		}
		return !writes
	})
	return !writes
}

// simpleTarget: an assignment to x cannot change a variable other than the one named
// (no dereference, field through a pointer or index of a pointer to an array).
func simpleTarget(x ast.Expr) bool {
	for {
		switch e := ast.Unparen(x).(type) {
		case *ast.Ident:
			return true
		case *ast.IndexExpr:
			x = e.X
		default:
			return false
		}
	}
}

// unrollFinish writes the unrolled loops noted during a walk, once their bodies' edits
// (markers included) are all made.
func (l *lowerer) unrollFinish() {
	us := l.unrolls
	l.unrolls = nil
	for _, u := range us {
		u.head()
	}
}

// text is the unrolled loop, guarded by the check that its bound does not wrap:
// { for ; i < lim; i++ { body; i++; body … } } or if lim := n - 3; lim < n { … }.
func (u *unrollLoop) text(l *lowerer) string {
	body := l.renderRange(u.body.Lbrace+1, u.body.Rbrace)
	adj := l.ctx.fset.Position(u.body.Lbrace + 1)
	at := fmt.Sprintf("/*line %s:%d:%d*/", cellFile, adj.Line, adj.Column)
	open, close := "", ""
	if needsBlock(body) {
		open, close = "{", "}"
	}
	var b strings.Builder
	bound := u.bound
	if u.konst != nil {
		bound = constant.BinaryOp(u.konst, token.SUB, constant.MakeInt64(int64(u.copies-1))).ExactString()
		b.WriteString("{")
	} else {
		lim := l.tmp("lim")
		fmt.Fprintf(&b, "if %s := %s - %d; %s < %s {", lim, u.bound, u.copies-1, lim, u.bound)
		bound = lim
	}
	fmt.Fprintf(&b, " for ; %s %s %s; %s++ {", u.i, u.op, bound, u.i)
	for k := 0; k < u.copies; k++ {
		if k > 0 {
			fmt.Fprintf(&b, "; %s++; ", u.i)
		}
		b.WriteString(open + at + body + "\n" + close)
	}
	b.WriteString("} }")
	return b.String()
}

// needsBlock reports whether the lowered body declares something at its top level
// (then each copy is a block of its own, which costs yaegi a little), or cannot be read.
func needsBlock(body string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {\n"+body+"\n}", parser.SkipObjectResolution)
	if err != nil {
		return true
	}
	for _, s := range f.Decls[0].(*ast.FuncDecl).Body.List {
		switch s := s.(type) {
		case *ast.DeclStmt, *ast.LabeledStmt:
			return true
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				return true
			}
		}
	}
	return false
}

// debugAttached reports whether a debugger is attached or asked for: cells lowered then
// keep their loops as written, so that a line breakpoint stops in every iteration.
func (e *Engine) debugAttached() bool {
	e.debug.smu.Lock()
	defer e.debug.smu.Unlock()
	return e.debug.s != nil || e.debug.wanted != nil
}
