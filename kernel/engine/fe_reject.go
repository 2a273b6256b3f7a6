// The typed front end, part 9: constructs the front end does not lower are refused
// before anything runs, with a message that names the construct and an alternative.
//
// Three checks: rejectSource scans the cell's comments for directives (line directives,
// //go:embed, //go:linkname) and rejectImport checks every import spec (dot imports,
// cgo, unsafe, embed), both before anything is imported or type-checked;
// rejectUnsupported runs on the checked cell before it is lowered (method expressions,
// encoding/json and encoding/xml of cell types yaegi builds differently). The
// refusals of range-over-func bodies (goto) are made while lowering, in
// fe_lower.go. hideUnexported is not a refusal but the fix of a silent wrong result:
// yaegi exports every struct field (it renames an unexported field f to Xf), so
// encoding/json and encoding/xml would marshal unexported fields.

package engine

import (
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/sluice-dev/sluice/kernel"
)

// rejectImport refuses an import the interpreter cannot honour. It returns an
// UnsupportedFeature (or, for a package outside the symbol tables, an ImportError)
// ExecError, or nil.
func (e *Engine) rejectImport(code string, im importInfo) error {
	if err := importRefusal(code, im); err != nil {
		return e.cellError(code, err)
	}
	if im.name == "_" || im.name == "." {
		return nil
	}
	if _, ok := pkgNames[im.path]; !ok {
		line, col := lineCol(code, im.pos)
		msg := fmt.Sprintf("package %q is not available in the interpreter", im.path)
		return &kernel.ExecError{Name: "ImportError", Value: fmt.Sprintf("%d:%d: %s", line, col, msg),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", line, col, msg),
				"Only packages with generated symbol tables can be imported: add the package to kernel/engine/symbols/packages.txt",
				"and run go generate ./kernel/engine/..., or use a package that is listed there."}, sourceLine(code, line, col)...)}
	}
	return nil
}

// importRefusal is the *unsupportedError for an import spec the interpreter cannot run,
// or nil.
func importRefusal(code string, im importInfo) *unsupportedError {
	switch {
	case im.path == "C":
		return &unsupportedError{pos: im.pos, feature: `cgo (import "C")`,
			hint: "the interpreter cannot call C; put the C code behind a compiled Go package, list it in kernel/engine/symbols/packages.txt and call that package from the cell"}
	case im.path == "unsafe" && (im.name == "_" || strings.Contains(code, "//go:linkname")):
		return &unsupportedError{pos: im.pos, feature: `//go:linkname (with import _ "unsafe")`,
			hint: "interpreted code cannot link to unexported functions of compiled packages; call their exported API instead (time.Now, runtime.NumGoroutine, …)"}
	case im.path == "unsafe":
		return &unsupportedError{pos: im.pos, feature: "package unsafe",
			hint: "the interpreter has no raw memory access; for sizes and layout use reflect (reflect.TypeOf(x).Size(), .Align(), .Field(i).Offset), for []byte to string use string(b)"}
	case im.path == "embed":
		return &unsupportedError{pos: im.pos, feature: "package embed (//go:embed)",
			hint: `a cell has no package directory to embed files from; read the file when the cell runs: b, err := os.ReadFile("name")`}
	case im.name == ".":
		name := pkgName(im.path)
		return &unsupportedError{pos: im.pos, feature: fmt.Sprintf("dot import of %q", im.path),
			hint: fmt.Sprintf("import it by name (import %q) and qualify what it exports: %s.Name", im.path, name)}
	}
	return nil
}

// rejectSource refuses the directives of a cell's text that the interpreter cannot honour:
// line directives (the front end places cell code with line directives of its own),
// //go:embed and //go:linkname. It runs before the cell is imported and type-checked,
// since a directive changes what those report.
func (e *Engine) rejectSource(code string) error {
	var s scanner.Scanner
	fset := token.NewFileSet()
	f := fset.AddFile("cell", -1, len(code))
	s.Init(f, []byte(code), func(token.Position, string) {}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return nil
		}
		if tok != token.COMMENT {
			continue
		}
		off := f.Offset(pos)
		_, col := lineCol(code, off)
		var ue *unsupportedError
		switch {
		case strings.HasPrefix(lit, "//line ") && col == 1, strings.HasPrefix(lit, "/*line "):
			ue = &unsupportedError{pos: off, feature: "a line directive (" + strings.Fields(lit)[0] + ")",
				hint: "the front end maps cell positions with line directives of its own; remove it (a cell's errors and panics already name cell lines)"}
		case strings.HasPrefix(lit, "//go:embed") && col == 1:
			ue = &unsupportedError{pos: off, feature: "package embed (//go:embed)",
				hint: `a cell has no package directory to embed files from; read the file when the cell runs: b, err := os.ReadFile("name")`}
		case strings.HasPrefix(lit, "//go:linkname") && col == 1:
			ue = &unsupportedError{pos: off, feature: `//go:linkname (with import _ "unsafe")`,
				hint: "interpreted code cannot link to unexported functions of compiled packages; call their exported API instead (time.Now, runtime.NumGoroutine, …)"}
		}
		if ue != nil {
			return e.cellError(code, ue)
		}
	}
}

// rejectUnsupported returns an *unsupportedError for the first construct of the cell
// that the front end cannot run faithfully, or nil.
func (e *Engine) rejectUnsupported(tc *typedCell) error {
	var first *unsupportedError
	refuse := func(off int, feature, hint string) {
		if off >= 0 && (first == nil || off < first.pos) {
			first = &unsupportedError{pos: off, feature: feature, hint: hint}
		}
	}
	methods := ""
	for id, obj := range tc.info.Defs {
		// yaegi reads a package-level variable named iota as the constant counter (0).
		if v, ok := obj.(*types.Var); ok && id.Name == "iota" && (v.Parent() == tc.pkg.Scope() || topDefined(tc, id)) {
			refuse(tc.off(id.Pos()), "a package-level variable named iota",
				"the interpreter reads iota there as the constant counter; give the variable another name")
		}
	}
	ast.Inspect(tc.file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, lookup := reflectMethodLookup(tc, call); lookup {
				if methods == "" {
					methods = cellMethodExample(tc.pkg)
				}
				if methods != "-" {
					refuse(tc.off(sel.Sel.Pos()), "reflect's method lookup ("+sel.Sel.Name+") in a session whose cell types have methods ("+methods+")",
						"reflect sees the interpreter's representation of types declared in cells, which has no methods; call the method directly or through an interface")
				}
			}
			if fn, arg := encodingCall(tc, call); arg != nil {
				rejectEncoding(tc, fn, arg, refuse)
				if st := xmlUnnamed(fn, tc.info.TypeOf(arg)); st != "" {
					refuse(tc.off(arg.Pos()), fn+" of "+st+", a struct type without an XMLName field",
						"the interpreter's struct types have no name for encoding/xml to use as the element name; add the field XMLName xml.Name `xml:\""+st+"\"`")
				}
				if st := embedsAmongFields(tc.info.TypeOf(arg), map[types.Type]bool{}); st != "" {
					refuse(tc.off(arg.Pos()), fn+" of "+st+", a struct type with an embedded field among other fields",
						"the interpreter builds such a struct without promoting the embedded fields, so they would be encoded as one nested object; "+
							"copy the value into a struct that lists the embedded fields itself, or give the embedded field a name and a tag")
				}
			}
		}
		return true
	})
	if first != nil {
		return first
	}
	return nil
}

// topDefined reports whether id is defined by a := among the cell's top-level statements
// (a session variable, kept at package level).
func topDefined(tc *typedCell, id *ast.Ident) bool {
	if tc.body == nil {
		return false
	}
	for _, st := range tc.body.List {
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, x := range as.Lhs {
				if x == id {
					return true
				}
			}
		}
	}
	return false
}

// reflectMethodLookup reports whether call is NumMethod, Method or MethodByName of a
// reflect.Type or reflect.Value.
func reflectMethodLookup(tc *typedCell, call *ast.CallExpr) (*ast.SelectorExpr, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, false
	}
	switch sel.Sel.Name {
	case "NumMethod", "Method", "MethodByName":
	default:
		return nil, false
	}
	t := tc.info.TypeOf(sel.X)
	if t == nil {
		return nil, false
	}
	ts := types.TypeString(t, nil)
	return sel, ts == "reflect.Type" || ts == "reflect.Value"
}

// cellMethodExample names an exported method of a type declared in cells (point.Norm1),
// or returns "-" when no such type has one: reflect's method lookups then concern
// compiled types only, which it sees as Go does.
func cellMethodExample(pkg *types.Package) string {
	if pkg == nil {
		return "-"
	}
	for _, name := range pkg.Scope().Names() {
		tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		n, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		for i := 0; i < n.NumMethods(); i++ {
			if m := n.Method(i); m.Exported() {
				return name + "." + m.Name()
			}
		}
	}
	return "-"
}

// hiddenTag is prepended to the tag of an unexported field of a named struct type.
// reflect.StructTag.Get takes the first occurrence of a key, so it wins over a key the
// field's own tag has.
const hiddenTag = `json:"-" xml:"-"`

// hideUnexported makes encoding/json and encoding/xml skip the unexported fields of a
// named struct type, as they do in Go: yaegi builds the type with every field exported
// (f becomes Xf), so without a "-" tag they would be marshalled as "Xf" and filled by
// Unmarshal. Embedded fields keep their tags (their exported fields are promoted), and
// so do fields that declare exported and unexported names together (the tag would hide
// the exported ones too). Anonymous struct types are left alone: a tag is part of the
// type's identity, and the front end writes those types in other places.
//
// The first field of every named struct type also gets the tag typeTagKey:"Name": yaegi
// gives cell struct types with identical fields one run-time type, so values of two
// such types held in interfaces could not be told apart (assertions, type switches,
// ==, %T). Tags are part of a run-time struct type's identity, and conversions between
// the types still work (they ignore tags, as Go's do).
func (l *lowerer) hideUnexported(ts *ast.TypeSpec) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok || st.Fields == nil || ts.Assign.IsValid() {
		return // an alias names an anonymous struct type, which stays as written
	}
	for i, f := range st.Fields.List {
		var add []string
		if i == 0 {
			add = append(add, typeTagKey+":"+strconv.Quote(ts.Name.Name))
		}
		hide := len(f.Names) > 0
		for _, n := range f.Names {
			if ast.IsExported(n.Name) || n.Name == "_" {
				hide = false
			}
		}
		if hide {
			add = append(add, hiddenTag)
		}
		if len(add) == 0 {
			continue
		}
		if f.Tag == nil {
			l.insert(f.Type.End(), " "+tagLiteral(strings.Join(add, " ")), true)
			continue
		}
		old, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		l.replace(f.Tag.Pos(), f.Tag.End(), tagLiteral(strings.Join(add, " ")+" "+old))
	}
}

// typeTagKey is the struct tag key that names a cell struct type (see hideUnexported).
const typeTagKey = "sluicetype"

// tagLiteral writes a struct tag as a Go string literal.
func tagLiteral(s string) string {
	if !strings.Contains(s, "`") && !strings.ContainsAny(s, "\r") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// encodingCall recognises a call of encoding/json or encoding/xml that encodes or decodes
// its argument by reflection, returning the function's name and the argument.
func encodingCall(tc *typedCell, call *ast.CallExpr) (string, ast.Expr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return "", nil
	}
	var fn *types.Func
	if s := tc.info.Selections[sel]; s != nil {
		fn, _ = s.Obj().(*types.Func)
	} else {
		fn, _ = tc.info.Uses[sel.Sel].(*types.Func)
	}
	if fn == nil || fn.Pkg() == nil {
		return "", nil
	}
	p := fn.Pkg().Path()
	if p != "encoding/json" && p != "encoding/xml" {
		return "", nil
	}
	name := fn.Pkg().Name() + "." + fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if pt, ok := t.(*types.Pointer); ok {
			t = pt.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			name = fn.Pkg().Name() + "." + n.Obj().Name() + "." + fn.Name()
		}
	}
	switch fn.Name() {
	case "Marshal", "MarshalIndent", "Encode", "Decode":
		return name, call.Args[0]
	case "Unmarshal":
		if len(call.Args) == 2 {
			return name, call.Args[1]
		}
	}
	return "", nil
}

// embedsAmongFields returns the name of a struct type of package main reachable from t
// (through pointers, slices, arrays, maps and fields) that has an embedded field and
// other fields, or "". yaegi marks an embedded field as embedded only when it is the
// struct's only field.
func embedsAmongFields(t types.Type, seen map[types.Type]bool) string {
	if t == nil || seen[t] {
		return ""
	}
	seen[t] = true
	switch u := t.(type) {
	case *types.Pointer:
		return embedsAmongFields(u.Elem(), seen)
	case *types.Slice:
		return embedsAmongFields(u.Elem(), seen)
	case *types.Array:
		return embedsAmongFields(u.Elem(), seen)
	case *types.Map:
		return embedsAmongFields(u.Elem(), seen)
	case *types.Alias:
		return embedsAmongFields(types.Unalias(u), seen)
	case *types.Named:
		st, ok := u.Underlying().(*types.Struct)
		if !ok || u.Obj().Pkg() == nil || u.Obj().Pkg().Path() != "main" {
			return ""
		}
		if st.NumFields() > 1 {
			for i := 0; i < st.NumFields(); i++ {
				if st.Field(i).Embedded() {
					return strings.TrimPrefix(u.String(), "main.")
				}
			}
		}
		return embedsAmongFields(st, seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if f := u.Field(i); f.Exported() || f.Embedded() {
				if s := embedsAmongFields(f.Type(), seen); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// xmlUnnamed returns the name of the struct type of package main that an encoding/xml
// encoder would name its element after (the argument's type, through pointers, slices
// and arrays) when that type has no XMLName field, or "". yaegi's struct types have no
// name, and encoding/xml refuses to encode an unnamed type without XMLName.
func xmlUnnamed(fn string, t types.Type) string {
	if !strings.HasPrefix(fn, "xml.") || strings.HasSuffix(fn, "Decode") || strings.HasSuffix(fn, "Unmarshal") {
		return ""
	}
	for t != nil {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Array:
			t = u.Elem()
			continue
		case *types.Named:
			st, ok := u.Underlying().(*types.Struct)
			if !ok || u.Obj().Pkg() == nil || u.Obj().Pkg().Path() != "main" {
				return ""
			}
			for i := 0; i < st.NumFields(); i++ {
				if st.Field(i).Name() == "XMLName" {
					return ""
				}
			}
			return strings.TrimPrefix(u.String(), "main.")
		}
		return ""
	}
	return ""
}
