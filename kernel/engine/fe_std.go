// The typed front end, part 4: our Go source of the generic standard library.

package engine

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"sync"

	"github.com/sluice-dev/sluice/kernel/engine/symbols"
)

// stdFiles returns our source files of a standard package (nil when there are none).
// It is set by the gostd wiring (see gostd.go).
var stdFiles = func(path string) map[string][]byte { return nil }

// stdSource is one of our standard-library source packages, type-checked.
type stdSource struct {
	pkg *types.Package
	ctx *srcContext
}

// stdSource returns our checked source of package path, or nil when we provide none.
// Checked sources are shared by the engines of the process (they use one importer) and
// only read once checked.
func (fe *frontEnd) stdSource(path string) (*stdSource, error) {
	stdMu.Lock()
	defer stdMu.Unlock()
	if s, ok := stdCache[path]; ok {
		return s, nil
	}
	files := stdFiles(path)
	if len(files) == 0 {
		stdCache[path] = nil
		return nil, nil
	}
	fset := token.NewFileSet()
	ctx := &srcContext{pkgPath: path, fset: fset, src: map[string]string{}}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := parser.ParseFile(fset, path+"/"+n, files[n], parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("our source of %s: %w", path, err)
		}
		ctx.files = append(ctx.files, f)
		ctx.src[path+"/"+n] = string(files[n])
	}
	ctx.info = newInfo()
	conf := types.Config{Importer: fe.importer, GoVersion: "go1.26"}
	pkg, err := conf.Check(path, fset, ctx.files, ctx.info)
	if err != nil {
		return nil, fmt.Errorf("our source of %s does not type-check: %w", path, err)
	}
	s := &stdSource{pkg: pkg, ctx: ctx}
	stdCache[path] = s
	return s, nil
}

var (
	stdMu    sync.Mutex
	stdCache = map[string]*stdSource{}
)

// inSymbols reports whether the compiled symbol tables carry name of package path.
func inSymbols(path, name string) bool {
	m, ok := symbols.Symbols[path+"/"+pkgName(path)]
	if !ok {
		return false
	}
	_, ok = m[name]
	return ok
}

// stdProvided returns our source's object for path.name when the symbol tables lack it
// and we provide it (iterator functions such as strings.SplitSeq).
func (fe *frontEnd) stdProvided(path, name string) (types.Object, bool) {
	if path == "main" || inSymbols(path, name) {
		return nil, false
	}
	s, err := fe.stdSource(path)
	if err != nil || s == nil {
		return nil, false
	}
	o := s.pkg.Scope().Lookup(name)
	if o == nil {
		return nil, false
	}
	return o, true
}

// stdHelper returns the generated name of a non-generic package-level object of our
// standard-library source, emitting its declaration when the session lacks it.
func (l *lowerer) stdHelper(obj types.Object) (string, error) {
	path := obj.Pkg().Path()
	name := stdName(l.fe, path, obj.Name())
	if isGeneric(obj) {
		return "", fmt.Errorf("%s.%s is generic: it has no single declaration to emit", path, obj.Name())
	}
	if l.fe.emitted[name] || l.out.emitted[name] {
		return name, nil
	}
	s, err := l.fe.stdSource(path)
	if err != nil {
		return "", err
	}
	if s == nil {
		return "", fmt.Errorf("no source for %s", path)
	}
	l.out.emitted[name] = true
	sub := &lowerer{fe: l.fe, ctx: s.ctx, pkgPath: path, out: l.out, edits: map[string][]edit{}, main: l.main}
	for _, f := range s.ctx.files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				match := d.Recv == nil && s.ctx.info.Defs[d.Name] == obj
				if d.Recv != nil && len(d.Recv.List) > 0 {
					if id := recvIdent(d.Recv.List[0].Type); id != nil && s.ctx.info.Uses[id] == obj {
						match = true
					}
				}
				if match {
					if d.Recv == nil {
						sub.replace(d.Name.Pos(), d.Name.End(), name)
					}
					if err := sub.walk(d); err != nil {
						return "", err
					}
					l.out.decls = append(l.out.decls, sub.render(d))
				}
			case *ast.GenDecl:
				found := false
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						found = found || s.ctx.info.Defs[sp.Name] == obj
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							found = found || s.ctx.info.Defs[n] == obj
						}
					}
				}
				if found {
					// Every name of the declaration is emitted with it.
					for _, sp := range d.Specs {
						switch sp := sp.(type) {
						case *ast.TypeSpec:
							l.out.emitted[stdName(l.fe, path, sp.Name.Name)] = true
						case *ast.ValueSpec:
							for _, n := range sp.Names {
								l.out.emitted[stdName(l.fe, path, n.Name)] = true
							}
						}
					}
					if err := sub.walk(d); err != nil {
						return "", err
					}
					l.out.decls = append(l.out.decls, sub.render(d))
				}
			}
		}
	}
	return name, nil
}

// stdName is the generated name of name of our source of package path.
func stdName(fe *frontEnd, path, name string) string {
	var b strings.Builder
	b.WriteString("__sluice_std_")
	for _, r := range path {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String() + "_" + name
}
