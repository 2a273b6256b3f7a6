// Where a cell's functions start: yaegi v0.16.1's debugger loses track of the executing
// node right after a function's entry (see README, "Debugger"), so breakpoints on a
// function's first statement stop at the function's entry and the debugger steps on to
// that line.

package engine

import (
	"go/scanner"
	"go/token"
)

// funcSpan is a function declared in a cell: its name ("" for a function literal), the
// line of its opening brace, the line of its first statement (0 when empty) and the
// line of its closing brace.
type funcSpan struct {
	name              string
	open, first, last int
}

// funcSpans finds the functions of a cell's text from its tokens.
func funcSpans(code string) []funcSpan {
	var sc scanner.Scanner
	fs := token.NewFileSet()
	f := fs.AddFile("", -1, len(code))
	sc.Init(f, []byte(code), nil, 0)
	type open struct {
		span  int // index in out, -1 for other braces
		depth int
	}
	var (
		out       []funcSpan
		stack     []open
		inSig     = -1 // index of the function whose signature is being read
		parens    int
		prev      token.Token
		candidate string // an identifier that names the function if "(" follows
		waiting   = -1   // function whose first statement comes next
	)
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		line := f.Line(pos)
		if waiting >= 0 && tok != token.SEMICOLON {
			if tok != token.RBRACE {
				out[waiting].first = line
			}
			waiting = -1
		}
		switch tok {
		case token.FUNC:
			out = append(out, funcSpan{})
			inSig, parens = len(out)-1, 0
		case token.IDENT:
			if inSig >= 0 && parens == 0 && out[inSig].name == "" && (prev == token.FUNC || prev == token.RPAREN) {
				candidate = lit
				prev = tok
				continue
			}
		case token.LPAREN:
			if candidate != "" && inSig >= 0 {
				out[inSig].name = candidate
			}
			parens++
		case token.RPAREN:
			parens--
		case token.LBRACE:
			if inSig >= 0 && parens == 0 && prev != token.STRUCT && prev != token.INTERFACE {
				out[inSig].open = line
				stack = append(stack, open{span: inSig})
				waiting, inSig = inSig, -1
			} else {
				stack = append(stack, open{span: -1})
			}
		case token.RBRACE:
			if n := len(stack); n > 0 {
				if o := stack[n-1]; o.span >= 0 {
					out[o.span].last = line
				}
				stack = stack[:n-1]
			}
		}
		candidate = ""
		prev = tok
	}
	return out
}

// funcAt returns the innermost function of a cell whose body holds line.
func (e *Engine) funcAt(path string, line int) (funcSpan, bool) {
	code, ok := e.codeOf(path)
	if !ok {
		return funcSpan{}, false
	}
	var best funcSpan
	found := false
	for _, f := range funcSpans(code) {
		if f.open <= line && line <= f.last && (!found || f.open >= best.open) {
			best, found = f, true
		}
	}
	return best, found
}

// firstLineFunc returns the named function whose first statement is on line, if any.
func (e *Engine) firstLineFunc(path string, line int) string {
	code, ok := e.codeOf(path)
	if !ok {
		return ""
	}
	for _, f := range funcSpans(code) {
		if f.first == line && f.name != "" {
			return f.name
		}
	}
	return ""
}
