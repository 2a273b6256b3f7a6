// The typed front end, part 2: the session's type knowledge, writing types as Go source
// for the interpreter, and monomorphized generics.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync/atomic"
)

// frontEnd is what the typed front end keeps for a session.
type frontEnd struct {
	// reached records that the running cell's statements ran to their end or to a
	// return (see checkReached).
	reached  atomic.Bool
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
	fset         *token.FileSet
	sessionFiles map[string]*ast.File // parsed session.go by source (a few versions)
	sessionFset  *token.FileSet
	sessChecks   map[string]*checkedSession
	// nameFor returns the session's name for an imported package path, or the name it
	// will be imported under ("" when a hidden name is needed).
	nameFor func(path string) string
	// noUnroll: counted loops are not unrolled (a debugger is attached; fe_unroll.go).
	noUnroll bool
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
		hoisted: map[types.Object]string{}, fset: token.NewFileSet(), sessChecks: map[string]*checkedSession{}, sessionFiles: map[string]*ast.File{}}
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
