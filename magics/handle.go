package magics

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/sluice-dev/sluice/display"
)

// Handle runs a cell that is a magic cell (see IsMagic) and reports handled=false for any
// other cell, which the caller evaluates as Go.
//
// A cell whose first non-blank line is "%%name args" runs the cell magic name with the
// rest of the cell as its Body. Any other magic cell is run line by line: each "%name
// args" line runs that line magic, each "!command" line runs a shell command, a line
// "x := %name args" (or "x = …") stores the magic's result in the session variable x,
// and runs of other lines are Go, handed to env.Session.Eval in order. The result is the
// last piece's value (a line magic's result, or the value of the last Go expression);
// results of earlier line magics are shown as they come through env.Display. The first
// failure stops the cell and is returned: an *Error for a magic, the session's own
// error for Go.
func Handle(ctx context.Context, env *Env, code string) (result any, handled bool, err error) {
	if !IsMagic(code) {
		return nil, false, nil
	}
	res, err := run(enter(ctx, env), env, code)
	return res, true, err
}

// run executes a magic cell (also used by %%time for its body).
func run(ctx context.Context, env *Env, code string) (any, error) {
	p, err := parseCell(code)
	if err != nil {
		return nil, err
	}
	if p.cell != nil {
		return call(ctx, env, *p.cell)
	}
	var last any
	for i, s := range p.segs {
		if err := ctx.Err(); err != nil {
			return nil, &Error{Name: "Interrupted", Value: "cell interrupted before line " + fmt.Sprint(s.line), Err: err}
		}
		var v any
		switch s.kind {
		case segGo:
			v, err = evalGo(ctx, env, s.text)
		case segShell:
			err = runShell(ctx, env, s.text, "!"+s.text)
		case segLine:
			v, err = call(ctx, env, s.inv)
			if err == nil && s.assign != "" {
				if env.Session == nil {
					return nil, &Error{Name: "UsageError", Value: "line " + fmt.Sprint(s.line) + ": no session to store " + s.assign + " in"}
				}
				if err = env.Session.Set(s.assign, v); err != nil {
					return nil, &Error{Name: "UsageError", Value: fmt.Sprintf("line %d: store the result of %%%s in %s: %v", s.line, s.inv.Name, s.assign, err), Err: err}
				}
				v = nil
			}
		}
		if err != nil {
			return nil, err
		}
		if i < len(p.segs)-1 {
			if s.kind == segLine && v != nil {
				if err := show(env, v); err != nil {
					return nil, err
				}
			}
			continue
		}
		last = v
	}
	return last, nil
}

// call runs one parsed invocation through the registry.
func call(ctx context.Context, env *Env, inv Invocation) (any, error) {
	m, ok := Lookup(inv.Name)
	if !ok || inv.Cell && !m.Cell || !inv.Cell && !m.Line {
		return nil, unknownMagic(inv.Name, inv.Cell)
	}
	if strings.TrimSpace(inv.Args) == "?" {
		return helpOf(m), nil
	}
	return m.Run(ctx, env, inv)
}

// evalGo evaluates Go source in the session and returns its value (nil for none).
func evalGo(ctx context.Context, env *Env, src string) (any, error) {
	if env.Session == nil {
		return nil, &Error{Name: "UsageError", Value: "no Go session to evaluate code in"}
	}
	v, err := env.Session.Eval(ctx, src)
	if err != nil {
		return nil, err
	}
	return valueOf(v), nil
}

// valueOf returns v's interface value, or nil for an invalid Value.
func valueOf(v reflect.Value) any {
	if !v.IsValid() || !v.CanInterface() {
		return nil
	}
	return v.Interface()
}

// show displays v through env.Display (a no-op without one), rendered by
// display.Render as the kernel renders a cell's value.
func show(env *Env, v any) error {
	if env.Display == nil || v == nil {
		return nil
	}
	return env.Display(display.Render(v))
}

// Complete completes a magic cell at cursor (a byte offset into code): magic names after
// % or %% at the start of a line, and whatever the magic's own Complete offers for its
// arguments or body (table and column names in %%sql). ok is false when code is not a
// magic cell or the cursor is not in a magic's reach, so the caller completes Go.
func Complete(ctx context.Context, env *Env, code string, cursor int) (matches []string, start int, ok bool) {
	if cursor < 0 || cursor > len(code) {
		return nil, cursor, false
	}
	ctx = enter(ctx, env)
	lineStart := strings.LastIndexByte(code[:cursor], '\n') + 1
	lineEnd := strings.IndexByte(code[cursor:], '\n')
	if lineEnd < 0 {
		lineEnd = len(code)
	} else {
		lineEnd += cursor
	}
	line := code[lineStart:cursor]
	trimmed := strings.TrimLeft(line, " \t")
	// A magic name being typed: "%sq" or "%%sq".
	if strings.HasPrefix(trimmed, "%") && !strings.ContainsAny(trimmed, " \t") {
		cell := strings.HasPrefix(trimmed, "%%")
		prefix := strings.TrimLeft(trimmed, "%")
		sign := "%"
		if cell {
			sign = "%%"
		}
		for _, m := range Magics() {
			if (cell && m.Cell || !cell && m.Line) && strings.HasPrefix(m.Name, prefix) {
				matches = append(matches, sign+m.Name)
			}
		}
		return matches, lineStart + len(line) - len(trimmed), true
	}
	// Inside a magic: find the magic this line (or the cell) belongs to.
	var name string
	first := strings.TrimLeft(code, " \t\r\n")
	if strings.HasPrefix(first, "%%") {
		name, _ = splitName(first[2:])
	} else {
		full := strings.TrimSpace(code[lineStart:lineEnd])
		if m := assignRE.FindStringSubmatch(full); m != nil {
			name = m[2]
		} else if strings.HasPrefix(full, "%") {
			name, _ = splitName(full[1:])
		}
	}
	if name == "" {
		return nil, cursor, false
	}
	m, found := Lookup(name)
	if !found || m.Complete == nil {
		return nil, cursor, false
	}
	matches, start = m.Complete(ctx, env, code, cursor)
	return matches, start, true
}
