// The debugger's evaluate: expressions without side effects over a paused frame's values.

package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"math"
	"reflect"

	"github.com/sluice-dev/sluice/kernel/engine/internal/typefmt"
)

// errSideEffect refuses what the paused interpreter cannot or must not run.
var errSideEffect = errors.New("only expressions without side effects are evaluated while a cell is paused " +
	"(no function or method calls, assignments, channel receives, literals of functions or composites)")

// evalVal is a value being evaluated: a typed value, or an untyped constant (c != nil).
type evalVal struct {
	v    reflect.Value
	t    *typefmt.Type
	c    constant.Value
	char bool // c is a rune literal
	nil  bool // the predeclared nil, which only comparisons take
}

// parseEval parses an expression to evaluate, naming assignments and statements.
func parseEval(expr string) (ast.Expr, error) {
	x, err := parser.ParseExpr(expr)
	if err == nil {
		return x, nil
	}
	f, ferr := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {\n"+expr+"\n}", 0)
	if ferr == nil && len(f.Decls) == 1 {
		if body := f.Decls[0].(*ast.FuncDecl).Body; len(body.List) == 1 {
			switch body.List[0].(type) {
			case *ast.AssignStmt, *ast.IncDecStmt, *ast.SendStmt:
				return nil, errors.New("assignments cannot be evaluated while a cell is paused: the debugger only reads values")
			}
			return nil, errSideEffect
		}
	}
	return nil, err
}

// evalExpr evaluates x against the variables in scope and returns it as a variable.
func (e *Engine) evalExpr(x ast.Expr, scope []namedValue) (nv namedValue, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	v, err := e.evalNode(x, scope)
	if err != nil {
		return namedValue{}, err
	}
	if v.nil {
		return namedValue{}, errors.New("nil has no value of its own; compare a value with it")
	}
	if v.c != nil {
		rv, err := typedConst(v, nil)
		if err != nil {
			return namedValue{}, err
		}
		return namedValue{v: rv}, nil
	}
	return namedValue{v: v.v, t: v.t}, nil
}

// evalNode evaluates one node.
func (e *Engine) evalNode(x ast.Expr, scope []namedValue) (evalVal, error) {
	switch x := x.(type) {
	case *ast.ParenExpr:
		return e.evalNode(x.X, scope)
	case *ast.BasicLit:
		c := constant.MakeFromLiteral(x.Value, x.Kind, 0)
		if c.Kind() == constant.Unknown {
			return evalVal{}, fmt.Errorf("bad literal %s", x.Value)
		}
		return evalVal{c: c, char: x.Kind == token.CHAR}, nil
	case *ast.Ident:
		for _, nv := range scope {
			if nv.name == x.Name {
				v, t := plainOf(nv.v, nv.t, e)
				return evalVal{v: v, t: t}, nil
			}
		}
		switch x.Name {
		case "true", "false":
			return evalVal{c: constant.MakeBool(x.Name == "true")}, nil
		case "nil":
			return evalVal{nil: true}, nil
		}
		return evalVal{}, fmt.Errorf("undefined: %s", x.Name)
	case *ast.StarExpr:
		b, err := e.typed(x.X, scope)
		if err != nil {
			return evalVal{}, err
		}
		if b.v.Kind() != reflect.Pointer || b.v.IsNil() {
			return evalVal{}, fmt.Errorf("cannot dereference %s", e.format(b.v, b.t))
		}
		v, t := plainOf(b.v.Elem(), elemOf(b.t), e)
		return evalVal{v: v, t: t}, nil
	case *ast.SelectorExpr:
		b, err := e.typed(x.X, scope)
		if err != nil {
			return evalVal{}, err
		}
		c, err := e.child(namedValue{v: b.v, t: b.t}, x.Sel.Name)
		if err != nil {
			return evalVal{}, fmt.Errorf("no field %s in %s (methods are not called while a cell is paused)", x.Sel.Name, e.format(b.v, b.t))
		}
		v, t := plainOf(c.v, c.t, e)
		return evalVal{v: v, t: t}, nil
	case *ast.IndexExpr:
		return e.evalIndex(x, scope)
	case *ast.SliceExpr:
		return e.evalSlice(x, scope)
	case *ast.UnaryExpr:
		return e.evalUnary(x, scope)
	case *ast.BinaryExpr:
		a, err := e.evalNode(x.X, scope)
		if err != nil {
			return evalVal{}, err
		}
		b, err := e.evalNode(x.Y, scope)
		if err != nil {
			return evalVal{}, err
		}
		return binaryOp(x.Op, a, b)
	case *ast.CallExpr:
		return e.evalCall(x, scope)
	}
	return evalVal{}, errSideEffect
}

// typed evaluates x to a typed value (constants take their default type).
func (e *Engine) typed(x ast.Expr, scope []namedValue) (evalVal, error) {
	v, err := e.evalNode(x, scope)
	if err != nil || v.c == nil {
		if err == nil && !v.v.IsValid() {
			return v, errors.New("nil value")
		}
		return v, err
	}
	rv, err := typedConst(v, nil)
	return evalVal{v: rv}, err
}

func elemOf(t *typefmt.Type) *typefmt.Type {
	if t == nil {
		return nil
	}
	return t.Elem
}

// operand evaluates the operand of an index or slice expression: b as evaluated, and v
// and t what is indexed (the array a non-nil pointer to an array points to).
func (e *Engine) operand(x ast.Expr, scope []namedValue) (b evalVal, v reflect.Value, t *typefmt.Type, err error) {
	b, err = e.typed(x, scope)
	if err != nil {
		return b, v, t, err
	}
	v, t = b.v, b.t
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Array {
		v, t = v.Elem(), elemOf(t)
	}
	return b, v, t, nil
}

// evalIndex evaluates a[i] on strings, slices, arrays, pointers to arrays and maps.
func (e *Engine) evalIndex(x *ast.IndexExpr, scope []namedValue) (evalVal, error) {
	b, v, t, err := e.operand(x.X, scope)
	if err != nil {
		return evalVal{}, err
	}
	idx, err := e.evalNode(x.Index, scope)
	if err != nil {
		return evalVal{}, err
	}
	switch v.Kind() {
	case reflect.Map:
		k, err := convertTo(idx, v.Type().Key())
		if err != nil {
			return evalVal{}, err
		}
		var et *typefmt.Type
		if t != nil && t.Kind == reflect.Map {
			et = t.Elem
		}
		r := v.MapIndex(k)
		if !r.IsValid() {
			r = reflect.Zero(v.Type().Elem())
		}
		r, et = plainOf(r, et, e)
		return evalVal{v: r, t: et}, nil
	case reflect.String, reflect.Slice, reflect.Array:
		i, err := intOf(idx)
		if err != nil {
			return evalVal{}, err
		}
		if i < 0 || i >= int64(v.Len()) {
			return evalVal{}, fmt.Errorf("index out of range [%d] with length %d", i, v.Len())
		}
		if v.Kind() == reflect.String {
			return evalVal{v: reflect.ValueOf(v.String()[i])}, nil
		}
		r, et := plainOf(v.Index(int(i)), elemOf(t), e)
		return evalVal{v: r, t: et}, nil
	}
	return evalVal{}, fmt.Errorf("cannot index %s", e.format(b.v, b.t))
}

// evalSlice evaluates a[lo:hi] and a[lo:hi:max].
func (e *Engine) evalSlice(x *ast.SliceExpr, scope []namedValue) (evalVal, error) {
	b, v, t, err := e.operand(x.X, scope)
	if err != nil {
		return evalVal{}, err
	}
	switch v.Kind() {
	case reflect.Array:
		// Frame values may not be addressable: slice a copy.
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
		if t != nil {
			t = &typefmt.Type{Kind: reflect.Slice, Elem: t.Elem}
		}
	case reflect.String, reflect.Slice:
	default:
		return evalVal{}, fmt.Errorf("cannot slice %s", e.format(b.v, b.t))
	}
	bound := func(x ast.Expr, def int) (int, error) {
		if x == nil {
			return def, nil
		}
		n, err := e.evalNode(x, scope)
		if err != nil {
			return 0, err
		}
		i, err := intOf(n)
		return int(i), err
	}
	capacity := v.Len()
	if v.Kind() != reflect.String {
		capacity = v.Cap()
	}
	lo, err := bound(x.Low, 0)
	if err != nil {
		return evalVal{}, err
	}
	hi, err := bound(x.High, v.Len())
	if err != nil {
		return evalVal{}, err
	}
	mx, err := bound(x.Max, capacity)
	if err != nil {
		return evalVal{}, err
	}
	if lo < 0 || hi < lo || mx < hi || mx > capacity {
		return evalVal{}, fmt.Errorf("slice bounds out of range [%d:%d:%d] with capacity %d", lo, hi, mx, capacity)
	}
	if x.Slice3 {
		return evalVal{v: v.Slice3(lo, hi, mx), t: t}, nil
	}
	return evalVal{v: v.Slice(lo, hi), t: t}, nil
}

// evalUnary evaluates -x, +x, ^x and !x.
func (e *Engine) evalUnary(x *ast.UnaryExpr, scope []namedValue) (evalVal, error) {
	switch x.Op {
	case token.SUB, token.ADD, token.XOR, token.NOT:
	default:
		return evalVal{}, errSideEffect
	}
	a, err := e.evalNode(x.X, scope)
	if err != nil {
		return evalVal{}, err
	}
	if a.c != nil {
		return evalVal{c: constant.UnaryOp(x.Op, a.c, 0), char: a.char}, nil
	}
	if k := a.v.Kind(); (k == reflect.Float32 || k == reflect.Float64) && x.Op == token.SUB {
		out := reflect.New(a.v.Type()).Elem()
		out.SetFloat(-a.v.Float())
		return evalVal{v: out, t: a.t}, nil
	}
	c, err := constOf(a.v)
	if err != nil {
		return evalVal{}, err
	}
	var r constant.Value
	switch {
	case x.Op == token.XOR && isUint(a.v.Kind()):
		r = constant.UnaryOp(x.Op, c, uint(a.v.Type().Bits()))
	default:
		r = constant.UnaryOp(x.Op, c, 0)
	}
	out, err := setConst(a.v.Type(), r, true)
	return evalVal{v: out, t: a.t}, err
}

// evalCall evaluates len, cap and conversions to basic types; every other call is refused.
func (e *Engine) evalCall(x *ast.CallExpr, scope []namedValue) (evalVal, error) {
	if len(x.Args) != 1 || x.Ellipsis.IsValid() {
		return evalVal{}, errSideEffect
	}
	name := ""
	switch f := ast.Unparen(x.Fun).(type) {
	case *ast.Ident:
		name = f.Name
		for _, nv := range scope {
			if nv.name == name {
				return evalVal{}, errSideEffect // a function value
			}
		}
	case *ast.ArrayType:
		if id, ok := f.Elt.(*ast.Ident); ok && f.Len == nil && (id.Name == "byte" || id.Name == "rune") {
			name = "[]" + id.Name
		}
	}
	a, err := e.evalNode(x.Args[0], scope)
	if err != nil {
		return evalVal{}, err
	}
	switch name {
	case "len", "cap":
		if a.c != nil && a.c.Kind() == constant.String && name == "len" {
			return evalVal{c: constant.MakeInt64(int64(len(constant.StringVal(a.c))))}, nil
		}
		v := a.v
		if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Array {
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.String, reflect.Map:
			if name == "len" {
				return evalVal{v: reflect.ValueOf(v.Len())}, nil
			}
		case reflect.Slice, reflect.Array, reflect.Chan:
			if name == "len" {
				return evalVal{v: reflect.ValueOf(v.Len())}, nil
			}
			return evalVal{v: reflect.ValueOf(v.Cap())}, nil
		}
		return evalVal{}, fmt.Errorf("invalid argument for %s: %s", name, e.format(a.v, a.t))
	}
	rt, ok := basicTypes[name]
	if !ok {
		return evalVal{}, errSideEffect
	}
	if a.c != nil {
		v, err := convertTo(a, rt)
		return evalVal{v: v}, err
	}
	if !a.v.Type().ConvertibleTo(rt) {
		return evalVal{}, fmt.Errorf("cannot convert %s to %s", e.format(a.v, a.t), name)
	}
	return evalVal{v: a.v.Convert(rt)}, nil
}

// basicTypes are the types evaluate converts to.
var basicTypes = map[string]reflect.Type{
	"int": reflect.TypeFor[int](), "int8": reflect.TypeFor[int8](), "int16": reflect.TypeFor[int16](),
	"int32": reflect.TypeFor[int32](), "int64": reflect.TypeFor[int64](), "rune": reflect.TypeFor[rune](),
	"uint": reflect.TypeFor[uint](), "uint8": reflect.TypeFor[uint8](), "uint16": reflect.TypeFor[uint16](),
	"uint32": reflect.TypeFor[uint32](), "uint64": reflect.TypeFor[uint64](), "byte": reflect.TypeFor[byte](),
	"uintptr": reflect.TypeFor[uintptr](), "float32": reflect.TypeFor[float32](), "float64": reflect.TypeFor[float64](),
	"complex64": reflect.TypeFor[complex64](), "complex128": reflect.TypeFor[complex128](),
	"string": reflect.TypeFor[string](), "bool": reflect.TypeFor[bool](),
	"[]byte": reflect.TypeFor[[]byte](), "[]rune": reflect.TypeFor[[]rune](),
}

// binaryOp applies a binary operator as Go does.
func binaryOp(op token.Token, a, b evalVal) (evalVal, error) {
	if a.nil || b.nil {
		if b.nil {
			a, b = b, a
		}
		if b.nil || b.c != nil || (op != token.EQL && op != token.NEQ) {
			return evalVal{}, fmt.Errorf("invalid operation: operator %s on nil", op)
		}
		switch b.v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
			return evalVal{v: reflect.ValueOf(b.v.IsNil() == (op == token.EQL))}, nil
		}
		return evalVal{}, fmt.Errorf("cannot compare %s with nil", typeName(b.v.Type()))
	}
	if a.c != nil && b.c != nil {
		switch op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			return evalVal{c: constant.MakeBool(constant.Compare(a.c, op, b.c))}, nil
		case token.SHL, token.SHR:
			s, ok := constant.Uint64Val(constant.ToInt(b.c))
			if !ok {
				return evalVal{}, errors.New("invalid shift count")
			}
			return evalVal{c: constant.Shift(a.c, op, uint(s))}, nil
		case token.QUO:
			if constant.Sign(b.c) == 0 {
				return evalVal{}, errors.New("division by zero")
			}
			if a.c.Kind() == constant.Int && b.c.Kind() == constant.Int {
				op = token.QUO_ASSIGN // integer division
			}
		}
		if op == token.QUO_ASSIGN {
			return evalVal{c: constant.BinaryOp(a.c, token.QUO_ASSIGN, b.c)}, nil
		}
		return evalVal{c: constant.BinaryOp(a.c, op, b.c), char: a.char || b.char}, nil
	}
	if op == token.SHL || op == token.SHR {
		if a.c != nil {
			v, err := typedConst(a, nil)
			if err != nil {
				return evalVal{}, err
			}
			a = evalVal{v: v}
		}
		n, err := intOf(b)
		if err != nil || n < 0 {
			return evalVal{}, fmt.Errorf("invalid shift count")
		}
		ca, err := constOf(a.v)
		if err != nil {
			return evalVal{}, err
		}
		out, err := setConst(a.v.Type(), constant.Shift(ca, op, uint(n)), true)
		return evalVal{v: out, t: a.t}, err
	}
	// One side typed: the constant takes its type.
	if a.c != nil {
		v, err := convertTo(a, b.v.Type())
		if err != nil {
			return evalVal{}, err
		}
		a = evalVal{v: v, t: b.t}
	}
	if b.c != nil {
		v, err := convertTo(b, a.v.Type())
		if err != nil {
			return evalVal{}, err
		}
		b = evalVal{v: v, t: a.t}
	}
	if a.v.Type() != b.v.Type() {
		return evalVal{}, fmt.Errorf("mismatched types %s and %s", typeName(a.v.Type()), typeName(b.v.Type()))
	}
	switch op {
	case token.LAND, token.LOR:
		if a.v.Kind() != reflect.Bool {
			return evalVal{}, fmt.Errorf("operator %s not defined on %s", op, typeName(a.v.Type()))
		}
		r := a.v.Bool() && b.v.Bool()
		if op == token.LOR {
			r = a.v.Bool() || b.v.Bool()
		}
		return evalVal{v: reflect.ValueOf(r)}, nil
	case token.EQL, token.NEQ:
		if !a.v.Type().Comparable() {
			return evalVal{}, fmt.Errorf("%s values cannot be compared", typeName(a.v.Type()))
		}
		eq := a.v.Interface() == b.v.Interface()
		return evalVal{v: reflect.ValueOf(eq == (op == token.EQL))}, nil
	}
	if k := a.v.Kind(); k == reflect.Float32 || k == reflect.Float64 {
		return floatOp(op, a, b)
	}
	ca, err := constOf(a.v)
	if err != nil {
		return evalVal{}, err
	}
	cb, err := constOf(b.v)
	if err != nil {
		return evalVal{}, err
	}
	switch op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
		if ca.Kind() == constant.Bool || ca.Kind() == constant.Complex {
			return evalVal{}, fmt.Errorf("operator %s not defined on %s", op, typeName(a.v.Type()))
		}
		return evalVal{v: reflect.ValueOf(constant.Compare(ca, op, cb))}, nil
	case token.QUO, token.REM:
		if isInt(a.v.Kind()) || isUint(a.v.Kind()) {
			if constant.Sign(cb) == 0 {
				return evalVal{}, errors.New("integer divide by zero")
			}
			if op == token.QUO {
				op = token.QUO_ASSIGN
			}
		}
	}
	switch a.v.Kind() {
	case reflect.String:
		if op != token.ADD {
			return evalVal{}, fmt.Errorf("operator %s not defined on %s", op, typeName(a.v.Type()))
		}
	case reflect.Bool:
		return evalVal{}, fmt.Errorf("operator %s not defined on %s", op, typeName(a.v.Type()))
	}
	if op == token.QUO_ASSIGN {
		op = token.QUO
		r := constant.BinaryOp(ca, token.QUO_ASSIGN, cb)
		out, err := setConst(a.v.Type(), r, true)
		return evalVal{v: out, t: a.t}, err
	}
	out, err := setConst(a.v.Type(), constant.BinaryOp(ca, op, cb), true)
	return evalVal{v: out, t: a.t}, err
}

// floatOp applies an operator to floating-point values with the machine's arithmetic
// (the result rounded to the operands' type, as Go computes it).
func floatOp(op token.Token, a, b evalVal) (evalVal, error) {
	x, y := a.v.Float(), b.v.Float()
	var r float64
	switch op {
	case token.LSS:
		return evalVal{v: reflect.ValueOf(x < y)}, nil
	case token.LEQ:
		return evalVal{v: reflect.ValueOf(x <= y)}, nil
	case token.GTR:
		return evalVal{v: reflect.ValueOf(x > y)}, nil
	case token.GEQ:
		return evalVal{v: reflect.ValueOf(x >= y)}, nil
	case token.ADD:
		r = x + y
	case token.SUB:
		r = x - y
	case token.MUL:
		r = x * y
	case token.QUO:
		r = x / y // division by zero gives ±Inf or NaN, as in Go
	default:
		return evalVal{}, fmt.Errorf("operator %s not defined on %s", op, typeName(a.v.Type()))
	}
	out := reflect.New(a.v.Type()).Elem()
	out.SetFloat(r)
	return evalVal{v: out, t: a.t}, nil
}

func isInt(k reflect.Kind) bool  { return k >= reflect.Int && k <= reflect.Int64 }
func isUint(k reflect.Kind) bool { return k >= reflect.Uint && k <= reflect.Uintptr }

// constOf turns a basic value into a constant.
func constOf(v reflect.Value) (constant.Value, error) {
	switch k := v.Kind(); {
	case isInt(k):
		return constant.MakeInt64(v.Int()), nil
	case isUint(k):
		return constant.MakeUint64(v.Uint()), nil
	case k == reflect.Float32 || k == reflect.Float64:
		if f := v.Float(); math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("%v is not a number the evaluator computes with", f)
		}
		return constant.MakeFloat64(v.Float()), nil
	case k == reflect.Complex64 || k == reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD,
			constant.MakeImag(constant.MakeFloat64(imag(c)))), nil
	case k == reflect.String:
		return constant.MakeString(v.String()), nil
	case k == reflect.Bool:
		return constant.MakeBool(v.Bool()), nil
	}
	return nil, fmt.Errorf("operators are not defined on %s", typeName(v.Type()))
}

// setConst makes a value of type rt from a constant; wrap lets integers wrap around as
// Go's arithmetic does (else a constant that does not fit is an error).
func setConst(rt reflect.Type, c constant.Value, wrap bool) (reflect.Value, error) {
	out := reflect.New(rt).Elem()
	numeric := c.Kind() == constant.Int || c.Kind() == constant.Float || c.Kind() == constant.Complex
	switch k := rt.Kind(); {
	case !numeric && k != reflect.String && k != reflect.Bool,
		numeric && (k == reflect.String || k == reflect.Bool):
		return out, fmt.Errorf("cannot use %s as %s", c, typeName(rt))
	case isInt(k), isUint(k):
		if c.Kind() != constant.Int {
			c = constant.ToInt(c)
			if c.Kind() != constant.Int {
				return out, fmt.Errorf("constant truncated to integer")
			}
		}
		mask := constant.Shift(constant.MakeInt64(1), token.SHL, uint(rt.Bits()))
		if wrap {
			// Two's complement modulo 2^bits.
			c = constant.BinaryOp(c, token.REM, mask)
			if constant.Sign(c) < 0 {
				c = constant.BinaryOp(c, token.ADD, mask)
			}
		}
		u, ok := constant.Uint64Val(c)
		if !ok {
			if i, iok := constant.Int64Val(c); iok && isInt(k) {
				out.SetInt(i)
				if out.Int() != i {
					return out, fmt.Errorf("constant %s overflows %s", c, typeName(rt))
				}
				return out, nil
			}
			return out, fmt.Errorf("constant %s overflows %s", c, typeName(rt))
		}
		if isUint(k) {
			out.SetUint(u)
			if out.Uint() != u {
				return out, fmt.Errorf("constant %s overflows %s", c, typeName(rt))
			}
		} else {
			out.SetInt(int64(u))
			if !wrap && uint64(out.Int()) != u {
				return out, fmt.Errorf("constant %s overflows %s", c, typeName(rt))
			}
		}
	case k == reflect.Float32 || k == reflect.Float64:
		f, _ := constant.Float64Val(constant.ToFloat(c))
		out.SetFloat(f)
	case k == reflect.Complex64 || k == reflect.Complex128:
		c = constant.ToComplex(c)
		re, _ := constant.Float64Val(constant.Real(c))
		im, _ := constant.Float64Val(constant.Imag(c))
		out.SetComplex(complex(re, im))
	case k == reflect.String && c.Kind() == constant.String:
		out.SetString(constant.StringVal(c))
	case k == reflect.Bool && c.Kind() == constant.Bool:
		out.SetBool(constant.BoolVal(c))
	default:
		return out, fmt.Errorf("cannot use %s as %s", c, typeName(rt))
	}
	return out, nil
}

// convertTo gives a value (an untyped constant or a typed value) the type rt.
func convertTo(v evalVal, rt reflect.Type) (reflect.Value, error) {
	if v.c == nil {
		if v.v.Type() == rt {
			return v.v, nil
		}
		if v.v.Type().AssignableTo(rt) {
			out := reflect.New(rt).Elem()
			out.Set(v.v)
			return out, nil
		}
		return reflect.Value{}, fmt.Errorf("mismatched types %s and %s", typeName(v.v.Type()), typeName(rt))
	}
	if rt.Kind() == reflect.Interface {
		return typedConst(v, nil)
	}
	return setConst(rt, v.c, false)
}

// typedConst gives an untyped constant its default type.
func typedConst(v evalVal, _ *typefmt.Type) (reflect.Value, error) {
	switch v.c.Kind() {
	case constant.Bool:
		return reflect.ValueOf(constant.BoolVal(v.c)), nil
	case constant.String:
		return reflect.ValueOf(constant.StringVal(v.c)), nil
	case constant.Int:
		if v.char {
			return setConst(reflect.TypeFor[rune](), v.c, false)
		}
		return setConst(reflect.TypeFor[int](), v.c, false)
	case constant.Float:
		return setConst(reflect.TypeFor[float64](), v.c, false)
	case constant.Complex:
		return setConst(reflect.TypeFor[complex128](), v.c, false)
	}
	return reflect.Value{}, errors.New("unknown constant")
}

// intOf reads an index or shift count.
func intOf(v evalVal) (int64, error) {
	if v.c != nil {
		i, ok := constant.Int64Val(constant.ToInt(v.c))
		if !ok {
			return 0, fmt.Errorf("%s is not an integer", v.c)
		}
		return i, nil
	}
	switch k := v.v.Kind(); {
	case isInt(k):
		return v.v.Int(), nil
	case isUint(k):
		if v.v.Uint() > math.MaxInt64 {
			return 0, fmt.Errorf("index %d too large", v.v.Uint())
		}
		return int64(v.v.Uint()), nil
	}
	return 0, fmt.Errorf("index of type %s is not an integer", typeName(v.v.Type()))
}
