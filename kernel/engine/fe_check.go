// The typed front end, part 1: building the go/types view of a cell and checking it
// against the session.
//
// A cell is checked as two files of package main. "session.go" holds what earlier cells
// left: their declarations (as written), a typed var for every session variable, and the
// imports. "cell.go" holds the cell: its imports, its declarations at package level and
// its statements in one function, __sluice_cell. Cell text is copied behind /*line*/
// directives, so every position go/types (and later yaegi) reports is a cell position.

package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"path"
	"sort"
	"strconv"
	"strings"
)

const (
	cellFile    = "cell"          // file name of cell positions
	genFile     = "sluice"        // file name of generated text
	cellFunc    = "__sluice_cell" // the function holding a cell's statements
	mainFunc    = "__sluice_main" // what a cell's func main is called in the interpreter
	aliasPrefix = "__sluice_p_"   // hidden import names of packages the front end names
	instPrefix  = "__sluice_g"    // monomorphized generic functions and types
	feRtPkg     = "__sluice_fe"   // the front end's compiled helpers
	feRtPath    = "sluice.internal/fe"
)

// srcBuilder builds Go source from generated text and pieces of the cell, keeping cell
// positions with /*line*/ directives.
type srcBuilder struct {
	b    strings.Builder
	cell string
}

// gen appends generated text.
func (s *srcBuilder) gen(text string) {
	s.b.WriteString("/*line " + genFile + ":1:1*/")
	s.b.WriteString(text)
}

// piece appends cell[start:end] with the edits that fall inside it applied.
func (s *srcBuilder) piece(start, end int, edits []edit) {
	_, used := applyEdits(s.cell, start, end, edits)
	// Emit piece by piece so that the text after each edit gets its cell position back.
	pos := start
	for _, e := range used {
		s.at(pos)
		s.b.WriteString(s.cell[pos:e.off])
		if e.text != "" {
			s.b.WriteString(e.text)
		}
		pos = e.off + e.n
	}
	s.at(pos)
	s.b.WriteString(s.cell[pos:end])
}

// at places a directive saying that what follows is at cell offset off.
func (s *srcBuilder) at(off int) {
	l, c := lineCol(s.cell, off)
	fmt.Fprintf(&s.b, "/*line %s:%d:%d*/", cellFile, l, c)
}

func (s *srcBuilder) String() string { return s.b.String() }

// cellLayout is the parsed cell: where its imports, declarations and statements are.
type cellLayout struct {
	code    string
	groups  []group
	imports []importInfo
	// pkgRefs are identifiers used as X in X.Sel that nothing in the cell declares.
	pkgRefs map[string]bool
	// declNames are the names the cell's declarations define (methods as "T.M").
	declNames map[string]bool
	hasStmts  bool
	// The parsed cell.go (without the session's imports, which the check adds).
	fset      *token.FileSet
	file      *ast.File
	src       string
	declStart int
}

// layoutCell parses the cell as a file (declarations at package level, statements in a
// function) to find syntax errors, imports and package references.
func layoutCell(code string) (*cellLayout, error) { return layoutCellIn(token.NewFileSet(), code) }

// layoutCellIn is layoutCell parsing into fset; the parsed file is kept for the type check.
func layoutCellIn(fset *token.FileSet, code string) (*cellLayout, error) {
	lay := &cellLayout{code: code, groups: splitCell(code), pkgRefs: map[string]bool{}, declNames: map[string]bool{}}
	for _, g := range lay.groups {
		if g.kind == groupStmt {
			lay.hasStmts = true
		}
	}
	src, declStart := lay.sourceAt()
	f, err := parser.ParseFile(fset, cellFile+".go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			p := list[0].Pos
			off := len(strings.TrimRight(code, " \t\n;")) // generated text follows the cell's end
			if p.Filename == cellFile {
				off = offsetOf(code, p.Line, p.Column)
			}
			return nil, &syntaxError{pos: off, msg: list[0].Msg}
		}
		return nil, err
	}
	lay.fset, lay.file, lay.src, lay.declStart = fset, f, src, declStart
	for _, imp := range f.Imports {
		p := imp.Path.Value
		p = strings.Trim(p, "\"`")
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		}
		lay.imports = append(lay.imports, importInfo{name: name, path: p, pos: cellOffset(fset, code, imp.Pos())})
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Name.Name == cellFunc {
				continue
			}
			if d.Recv != nil && len(d.Recv.List) > 0 {
				lay.declNames[recvTypeName(d.Recv.List[0].Type)+"."+d.Name.Name] = true
			} else {
				lay.declNames[d.Name.Name] = true
				declared[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					lay.declNames[s.Name.Name] = true
					declared[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						lay.declNames[n.Name] = true
						declared[n.Name] = true
					}
				}
			}
		}
	}
	// Top-level := names of the statements function are session variables too.
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc {
			for _, st := range fd.Body.List {
				if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
					for _, l := range as.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							declared[id.Name] = true
						}
					}
				}
			}
		}
	}
	// Names the cell declares anywhere (locals, parameters, fields) are not packages.
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						declared[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				declared[id.Name] = true
			}
		case *ast.Field:
			for _, id := range n.Names {
				declared[id.Name] = true
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, x := range []ast.Expr{n.Key, n.Value} {
					if id, ok := x.(*ast.Ident); ok {
						declared[id.Name] = true
					}
				}
			}
		case *ast.TypeSpec:
			declared[n.Name.Name] = true
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && !declared[id.Name] {
				lay.pkgRefs[id.Name] = true
			}
		}
		return true
	})
	return lay, nil
}

// sourceAt builds cell.go: the cell's imports and declarations, and its statements in
// cellFunc (the check adds the session's imports to the syntax tree). It also returns
// the offset where the declarations start.
func (lay *cellLayout) sourceAt() (string, int) {
	s := &srcBuilder{cell: lay.code}
	s.gen("package main\n")
	for _, g := range lay.groups {
		if g.kind == groupImport {
			s.piece(g.start, g.end, nil)
			s.gen(";\n")
		}
	}
	declStart := s.b.Len()
	for _, g := range lay.groups {
		if g.kind == groupDecl {
			s.piece(g.start, g.end, nil)
			s.gen("\n")
		}
	}
	s.gen("func " + cellFunc + "() {\n")
	for _, g := range lay.groups {
		if g.kind == groupStmt {
			s.piece(g.start, g.end, nil)
			s.gen(";\n")
		}
	}
	s.gen("}\n")
	return s.String(), declStart
}

// cellOffset is the cell offset of p, or -1 when p is not in cell text.
func cellOffset(fset *token.FileSet, code string, p token.Pos) int {
	if !p.IsValid() {
		return -1
	}
	pos := fset.Position(p)
	if pos.Filename != cellFile {
		return -1
	}
	return offsetOf(code, pos.Line, pos.Column)
}

// typedCell is a cell checked by go/types.
type typedCell struct {
	lay              *cellLayout
	fset             *token.FileSet
	session          *ast.File
	file             *ast.File
	pkg              *types.Package
	info             *types.Info
	body             *ast.BlockStmt // cellFunc's body
	sessSrc, cellSrc string
	declStart        int // offset in cellSrc where the declarations start
	// sessInfo is the session's own check when the cell was checked against it (the
	// fast path); nil when session and cell were checked together (then info has both).
	sessInfo *types.Info
}

// off is the cell offset of p (-1 outside the cell).
func (tc *typedCell) off(p token.Pos) int { return cellOffset(tc.fset, tc.lay.code, p) }

// typeError is a go/types error located in the cell.
type typeError struct {
	pos int
	msg string
}

func (e *typeError) Error() string { return e.msg }

// sessionImports returns the import specs of the session, as "name \"path\"", skipping
// names the cell imports itself.
func (e *Engine) sessionImports(skip map[string]bool) []string {
	var specs []string
	names := make([]string, 0, len(e.imports))
	for n := range e.imports {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if skip[n] {
			continue
		}
		specs = append(specs, fmt.Sprintf("%s %q", n, e.imports[n]))
	}
	for _, p := range e.fe.aliasPaths() {
		if e.importedName(p) == "" {
			specs = append(specs, fmt.Sprintf("%s %q", e.fe.alias(p), p))
		}
	}
	return specs
}

// sessionSource builds session.go: every stored declaration the cell does not redefine,
// a typed var for every session variable, and the imports.
func (e *Engine) sessionSource(lay *cellLayout) string {
	var b strings.Builder
	b.WriteString("package main\n")
	specs := e.sessionImports(nil)
	seen := map[string]bool{}
	for _, p := range e.imports {
		seen[p] = true
	}
	for _, p := range e.fe.aliasPaths() {
		seen[p] = true
	}
	for _, n := range e.order {
		for _, p := range e.fe.vars[n].paths {
			if !seen[p] && e.fe.alias(p) != "" {
				seen[p] = true
				specs = append(specs, fmt.Sprintf("%s %q", e.fe.alias(p), p))
			}
		}
	}
	if len(specs) > 0 {
		b.WriteString("import (" + strings.Join(specs, "; ") + ")\n")
	}
	if e.importedName("context") == "" {
		b.WriteString("import __sluice_context \"context\"\n")
		b.WriteString("var ctx __sluice_context.Context\n")
	} else {
		fmt.Fprintf(&b, "var ctx %s.Context\n", e.importedName("context"))
	}
	// Variables by name, so that redefining one with the same type leaves session.go as
	// it was.
	vars := make([]string, 0, len(e.fe.vars))
	for n := range e.fe.vars {
		vars = append(vars, n)
	}
	sort.Strings(vars)
	for _, n := range vars {
		if lay.declNames[n] || n == "ctx" || e.names[n] == nil {
			continue
		}
		fmt.Fprintf(&b, "var %s %s\n", n, e.fe.vars[n].check)
	}
	for _, d := range e.decls {
		skip := false
		for _, n := range d.names {
			if lay.declNames[n] {
				skip = true
			}
		}
		if skip || strings.HasPrefix(d.src, "import") {
			continue
		}
		if d.check != "" {
			b.WriteString(d.check)
		} else {
			b.WriteString(d.src)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// typeCheck checks the cell against the session. Errors located in the cell are
// returned as *typeError; errors in session.go (declarations an earlier redefinition
// broke) are ignored, since they were reported when they happened.
func (e *Engine) typeCheck(lay *cellLayout) (*typedCell, error) {
	tc, err := e.typeCheckWith(lay, nil)
	var te *typeError
	if err == nil || !errors.As(err, &te) || !strings.HasPrefix(te.msg, "undefined: ") || tc.body == nil {
		return tc, err
	}
	// A declaration may use a variable the cell's statements define: declare those
	// variables in the session and check again.
	extra := map[string]string{}
	for _, st := range tc.body.List {
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
					if o := tc.info.Defs[id]; o != nil && o.Type() != nil {
						extra[id.Name], _ = e.fe.checkType(o.Type())
					}
				}
			}
		}
	}
	if extra[strings.TrimPrefix(te.msg, "undefined: ")] == "" {
		return tc, err
	}
	return e.typeCheckWith(lay, extra)
}

func (e *Engine) typeCheckWith(lay *cellLayout, extra map[string]string) (*typedCell, error) {
	skip := map[string]bool{}
	for _, im := range lay.imports {
		n := im.name
		if n == "" {
			n = pkgName(im.path)
		}
		skip[n] = true
	}
	// Names the cell declares shadow session imports of the same name.
	for n := range lay.declNames {
		skip[n] = true
	}
	fset := lay.fset
	sessSrc := e.sessionSource(lay)
	for _, n := range sortedKeys(extra) {
		sessSrc += "var " + n + " " + extra[n] + "\n"
	}
	sess := e.fe.sessionFiles[sessSrc]
	if sess == nil || e.fe.sessionFset != fset {
		var err error
		sess, err = parser.ParseFile(fset, "session.go", sessSrc, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("the session's declarations do not parse: %w", err)
		}
		if len(e.fe.sessionFiles) >= 4 || e.fe.sessionFset != fset {
			clear(e.fe.sessionFiles)
		}
		e.fe.sessionFiles[sessSrc], e.fe.sessionFset = sess, fset
	}
	// The cell as laid out, with the session's imports added in front.
	f := withImports(lay.file, e.sessionImportSpecs(skip))
	cellSrc, declStart := lay.src, lay.declStart
	tc := &typedCell{lay: lay, fset: fset, session: sess, file: f, sessSrc: sessSrc, cellSrc: cellSrc, declStart: declStart}
	tc.info = newInfo()
	var first *typeError
	topDefs := map[token.Pos]bool{}
	var trailing ast.Expr
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc {
			tc.body = fd.Body
			if n := len(fd.Body.List); n > 0 {
				if es, ok := fd.Body.List[n-1].(*ast.ExprStmt); ok {
					trailing = es.X
				}
			}
			for _, st := range fd.Body.List {
				if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
					for _, l := range as.Lhs {
						topDefs[l.Pos()] = true
					}
				}
			}
		}
	}
	conf := types.Config{
		Importer:  e.fe.importer,
		GoVersion: "go1.26",
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok || first != nil {
				return
			}
			off := cellOffset(fset, lay.code, te.Pos)
			if off < 0 {
				e.log.Debug("type error outside the cell", "error", te.Error())
				if strings.Contains(te.Msg, "could not import") && fset.Position(te.Pos).Filename != "session.go" {
					first = &typeError{pos: 0, msg: te.Msg}
				}
				return
			}
			if trailing != nil && te.Pos == trailing.Pos() && strings.HasSuffix(te.Msg, "is not used") {
				return // the cell's trailing expression is its result
			}
			if te.Soft && ((strings.Contains(te.Msg, " imported ") && strings.HasSuffix(te.Msg, "not used")) ||
				(strings.Contains(te.Msg, "declared and not used") && topDefs[te.Pos])) {
				return
			}
			first = &typeError{pos: off, msg: te.Msg}
		},
	}
	// Fast path: check the cell alone in a package whose scope holds the objects of the
	// session, checked once per version of session.go. A cell that does not pass this
	// way (it declares methods on a session type, or has an error) is checked again
	// with the session's source, which reports its errors.
	if sc := e.fe.checkedSession(conf, fset, sess, sessSrc); sc != nil && !methodsOnSessionTypes(lay) {
		pkg := types.NewPackage("main", "main")
		for _, n := range sc.pkg.Scope().Names() {
			pkg.Scope().Insert(sc.pkg.Scope().Lookup(n))
		}
		fast := newInfo()
		ok := func() (ok bool) {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			_ = types.NewChecker(&conf, fset, pkg, fast).Files([]*ast.File{f})
			return true
		}()
		if ok && first == nil {
			tc.info, tc.pkg, tc.sessInfo = fast, pkg, sc.info
			return tc, nil
		}
		first = nil
		tc.info = newInfo()
	}
	pkg, _ := conf.Check("main", fset, []*ast.File{sess, f}, tc.info)
	tc.pkg = pkg
	if first != nil {
		return tc, first
	}
	return tc, nil
}

// pkgName is the package name of an import path, as the symbol tables know it.
func pkgName(p string) string {
	if n := pkgNames[p]; n != "" {
		return n
	}
	b := path.Base(p)
	if strings.HasPrefix(b, "v") && len(b) > 1 && strings.Trim(b[1:], "0123456789") == "" {
		return path.Base(path.Dir(p))
	}
	return b
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// sessionImportSpecs are the session's imports the cell file needs, as name → path.
func (e *Engine) sessionImportSpecs(skip map[string]bool) [][2]string {
	var specs [][2]string
	names := make([]string, 0, len(e.imports))
	for n := range e.imports {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !skip[n] {
			specs = append(specs, [2]string{n, e.imports[n]})
		}
	}
	for _, p := range e.fe.aliasPaths() {
		if e.importedName(p) == "" {
			specs = append(specs, [2]string{e.fe.alias(p), p})
		}
	}
	return specs
}

// withImports returns a copy of f with import declarations added in front.
func withImports(f *ast.File, specs [][2]string) *ast.File {
	if len(specs) == 0 {
		return f
	}
	gd := &ast.GenDecl{Tok: token.IMPORT}
	c := *f
	c.Imports = append([]*ast.ImportSpec(nil), f.Imports...)
	for _, sp := range specs {
		is := &ast.ImportSpec{Name: ast.NewIdent(sp[0]), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(sp[1])}}
		gd.Specs = append(gd.Specs, is)
		c.Imports = append(c.Imports, is)
	}
	c.Decls = append([]ast.Decl{gd}, f.Decls...)
	return &c
}

func newInfo() *types.Info {
	return &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
}

// checkedSession is session.go checked on its own.
type checkedSession struct {
	src  string
	file *ast.File
	pkg  *types.Package
	info *types.Info
}

// checkedSession returns the session checked on its own, checking it when its source
// changed. Errors in it are ignored, as in the full check.
func (fe *frontEnd) checkedSession(conf types.Config, fset *token.FileSet, sess *ast.File, src string) *checkedSession {
	if c := fe.sessChecks[src]; c != nil && c.file == sess {
		return c
	}
	conf.Error = func(error) {}
	info := newInfo()
	pkg, _ := conf.Check("main", fset, []*ast.File{sess}, info)
	if pkg == nil {
		return nil
	}
	// A few versions are kept: cells that redeclare a session name check against the
	// session without it, the cells around them against the whole session.
	if len(fe.sessChecks) >= 4 {
		clear(fe.sessChecks)
	}
	c := &checkedSession{src: src, file: sess, pkg: pkg, info: info}
	fe.sessChecks[src] = c
	return c
}

// methodsOnSessionTypes reports whether the cell declares methods on types an earlier
// cell declared (the fast check cannot add methods to them).
func methodsOnSessionTypes(lay *cellLayout) bool {
	for _, d := range lay.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) > 0 {
			if !lay.declNames[recvTypeName(fd.Recv.List[0].Type)] {
				return true
			}
		}
	}
	return false
}
