// Package gostd holds Sluice's own Go source for the generic parts of the standard
// library, which the interpreter's compiled symbol tables cannot carry: slices, maps,
// cmp, iter, sync.OnceValue(s), sync/atomic.Pointer, errors.AsType, unique,
// math/rand/v2.N, reflect.TypeFor and the rest that missing_test.go finds. The typed
// front end type-checks a cell against the real standard packages, and lowers every
// use of one of these generic names to an instantiation of the source embedded here.
//
// The source of std package P lives in the directory P below this one (math/rand/v2
// in math/rand/v2) and is a real, compiled package of this module, tested against the
// standard package it stands for. It declares only the names the symbol tables lack
// (plus unexported helpers), imports the real standard packages for everything else,
// and is written for the interpreter: no range over functions, no min/max/clear
// builtins, no unsafe. None of it is copied from the Go distribution.
package gostd

import (
	"embed"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// The embedded files are listed one by one so that tests stay out of the binary;
// TestEmbedListsEverySource fails when a source file is missing from this list.
//
//go:embed cmp/cmp.go
//go:embed crypto/hkdf/hkdf.go
//go:embed crypto/pbkdf2/pbkdf2.go
//go:embed database/sql/null.go database/sql/onerow.go
//go:embed errors/astype.go
//go:embed hash/maphash/comparable.go
//go:embed iter/iter.go iter/goexit.go
//go:embed maps/maps.go
//go:embed math/rand/v2/n.go
//go:embed reflect/reflect.go
//go:embed runtime/cleanup.go
//go:embed slices/slices.go slices/sort.go
//go:embed sync/sync.go
//go:embed sync/atomic/pointer.go
//go:embed unique/unique.go
//go:embed weak/weak.go
var sources embed.FS

type pkgInfo struct {
	files map[string][]byte
	names map[string]bool // exported top-level funcs and types
}

var (
	indexOnce sync.Once
	index     map[string]*pkgInfo
)

func load() {
	index = map[string]*pkgInfo{}
	err := fs.WalkDir(sources, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := sources.ReadFile(p)
		if err != nil {
			return err
		}
		dir := path.Dir(p)
		info := index[dir]
		if info == nil {
			info = &pkgInfo{files: map[string][]byte{}, names: map[string]bool{}}
			index[dir] = info
		}
		info.files[path.Base(p)] = data
		f, err := parser.ParseFile(token.NewFileSet(), p, data, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					info.names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						info.names[ts.Name.Name] = true
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		panic("gostd: embedded sources: " + err.Error()) // the files are ours and compiled
	}
}

// Files returns the embedded source files (base name → content) of the package with
// the given standard import path, or nil if we provide none. The map is a copy; the
// byte slices must not be modified.
func Files(importPath string) map[string][]byte {
	indexOnce.Do(load)
	info := index[importPath]
	if info == nil {
		return nil
	}
	out := make(map[string][]byte, len(info.files))
	for name, data := range info.files {
		out[name] = data
	}
	return out
}

// Provides reports whether our source declares name, an exported top-level function
// or type, for the standard package importPath.
func Provides(importPath, name string) bool {
	indexOnce.Do(load)
	info := index[importPath]
	return info != nil && info.names[name]
}

// Names lists the exported functions and types our source declares for importPath,
// sorted.
func Names(importPath string) []string {
	indexOnce.Do(load)
	info := index[importPath]
	if info == nil {
		return nil
	}
	var out []string
	for n := range info.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Packages lists the standard import paths we provide source for, sorted.
func Packages() []string {
	indexOnce.Do(load)
	var out []string
	for p := range index {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
