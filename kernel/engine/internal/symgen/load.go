package main

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// loadMode asks go/packages for type information only. Without syntax it reads the
// compiler's export data (go list -export), so each package is compiled at most once,
// cached by the go command, and all packages of one load share their dependencies —
// where type-checking from source, as yaegi's extractor does, redoes every dependency
// (cgo included) for every package.
const loadMode = packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps

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
