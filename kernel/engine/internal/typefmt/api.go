package typefmt

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TypeName returns reflect.TypeOf(x).Name() as a compiled program would see it:
// "point", "Stack[int]", "Pair[string,main.point]", "" for unnamed types.
func TypeName(x any) string { return Default.TypeName(x) }

// TypeName is reflect.TypeOf(x).Name() for a possibly Typed x.
func (pr *Printer) TypeName(x any) string {
	if t := pr.TypeOf(x); t != nil {
		return t.Name
	}
	return ""
}

// TypeOf returns the descriptor of x's dynamic type (nil for a nil interface).
func (pr *Printer) TypeOf(x any) *Type {
	p := &pp{pr: pr}
	it := p.argItem(x)
	if it.nil {
		return nil
	}
	return it.t
}

// raws returns the operands as fmt sees them when every one of them is plain.
func (pr *Printer) raws(a []any) ([]any, bool) {
	var out []any
	for i, x := range a {
		r, ok := plainArg(pr, x)
		if !ok {
			return nil, false
		}
		if _, typed := x.(Typed); typed && out == nil {
			out = make([]any, len(a))
			copy(out, a[:i])
		}
		if out != nil {
			out[i] = r
		}
	}
	if out == nil {
		return a, true
	}
	return out, true
}

// ---- Printf family ----

func (pr *Printer) Appendf(b []byte, format string, a ...any) []byte {
	if r, ok := pr.raws(a); ok {
		return fmt.Appendf(b, format, r...)
	}
	p := &pp{pr: pr, buf: b}
	p.doPrintf(format, a, nil)
	return p.buf
}

func (pr *Printer) Sprintf(format string, a ...any) string {
	if r, ok := pr.raws(a); ok {
		return fmt.Sprintf(format, r...)
	}
	return string(pr.Appendf(nil, format, a...))
}

func (pr *Printer) Fprintf(w io.Writer, format string, a ...any) (int, error) {
	if r, ok := pr.raws(a); ok {
		return fmt.Fprintf(w, format, r...)
	}
	return w.Write(pr.Appendf(nil, format, a...))
}

func (pr *Printer) Printf(format string, a ...any) (int, error) {
	return pr.Fprintf(os.Stdout, format, a...)
}

// Errorf is fmt.Errorf: the result wraps the %w operands exactly as fmt.Errorf's does
// (it is made by fmt.Errorf, so its type and Unwrap methods are fmt's).
func (pr *Printer) Errorf(format string, a ...any) error {
	if r, ok := pr.raws(a); ok {
		return fmt.Errorf(format, r...)
	}
	// Format everything but the %w directives ourselves; fmt.Errorf formats those and
	// records what they wrap.
	var pieces []wPiece
	p := &pp{pr: pr, wrapErrs: true}
	p.doPrintf(format, a, &pieces)
	if len(pieces) == 0 {
		return errors.New(string(p.buf))
	}
	var f strings.Builder
	last := 0
	// fmt.Errorf gets the operands as they are, except that a %w operand whose error
	// method only this package can reach (a cell type) is passed as that receiver.
	args := make([]any, len(a))
	for i, x := range a {
		if t, ok := x.(Typed); ok {
			x = t.V
		}
		args[i] = x
	}
	for _, pc := range pieces {
		if _, isErr := args[pc.arg].(error); !isErr && args[pc.arg] != nil {
			if r := p.receiver(p.argItem(a[pc.arg]), mError); r != nil {
				args[pc.arg] = r
			}
		}
	}
	for _, pc := range pieces {
		f.WriteString(strings.ReplaceAll(string(p.buf[last:pc.at]), "%", "%%"))
		f.WriteString(pc.directive)
		last = pc.at
	}
	f.WriteString(strings.ReplaceAll(string(p.buf[last:]), "%", "%%"))
	return fmt.Errorf(f.String(), args...)
}

// wPiece is a %w directive left for fmt.Errorf: its position in the output and its
// rebuilt text with an explicit operand index.
type wPiece struct {
	at        int
	arg       int
	directive string
}

// ---- Print family ----

func (pr *Printer) Append(b []byte, a ...any) []byte {
	if r, ok := pr.raws(a); ok {
		return fmt.Append(b, r...)
	}
	p := &pp{pr: pr, buf: b}
	p.doPrint(a)
	return p.buf
}

func (pr *Printer) Appendln(b []byte, a ...any) []byte {
	if r, ok := pr.raws(a); ok {
		return fmt.Appendln(b, r...)
	}
	p := &pp{pr: pr, buf: b}
	p.doPrintln(a)
	return p.buf
}

func (pr *Printer) Sprint(a ...any) string {
	if r, ok := pr.raws(a); ok {
		return fmt.Sprint(r...)
	}
	return string(pr.Append(nil, a...))
}

func (pr *Printer) Sprintln(a ...any) string {
	if r, ok := pr.raws(a); ok {
		return fmt.Sprintln(r...)
	}
	return string(pr.Appendln(nil, a...))
}

func (pr *Printer) Fprint(w io.Writer, a ...any) (int, error) {
	if r, ok := pr.raws(a); ok {
		return fmt.Fprint(w, r...)
	}
	return w.Write(pr.Append(nil, a...))
}

func (pr *Printer) Fprintln(w io.Writer, a ...any) (int, error) {
	if r, ok := pr.raws(a); ok {
		return fmt.Fprintln(w, r...)
	}
	return w.Write(pr.Appendln(nil, a...))
}

func (pr *Printer) Print(a ...any) (int, error)   { return pr.Fprint(os.Stdout, a...) }
func (pr *Printer) Println(a ...any) (int, error) { return pr.Fprintln(os.Stdout, a...) }

// Package-level forms over Default.

func Sprintf(format string, a ...any) string { return Default.Sprintf(format, a...) }
func Fprintf(w io.Writer, format string, a ...any) (int, error) {
	return Default.Fprintf(w, format, a...)
}
func Printf(format string, a ...any) (int, error)      { return Default.Printf(format, a...) }
func Appendf(b []byte, format string, a ...any) []byte { return Default.Appendf(b, format, a...) }
func Errorf(format string, a ...any) error             { return Default.Errorf(format, a...) }
func Sprint(a ...any) string                           { return Default.Sprint(a...) }
func Sprintln(a ...any) string                         { return Default.Sprintln(a...) }
func Fprint(w io.Writer, a ...any) (int, error)        { return Default.Fprint(w, a...) }
func Fprintln(w io.Writer, a ...any) (int, error)      { return Default.Fprintln(w, a...) }
func Print(a ...any) (int, error)                      { return Default.Print(a...) }
func Println(a ...any) (int, error)                    { return Default.Println(a...) }
func Append(b []byte, a ...any) []byte                 { return Default.Append(b, a...) }
func Appendln(b []byte, a ...any) []byte               { return Default.Appendln(b, a...) }

// ---- the loops ----

func (p *pp) doPrint(a []any) {
	prevString := false
	for i, x := range a {
		it := p.argItem(x)
		isString := !it.nil && it.v.IsValid() && it.v.Kind() == reflect.String
		if i > 0 && !isString && !prevString {
			p.buf = append(p.buf, ' ')
		}
		p.clearflags()
		p.printArg(it, 'v')
		prevString = isString
	}
}

func (p *pp) doPrintln(a []any) {
	for i, x := range a {
		if i > 0 {
			p.buf = append(p.buf, ' ')
		}
		p.clearflags()
		p.printArg(p.argItem(x), 'v')
	}
	p.buf = append(p.buf, '\n')
}

func tooLarge(x int) bool { return x > 1e6 || x < -1e6 }

func parsenum(s string, start, end int) (num int, isnum bool, newi int) {
	if start >= end {
		return 0, false, end
	}
	for newi = start; newi < end && '0' <= s[newi] && s[newi] <= '9'; newi++ {
		if tooLarge(num) {
			return 0, false, end
		}
		num = num*10 + int(s[newi]-'0')
		isnum = true
	}
	return
}

// intArg reads a '*' width or precision operand.
func (p *pp) intArg(a []any, n int) (num int, ok bool, next int) {
	next = n
	if n >= len(a) {
		return
	}
	x := a[n]
	if t, typed := x.(Typed); typed {
		x = t.V
	}
	if i, isInt := x.(int); isInt {
		num, ok = i, true
	} else if x != nil {
		v, _ := unwrap(reflect.ValueOf(x))
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if m := v.Int(); int64(int(m)) == m {
				num, ok = int(m), true
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if m := v.Uint(); int64(m) >= 0 && uint64(int(m)) == m {
				num, ok = int(m), true
			}
		}
	}
	next = n + 1
	if tooLarge(num) {
		num, ok = 0, false
	}
	return
}

// argNumber reads an explicit operand index "[n]" at format[i:].
func (p *pp) argNumber(argNum int, format string, i, numArgs int) (int, int, bool) {
	if len(format) <= i || format[i] != '[' {
		return argNum, i, false
	}
	p.reordered = true
	rest := format[i:]
	index, wid, ok := 0, 1, false
	if len(rest) >= 3 {
		for j := 1; j < len(rest); j++ {
			if rest[j] == ']' {
				n, isnum, newj := parsenum(rest, 1, j)
				if !isnum || newj != j {
					wid = j + 1
				} else {
					index, wid, ok = n-1, j+1, true
				}
				break
			}
		}
	}
	if ok && 0 <= index && index < numArgs {
		return index, i + wid, true
	}
	p.goodArgNo = false
	return argNum, i + wid, ok
}

// doPrintf mirrors fmt's Printf loop. With pieces non-nil (Errorf), %w directives are
// not formatted: their positions and rebuilt text are recorded instead.
func (p *pp) doPrintf(format string, a []any, pieces *[]wPiece) {
	end := len(format)
	argNum := 0
	afterIndex := false
	p.reordered = false
	for i := 0; i < end; {
		p.goodArgNo = true
		lasti := i
		for i < end && format[i] != '%' {
			i++
		}
		if i > lasti {
			p.buf = append(p.buf, format[lasti:i]...)
		}
		if i >= end {
			break
		}
		i++
		p.clearflags()
	flags:
		for ; i < end; i++ {
			switch format[i] {
			case '#':
				p.sharp = true
			case '0':
				p.zero = true
			case '+':
				p.plus = true
			case '-':
				p.minus = true
			case ' ':
				p.space = true
			default:
				break flags
			}
		}
		argNum, i, afterIndex = p.argNumber(argNum, format, i, len(a))
		if i < end && format[i] == '*' {
			i++
			var ok bool
			p.wid, ok, argNum = p.intArg(a, argNum)
			p.widPresent = ok
			if !ok {
				p.buf = append(p.buf, "%!(BADWIDTH)"...)
			}
			if p.wid < 0 {
				p.wid = -p.wid
				p.minus = true
				p.zero = false
			}
			afterIndex = false
		} else {
			p.wid, p.widPresent, i = parsenum(format, i, end)
			if afterIndex && p.widPresent {
				p.goodArgNo = false
			}
		}
		if i+1 < end && format[i] == '.' {
			i++
			if afterIndex {
				p.goodArgNo = false
			}
			argNum, i, afterIndex = p.argNumber(argNum, format, i, len(a))
			if i < end && format[i] == '*' {
				i++
				var ok bool
				p.prec, ok, argNum = p.intArg(a, argNum)
				p.precPresent = ok
				if p.prec < 0 {
					p.prec = 0
					p.precPresent = false
				}
				if !p.precPresent {
					p.buf = append(p.buf, "%!(BADPREC)"...)
				}
				afterIndex = false
			} else {
				p.prec, p.precPresent, i = parsenum(format, i, end)
				if !p.precPresent {
					p.prec = 0
					p.precPresent = true
				}
			}
		}
		if !afterIndex {
			argNum, i, afterIndex = p.argNumber(argNum, format, i, len(a))
		}
		if i >= end {
			p.buf = append(p.buf, "%!(NOVERB)"...)
			break
		}
		verb, size := utf8.DecodeRuneInString(format[i:])
		i += size
		switch {
		case verb == '%':
			p.buf = append(p.buf, '%')
		case !p.goodArgNo:
			p.buf = append(p.buf, "%!"...)
			p.buf = utf8.AppendRune(p.buf, verb)
			p.buf = append(p.buf, "(BADINDEX)"...)
		case argNum >= len(a):
			p.buf = append(p.buf, "%!"...)
			p.buf = utf8.AppendRune(p.buf, verb)
			p.buf = append(p.buf, "(MISSING)"...)
		case verb == 'w' && pieces != nil:
			d := p.directive('w', true)
			d = d[:len(d)-1] + "[" + strconv.Itoa(argNum+1) + "]w" // an index may stand just before the verb
			*pieces = append(*pieces, wPiece{at: len(p.buf), arg: argNum, directive: d})
			argNum++
		default:
			if verb == 'v' || verb == 'w' {
				p.sharpV, p.sharp = p.sharp, false
				p.plusV, p.plus = p.plus, false
			}
			p.printArg(p.argItem(a[argNum]), verb)
			argNum++
		}
	}
	if !p.reordered && argNum < len(a) {
		p.clearflags()
		p.buf = append(p.buf, "%!(EXTRA "...)
		for i, x := range a[argNum:] {
			if i > 0 {
				p.buf = append(p.buf, ", "...)
			}
			it := p.argItem(x)
			if it.nil {
				p.buf = append(p.buf, "<nil>"...)
				continue
			}
			p.buf = append(p.buf, it.t.String()...)
			p.buf = append(p.buf, '=')
			p.printArg(it, 'v')
		}
		p.buf = append(p.buf, ')')
	}
}
