// The typed front end, part 2: the session's type knowledge, writing types as Go source
// for the interpreter, and monomorphized generics.

package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// frontEnd is what the typed front end keeps for a session.
type frontEnd struct {
	importer types.ImporterFrom
	aliases  map[string]string // import path → hidden name the generated code uses
	imported map[string]bool   // aliases the interpreter has imported
	vars     map[string]feVar  // session variables defined by := or Set, with their types
	insts    map[string]string // instance key → generated name
	emitted  map[string]bool   // generated helper declarations the interpreter has
	std      map[string]*stdSource
	n        int
	// hoisted maps local types moved to package level to their generated names.
	hoisted map[types.Object]string
	// fset holds every file the session's cells were parsed into; the parsed session.go
	// is kept while its source does not change.
	fset        *token.FileSet
	sessionFile *ast.File
	sessionSrc  string
	sessionFset *token.FileSet
	sessCheck   *checkedSession
	// nameFor returns the session's name for an imported package path, or the name it
	// will be imported under ("" when a hidden name is needed).
	nameFor func(path string) string
}

// feVar is a session variable's type, as source in the checker's world and in the
// interpreter's (where generic instances have generated names).
type feVar struct {
	check, lowered string
	paths          []string // packages the check type names
}

func newFrontEnd(imp types.ImporterFrom) *frontEnd {
	return &frontEnd{importer: imp, aliases: map[string]string{}, imported: map[string]bool{},
		vars: map[string]feVar{}, insts: map[string]string{}, emitted: map[string]bool{}, std: map[string]*stdSource{},
		hoisted: map[types.Object]string{}, fset: token.NewFileSet()}
}

// alias returns the name the generated code uses for package path: the name the session
// imported it under, else its own name when that is free, else a hidden name. yaegi
// cannot hold one package under two names, so a package gets one name per session.
func (fe *frontEnd) alias(path string) string {
	if fe.nameFor != nil {
		if n := fe.nameFor(path); n != "" {
			return n
		}
	}
	if a, ok := fe.aliases[path]; ok {
		return a
	}
	var b strings.Builder
	b.WriteString(aliasPrefix)
	for _, r := range path {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	a := b.String()
	for _, o := range fe.aliases {
		if o == a {
			a += fmt.Sprint(len(fe.aliases))
			break
		}
	}
	fe.aliases[path] = a
	return a
}

func (fe *frontEnd) aliasPaths() []string {
	ps := make([]string, 0, len(fe.aliases))
	for p := range fe.aliases {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// unnameable is a type the generated code cannot spell (an unexported type of another
// package).
type unnameable struct{ t string }

func (u *unnameable) Error() string {
	return "the type " + u.t + " cannot be named outside its package"
}

// checkType writes t for session.go, with the packages it names.
func (fe *frontEnd) checkType(t types.Type) (string, []string) {
	var paths []string
	s := types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		paths = append(paths, p.Path())
		return fe.alias(p.Path())
	})
	return s, paths
}

// substType replaces type parameters in t by their values in m.
func substType(t types.Type, m map[*types.TypeParam]types.Type) types.Type {
	if len(m) == 0 || t == nil {
		return t
	}
	switch t := t.(type) {
	case *types.TypeParam:
		if v, ok := m[t]; ok {
			return v
		}
		return t
	case *types.Basic:
		return t
	case *types.Pointer:
		return types.NewPointer(substType(t.Elem(), m))
	case *types.Slice:
		return types.NewSlice(substType(t.Elem(), m))
	case *types.Array:
		return types.NewArray(substType(t.Elem(), m), t.Len())
	case *types.Map:
		return types.NewMap(substType(t.Key(), m), substType(t.Elem(), m))
	case *types.Chan:
		return types.NewChan(t.Dir(), substType(t.Elem(), m))
	case *types.Signature:
		return types.NewSignatureType(nil, nil, nil, substTuple(t.Params(), m), substTuple(t.Results(), m), t.Variadic())
	case *types.Tuple:
		return substTuple(t, m)
	case *types.Struct:
		fields := make([]*types.Var, t.NumFields())
		tags := make([]string, t.NumFields())
		for i := range fields {
			f := t.Field(i)
			fields[i] = types.NewField(f.Pos(), f.Pkg(), f.Name(), substType(f.Type(), m), f.Embedded())
			tags[i] = t.Tag(i)
		}
		return types.NewStruct(fields, tags)
	case *types.Interface:
		methods := make([]*types.Func, t.NumExplicitMethods())
		for i := range methods {
			f := t.ExplicitMethod(i)
			methods[i] = types.NewFunc(f.Pos(), f.Pkg(), f.Name(), substType(f.Type(), m).(*types.Signature))
		}
		embeds := make([]types.Type, t.NumEmbeddeds())
		for i := range embeds {
			embeds[i] = substType(t.EmbeddedType(i), m)
		}
		return types.NewInterfaceType(methods, embeds).Complete()
	case *types.Union:
		terms := make([]*types.Term, t.Len())
		for i := range terms {
			terms[i] = types.NewTerm(t.Term(i).Tilde(), substType(t.Term(i).Type(), m))
		}
		return types.NewUnion(terms)
	case *types.Named:
		if t.TypeArgs().Len() == 0 {
			return t
		}
		args := make([]types.Type, t.TypeArgs().Len())
		changed := false
		for i := range args {
			args[i] = substType(t.TypeArgs().At(i), m)
			changed = changed || args[i] != t.TypeArgs().At(i)
		}
		if !changed {
			return t
		}
		r, err := types.Instantiate(nil, t.Origin(), args, false)
		if err != nil {
			return t
		}
		return r
	case *types.Alias:
		return substType(types.Unalias(t), m)
	}
	return t
}

func substTuple(t *types.Tuple, m map[*types.TypeParam]types.Type) *types.Tuple {
	if t == nil {
		return nil
	}
	vars := make([]*types.Var, t.Len())
	for i := range vars {
		v := t.At(i)
		vars[i] = types.NewParam(v.Pos(), v.Pkg(), v.Name(), substType(v.Type(), m))
	}
	return types.NewTuple(vars...)
}

// typeExpr writes t as source for the interpreter: type parameters replaced (l.subst),
// generic instances by their generated declarations, other packages by hidden names.
func (l *lowerer) typeExpr(t types.Type) (string, error) {
	var b strings.Builder
	err := l.writeType(&b, t)
	return b.String(), err
}

func (l *lowerer) writeType(b *strings.Builder, t types.Type) error {
	switch t := t.(type) {
	case *types.Basic:
		switch t.Kind() {
		case types.UntypedBool:
			b.WriteString("bool")
		case types.UntypedInt:
			b.WriteString("int")
		case types.UntypedRune:
			b.WriteString("rune")
		case types.UntypedFloat:
			b.WriteString("float64")
		case types.UntypedComplex:
			b.WriteString("complex128")
		case types.UntypedString:
			b.WriteString("string")
		case types.UntypedNil:
			b.WriteString("any")
		case types.UnsafePointer:
			return &unnameable{"unsafe.Pointer"}
		default:
			b.WriteString(t.Name())
		}
	case *types.TypeParam:
		if v, ok := l.subst[t]; ok {
			return l.writeType(b, v)
		}
		return fmt.Errorf("type parameter %s has no value here", t.Obj().Name())
	case *types.Alias:
		if t.TypeArgs().Len() == 0 && t.Obj().Pkg() != nil && t.Obj().Pkg().Path() != "main" && t.Obj().Exported() && l.pkgPath == "main" {
			b.WriteString(l.fe.alias(t.Obj().Pkg().Path()) + "." + t.Obj().Name())
			l.needAlias(t.Obj().Pkg().Path())
			return nil
		}
		return l.writeType(b, types.Unalias(t))
	case *types.Named:
		obj := t.Obj()
		if t.TypeArgs().Len() > 0 {
			args := make([]types.Type, t.TypeArgs().Len())
			for i := range args {
				args[i] = substType(t.TypeArgs().At(i), l.subst)
			}
			name, err := l.instance(t.Origin().Obj(), args)
			if err != nil {
				return err
			}
			b.WriteString(name)
			return nil
		}
		if obj.Pkg() == nil {
			b.WriteString(obj.Name())
			return nil
		}
		if name, ok := l.fe.hoisted[obj]; ok {
			b.WriteString(name)
			return nil
		}
		p := obj.Pkg().Path()
		if p == "main" {
			b.WriteString(obj.Name())
			return nil
		}
		if p == l.pkgPath {
			// A type of the generic source package being instantiated.
			name, err := l.stdHelper(obj)
			if err != nil {
				return err
			}
			b.WriteString(name)
			return nil
		}
		if !obj.Exported() {
			return &unnameable{types.TypeString(t, nil)}
		}
		if n, ok := l.fe.stdProvided(p, obj.Name()); ok {
			name, err := l.stdHelper(n)
			if err != nil {
				return err
			}
			b.WriteString(name)
			return nil
		}
		l.needAlias(p)
		b.WriteString(l.fe.alias(p) + "." + obj.Name())
	case *types.Pointer:
		b.WriteString("*")
		return l.writeType(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		return l.writeType(b, t.Elem())
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		return l.writeType(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		if err := l.writeType(b, t.Key()); err != nil {
			return err
		}
		b.WriteString("]")
		return l.writeType(b, t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendRecv:
			b.WriteString("chan ")
			if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
				b.WriteString("(")
				defer b.WriteString(")")
			}
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		}
		return l.writeType(b, t.Elem())
	case *types.Signature:
		b.WriteString("func")
		return l.writeSig(b, t)
	case *types.Struct:
		b.WriteString("struct{")
		for i := 0; i < t.NumFields(); i++ {
			if i > 0 {
				b.WriteString("; ")
			}
			f := t.Field(i)
			if !f.Embedded() {
				b.WriteString(f.Name() + " ")
			}
			if err := l.writeType(b, f.Type()); err != nil {
				return err
			}
			if tag := t.Tag(i); tag != "" {
				fmt.Fprintf(b, " %q", tag)
			}
		}
		b.WriteString("}")
	case *types.Interface:
		if t.Empty() {
			b.WriteString("interface{}")
			return nil
		}
		b.WriteString("interface{")
		n := 0
		for i := 0; i < t.NumEmbeddeds(); i++ {
			if n > 0 {
				b.WriteString("; ")
			}
			n++
			if err := l.writeType(b, t.EmbeddedType(i)); err != nil {
				return err
			}
		}
		for i := 0; i < t.NumExplicitMethods(); i++ {
			if n > 0 {
				b.WriteString("; ")
			}
			n++
			m := t.ExplicitMethod(i)
			b.WriteString(m.Name())
			if err := l.writeSig(b, m.Type().(*types.Signature)); err != nil {
				return err
			}
		}
		b.WriteString("}")
	case *types.Union:
		for i := 0; i < t.Len(); i++ {
			if i > 0 {
				b.WriteString(" | ")
			}
			if t.Term(i).Tilde() {
				b.WriteString("~")
			}
			if err := l.writeType(b, t.Term(i).Type()); err != nil {
				return err
			}
		}
	case *types.Tuple:
		b.WriteString("(")
		for i := 0; i < t.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := l.writeType(b, t.At(i).Type()); err != nil {
				return err
			}
		}
		b.WriteString(")")
	default:
		return fmt.Errorf("type %s cannot be written", t)
	}
	return nil
}

func (l *lowerer) writeSig(b *strings.Builder, s *types.Signature) error {
	b.WriteString("(")
	for i := 0; i < s.Params().Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		pt := s.Params().At(i).Type()
		if s.Variadic() && i == s.Params().Len()-1 {
			b.WriteString("...")
			if sl, ok := pt.(*types.Slice); ok {
				pt = sl.Elem()
			}
		}
		if err := l.writeType(b, pt); err != nil {
			return err
		}
	}
	b.WriteString(")")
	switch s.Results().Len() {
	case 0:
	case 1:
		b.WriteString(" ")
		return l.writeType(b, s.Results().At(0).Type())
	default:
		b.WriteString(" ")
		return l.writeType(b, s.Results())
	}
	return nil
}

// needAlias notes that the generated code names package path by its hidden alias.
func (l *lowerer) needAlias(path string) {
	l.out.aliases[path] = true
}

// instKey identifies an instance: the generic declaration (by package, name and a digest
// of its source, so that a redefinition makes new instances) and the type arguments.
func (l *lowerer) instKey(obj types.Object, declSrc string, args []string) string {
	h := sha256.Sum256([]byte(declSrc))
	pkg := "main"
	if obj.Pkg() != nil {
		pkg = obj.Pkg().Path()
	}
	return pkg + "." + obj.Name() + "@" + hex.EncodeToString(h[:6]) + "[" + strings.Join(args, ",") + "]"
}

// genericDecl finds the declaration of a generic function or type, in the cell or
// session (package main) or in our source of a standard package.
type genericDecl struct {
	obj     types.Object // the object in the source that declares it
	ctx     *srcContext
	fn      *ast.FuncDecl
	spec    *ast.TypeSpec
	methods []*ast.FuncDecl // of a generic type
}

// srcContext is a type-checked body of source: the cell and session, or one of our
// standard-library source packages.
type srcContext struct {
	pkgPath string // "main" or the standard import path
	fset    *token.FileSet
	info    *types.Info
	files   []*ast.File
	src     map[string]string // file name → text
	// cellCode is the cell's text when this is the cell's context.
	cellCode string
	// alt is the session's context when the cell was checked against a checked session:
	// declarations not found here are found there.
	alt *srcContext
}

func (c *srcContext) text(n ast.Node) string {
	f := c.fset.File(n.Pos())
	s := c.src[f.Name()]
	return s[f.Offset(n.Pos()):f.Offset(n.End())]
}

// findDecl locates the declaration of obj in ctx.
func (c *srcContext) findDecl(obj types.Object) *genericDecl {
	g := &genericDecl{obj: obj, ctx: c}
	for _, f := range c.files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && c.info.Defs[d.Name] == obj {
					g.fn = d
				}
				if d.Recv != nil && len(d.Recv.List) > 0 {
					if id := recvIdent(d.Recv.List[0].Type); id != nil {
						if tn, ok := c.info.Uses[id].(*types.TypeName); ok && tn == obj {
							g.methods = append(g.methods, d)
						}
					}
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && c.info.Defs[ts.Name] == obj {
						g.spec = ts
					}
				}
			}
		}
	}
	if g.fn == nil && g.spec == nil {
		if c.alt != nil {
			return c.alt.findDecl(obj)
		}
		return nil
	}
	return g
}

func recvIdent(e ast.Expr) *ast.Ident {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t
		default:
			return nil
		}
	}
}

// recvTypeParams returns the type parameter names of a method's receiver (s *Stack[T]).
func recvTypeParams(e ast.Expr) []*ast.Ident {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			if id, ok := t.Index.(*ast.Ident); ok {
				return []*ast.Ident{id}
			}
			return nil
		case *ast.IndexListExpr:
			var ids []*ast.Ident
			for _, x := range t.Indices {
				id, _ := x.(*ast.Ident)
				ids = append(ids, id)
			}
			return ids
		default:
			return nil
		}
	}
}

// instance returns the generated name of generic obj instantiated with args, generating
// its declaration (and those it needs) into the output when it is new.
func (l *lowerer) instance(obj types.Object, args []types.Type) (string, error) {
	gd, err := l.declOf(obj)
	if err != nil {
		return "", err
	}
	inner := &lowerer{fe: l.fe, ctx: gd.ctx, pkgPath: gd.ctx.pkgPath, out: l.out, edits: map[string][]edit{}, main: l.main}
	strs := make([]string, len(args))
	for i, a := range args {
		s, err := l.typeExpr(a)
		if err != nil {
			return "", err
		}
		strs[i] = s
	}
	declSrc := ""
	if gd.fn != nil {
		declSrc = gd.ctx.text(gd.fn)
	} else {
		declSrc = gd.ctx.text(gd.spec)
		for _, m := range gd.methods {
			declSrc += gd.ctx.text(m)
		}
	}
	key := l.instKey(obj, declSrc, strs)
	if name, ok := l.fe.insts[key]; ok {
		return name, nil
	}
	if name, ok := l.out.insts[key]; ok {
		return name, nil
	}
	l.fe.n++
	name := fmt.Sprintf("%s%d_%s", instPrefix, l.fe.n, obj.Name())
	l.out.insts[key] = name
	l.out.instNames[name] = displayInstName(obj, gd.ctx.pkgPath, strs)
	var tparams *types.TypeParamList
	switch o := gd.obj.(type) {
	case *types.Func:
		tparams = o.Type().(*types.Signature).TypeParams()
	case *types.TypeName:
		if n, ok := o.Type().(*types.Named); ok {
			tparams = n.TypeParams()
		} else if a, ok := o.Type().(*types.Alias); ok {
			tparams = a.TypeParams()
		}
	}
	if tparams == nil || tparams.Len() != len(args) {
		return "", fmt.Errorf("%s: type arguments do not match its type parameters", obj.Name())
	}
	inner.subst = map[*types.TypeParam]types.Type{}
	for i := 0; i < tparams.Len(); i++ {
		inner.subst[tparams.At(i)] = args[i]
	}
	if gd.fn != nil {
		fn := gd.fn
		// func Name[T any](...) → func __sluice_gN_Name(...)
		inner.replace(fn.Name.Pos(), fn.Type.TypeParams.End(), name)
		if err := inner.walk(fn); err != nil {
			return "", err
		}
		l.out.decls = append(l.out.decls, inner.render(fn))
		return name, nil
	}
	ts := gd.spec
	inner.replace(ts.Name.Pos(), ts.TypeParams.End(), name)
	if err := inner.walk(ts); err != nil {
		return "", err
	}
	l.out.decls = append(l.out.decls, "type "+inner.render(ts))
	named, _ := gd.obj.Type().(*types.Named)
	for _, m := range gd.methods {
		mi := &lowerer{fe: l.fe, ctx: gd.ctx, pkgPath: gd.ctx.pkgPath, out: l.out, edits: map[string][]edit{}, main: l.main,
			subst: map[*types.TypeParam]types.Type{}}
		for k, v := range inner.subst {
			mi.subst[k] = v
		}
		// The receiver's type parameters are the method's own objects.
		if named != nil {
			for i, id := range recvTypeParams(m.Recv.List[0].Type) {
				if id == nil || i >= len(args) {
					continue
				}
				if tn, ok := gd.ctx.info.Defs[id].(*types.TypeName); ok {
					if tp, ok := tn.Type().(*types.TypeParam); ok {
						mi.subst[tp] = args[i]
					}
				}
			}
		}
		rt := m.Recv.List[0].Type
		base := rt
		if st, ok := base.(*ast.StarExpr); ok {
			base = st.X
		}
		mi.replace(base.Pos(), base.End(), name)
		if err := mi.walk(m); err != nil {
			return "", err
		}
		l.out.decls = append(l.out.decls, mi.render(m))
	}
	return name, nil
}

// displayInstName is how Go prints the instance's type name: main.Stack[int].
func displayInstName(obj types.Object, pkgPath string, args []string) string {
	p := "main"
	if obj.Pkg() != nil {
		p = obj.Pkg().Name()
	}
	return p + "." + obj.Name() + "[" + strings.Join(args, ",") + "]"
}

// declOf finds the source declaration of a generic object.
func (l *lowerer) declOf(obj types.Object) (*genericDecl, error) {
	if obj.Pkg() == nil {
		return nil, fmt.Errorf("%s has no declaration", obj.Name())
	}
	p := obj.Pkg().Path()
	if p == "main" {
		if gd := l.main.findDecl(obj); gd != nil {
			return gd, nil
		}
		return nil, fmt.Errorf("the declaration of %s was not found", obj.Name())
	}
	src, err := l.fe.stdSource(p)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, &unsupportedError{feature: "the generic " + p + "." + obj.Name(), hint: "the interpreter has no source for generic functions of " + p}
	}
	o := src.pkg.Scope().Lookup(obj.Name())
	if o == nil {
		return nil, &unsupportedError{feature: "the generic " + p + "." + obj.Name(), hint: "the interpreter has no source for it"}
	}
	gd := src.ctx.findDecl(o)
	if gd == nil {
		return nil, fmt.Errorf("the declaration of %s.%s was not found", p, obj.Name())
	}
	return gd, nil
}
