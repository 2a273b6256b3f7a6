package main

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// loadMode asks go/packages for the packages' types only. Without syntax it reads them
// from the compiler's export data (one go list -export for all packages), so a package
// is compiled at most once and the go command caches it; yaegi's extractor type-checked
// every package and all of its dependencies from source (cgo included), again for each
// package. Export data is deep (it declares what the package's API refers to in other
// packages), so the dependencies need not be loaded: asking for them (NeedDeps) gives
// the same files at ten times the memory (1.3 GB for all packages).
const loadMode = packages.NeedName | packages.NeedTypes

// load returns the type information of the packages at paths, loaded in one go. A
// package that is missing or does not build is left out of the map, and its first error
// is in the second one.
func load(paths []string) (map[string]*types.Package, map[string]error, error) {
	pkgs := map[string]*types.Package{}
	failed := map[string]error{}
	if len(paths) == 0 {
		return pkgs, failed, nil
	}
	loaded, err := packages.Load(&packages.Config{Mode: loadMode}, paths...)
	if err != nil {
		return nil, nil, fmt.Errorf("load packages: %w", err)
	}
	for _, p := range loaded {
		switch {
		case len(p.Errors) > 0:
			failed[p.PkgPath] = p.Errors[0]
		case p.Types == nil || p.IllTyped:
			failed[p.PkgPath] = fmt.Errorf("no type information")
		default:
			pkgs[p.PkgPath] = p.Types
		}
	}
	for _, path := range paths {
		if pkgs[path] == nil && failed[path] == nil {
			failed[path] = fmt.Errorf("not found")
		}
	}
	return pkgs, failed, nil
}
