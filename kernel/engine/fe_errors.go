// The typed front end: reporting failures of lowered code with cell positions.

package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"strings"

	"github.com/sluice-dev/sluice/kernel"
)

// feCompileError reports an interpreter compile error of lowered code. Positions are
// cell positions already (line directives); generated code has none.
func (e *Engine) feCompileError(code string, err error) error {
	msg := strings.TrimSpace(err.Error())
	first := strings.SplitN(msg, "\n", 2)[0]
	if m := posRE.FindStringSubmatch(first); m != nil {
		var l, c int
		fmt.Sscanf(m[1]+" "+m[2], "%d %d", &l, &c)
		if l >= genLine {
			return &kernel.ExecError{Name: "CompileError", Value: "the interpreter could not compile the lowered cell: " + m[3], Traceback: []string{msg}}
		}
		text := hint(m[3])
		return &kernel.ExecError{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", l, c, text),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", l, c, text)}, sourceLine(code, l, c)...)}
	}
	return &kernel.ExecError{Name: "CompileError", Value: "the interpreter could not compile the lowered cell: " + first, Traceback: []string{msg}}
}

// feRuntimeError converts a failure of running lowered code.
func (e *Engine) feRuntimeError(code string, err error) error {
	var ie *InterruptError
	if errors.As(err, &ie) {
		return err
	}
	var p interpPanic
	if errors.As(err, &p) {
		if u, ok := p.Value.(uncheckedErr); ok {
			name, msg := errorName(u.err), u.err.Error()
			value := fmt.Sprintf("err is set: %s (assigned at line %d)", msg, u.line)
			e.cellMu.Lock()
			if e.run != nil {
				e.run.trace = nil
			}
			e.cellMu.Unlock()
			return &kernel.ExecError{Name: name, Value: value, Traceback: append([]string{
				name + ": " + value,
				fmt.Sprintf("  at cell:%d: err was assigned a non-nil error and the cell never checked it", u.line),
			}, sourceLine(code, u.line, 1)...)}
		}
	}
	if x := e.guardError(code, err); x != nil {
		return x
	}
	return e.runtimeErrorAt(code, compiled{}, e.cellPanicError(err))
}

// forInterpreter renames the line directives of lowered source for yaegi, which scopes
// imports by file name: cell text keeps its lines and columns in file "_.go", generated
// text is placed at line genLine.
func forInterpreter(src string) string {
	src = strings.ReplaceAll(src, "/*line "+genFile+":1:1*/", fmt.Sprintf("/*line _.go:%d:1*/", genLine))
	return strings.ReplaceAll(src, "/*line "+cellFile+":", "/*line _.go:")
}

// errStoppedEarly is the error of a cell whose statements the interpreter stopped running
// before their end without a panic or an error: a statement form yaegi mis-runs that the
// front end does not lower yet. The cell fails instead of seeming to succeed.
var errStoppedEarly = &kernel.ExecError{Name: "InternalError",
	Value:     "the interpreter stopped running this cell before its end, without an error; the statements after that point did not run (a Sluice bug: please report the cell)",
	Traceback: []string{"InternalError: the interpreter stopped running this cell before its end, without an error; the statements after that point did not run (a Sluice bug: please report the cell)"}}

// markEnd makes the cell's function report reaching its end or a top-level return, so a
// cell that yaegi stops silently fails (errStoppedEarly). A cell with a top-level defer
// is left alone: a deferred recover legitimately ends it early. It reports whether it
// marked the function.
func (l *lowerer) markEnd(body *ast.BlockStmt) bool {
	deferred := false
	var returns []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			deferred = true
		case *ast.ReturnStmt:
			returns = append(returns, n)
		}
		return true
	})
	if deferred {
		return false
	}
	for _, r := range returns {
		l.insert(r.Pos(), feRtPkg+".Reached(); ", false)
	}
	l.insert(body.Rbrace, ";"+feRtPkg+".Reached()", true)
	return true
}
