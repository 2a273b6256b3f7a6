// Compiling cells under their own source paths, so a debugger can tell cells apart.

package engine

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"hash/fnv"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel"
)

// debugState names the units the engine compiles for a cell. Every lowered unit of a
// cell is parsed under a file name of its own, derived from the cell's source path
// (the path a front end's debugger knows the cell by), so that breakpoints can target
// the cell's units and a paused position can be traced back to its cell. The lowered
// source keeps its /*line*/ directives: positions still read as cell lines.
type debugState struct {
	mu     sync.Mutex
	pathOf func(code string) string // cell text → source path; nil: defaultPath
	cur    string                   // source path of the running cell
	units  map[string][]string      // source path → file names of its compiled units
	codes  map[string]string        // source path → cell text
	ctx    context.Context          // the running cell's context
	seq    int

	smu    sync.Mutex             // guards s and wanted
	s      *debugSession          // the attached debugger, nil when detached
	wanted func(kernel.DebugStop) // an attach asked for while a cell ran
	rebind rebindState            // function values made before attach (debug_rebind.go)
}

// SetSourcePaths makes every cell compile under the source path pathOf returns for its
// text (nil: a name made from a hash of the text). Set it before the first cell, so functions that early cells
// declare can be stopped in later.
// Cells compiled before keep their units, under the new names of their texts.
func (e *Engine) SetSourcePaths(pathOf func(code string) string) {
	e.debug.mu.Lock()
	defer e.debug.mu.Unlock()
	e.debug.pathOf = pathOf
	if pathOf == nil {
		pathOf = defaultPath
	}
	units, codes := map[string][]string{}, map[string]string{}
	for old, code := range e.debug.codes {
		p := pathOf(code)
		codes[p] = code
		units[p] = append(units[p], e.debug.units[old]...)
	}
	e.debug.units, e.debug.codes = units, codes
}

// enterCell records code as the running cell's text and returns the func that restores
// the previous one (an Execute may run inside magics inside another). It also applies
// an attach asked for while the previous cell ran, and lets an interrupt of ctx resume
// the cell where the debugger paused it.
func (e *Engine) enterCell(ctx context.Context, code string) func() {
	e.debugCellStarts()
	stop := context.AfterFunc(ctx, e.debugInterrupted)
	e.debug.mu.Lock()
	defer e.debug.mu.Unlock()
	prev, prevCtx := e.debug.cur, e.debug.ctx
	e.debug.ctx = ctx
	pathOf := e.debug.pathOf
	if pathOf == nil {
		pathOf = defaultPath
	}
	{
		e.debug.cur = pathOf(code)
		if e.debug.codes == nil {
			e.debug.codes = map[string]string{}
		}
		e.debug.codes[e.debug.cur] = code
	}
	return func() {
		stop()
		e.debug.mu.Lock()
		e.debug.cur, e.debug.ctx = prev, prevCtx
		e.debug.mu.Unlock()
	}
}

// defaultPath names a cell when no front end named it.
func defaultPath(code string) string {
	h := fnv.New64a()
	h.Write([]byte(code))
	return fmt.Sprintf("cell-%016x.go", h.Sum64())
}

// cellInterrupted reports whether the running cell was interrupted.
func (e *Engine) cellInterrupted() bool {
	e.debug.mu.Lock()
	defer e.debug.mu.Unlock()
	return e.debug.ctx != nil && e.debug.ctx.Err() != nil
}

// codeOf returns the text of the cell with a source path.
func (e *Engine) codeOf(path string) (string, bool) {
	e.debug.mu.Lock()
	defer e.debug.mu.Unlock()
	c, ok := e.debug.codes[path]
	return c, ok
}

// unitName returns a new file name for a compiled unit of the running cell, or "".
func (e *Engine) unitName() (path, name string) {
	e.debug.mu.Lock()
	defer e.debug.mu.Unlock()
	if e.debug.cur == "" {
		return "", ""
	}
	if e.debug.units == nil {
		e.debug.units = map[string][]string{}
	}
	e.debug.seq++
	path = e.debug.cur
	// No directory: the /*line*/ directives name the file relative to the unit's.
	name = fmt.Sprintf("sluice-unit-%d", e.debug.seq)
	e.debug.units[path] = append(e.debug.units[path], name)
	return path, name
}

// unitsOf returns the file names of the units compiled for a source path.
func (e *Engine) unitsOf(path string) []string {
	e.debug.mu.Lock()
	defer e.debug.mu.Unlock()
	return append([]string(nil), e.debug.units[path]...)
}

// compileUnit compiles lowered source as yaegi's Compile does (a file, or statements
// run in the global scope), parsed into the interpreter's file set under the running
// cell's unit name when there is one.
func (e *Engine) compileUnit(src string) (*interp.Program, error) {
	path, name := e.unitName()
	if name == "" {
		return e.i.Compile(src)
	}
	prog, err := e.compileAs(name, src)
	if err == nil {
		e.unitCompiled(path, name)
	}
	return prog, err
}

// compileAs parses src under a file name and compiles it.
func (e *Engine) compileAs(name, src string) (*interp.Program, error) {
	mode := parser.DeclarationErrors | parser.ParseComments
	// yaegi keys a file's imports by the base name of its (adjusted) position: the
	// directive keeps the name every cell shares.
	const head = "/*line " + DefaultUnitName + ":1:1*/"
	switch firstToken(src) {
	case token.PACKAGE:
		f, err := parser.ParseFile(e.i.FileSet(), name, head+src, mode)
		if err != nil {
			return nil, err
		}
		return e.i.CompileAST(f)
	case token.CONST, token.FUNC, token.IMPORT, token.TYPE, token.VAR:
		f, err := parser.ParseFile(e.i.FileSet(), name, head+"package main;"+src, mode)
		if err != nil {
			return nil, err
		}
		return e.i.CompileAST(f)
	}
	f, err := parser.ParseFile(e.i.FileSet(), name, head+"package main; func main() {"+src+"\n}", mode)
	if err != nil {
		return nil, err
	}
	return e.i.CompileAST(f.Decls[0].(*ast.FuncDecl).Body)
}

// firstToken is the first token of src that is not a comment.
func firstToken(src string) token.Token {
	var sc scanner.Scanner
	fs := token.NewFileSet()
	sc.Init(fs.AddFile("", -1, len(src)), []byte(src), nil, 0)
	_, t, _ := sc.Scan()
	return t
}

// unitOf returns the source path of the compiled unit whose file holds the byte offset
// off at the adjusted cell position line:col, preferring the latest unit; "" if none.
func (e *Engine) unitOf(off, line, col int) string {
	e.debug.mu.Lock()
	byName := map[string]string{}
	for p, names := range e.debug.units {
		for _, n := range names {
			byName[n] = p
		}
	}
	e.debug.mu.Unlock()
	best, bestBase := "", -1
	e.i.FileSet().Iterate(func(f *token.File) bool {
		p, ok := byName[f.Name()]
		if !ok || off >= f.Size() || f.Base() < bestBase {
			return true
		}
		pos := f.PositionFor(f.Pos(off), true)
		if pos.Line == line && pos.Column == col {
			best, bestBase = p, f.Base()
		}
		return true
	})
	return best
}

// DefaultUnitName is the file name positions in cells read as (yaegi's default).
const DefaultUnitName = interp.DefaultSourceName
