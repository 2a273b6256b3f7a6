// The typed front end: encoding/json and encoding/xml of cell types with encoding
// methods are refused.
//
// encoding/json and encoding/xml look for MarshalJSON, MarshalText, UnmarshalJSON, … on
// the run-time types of what they encode; yaegi v0.16.1's run-time types for types
// declared in cells have no methods (a named int is a plain int, a struct a
// reflect.StructOf), so json.Marshal wrote the bare value where Go calls the method
// (`"level":1` instead of `"level":"MID"`) and json.Unmarshal failed or filled in zero
// values. That cannot be lowered away without reimplementing the encoders, so such a
// call is refused (UnsupportedFeature) rather than run with a wrong result:
//   - before the cell runs, when the argument's static type reaches (through pointers,
//     slices, arrays, map keys and elements, struct fields) a cell type whose method set
//     has one of the package's encoding methods (rejectUnsupported, fe_reject.go);
//   - while it runs, when a value held in an interface position of the argument
//     (an any, a []any, a map[string]any) is of such a type (EncPlain, EncPlainDeep:
//     Plain and PlainDeep with the check).

package engine

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
)

// encMethods are the methods each encoding package calls on the values it encodes or
// decodes.
var encMethods = map[string][]string{
	"json": {"MarshalJSON", "UnmarshalJSON", "MarshalText", "UnmarshalText"},
	"xml":  {"MarshalXML", "UnmarshalXML", "MarshalXMLAttr", "UnmarshalXMLAttr", "MarshalText", "UnmarshalText"},
}

// encPkg is "json" or "xml" for a function name encodingCall returns ("json.Marshal",
// "json.Encoder.Encode").
func encPkg(fn string) string {
	p, _, _ := strings.Cut(fn, ".")
	return p
}

// encMethodReach returns the type (as Go names it) and method of the first interpreted
// type reachable from t whose method set has one of pkg's encoding methods, or "", "".
func encMethodReach(pkg string, t types.Type, seen map[types.Type]bool) (string, string) {
	if t == nil || seen[t] || len(seen) > 10000 {
		return "", ""
	}
	seen[t] = true
	check := func(t types.Type) (string, string) {
		ms := types.NewMethodSet(types.NewPointer(t))
		for _, m := range encMethods[pkg] {
			if ms.Lookup(nil, m) != nil {
				return types.TypeString(t, func(p *types.Package) string { return p.Name() }), m
			}
		}
		return "", ""
	}
	switch u := types.Unalias(t).(type) {
	case *types.Pointer:
		return encMethodReach(pkg, u.Elem(), seen)
	case *types.Slice:
		return encMethodReach(pkg, u.Elem(), seen)
	case *types.Array:
		return encMethodReach(pkg, u.Elem(), seen)
	case *types.Map:
		if n, m := encMethodReach(pkg, u.Key(), seen); n != "" {
			return n, m
		}
		return encMethodReach(pkg, u.Elem(), seen)
	case *types.Named:
		if !interpretedType(u) {
			return "", "" // a compiled type: the encoder finds its methods
		}
		if n, m := check(u); n != "" {
			return n, m
		}
		return encMethodReach(pkg, u.Underlying(), seen)
	case *types.Struct:
		if n, m := check(u); n != "" {
			return n, m
		}
		for i := 0; i < u.NumFields(); i++ {
			if f := u.Field(i); f.Exported() || f.Embedded() {
				if n, m := encMethodReach(pkg, f.Type(), seen); n != "" {
					return n, m
				}
			}
		}
	}
	return "", ""
}

// encRefusal is the refusal of the encoding call fn of a value of the cell type name
// with the encoding method m.
func encRefusal(fn, name, m string) (feature, hint string) {
	return fmt.Sprintf("%s of a value of %s (a type declared in a cell, with a %s method)", fn, name, m),
		"the interpreter's run-time types have no methods, so encoding/" + encPkg(fn) + " would not call it; " +
			"call the method yourself, or encode a value built of plain types (a struct or map of strings and numbers)"
}

// rejectEncoding is rejectUnsupported's check of an encoding call's argument.
func rejectEncoding(tc *typedCell, fn string, arg ast.Expr, refuse func(int, string, string)) {
	if n, m := encMethodReach(encPkg(fn), tc.info.TypeOf(arg), map[types.Type]bool{}); n != "" {
		f, h := encRefusal(fn, n, m)
		refuse(tc.off(arg.Pos()), f, h)
	}
}

// encChecked returns the encoding call n's function name when its arguments' values
// must be checked while the cell runs (the session has cell types with the package's
// encoding methods), else "".
func (l *lowerer) encChecked(n *ast.CallExpr) string {
	fn, arg := encodingCall(&typedCell{info: l.ctx.info}, n)
	if arg == nil {
		return ""
	}
	cts, _ := l.cellTypeForms()
	for _, tn := range cts {
		if name, _ := encMethodReach(encPkg(fn), tn.Type(), map[types.Type]bool{}); name != "" {
			l.tfRegister(tfStateOf(l.fe))
			return fn
		}
	}
	return ""
}

// encCheck fails the cell when x holds, in an interface position, a value of a cell type
// with one of the encoding methods of fn's package (see encMethodReach).
func (e *Engine) encCheck(x any, fn string) {
	st := tfStateOf(e.fe)
	budget := 100000
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if budget--; budget < 0 || depth > 64 || !v.IsValid() {
			return
		}
		switch v.Kind() {
		case reflect.Interface:
			walk(v.Elem(), depth+1)
		case reflect.Pointer:
			if !v.IsNil() && !seen[v.Pointer()] {
				seen[v.Pointer()] = true
				walk(v.Elem(), depth+1)
			}
		case reflect.Slice, reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), depth+1)
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key(), depth+1)
				walk(it.Value(), depth+1)
			}
		case reflect.Struct:
			rt := v.Type()
			var t types.Type
			switch {
			case isValueInterface(rt):
				if n := v.FieldByName("node"); n.IsValid() && n.Kind() == reflect.Pointer && !n.IsNil() {
					t = st.fromItype(n.Elem().FieldByName("typ"), 0)
				}
				defer walk(yaegiValue(v), depth+1)
			case strings.HasPrefix(rt.Name(), "_") && rt.NumField() > 0 && rt.Field(0).Name == "IValue":
				walk(v.Field(0), depth+1)
				return
			default:
				t = st.fromRType(rt, 0)
				for i := 0; i < v.NumField(); i++ {
					defer walk(v.Field(i), depth+1)
				}
			}
			if t == nil {
				return
			}
			if n, m := encMethodReach(encPkg(fn), t, map[types.Type]bool{}); n != "" {
				f, h := encRefusal(fn, n, m)
				panic(unsupportedAtRun(f + " is not supported by the Sluice interpreter: " + h))
			}
		}
	}
	walk(reflect.ValueOf(x), 0)
}

// encPlain and encPlainDeep are plainValue and plainDeep for the argument of the
// encoding call fn, checked first (see encCheck).
func (e *Engine) encPlain(x any, fn string) any {
	e.encCheck(x, fn)
	return plainValue(x)
}

func (e *Engine) encPlainDeep(x any, fn string) any {
	e.encCheck(x, fn)
	return plainDeep(x)
}
