package engine

import (
	"context"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
	"github.com/sluice-dev/sluice/magics"
)

var keywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package",
	"range", "return", "select", "struct", "switch", "type", "var"}

var builtins = []string{"append", "cap", "clear", "close", "complex", "copy", "delete", "imag",
	"len", "make", "max", "min", "new", "panic", "print", "println", "real", "recover",
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
	"int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16",
	"uint32", "uint64", "uintptr", "true", "false", "iota", "nil"}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// identBefore returns the start of the identifier that ends at pos.
func identBefore(code string, pos int) int {
	for pos > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:pos])
		if !isIdentRune(r) {
			break
		}
		pos -= n
	}
	return pos
}

// identAfter returns the end of the identifier that starts at or contains pos.
func identAfter(code string, pos int) int {
	for pos < len(code) {
		r, n := utf8.DecodeRuneInString(code[pos:])
		if !isIdentRune(r) {
			break
		}
		pos += n
	}
	return pos
}

// Complete returns the names that complete the identifier before cursor: members of a
// package or of a session variable after "x.", otherwise session and cell names,
// keywords, builtins and package names.
func (e *Engine) Complete(ctx context.Context, code string, cursor int) ([]string, int, int) {
	if cursor < 0 || cursor > len(code) {
		cursor = len(code)
	}
	if magics.IsMagic(code) {
		env := &magics.Env{Session: e.Session()}
		if m, start, ok := magics.Complete(e.magicState.Bind(ctx), env, code, cursor); ok {
			return m, start, cursor
		}
		return nil, cursor, cursor
	}
	start := identBefore(code, cursor)
	prefix := code[start:cursor]
	var cands []string
	if start > 0 && code[start-1] == '.' {
		xs := identBefore(code, start-1)
		x := code[xs : start-1]
		cands = e.members(code, x)
	} else {
		cands = append(cands, keywords...)
		cands = append(cands, builtins...)
		cands = append(cands, e.sortedNames()...)
		cands = append(cands, cellIdents(code)...)
		for n := range e.imports {
			cands = append(cands, n)
		}
		for n := range autoImports {
			cands = append(cands, n)
		}
	}
	seen := map[string]bool{}
	var res []string
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) && !seen[c] && !strings.HasPrefix(c, "__") {
			seen[c] = true
			res = append(res, c)
		}
	}
	sort.Strings(res)
	return res, start, cursor
}

// members lists the exported names of package x, or the fields and methods of session
// variable x.
func (e *Engine) members(code, x string) []string {
	if p := e.pkgPath(code, x); p != "" {
		var res []string
		for n := range symbols.Symbols[p+"/"+pkgNames[p]] {
			if !strings.HasPrefix(n, "_") {
				res = append(res, n)
			}
		}
		return res
	}
	v, ok := e.globals()[x]
	if !ok {
		return nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	var res []string
	t := v.Type()
	for i := 0; i < t.NumMethod(); i++ {
		res = append(res, t.Method(i).Name)
	}
	if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				res = append(res, f.Name)
			}
		}
	}
	return res
}

// pkgPath resolves x as a package name: imported in the session or in the cell, or
// auto-importable.
func (e *Engine) pkgPath(code, x string) string {
	if p := e.imports[x]; p != "" {
		return p
	}
	if _, ok := e.names[x]; ok {
		return ""
	}
	for _, g := range splitCell(code) {
		if g.kind != groupImport {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+code[g.start:g.end], parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, "\"`")
			n := pkgNames[p]
			if im.Name != nil {
				n = im.Name.Name
			}
			if n == x {
				return p
			}
		}
	}
	return autoImports[x]
}

// cellIdents returns the identifiers that appear in code.
func cellIdents(code string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(code)), []byte(code), func(token.Position, string) {}, 0)
	var res []string
	for {
		_, t, lit := s.Scan()
		if t == token.EOF {
			return res
		}
		if t == token.IDENT {
			res = append(res, lit)
		}
	}
}

// Inspect describes the name at cursor: a package member's signature and documentation,
// or a session variable's type and value.
func (e *Engine) Inspect(ctx context.Context, code string, cursor, detail int) (display.Bundle, bool) {
	if cursor < 0 || cursor > len(code) {
		cursor = len(code)
	}
	start := identBefore(code, cursor)
	end := identAfter(code, cursor)
	if start == end {
		return display.Bundle{}, false
	}
	ident := code[start:end]
	if start > 0 && code[start-1] == '.' {
		xs := identBefore(code, start-1)
		x := code[xs : start-1]
		if p := e.pkgPath(code, x); p != "" {
			v, ok := symbols.Symbols[p+"/"+pkgNames[p]][ident]
			if !ok {
				return display.Bundle{}, false
			}
			text := p + "." + ident + "\n" + describeSymbol(ident, v)
			if d := stdDoc(p, ident); d != "" {
				text += "\n\n" + d
			}
			return display.Text(text), true
		}
		return display.Bundle{}, false
	}
	if v, ok := e.globals()[ident]; ok && !strings.HasPrefix(ident, hiddenPrefix) {
		text := ident + " " + typeString(v) + "\n" + "value: " + short(v)
		if detail > 0 && v.CanInterface() {
			text = ident + " " + typeString(v) + "\n" + "value: " + strings.TrimSpace(strings.ReplaceAll(display.Render(v.Interface()).Data[display.MIMEText].(string), "\r", ""))
		}
		return display.Text(text), true
	}
	if nm, ok := e.names[ident]; ok {
		for _, d := range e.decls {
			for _, n := range d.names {
				if n == ident {
					return display.Text(nm.kind + " " + ident + "\n" + firstLines(d.src, 20)), true
				}
			}
		}
	}
	if p := e.pkgPath(code, ident); p != "" {
		text := "package " + pkgNames[p] + " // import \"" + p + "\""
		if d := stdDoc(p, ""); d != "" {
			text += "\n\n" + d
		}
		return display.Text(text), true
	}
	for _, k := range builtins {
		if k == ident {
			return display.Text("builtin " + ident + "\n" + stdDoc("builtin", ident)), true
		}
	}
	return display.Bundle{}, false
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// describeSymbol renders a symbol from a symbol table: a function's signature, a type,
// or a variable's type.
func describeSymbol(name string, v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Func:
		return "func " + name + strings.TrimPrefix(t.String(), "func")
	case t.Kind() == reflect.Pointer && v.IsNil():
		return "type " + name + " " + t.Elem().Kind().String()
	}
	return "var/const " + name + " " + t.String()
}

var (
	docMu    sync.Mutex
	docCache = map[string]*doc.Package{}
)

// stdDoc returns the documentation of name (or of the package when name is empty) from
// the standard library sources in GOROOT, or "" when they are not installed.
func stdDoc(pkgPath, name string) string {
	docMu.Lock()
	defer docMu.Unlock()
	p, ok := docCache[pkgPath]
	if !ok {
		p = loadDoc(pkgPath)
		docCache[pkgPath] = p
	}
	if p == nil {
		return ""
	}
	if name == "" {
		return p.Synopsis(p.Doc)
	}
	for _, f := range p.Funcs {
		if f.Name == name {
			return f.Doc
		}
	}
	for _, t := range p.Types {
		if t.Name == name {
			return t.Doc
		}
		for _, f := range t.Funcs {
			if f.Name == name {
				return f.Doc
			}
		}
	}
	for _, vs := range append(p.Vars, p.Consts...) {
		for _, n := range vs.Names {
			if n == name {
				return vs.Doc
			}
		}
	}
	return ""
}

func loadDoc(pkgPath string) *doc.Package {
	root := runtime.GOROOT()
	if r := os.Getenv("GOROOT"); r != "" {
		root = r
	}
	dir := filepath.Join(root, "src", filepath.FromSlash(pkgPath))
	if strings.Contains(strings.SplitN(pkgPath, "/", 2)[0], ".") {
		// A module package: its source is found by the go command when the kernel runs
		// inside a module that requires it (a development checkout); otherwise no doc.
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "list", "-f", "{{.Dir}}", pkgPath).Output()
		if err != nil {
			return nil
		}
		dir = strings.TrimSpace(string(out))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, en := range entries {
		n := en.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			continue
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil
	}
	p, err := doc.NewFromFiles(fset, files, pkgPath)
	if err != nil {
		return nil
	}
	return p
}

// IsComplete reports whether code can run as it is ("complete"), needs more lines
// ("incomplete", with the indent to continue with) or cannot parse ("invalid"). Magic
// cells are always complete.
func (e *Engine) IsComplete(code string) (string, string) {
	if strings.TrimSpace(code) == "" || magics.IsMagic(code) {
		return "complete", ""
	}
	// Open brackets or an unterminated raw string: the user is still typing.
	var sc scanner.Scanner
	depth, unterminated := 0, false
	sc.Init(token.NewFileSet().AddFile("", -1, len(code)), []byte(code), func(_ token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated = true
		}
	}, 0)
	for {
		_, t, _ := sc.Scan()
		if t == token.EOF {
			break
		}
		switch t {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
	}
	if unterminated || depth > 0 {
		return "incomplete", indentFor(code)
	}
	for _, g := range splitCell(code) {
		wrap, tail := "package main;", ""
		if g.kind == groupStmt {
			wrap, tail = "package main;func _(){", "\n}"
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "", wrap+code[g.start:g.end]+tail, 0); err != nil {
			if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 && strings.HasSuffix(list[0].Msg, "found 'EOF'") {
				return "incomplete", indentFor(code)
			}
			return "invalid", ""
		}
	}
	return "complete", ""
}

// indentFor returns the indent of the last line, one level deeper after an opening
// bracket.
func indentFor(code string) string {
	lines := strings.Split(strings.TrimRight(code, "\n"), "\n")
	last := lines[len(lines)-1]
	ind := last[:len(last)-len(strings.TrimLeft(last, " \t"))]
	t := strings.TrimSpace(last)
	if strings.HasSuffix(t, "{") || strings.HasSuffix(t, "(") || strings.HasSuffix(t, "[") || strings.HasSuffix(t, ",") {
		ind += "\t"
	}
	return ind
}
