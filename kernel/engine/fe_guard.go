// The typed front end: the lowering of the guards (guard.go has their run time).
//
//	func f(…) { body }        →  func f(…) { if __sluice_calls++; __sluice_calls&1023 == 0 { __sluice_fe.Deep("f") }; body }
//	stmt (in a cell function) →  __sluice_ln = id<<32 | line<<16 | col; stmt
//	make([]T, n)              →  make([]T, __sluice_fe.Alloc(int64(n), sizeof(T), pos))
//	append(s, xs...)          →  append(s, xs[:__sluice_fe.AllocN(len(s), len(xs), sizeof(T), pos)]...)
//	strings.Repeat(s, n)      →  __sluice_fe.Repeat(s, n, pos)
//
// (the allocation guard's lowering is in fe_guard_alloc.go)
//
// Recursion: Go's stack overflow is fatal and cannot be recovered, so every interpreted
// function counts its calls, and every checkEvery-th call asks a compiled helper whether
// the goroutine's stack is deeper than the limit (see Engine.deep).
//
// Lines: yaegi's panic trace gives, for each frame, the position where the function's
// body starts, not where the panic happened. A panic of the front end's own helpers
// knows its position (panicPos); for the rest (a nil map, a nil pointer, a division by
// zero inside the interpreter) each statement of a cell function that can panic first
// records its position in __sluice_ln, with the function it belongs to, and the engine
// reports that position when the trace's innermost function is that function.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sync"
)

const (
	callsVar = "__sluice_calls" // interpreted calls, for the recursion check
	lineVar  = "__sluice_ln"    // the position of the statement last started
)

// guardFunc is a function whose statements record their position.
type guardFunc struct {
	name string // as yaegi names its frame: the function's name, "func" for a literal
	cell bool   // the cell's own function (__sluice_cell, or a literal in a single program)
	code string // the text the positions refer to
}

// guardState is the lowering state of the guards, per session.
type guardState struct {
	mu    sync.Mutex
	funcs []guardFunc
	byL   map[*lowerer]*guardLowering // of the last few lowerers
}

// guardLowering is what one lowerer has seen: the function bodies, innermost last, and
// the statements it marked. Edits wait in entries and lists until the walk is done
// (guardFinish): a lowering that renders a statement during the walk (renderSub) must
// not take them in.
type guardLowering struct {
	bodies  []guardBody
	marked  map[token.Pos]bool
	cellID  int // the cell function's id (0: none yet)
	entries []guardEntryEdit
	lists   [][]ast.Stmt
	makes   []guardMakeCall
}

// guardMakeCall is a make whose size is free of side effects: its check can go before
// the statement, in the interpreter, calling the compiled check only for big sizes.
type guardMakeCall struct {
	call *ast.CallExpr
	arg  ast.Expr
	size int64
}

type guardEntryEdit struct {
	body *ast.BlockStmt
	name string
}

type guardBody struct {
	pos, end token.Pos
	id       int
}

var guardStates perSession[guardState]

// guardStateOf returns the guard table of fe's session; it goes away with the front end.
func guardStateOf(fe *frontEnd) *guardState {
	return guardStates.of(fe, func() *guardState { return &guardState{} })
}

// of returns l's state. Lowerers live for one cell (instances of generics are lowered
// by lowerers of their own meanwhile), so only the last few are kept.
func (st *guardState) of(l *lowerer) *guardLowering {
	if g := st.byL[l]; g != nil {
		return g
	}
	if st.byL == nil || len(st.byL) >= 16 {
		st.byL = map[*lowerer]*guardLowering{}
	}
	g := &guardLowering{marked: map[token.Pos]bool{}}
	st.byL[l] = g
	return g
}

// register adds a function and returns its id (1-based).
func (st *guardState) register(f guardFunc) int {
	st.funcs = append(st.funcs, f)
	return len(st.funcs)
}

// latest returns the function most recently lowered under yaegi's frame name name (the
// definition in force).
func (st *guardState) latest(name string) (guardFunc, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for i := len(st.funcs) - 1; i >= 0; i-- {
		if f := st.funcs[i]; f.name == name || f.cell && (name == cellFunc || name == "func") {
			return f, true
		}
	}
	return guardFunc{}, false
}

// funcAt returns the function of a marker's id.
func (st *guardState) funcAt(id int) (guardFunc, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if id < 1 || id > len(st.funcs) {
		return guardFunc{}, false
	}
	return st.funcs[id-1], true
}

// guardsOff leaves the guards' lowering out (for the benchmark that measures them).
var guardsOff bool

// guarded reports whether l lowers cell code (not our standard-library source).
func (l *lowerer) guarded() bool { return !guardsOff && l.pkgPath == "main" && l.main != nil }

// guardEntry adds the recursion check at the start of a function's body and registers
// the body for line markers. fn is a *ast.FuncDecl or *ast.FuncLit.
func (l *lowerer) guardEntry(body *ast.BlockStmt, fn ast.Node) {
	if body == nil || !l.guarded() {
		return
	}
	name, yname := "a function literal", "func"
	if fd, ok := fn.(*ast.FuncDecl); ok {
		if fd.Name.Name == cellFunc {
			return
		}
		name, yname = fd.Name.Name, fd.Name.Name
		if fd.Recv != nil && len(fd.Recv.List) > 0 {
			if id := recvIdent(fd.Recv.List[0].Type); id != nil {
				name = id.Name + "." + name
			}
		}
	} else if p := l.panicPos(fn.Pos()); p != 0 {
		name = fmt.Sprintf("the function literal at cell line %d", p>>16)
	}
	st := guardStateOf(l.fe)
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.of(l)
	if g.marked[body.Lbrace] {
		return
	}
	g.marked[body.Lbrace] = true
	id := st.register(guardFunc{name: yname, code: l.main.cellCode})
	g.bodies = append(g.bodies, guardBody{body.Pos(), body.End(), id})
	g.entries = append(g.entries, guardEntryEdit{body, name})
}

// markLines records a statement list whose statements get position markers.
func (l *lowerer) markLines(list []ast.Stmt) {
	if len(list) == 0 || !l.guarded() {
		return
	}
	st := guardStateOf(l.fe)
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.of(l)
	g.lists = append(g.lists, list)
}

// guardFinish adds the edits recorded during a walk: the recursion check at the start
// of each function body, and a position marker before each statement that can panic
// in the interpreter.
func (l *lowerer) guardFinish() {
	if !l.guarded() {
		return
	}
	st := guardStateOf(l.fe)
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.of(l)
	for _, en := range g.entries {
		l.insert(en.body.Lbrace+1, fmt.Sprintf("if %s++; %s&%d == 0 { %s.Deep(%q) }; ", callsVar, callsVar, checkEvery-1, feRtPkg, en.name), false)
	}
	g.entries = nil
	// The checks of makes first: the markers, put before them, then come first.
	for _, m := range g.makes {
		l.makeCheck(g, m)
	}
	for _, list := range g.lists {
		l.markList(st, g, list)
	}
	g.lists, g.makes = nil, nil
}

// markList puts the markers before the statements of list.
func (l *lowerer) markList(st *guardState, g *guardLowering, list []ast.Stmt) {
	id := 0
	for i := len(g.bodies) - 1; i >= 0; i-- {
		if b := g.bodies[i]; b.pos <= list[0].Pos() && list[0].End() <= b.end {
			id = b.id
			break
		}
	}
	if id == 0 {
		if g.cellID == 0 {
			g.cellID = st.register(guardFunc{name: cellFunc, cell: true, code: l.main.cellCode})
		}
		id = g.cellID
	}
	for _, s := range list {
		if g.marked[s.Pos()] || !l.mayPanic(s) {
			continue
		}
		p := l.panicPos(s.Pos())
		if p == 0 {
			continue
		}
		g.marked[s.Pos()] = true
		f := l.ctx.fset.File(s.Pos())
		// First among the edits at this place: a trailing expression's Pack( goes after.
		ed := edit{off: f.Offset(s.Pos()), text: fmt.Sprintf("%s = %d; ", lineVar, int64(id)<<32|int64(p))}
		l.edits[f.Name()] = append([]edit{ed}, l.edits[f.Name()]...)
	}
}

// mayPanic reports whether statement s (its own expressions, not the bodies of
// statements it holds or of function literals) can panic in the interpreter without
// a position of its own: calls, unchecked index and slice expressions, map writes,
// dereferences, fields through pointers, integer division by a variable, signed
// variable shifts, assertions, sends. Index and slice expressions the front end
// checks (fe_bounds.go) panic with their position; those it proved in range cannot.
func (l *lowerer) mayPanic(s ast.Stmt) bool {
	var parts []ast.Node
	switch s := s.(type) {
	case *ast.DeclStmt, *ast.EmptyStmt, *ast.BranchStmt, *ast.BlockStmt, *ast.LabeledStmt,
		*ast.CaseClause, *ast.CommClause: // clauses: the body of a switch or select is a list of them
		return false
	case *ast.IfStmt:
		parts = []ast.Node{s.Init, s.Cond}
	case *ast.ForStmt:
		parts = []ast.Node{s.Init, s.Cond}
	case *ast.RangeStmt:
		parts = []ast.Node{s.X}
	case *ast.SwitchStmt:
		parts = []ast.Node{s.Init, s.Tag}
	case *ast.TypeSwitchStmt:
		parts = []ast.Node{s.Init, s.Assign}
	case *ast.SelectStmt:
		return false
	case *ast.SendStmt:
		return true
	default:
		parts = []ast.Node{s}
	}
	info := l.ctx.info
	found := false
	for _, p := range parts {
		if p == nil || isNilNode(p) {
			continue
		}
		ast.Inspect(p, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				found = l.callMayPanic(n)
			case *ast.IndexExpr:
				found = l.indexMayPanic(n, n.X)
			case *ast.SliceExpr:
				found = l.indexMayPanic(n, n.X)
			case *ast.StarExpr:
				found = !info.Types[n].IsType()
			case *ast.TypeAssertExpr:
				found = true
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && isMap(l.typeOf(ix.X)) {
						found = true // a write to a nil map
					}
				}
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					switch n.Tok {
					case token.QUO_ASSIGN, token.REM_ASSIGN:
						found = found || l.divMayPanic(n.Lhs[0], n.Rhs[0])
					case token.SHL_ASSIGN, token.SHR_ASSIGN:
						found = found || l.shiftMayPanic(n.Rhs[0])
					}
				}
			case *ast.IncDecStmt:
				if ix, ok := ast.Unparen(n.X).(*ast.IndexExpr); ok && isMap(l.typeOf(ix.X)) {
					found = true
				}
			case *ast.BinaryExpr:
				switch n.Op {
				case token.QUO, token.REM:
					found = l.divMayPanic(n.X, n.Y)
				case token.SHL, token.SHR:
					found = l.shiftMayPanic(n.Y)
				}
			case *ast.SelectorExpr:
				if sel, ok := info.Selections[n]; ok && sel.Kind() == types.FieldVal {
					if _, isPtr := types.Unalias(l.typeOf(n.X)).Underlying().(*types.Pointer); isPtr || sel.Indirect() {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

// callMayPanic: calls panic, except conversions (other than to an array) and the
// builtins that cannot.
func (l *lowerer) callMayPanic(n *ast.CallExpr) bool {
	info := l.ctx.info
	if tv := info.Types[n.Fun]; tv.IsType() {
		switch types.Unalias(tv.Type).Underlying().(type) {
		case *types.Array, *types.Pointer:
			return true
		}
		return false
	}
	if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "append", "copy", "delete", "min", "max", "new", "complex", "real", "imag", "clear", "print", "println", "recover":
				return false
			}
		}
	}
	return true
}

// indexMayPanic: an index or slice expression panics without a position unless the
// front end checks it or proved it in range; a map read never panics.
func (l *lowerer) indexMayPanic(n, x ast.Expr) bool {
	t := l.typeOf(x)
	if t == nil {
		return false // an instantiation
	}
	if isMap(t) {
		return false
	}
	if tv, ok := l.ctx.info.Types[x]; ok && tv.IsType() {
		return false
	}
	if ix, ok := n.(*ast.IndexExpr); ok && panicInfoOf(l).safe[ix] {
		return false
	}
	if ix, ok := n.(*ast.IndexExpr); ok {
		if tv := l.ctx.info.Types[ix.Index]; tv.Value != nil {
			if _, isArr := types.Unalias(t).Underlying().(*types.Array); isArr {
				return false
			}
		}
	}
	if _, ok := l.seqKind(x); ok && l.pureExpr(x) {
		return false // checked, with its position
	}
	return true
}

// divMayPanic: integer division by something other than a non-zero constant.
func (l *lowerer) divMayPanic(x, y ast.Expr) bool {
	if b, ok := types.Unalias(l.typeOf(x)).Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return false
	}
	if tv := l.ctx.info.Types[y]; tv.Value != nil && tv.Value.String() != "0" {
		return false
	}
	return true
}

// shiftMayPanic: a shift by a variable signed count (negative counts panic).
func (l *lowerer) shiftMayPanic(y ast.Expr) bool {
	if tv := l.ctx.info.Types[y]; tv.Value != nil {
		return false
	}
	b, ok := types.Unalias(l.typeOf(y)).Underlying().(*types.Basic)
	return !ok || b.Info()&types.IsUnsigned == 0
}

func isMap(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := types.Unalias(t).Underlying().(*types.Map)
	return ok
}

// isNilNode reports whether n is a typed nil interface value (an absent Init or Cond).
func isNilNode(n ast.Node) bool {
	switch n := n.(type) {
	case ast.Stmt:
		return n == nil
	case ast.Expr:
		return n == nil
	}
	return false
}
