package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/magics"
)

// Check type-checks a cell against the session without running anything (a CI
// pre-flight: `sluice check`). It applies the typed front end as Execute does — go/types
// against the session's declarations, then the lowering that rejects what the
// interpreter cannot run — and then records the cell's declarations and the variables it
// defines, with their types and no values, so later cells are checked against them.
// Magic cells are not checked; the variable a %sql or %%sql cell stores its result in
// (-o NAME, NAME <<) is declared as a *table.Table (display.Table is its alias). An error is a *kernel.ExecError
// whose Value starts with the cell position (line:col). An engine used for Check must
// not run cells afterwards: its interpreter never saw the checked declarations.
func (e *Engine) Check(ctx context.Context, code string) error {
	if magics.IsMagic(code) {
		if name := sqlResultVar(code); name != "" {
			return e.Set(name, (*display.Table)(nil))
		}
		return nil
	}
	code = programToCell(code)
	lay, err := layoutCellIn(e.fe.fset, code)
	if err != nil {
		return e.cellError(code, err)
	}
	if len(lay.groups) == 0 {
		return nil
	}
	if err := e.importCell(ctx, code, lay); err != nil {
		return err
	}
	tc, err := e.typeCheck(lay)
	if err != nil {
		var te *typeError
		if errors.As(err, &te) {
			l, c := lineCol(code, te.pos)
			return &kernel.ExecError{Name: "CompileError", Value: fmt.Sprintf("%d:%d: %s", l, c, te.msg),
				Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", l, c, te.msg)}, sourceLine(code, l, c)...)}
		}
		return &kernel.ExecError{Name: "CompileError", Value: err.Error(), Traceback: []string{err.Error()}}
	}
	_, meta, out, err := e.lowerCell(tc, false, true)
	if err != nil {
		var ue *unsupportedError
		if errors.As(err, &ue) {
			return e.cellError(code, err)
		}
		return &kernel.ExecError{Name: "CompileError", Value: err.Error(), Traceback: []string{err.Error()}}
	}
	e.remember(out)
	e.keepDecls(code, meta)
	e.defineVars(meta)
	return nil
}

var (
	sqlArrow = regexp.MustCompile(`^%%?sql\s+([A-Za-z_][A-Za-z0-9_]*)\s*<<`)
	sqlOut   = regexp.MustCompile(`(?:^|\s)(?:-o|--out)(?:\s+|=)([A-Za-z_][A-Za-z0-9_]*)`)
)

// sqlResultVar returns the Go variable a %sql or %%sql cell stores its result in, or "".
func sqlResultVar(code string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(code), "\n")
	if !strings.HasPrefix(line, "%sql") && !strings.HasPrefix(line, "%%sql") {
		return ""
	}
	if m := sqlArrow.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	if m := sqlOut.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return ""
}
