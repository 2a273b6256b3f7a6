// The typed front end: monomorphized generics (instances of cell-defined and standard
// generic functions and types).

package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

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
