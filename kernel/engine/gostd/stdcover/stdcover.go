// Package stdcover generates the cells of kernel/engine's standard-library coverage
// test: for each package of the interpreter's symbol tables, one cell that references
// every exported function, variable and type, and one that uses every generic name
// (Uses) with output to compare with the same code compiled by the go command.
package stdcover

import (
	"fmt"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Package is the exported API of one package, as the coverage cells need it.
type Package struct {
	Path, Name string
	Plain      []string // non-generic functions and variables
	Types      []string // non-generic types
	Generic    []string // generic functions and types
}

// Load reads the real packages' exported API from the go command's export data.
func Load(paths []string) ([]Package, error) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, paths...)
	if err != nil {
		return nil, err
	}
	var out []Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, fmt.Errorf("load %s: %v", p.PkgPath, p.Errors[0])
		}
		pkg := Package{Path: p.PkgPath, Name: p.Types.Name()}
		scope := p.Types.Scope()
		for _, n := range scope.Names() {
			obj := scope.Lookup(n)
			if !obj.Exported() {
				continue
			}
			switch obj := obj.(type) {
			case *types.Func:
				if obj.Type().(*types.Signature).TypeParams().Len() > 0 {
					pkg.Generic = append(pkg.Generic, n)
				} else {
					pkg.Plain = append(pkg.Plain, n)
				}
			case *types.Var:
				pkg.Plain = append(pkg.Plain, n)
			case *types.TypeName:
				named, ok := obj.Type().(*types.Named)
				switch {
				case ok && named.TypeParams().Len() > 0:
					pkg.Generic = append(pkg.Generic, n)
				case isConstraint(obj.Type()):
					pkg.Generic = append(pkg.Generic, n) // usable only as a constraint
				default:
					pkg.Types = append(pkg.Types, n)
				}
			}
		}
		out = append(out, pkg)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func isConstraint(t types.Type) bool {
	it, ok := t.Underlying().(*types.Interface)
	return ok && !it.IsMethodSet()
}

// RefCell returns a cell that references every plain function, variable and type of p,
// skipping the names in skip ("importpath.Name"), and ends with the number of
// references as its result; want is that number.
func RefCell(p Package, skip map[string]bool) (cell string, want int) {
	var b strings.Builder
	fmt.Fprintf(&b, "import %s %q\n\n", p.Name, p.Path)
	b.WriteString("coverRefs := []any{\n")
	for _, n := range p.Plain {
		if !skip[p.Path+"."+n] {
			fmt.Fprintf(&b, "\t%s.%s,\n", p.Name, n)
			want++
		}
	}
	for _, n := range p.Types {
		if !skip[p.Path+"."+n] {
			fmt.Fprintf(&b, "\t(*%s.%s)(nil),\n", p.Name, n)
			want++
		}
	}
	b.WriteString("}\nlen(coverRefs)\n")
	return b.String(), want
}

// generic lists the generic names of p that have a Use (the others must be exceptions).
func generic(p Package) (names []string, missing []string) {
	for _, n := range p.Generic {
		if _, ok := Uses[p.Path+"."+n]; ok {
			names = append(names, n)
		} else {
			missing = append(missing, p.Path+"."+n)
		}
	}
	return names, missing
}

// MissingUses lists the generic names of pkgs that have no Use.
func MissingUses(pkgs []Package) []string {
	var out []string
	for _, p := range pkgs {
		_, m := generic(p)
		out = append(out, m...)
	}
	return out
}

func imports(p Package, names []string) []string {
	set := map[string]bool{"fmt": true, p.Path: true}
	for _, n := range names {
		for _, imp := range Uses[p.Path+"."+n].Imports {
			set[imp] = true
		}
	}
	var out []string
	for imp := range set {
		out = append(out, imp)
	}
	sort.Strings(out)
	return out
}

// GenericCell returns a cell that uses every generic name of p that has a Use, or ""
// when p has none.
func GenericCell(p Package) string {
	names, _ := generic(p)
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, imp := range imports(p, names) {
		fmt.Fprintf(&b, "\t%q\n", imp)
	}
	b.WriteString(")\n\n")
	for _, n := range names {
		fmt.Fprintf(&b, "// %s.%s\n%s\n", p.Name, n, Uses[p.Path+"."+n].Code)
	}
	return b.String()
}

// Marker separates the packages' sections in Program's output.
const Marker = "=== "

// Program returns a main package that runs the generic cells of pkgs as compiled Go,
// each package's output preceded by a line Marker+path.
func Program(pkgs []Package) string {
	all := map[string]bool{}
	var bodies strings.Builder
	var calls strings.Builder
	for i, p := range pkgs {
		names, _ := generic(p)
		if len(names) == 0 {
			continue
		}
		for _, imp := range imports(p, names) {
			all[imp] = true
		}
		fmt.Fprintf(&bodies, "\nfunc cover%d() {\n", i)
		for _, n := range names {
			for _, line := range strings.Split(Uses[p.Path+"."+n].Code, "\n") {
				fmt.Fprintf(&bodies, "\t%s\n", line)
			}
		}
		bodies.WriteString("}\n")
		fmt.Fprintf(&calls, "\tfmt.Println(%q)\n\tcover%d()\n", Marker+p.Path, i)
	}
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	var list []string
	for imp := range all {
		list = append(list, imp)
	}
	sort.Strings(list)
	for _, imp := range list {
		fmt.Fprintf(&b, "\t%q\n", imp)
	}
	b.WriteString(")\n\nfunc main() {\n")
	b.WriteString(calls.String())
	b.WriteString("}\n")
	b.WriteString(bodies.String())
	return b.String()
}

// Sections splits Program's output into each package's part.
func Sections(out string) map[string]string {
	sections := map[string]string{}
	var cur string
	for _, line := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(line, Marker) {
			cur = strings.TrimSpace(strings.TrimPrefix(line, Marker))
			sections[cur] = ""
			continue
		}
		sections[cur] += line
	}
	return sections
}
