package main

import (
	"bytes"
	"fmt"
	"go/constant"
	"go/format"
	"go/types"
	"math/big"
	"runtime"
	"sort"
	"strings"
)

// The generated files follow the layout of yaegi's extract package (v0.16.1) exactly, so
// that switching generators changed no committed table: a Symbols entry per exported
// value and type, and per interface an "interface wrapper" struct whose W-prefixed func
// fields the interpreter fills in to make an interpreted value satisfy the interface.
// The text is built here and then run through go/format, as extract does; the first
// line still names "yaegi extract", which is the format's name.

// destPackage is the package the generated files belong to.
const destPackage = "symbols"

// providedLocally names the symbols (package name + symbol) that the symbols package
// implements itself in restricted.go, instead of referring to the real ones: a cell must
// not end the kernel process or replace the standard logger's output.
var providedLocally = map[string]bool{
	"osExit": true, "osFindProcess": true,
	"logFatal": true, "logFatalf": true, "logFatalln": true, "logLogger": true, "logNew": true,
}

// entry is one value of a package's Symbols map.
type entry struct {
	expr     string // Go expression of the value, e.g. "io.Copy"
	variable bool   // a package variable: exported by address, so cells can assign it
}

// wrapper describes the struct generated for an exported interface type.
type wrapper struct {
	typeName string // e.g. "_io_Reader"
	methods  []wrapperMethod
}

// wrapperMethod is one exported method of a wrapped interface, as Go source fragments.
type wrapperMethod struct {
	name    string
	params  string // "(p []byte)", variadic as "(args ...any)"
	results string // "(n int, err error)" or "(int)"
	args    string // the call's arguments: "(p)", "(args...)"
	returns bool   // the method has results
}

// symbolFile accumulates what one generated file holds.
type symbolFile struct {
	importPath string
	pkg        *types.Package
	values     map[string]entry
	types      map[string]string // name -> qualified type name
	wrappers   map[string]wrapper
	imports    map[string]bool // import paths the generated code refers to
}

// generate returns the Go source of the symbol table of pkg, imported as importPath.
func generate(importPath string, pkg *types.Package) ([]byte, error) {
	f := &symbolFile{
		importPath: importPath,
		pkg:        pkg,
		values:     map[string]entry{},
		types:      map[string]string{},
		wrappers:   map[string]wrapper{},
		imports:    map[string]bool{},
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj := scope.Lookup(name); obj.Exported() {
			f.add(obj)
		}
	}
	src := f.source()
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("format generated symbols of %s: %w\n%s", importPath, err, src)
	}
	return out, nil
}

// add records one exported package-level object.
func (f *symbolFile) add(obj types.Object) {
	name := obj.Name()
	ref := f.pkg.Name() + "." + name
	if local := f.pkg.Name() + name; providedLocally[local] {
		ref = local
	}
	switch obj := obj.(type) {
	case *types.Const:
		if b, ok := obj.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			ref = f.untypedConst(ref, obj.Val())
		}
		f.values[name] = entry{expr: ref}
	case *types.Func:
		if obj.Type().(*types.Signature).TypeParams().Len() > 0 {
			return // generic: reflect cannot hold it uninstantiated
		}
		f.values[name] = entry{expr: ref}
	case *types.Var:
		f.values[name] = entry{expr: ref, variable: true}
	case *types.TypeName:
		if named, ok := obj.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
			return
		}
		iface, isIface := obj.Type().Underlying().(*types.Interface)
		if isIface && iface.NumMethods() == 0 && iface.NumEmbeddeds() > 0 {
			return // a constraint: only usable as a type parameter bound
		}
		f.types[name] = ref
		if isIface {
			f.wrappers[name] = f.wrap(name, iface)
		}
	}
}

// untypedConst returns the expression of an untyped constant: a go/constant value built
// from its exact literal for strings and numbers (so that a constant too large for any
// Go type, like math.MaxUint64 in a signed context, survives), else the constant itself.
func (f *symbolFile) untypedConst(ref string, v constant.Value) string {
	var lit, tok string
	switch v.Kind() {
	case constant.String:
		lit, tok = v.ExactString(), "STRING"
	case constant.Int:
		lit, tok = v.ExactString(), "INT"
	case constant.Float:
		lit, tok = floatLiteral(v), "FLOAT"
	default:
		return ref
	}
	f.imports["go/constant"] = true
	f.imports["go/token"] = true
	return fmt.Sprintf("constant.MakeFromLiteral(%q, token.%s, 0)", lit, tok)
}

// floatLiteral formats a float constant with all the digits of its representation:
// exact fractions at the precision their size needs (at least 64 bits), big floats at
// their own precision.
func floatLiteral(v constant.Value) string {
	var x *big.Float
	switch val := constant.Val(v).(type) {
	case *big.Float:
		x = val
	case *big.Rat:
		x = new(big.Float).SetRat(val)
	}
	return x.Text('g', int(x.Prec()))
}

// wrap describes the wrapper struct of interface type name.
func (f *symbolFile) wrap(name string, iface *types.Interface) wrapper {
	w := wrapper{typeName: "_" + fileNameReplacer.Replace(f.importPath) + "_" + name}
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		var params, args, results []string
		for j := range sig.Params().Len() {
			p := sig.Params().At(j)
			arg := p.Name()
			if arg == "" {
				arg = fmt.Sprintf("a%d", j)
			}
			typ := f.typeString(p.Type())
			if sig.Variadic() && j == sig.Params().Len()-1 {
				params = append(params, arg+" ..."+strings.TrimPrefix(typ, "[]"))
				args = append(args, arg+"...")
			} else {
				params = append(params, arg+" "+typ)
				args = append(args, arg)
			}
		}
		for j := range sig.Results().Len() {
			r := sig.Results().At(j)
			results = append(results, strings.TrimSpace(r.Name()+" "+f.typeString(r.Type())))
		}
		w.methods = append(w.methods, wrapperMethod{
			name:    m.Name(),
			params:  "(" + strings.Join(params, ", ") + ")",
			results: "(" + strings.Join(results, ", ") + ")",
			args:    "(" + strings.Join(args, ", ") + ")",
			returns: len(results) > 0,
		})
	}
	return w
}

// typeString writes t as the generated file spells it, noting the imports it needs.
func (f *symbolFile) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p.Path() != f.importPath {
			f.imports[p.Path()] = true
		}
		return p.Name()
	})
}

// source writes the unformatted file.
func (f *symbolFile) source() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by 'yaegi extract %s'. DO NOT EDIT.\n\n", f.importPath)
	if tag := buildConstraint(f.importPath); tag != "" {
		fmt.Fprintf(&b, "//go:build %s\n\n", tag)
	}
	fmt.Fprintf(&b, "package %s\n\nimport (\n", destPackage)
	imports := sortedKeys(f.imports)
	if len(f.values) > 0 || len(f.types) > 0 {
		imports = append(imports, f.importPath)
	}
	imports = append(imports, "reflect")
	sort.Strings(imports)
	for _, p := range imports {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	b.WriteString(")\n\nfunc init() {\n")
	fmt.Fprintf(&b, "\tSymbols[%q] = map[string]reflect.Value{\n", f.importPath+"/"+f.pkg.Name())
	first := true
	section := func(comment string, n int) {
		if n == 0 {
			return
		}
		if !first {
			b.WriteString("\n") // a blank line between sections
		}
		first = false
		fmt.Fprintf(&b, "\t\t// %s\n", comment)
	}
	section("function, constant and variable definitions", len(f.values))
	for _, name := range sortedKeys(f.values) {
		if e := f.values[name]; e.variable {
			fmt.Fprintf(&b, "\t\t%q: reflect.ValueOf(&%s).Elem(),\n", name, e.expr)
		} else {
			fmt.Fprintf(&b, "\t\t%q: reflect.ValueOf(%s),\n", name, e.expr)
		}
	}
	section("type definitions", len(f.types))
	for _, name := range sortedKeys(f.types) {
		fmt.Fprintf(&b, "\t\t%q: reflect.ValueOf((*%s)(nil)),\n", name, f.types[name])
	}
	section("interface wrapper definitions", len(f.wrappers))
	for _, name := range sortedKeys(f.wrappers) {
		fmt.Fprintf(&b, "\t\t%q: reflect.ValueOf((*%s)(nil)),\n", "_"+name, f.wrappers[name].typeName)
	}
	b.WriteString("\t}\n}\n")
	for _, name := range sortedKeys(f.wrappers) {
		f.writeWrapper(&b, name, f.wrappers[name])
	}
	return b.Bytes()
}

// writeWrapper writes the struct of one interface wrapper and its methods, each calling
// the func field of the same name (a nil String field yields "", so that printing a
// half-filled wrapper does not panic).
func (f *symbolFile) writeWrapper(b *bytes.Buffer, name string, w wrapper) {
	fmt.Fprintf(b, "\n// %s is an interface wrapper for %s type\n", w.typeName, name)
	fmt.Fprintf(b, "type %s struct {\n\tIValue interface{}\n", w.typeName)
	for _, m := range w.methods {
		fmt.Fprintf(b, "\tW%s func%s %s\n", m.name, m.params, m.results)
	}
	b.WriteString("}\n\n")
	for _, m := range w.methods {
		fmt.Fprintf(b, "func (W %s) %s%s %s {\n", w.typeName, m.name, m.params, m.results)
		if m.name == "String" {
			b.WriteString("\tif W.WString == nil {\n\t\treturn \"\"\n\t}\n")
		}
		ret := ""
		if m.returns {
			ret = "return "
		}
		fmt.Fprintf(b, "\t%sW.W%s%s\n}\n", ret, m.name, m.args)
	}
}

// buildConstraint returns the build constraint of the generated file: standard packages
// (paths without a dot) are tied to the Go release whose API they describe.
func buildConstraint(importPath string) string {
	if strings.Contains(importPath, ".") {
		return ""
	}
	v := runtime.Version() // "go1.26.8", "go1.27rc1"
	if parts := strings.SplitN(v, ".", 3); len(parts) >= 2 {
		minor := parts[1]
		if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			minor = minor[:i]
		}
		v = parts[0] + "." + minor
	}
	if importPath == "log/syslog" {
		return v + " && !windows && !nacl && !plan9"
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
