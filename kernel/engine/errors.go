// Conversion of compile, syntax and runtime failures into *kernel.ExecError values with
// cell positions.

package engine

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine/symbols"
	"github.com/sluice-dev/sluice/magics"
	"github.com/traefik/yaegi/interp"
)

func describeErr(err error) string {
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x.Value
	}
	return err.Error()
}

var incompleteRE = regexp.MustCompile(`^(\d+:\d+): .*incomplete type (\w+)$`)

var posRE = regexp.MustCompile(`^(?:[^\s:]*:)?(\d+):(\d+): (.*)$`)

// cellPos maps a "line:col" of compiled source c back to the cell.
func (c compiled) cellPos(code string, line, col int) (int, int) {
	if c.src == "" {
		return line, col // lowered code carries cell positions
	}
	off := offsetOf(c.src, line, col) - c.prefix
	if off < 0 {
		off = 0
	}
	return lineCol(code, mapBack(off, c.start, c.used))
}

// hint adds an explanation to yaegi messages that are known to mean an unsupported
// feature.
func hint(msg string) string {
	switch {
	case strings.HasSuffix(msg, "nil type") || strings.HasSuffix(msg, "nil reflect type"):
		return msg + " (the interpreter could not type this code. A common cause is assigning the result of a generic function at top level, which yaegi cannot do: declare the variable with its type and assign it in a function literal, as in: var r int; func() { r = G(x) }())"
	case strings.Contains(msg, "undefined selector") && (strings.Contains(msg, "maps.") || strings.Contains(msg, "slices.") ||
		strings.Contains(msg, "Seq")):
		return msg + " (the interpreter has the generic functions of slices and maps from Go 1.22 only; iterator functions such as maps.Keys, slices.Collect and strings.SplitSeq are not available: use a loop)"
	case strings.Contains(msg, "cannot range over") && strings.Contains(msg, "func"):
		return msg + " (range over a function, Go 1.23 iterators, is not supported by the Sluice interpreter)"
	}
	return msg
}

// sourceLine returns the cell line and a caret under column col.
func sourceLine(code string, line, col int) []string {
	lines := strings.Split(code, "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	l := strings.ReplaceAll(lines[line-1], "\t", " ")
	if col < 1 {
		col = 1
	}
	return []string{"    " + l, "    " + strings.Repeat(" ", col-1) + "^"}
}

// cellError converts a rewriter error (syntax or unsupported feature) into an ExecError.
func (e *Engine) cellError(code string, err error) error {
	var se *syntaxError
	if errors.As(err, &se) {
		l, c := lineCol(code, se.pos)
		return &kernel.ExecError{Name: "SyntaxError", Value: fmt.Sprintf("%d:%d: %s", l, c, se.msg),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: syntax error: %s", l, c, se.msg)}, sourceLine(code, l, c)...)}
	}
	var ue *unsupportedError
	if errors.As(err, &ue) {
		l, c := lineCol(code, ue.pos)
		return &kernel.ExecError{Name: "UnsupportedFeature", Value: fmt.Sprintf("%d:%d: %s", l, c, ue.Error()),
			Traceback: append([]string{fmt.Sprintf("cell:%d:%d: %s", l, c, ue.Error())}, sourceLine(code, l, c)...)}
	}
	return &kernel.ExecError{Name: "Error", Value: err.Error()}
}

// runtimeErrorAt converts an execution error of compiled group c.
func (e *Engine) runtimeErrorAt(code string, c compiled, err error) error {
	var ie *InterruptError
	if errors.As(err, &ie) {
		return err
	}
	ee := e.runtimeError(code, err)
	// Map the positions of the interpreter's panic trace back to the cell.
	if x, ok := ee.(*kernel.ExecError); ok {
		e.cellMu.Lock()
		var trace []string
		if e.run != nil {
			trace, e.run.trace = e.run.trace, nil
		}
		e.cellMu.Unlock()
		for _, t := range trace {
			if m := posRE.FindStringSubmatch(t); m != nil {
				l, _ := strconv.Atoi(m[1])
				col, _ := strconv.Atoi(m[2])
				cl, cc := c.cellPos(code, l, col)
				if cl >= genLine {
					continue
				}
				fn := strings.TrimPrefix(m[3], "panic: ")
				fn = strings.TrimSuffix(strings.TrimPrefix(fn, "main."), "(...)")
				if fn == "main" || fn == cellFunc || fn == "func" {
					fn = "cell"
				} else if strings.HasSuffix(fn, ".func") {
					fn = "a function literal"
				}
				x.Traceback = append(x.Traceback, fmt.Sprintf("  at cell:%d:%d in %s", cl, cc, fn))
				if len(x.Traceback) == 2 {
					x.Value = fmt.Sprintf("%s (cell line %d)", x.Value, cl)
					x.Traceback = append(x.Traceback, sourceLine(code, cl, cc)...)
				}
			}
		}
	}
	return ee
}

// runtimeError converts a panic or other execution failure into an ExecError.
func (e *Engine) runtimeError(code string, err error) error {
	var gp *GoPanicError
	if errors.As(err, &gp) {
		return &kernel.ExecError{Name: "panic", Value: fmt.Sprintf("in a goroutine started by this cell: %v", gp.Value),
			Traceback: []string{fmt.Sprintf("panic: %v [recovered in a goroutine started by this cell; the kernel keeps running]", gp.Value)}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		switch v := p.Value.(type) {
		case symbols.ExitError:
			return &kernel.ExecError{Name: "Exit", Value: fmt.Sprintf("os.Exit(%d) called by the cell", v.Code),
				Traceback: []string{fmt.Sprintf("os.Exit(%d): the cell stopped; the kernel and its session keep running", v.Code)}}
		case unsupportedAtRun:
			return &kernel.ExecError{Name: "UnsupportedFeature", Value: string(v), Traceback: []string{"UnsupportedFeature: " + string(v)}}
		case symbols.FatalError:
			return &kernel.ExecError{Name: "Fatal", Value: v.Message,
				Traceback: []string{"log.Fatal: " + v.Message, "the cell stopped; the kernel and its session keep running"}}
		case error:
			return &kernel.ExecError{Name: "panic", Value: v.Error(), Traceback: []string{"panic: " + v.Error()}}
		default:
			s := fmt.Sprint(v)
			return &kernel.ExecError{Name: "panic", Value: s, Traceback: []string{"panic: " + s}}
		}
	}
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x
	}
	return &kernel.ExecError{Name: "RuntimeError", Value: err.Error(), Traceback: []string{err.Error()}}
}

// toExecError converts a magic's error.
func toExecError(code string, err error) error {
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x
	}
	var ie *InterruptError
	if errors.As(err, &ie) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &InterruptError{cause: err}
	}
	var me *magics.Error
	if errors.As(err, &me) {
		tb := me.Traceback
		if len(tb) == 0 {
			tb = []string{me.Name + ": " + me.Value}
		}
		return &kernel.ExecError{Name: me.Name, Value: me.Value, Traceback: tb}
	}
	return &kernel.ExecError{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
}

// traceFilter receives the interpreter's stderr: the panic location lines yaegi prints
// are kept for the cell's traceback; everything else goes to the cell's stderr.
type traceFilter struct{ e *Engine }

var traceRE = regexp.MustCompile(`^(?:[^\s:]*:)?\d+:\d+: panic: `)

func (t *traceFilter) Write(p []byte) (int, error) {
	var rest []string
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		if traceRE.MatchString(line) {
			t.e.cellMu.Lock()
			if t.e.run != nil {
				t.e.run.trace = append(t.e.run.trace, strings.TrimSpace(line))
			}
			t.e.cellMu.Unlock()
			continue
		}
		rest = append(rest, line)
	}
	if len(rest) > 0 {
		if _, err := t.e.errw.Write([]byte(strings.Join(rest, ""))); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
