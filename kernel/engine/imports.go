// Imports: explicit ones and the automatic import of packages a cell uses by name.

package engine

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
)

// pkgNames maps import paths of the symbol tables to package names, and autoImports maps
// a package name to the import path a cell gets when it uses the name without importing
// it (the standard library first, then shorter paths).
var pkgNames, autoImports = func() (map[string]string, map[string]string) {
	names := map[string]string{}
	for k := range symbols.Symbols {
		if k == "." {
			continue
		}
		names[path.Dir(k)] = path.Base(k)
	}
	paths := make([]string, 0, len(names))
	for p := range names {
		paths = append(paths, p)
	}
	rank := func(p string) (int, int) {
		std := 0
		if strings.Contains(strings.SplitN(p, "/", 2)[0], ".") {
			std = 1
		}
		return std, len(p)
	}
	sort.Slice(paths, func(i, j int) bool {
		si, li := rank(paths[i])
		sj, lj := rank(paths[j])
		if si != sj {
			return si < sj
		}
		if li != lj {
			return li < lj
		}
		return paths[i] < paths[j]
	})
	auto := map[string]string{}
	for _, p := range paths {
		if _, ok := auto[names[p]]; !ok {
			auto[names[p]] = p
		}
	}
	return names, auto
}()

// importAll imports what the cell imports and, for package names it uses without
// importing them, the package of that name from the symbol tables.
func (e *Engine) importAll(ctx context.Context, code string, ans []*analysis) error {
	// Directives the interpreter cannot honour (fe_reject.go).
	if err := e.rejectSource(code); err != nil {
		return err
	}
	type imp struct{ name, path string }
	var todo []imp
	declared := map[string]bool{}
	for _, an := range ans {
		for _, d := range an.defines {
			declared[d] = true
		}
	}
	seen := map[string]bool{}
	for _, an := range ans {
		for _, im := range an.imports {
			name := im.name
			if name == "" {
				name = pkgNames[im.path]
				if name == "" {
					name = path.Base(im.path)
				}
			}
			// Dot imports, cgo, unsafe, embed and packages outside the symbol tables (fe_reject.go).
			if err := e.rejectImport(code, im); err != nil {
				return err
			}
			if name == "_" || e.imports[name] == im.path || seen[name] {
				continue
			}
			seen[name] = true
			todo = append(todo, imp{name, im.path})
		}
	}
	for _, an := range ans {
		refs := make([]string, 0, len(an.pkgRefs))
		for r := range an.pkgRefs {
			refs = append(refs, r)
		}
		sort.Strings(refs)
		for _, r := range refs {
			if seen[r] || e.imports[r] != "" || declared[r] || e.global(r) {
				continue
			}
			if p, ok := autoImports[r]; ok {
				seen[r] = true
				todo = append(todo, imp{r, p})
			}
		}
	}
	if len(todo) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, im := range todo {
		fmt.Fprintf(&b, "\t%s %q\n", im.name, im.path)
	}
	b.WriteString(")\n")
	if _, err := e.compileRun(ctx, b.String()); err != nil {
		return &kernel.ExecError{Name: "ImportError", Value: err.Error()}
	}
	for _, im := range todo {
		e.imports[im.name] = im.path
	}
	return nil
}
