// The debugger's view of values: breakpoints, scopes, variables and evaluation.

package engine

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
)

// DebugSetBreakpoints replaces the breakpoints of the cell with a source path. A line
// is reported verified when a statement of a compiled unit of the cell starts there;
// a cell not compiled yet gets its breakpoints when it is, and they are reported
// verified.
func (e *Engine) DebugSetBreakpoints(path string, lines []int) []bool {
	s := e.session()
	if s == nil {
		return make([]bool, len(lines))
	}
	s.mu.Lock()
	s.bps[path] = append([]int(nil), lines...)
	s.mu.Unlock()
	return e.setBreakpoints(s, path, lines)
}

// setBreakpoints sets lines as the breakpoints of every compiled unit of path.
func (e *Engine) setBreakpoints(s *debugSession, path string, lines []int) []bool {
	ok := make([]bool, len(lines))
	units := e.unitsOf(path)
	if len(units) == 0 {
		for i := range ok {
			ok[i] = true
		}
		return ok
	}
	for _, u := range units {
		for i, v := range e.breakUnit(s, path, u, lines) {
			ok[i] = ok[i] || v
		}
	}
	return ok
}

// breakUnit sets the breakpoints of one compiled unit. A request for line 0 (no such
// line) and one for a function named "_" are always added, so that a unit with no
// breakpoints left is cleared too. A line holding the first statement of a named
// function becomes a breakpoint on the function's entry (debugEvent then steps on to
// the line): yaegi misplaces the node that runs just after a function's entry.
func (e *Engine) breakUnit(s *debugSession, path, unit string, lines []int) []bool {
	reqs := []interp.BreakpointRequest{interp.LineBreakpoint(0), interp.FunctionBreakpoint("_")}
	for _, l := range lines {
		if name := e.firstLineFunc(path, l); name != "" {
			reqs = append(reqs, interp.FunctionBreakpoint(name))
			continue
		}
		reqs = append(reqs, interp.LineBreakpoint(l))
	}
	res := s.dbg.SetBreakpoints(interp.PathBreakpointTarget(unit), reqs...)
	ok := make([]bool, len(lines))
	for i := range lines {
		ok[i] = res[i+2].Valid
	}
	return ok
}

// unitCompiled gives a newly compiled unit the breakpoints of its cell.
func (e *Engine) unitCompiled(path, unit string) {
	s := e.session()
	if s == nil {
		return
	}
	s.mu.Lock()
	lines := s.bps[path]
	s.mu.Unlock()
	if len(lines) > 0 {
		e.breakUnit(s, path, unit, lines)
	}
}

// varNode is a value handed out under a variables reference.
type varNode struct {
	vars []namedValue // a scope's variables
	v    reflect.Value
	t    *typefmt.Type
	expr string
}

type namedValue struct {
	name string
	v    reflect.Value
	t    *typefmt.Type
}

// ref registers n under a new reference.
func (s *debugSession) ref(n *varNode) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.refs[s.nextID] = n
	return s.nextID
}

// DebugScopes returns a frame's locals and the session's variables. At a cell's own
// level, whose variables are the session's, the session comes first (a front end shows
// the first scope), and locals only when there are some.
func (e *Engine) DebugScopes(frame int) []kernel.DebugScope {
	s := e.session()
	if s == nil {
		return nil
	}
	s.mu.Lock()
	cell := s.frames[frame].cell
	s.mu.Unlock()
	locals := e.frameLocals(s, frame)
	session := kernel.DebugScope{Name: "Session", Ref: s.ref(&varNode{vars: e.sessionVars()})}
	if cell {
		out := []kernel.DebugScope{session}
		if len(locals) > 0 {
			out = append(out, kernel.DebugScope{Name: "Locals", Ref: s.ref(&varNode{vars: locals})})
		}
		return out
	}
	return []kernel.DebugScope{{Name: "Locals", Ref: s.ref(&varNode{vars: locals})}, session}
}

// frameLocals returns the variables of a frame handed out by DebugStack.
func (e *Engine) frameLocals(s *debugSession, frame int) []namedValue {
	s.mu.Lock()
	fr, ok := s.frames[frame]
	p := s.paused[fr.thread]
	s.mu.Unlock()
	if !ok || p == nil || fr.index >= len(p.frames) {
		return nil
	}
	var out []namedValue
	seen := map[string]bool{}
	for _, sc := range p.frames[fr.index].Scopes() {
		for _, v := range sc.Variables() {
			if strings.HasPrefix(v.Name, hiddenPrefix) || v.Name == "_" || seen[v.Name] {
				continue
			}
			seen[v.Name] = true
			out = append(out, namedValue{name: v.Name, v: v.Value, t: e.describeValue(v.Value)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// sessionVars returns the session's variables in definition order.
func (e *Engine) sessionVars() (out []namedValue) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	g := e.i.Globals()
	// Earlier cells' variables in definition order, then the running cell's.
	seen := map[string]bool{}
	names := append([]string(nil), e.order...)
	var rest []string
	for n := range g {
		rest = append(rest, n)
	}
	sort.Strings(rest)
	for _, n := range append(names, rest...) {
		v, ok := g[n]
		if !ok || seen[n] || strings.HasPrefix(n, hiddenPrefix) || n == "ctx" || !v.IsValid() {
			continue
		}
		seen[n] = true
		out = append(out, namedValue{name: n, v: v, t: e.describeValue(v)})
	}
	return out
}

// describeValue returns the descriptor of a value's type with Go's names for cell types.
func (e *Engine) describeValue(v reflect.Value) *typefmt.Type {
	if !v.IsValid() {
		return nil
	}
	st := tfStateOf(e.fe)
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return typefmt.FromReflect(v.Type())
		}
		if d := st.resolve(v); d != nil {
			return d
		}
		return typefmt.FromReflect(v.Elem().Type())
	}
	if v.CanInterface() {
		if d := st.pr.TypeOf(v.Interface()); d != nil && !strings.Contains(d.String(), "sluicetype") {
			return d
		}
	}
	return nil
}

// typeName names a run-time type as Go does, a cell struct type (yaegi's struct type
// with the front end's sluicetype tag on its first field) by its name.
func typeName(rt reflect.Type) string {
	switch rt.Kind() {
	case reflect.Pointer:
		return "*" + typeName(rt.Elem())
	case reflect.Slice:
		return "[]" + typeName(rt.Elem())
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", rt.Len(), typeName(rt.Elem()))
	case reflect.Map:
		return "map[" + typeName(rt.Key()) + "]" + typeName(rt.Elem())
	case reflect.Struct:
		if rt.NumField() > 0 {
			if n := rt.Field(0).Tag.Get("sluicetype"); n != "" {
				return "main." + n
			}
		}
	}
	return rt.String()
}

// DebugVariables returns the children of a reference: a scope's variables, or the
// fields, elements or entries of a value.
func (e *Engine) DebugVariables(ref int) []kernel.DebugVariable {
	s := e.session()
	if s == nil {
		return nil
	}
	s.mu.Lock()
	n := s.refs[ref]
	s.mu.Unlock()
	if n == nil {
		return nil
	}
	vars := n.vars
	if n.vars == nil && n.v.IsValid() {
		vars = e.children(n.v, n.t)
	}
	out := make([]kernel.DebugVariable, 0, len(vars))
	for _, nv := range vars {
		expr := nv.name
		if n.expr != "" {
			expr = childExpr(n.expr, nv.name)
		}
		out = append(out, e.variable(s, nv, expr))
	}
	return out
}

// childExpr names a child of the value expr names.
func childExpr(parent, name string) string {
	switch {
	case strings.HasPrefix(name, "["):
		return parent + name
	default:
		return parent + "." + name
	}
}

// variable shows one value, with a reference when it has children.
func (e *Engine) variable(s *debugSession, nv namedValue, expr string) kernel.DebugVariable {
	dv := kernel.DebugVariable{Name: nv.name, Value: e.format(nv.v, nv.t), Evaluate: expr}
	if nv.t != nil {
		dv.Type = nv.t.String()
	} else if pv, _ := plainOf(nv.v, nil, e); pv.IsValid() {
		dv.Type = typeName(pv.Type())
	}
	if len(e.children(nv.v, nv.t)) > 0 {
		dv.Ref = s.ref(&varNode{v: nv.v, t: nv.t, expr: expr})
	}
	return dv
}

// format renders a value as fmt's %v does for the compiled program (%q for strings).
func (e *Engine) format(v reflect.Value, t *typefmt.Type) (s string) {
	defer func() {
		if recover() != nil {
			s = "?"
		}
	}()
	v, t = plainOf(v, t, e)
	if !v.IsValid() {
		return "nil"
	}
	if !v.CanInterface() {
		return "?"
	}
	var arg any = v.Interface()
	if t != nil {
		arg = typefmt.Typed{V: v.Interface(), T: t}
	}
	verb := "%v"
	if v.Kind() == reflect.String {
		verb = "%q"
	}
	out := tfStateOf(e.fe).pr.Sprintf(verb, arg)
	if len(out) > 200 {
		out = out[:197] + "..."
	}
	return out
}

// plainOf removes interfaces and yaegi's wrappers around a value.
func plainOf(v reflect.Value, t *typefmt.Type, e *Engine) (reflect.Value, *typefmt.Type) {
	for i := 0; i < 8 && v.IsValid(); i++ {
		switch {
		case v.Kind() == reflect.Interface:
			if v.IsNil() {
				return reflect.Value{}, t
			}
			v = v.Elem()
			t = e.describeValue(v)
		case isValueInterface(v.Type()):
			v = yaegiValue(v)
			t = e.describeValue(v)
		default:
			return v, t
		}
	}
	return v, t
}

// maxChildren bounds the elements and entries shown for one value.
const maxChildren = 500

// children returns the fields, elements or entries of a value.
func (e *Engine) children(v reflect.Value, t *typefmt.Type) []namedValue {
	v, t = plainOf(v, t, e)
	if !v.IsValid() {
		return nil
	}
	var out []namedValue
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		var et *typefmt.Type
		if t != nil && t.Kind == reflect.Pointer {
			et = t.Elem
		}
		if v.Elem().Kind() == reflect.Struct {
			return e.children(v.Elem(), et)
		}
		return []namedValue{{name: "*", v: v.Elem(), t: et}}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			var ft *typefmt.Type
			if t != nil && t.Kind == reflect.Struct && len(t.Fields) == v.NumField() {
				name, ft = t.Fields[i].Name, t.Fields[i].Type
			}
			out = append(out, namedValue{name: name, v: v.Field(i), t: ft})
		}
	case reflect.Slice, reflect.Array:
		var et *typefmt.Type
		if t != nil && (t.Kind == reflect.Slice || t.Kind == reflect.Array) {
			et = t.Elem
		}
		for i := 0; i < v.Len() && i < maxChildren; i++ {
			out = append(out, namedValue{name: "[" + strconv.Itoa(i) + "]", v: v.Index(i), t: et})
		}
	case reflect.Map:
		var kt, et *typefmt.Type
		if t != nil && t.Kind == reflect.Map {
			kt, et = t.Key, t.Elem
		}
		keys := v.MapKeys()
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = e.format(k, kt)
		}
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool { return names[idx[a]] < names[idx[b]] })
		for n, i := range idx {
			if n >= maxChildren {
				break
			}
			out = append(out, namedValue{name: "[" + names[i] + "]", v: v.MapIndex(keys[i]), t: et})
		}
	}
	return out
}

// DebugEvaluate evaluates an expression without side effects (debug_eval.go) over the
// values of a frame of a paused cell (frame 0: the session's variables): variables,
// fields, indexes, slices, operators, len, cap and conversions to basic types. Calls
// and assignments are refused: the paused interpreter cannot run code beside the cell.
func (e *Engine) DebugEvaluate(frame int, expr string) (kernel.DebugVariable, any, error) {
	s := e.session()
	if s == nil {
		return kernel.DebugVariable{}, nil, errNotAttached
	}
	x, err := parseEval(expr)
	if err != nil {
		return kernel.DebugVariable{}, nil, fmt.Errorf("evaluate %q: %w", expr, err)
	}
	var scope []namedValue
	if frame != 0 {
		scope = e.frameLocals(s, frame)
	}
	scope = append(scope, e.sessionVars()...)
	nv, err := e.evalExpr(x, scope)
	if err != nil {
		return kernel.DebugVariable{}, nil, fmt.Errorf("evaluate %s: %w", expr, err)
	}
	nv.name = expr
	pv, _ := plainOf(nv.v, nv.t, e)
	var raw any
	if pv.IsValid() && pv.CanInterface() {
		raw = pv.Interface()
	}
	return e.variable(s, nv, expr), raw, nil
}

// child returns the child of a value with a name as children names it.
func (e *Engine) child(base namedValue, name string) (namedValue, error) {
	for _, c := range e.children(base.v, base.t) {
		if c.name == name {
			return c, nil
		}
	}
	return namedValue{}, fmt.Errorf("no %s in %s", strings.Trim(name, "[]"), e.format(base.v, base.t))
}

// DebugGlobals lists the session's variables for the variable explorer.
func (e *Engine) DebugGlobals() []kernel.DebugVariable {
	s := e.session()
	vars := e.sessionVars()
	out := make([]kernel.DebugVariable, 0, len(vars))
	for _, nv := range vars {
		if s != nil {
			out = append(out, e.variable(s, nv, nv.name))
			continue
		}
		dv := kernel.DebugVariable{Name: nv.name, Value: e.format(nv.v, nv.t), Evaluate: nv.name}
		if nv.t != nil {
			dv.Type = nv.t.String()
		}
		out = append(out, dv)
	}
	return out
}
