package typefmt

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Typed is an argument together with the descriptor of its static type.
type Typed struct {
	V any
	T *Type
}

// Printer formats values; its hooks connect it to the interpreter. The zero value works:
// values in interface positions are then described by their reflect types, and a
// cell type's methods are called only when the value arrives in a yaegi wrapper.
type Printer struct {
	// Resolve names the dynamic type of a value held in an interface position. v is what
	// the interface holds at run time (possibly a yaegi wrapper). nil: use reflect.
	Resolve func(v reflect.Value) *Type
	// Methods returns a value implementing those of fmt.Formatter, fmt.GoStringer, error
	// and fmt.Stringer that t's method set has, calling the cell's methods on v; nil when
	// it cannot. It is consulted for cell-defined types only.
	Methods func(v reflect.Value, t *Type) any
}

// Default is the Printer the package-level functions use.
var Default = &Printer{}

// item is an operand being printed: its descriptor, its data (yaegi wrappers removed)
// and, at the top level, the value as passed (which may carry the methods).
type item struct {
	t   *Type
	v   reflect.Value
	raw any // the value as received, when it may implement fmt's interfaces itself
	ro  bool
	nil bool // a nil interface argument
}

// pp is one formatting run; it mirrors the state of fmt's printer.
type pp struct {
	pr  *Printer
	buf []byte

	plus, minus, sharp, space, zero bool
	plusV, sharpV                   bool
	wid, prec                       int
	widPresent, precPresent         bool

	cur                  item // what a bad verb reports
	curValid             bool
	erroring, panicking  bool
	wrapErrs             bool
	reordered, goodArgNo bool
	wrapped              []int
}

func (p *pp) clearflags() {
	p.plus, p.minus, p.sharp, p.space, p.zero = false, false, false, false, false
	p.plusV, p.sharpV = false, false
	p.widPresent, p.precPresent = false, false
}

// directive rebuilds the current directive for verb, so fmt can format a leaf with
// exactly the state fmt itself would have.
//
// A leaf (whole=false) is printed with fmt's state at that point: %+v's plus flag is
// not the leaf's, %#v's sharp is. A whole operand (whole=true) gets the directive as
// written, and fmt derives the same state from it.
func (p *pp) directive(verb rune, whole bool) string {
	var b [48]byte
	s := append(b[:0], '%')
	if p.plus || (whole && p.plusV) {
		s = append(s, '+')
	}
	if p.minus {
		s = append(s, '-')
	}
	if p.sharp || p.sharpV {
		s = append(s, '#')
	}
	if p.space {
		s = append(s, ' ')
	}
	if p.zero {
		s = append(s, '0')
	}
	if p.widPresent {
		s = strconv.AppendInt(s, int64(p.wid), 10)
	}
	if p.precPresent {
		s = append(s, '.')
		s = strconv.AppendInt(s, int64(p.prec), 10)
	}
	s = utf8.AppendRune(s, verb)
	return string(s)
}

func (p *pp) fmtLeaf(verb rune, v any) {
	p.buf = fmt.Appendf(p.buf, p.directive(verb, false), v)
}

// fmtS writes s as fmt's %s would with the current flags (truncated, padded).
func (p *pp) fmtS(s string) {
	plus, sharp := p.plus, p.sharp
	p.plus, p.sharp = false, false
	sv, pv := p.sharpV, p.plusV
	p.sharpV, p.plusV = false, false
	p.fmtLeaf('s', s)
	p.plus, p.sharp, p.sharpV, p.plusV = plus, sharp, sv, pv
}

// padString writes s padded to the width, never truncated.
func (p *pp) padString(s string) {
	if !p.widPresent || p.wid <= utf8.RuneCountInString(s) {
		p.buf = append(p.buf, s...)
		return
	}
	pad := strings.Repeat(" ", p.wid-utf8.RuneCountInString(s))
	if p.zero && !p.minus {
		pad = strings.Repeat("0", len(pad))
	}
	if p.minus {
		p.buf = append(append(p.buf, s...), pad...)
	} else {
		p.buf = append(append(p.buf, pad...), s...)
	}
}

// ---- arguments ----

var yaegiPrefix = "github.com/traefik/yaegi"

// unwrap removes yaegi's wrappers: a `_pkg_Iface` struct carrying the value in IValue
// (it also carries the methods: recv), or an interp.valueInterface.
func unwrap(v reflect.Value) (data reflect.Value, recv any) {
	for i := 0; i < 4 && v.IsValid(); i++ {
		if v.Kind() == reflect.Interface {
			v = v.Elem()
			continue
		}
		if v.Kind() != reflect.Struct {
			break
		}
		t := v.Type()
		if t.NumField() >= 1 && strings.HasPrefix(t.Name(), "_") && t.Field(0).Name == "IValue" &&
			t.Field(0).Type.Kind() == reflect.Interface {
			if recv == nil && v.CanInterface() {
				recv = v.Interface()
			}
			v = v.Field(0).Elem()
			continue
		}
		if t.Name() == "valueInterface" && strings.HasPrefix(t.PkgPath(), yaegiPrefix) {
			f, ok := t.FieldByName("value")
			if !ok || f.Type != reflect.TypeFor[reflect.Value]() || !v.CanInterface() {
				break
			}
			c := reflect.New(t).Elem()
			c.Set(v)
			v = *(*reflect.Value)(unsafe.Pointer(c.FieldByIndex(f.Index).UnsafeAddr()))
			continue
		}
		break
	}
	return v, recv
}

// dynamic describes a value found in an interface position.
func (p *pp) dynamic(e reflect.Value, ro bool) item {
	data, recv := unwrap(e)
	var t *Type
	if p.pr.Resolve != nil {
		t = p.pr.Resolve(e)
	}
	if t == nil && data.IsValid() {
		t = FromReflect(data.Type())
	}
	if recv == nil && data.IsValid() && !ro && data.CanInterface() && t != nil && (t.Name == "" || t.Native) {
		recv = data.Interface()
	}
	return item{t: t, v: data, raw: recv, ro: ro}
}

// argItem turns an operand of a Print/Printf call into an item.
func (p *pp) argItem(a any) item {
	if tv, ok := a.(Typed); ok {
		if tv.V == nil {
			return item{nil: true}
		}
		if tv.T == nil || tv.T.Kind == reflect.Interface {
			return p.dynamic(reflect.ValueOf(tv.V), false)
		}
		data, recv := unwrap(reflect.ValueOf(tv.V))
		if recv == nil {
			recv = tv.V
		}
		return item{t: tv.T, v: data, raw: recv}
	}
	if a == nil {
		return item{nil: true}
	}
	return p.dynamic(reflect.ValueOf(a), false)
}

// plainArg reports whether fmt itself prints a exactly, and returns the value to give it.
func plainArg(pr *Printer, a any) (any, bool) {
	tv, ok := a.(Typed)
	if !ok {
		if a == nil {
			return nil, true
		}
		return a, FromReflect(reflect.TypeOf(a)).plain
	}
	if tv.V == nil {
		return nil, true
	}
	if tv.T != nil && tv.T.Kind != reflect.Interface {
		return tv.V, tv.T.plain
	}
	rv := reflect.ValueOf(tv.V)
	if pr.Resolve != nil {
		if t := pr.Resolve(rv); t != nil {
			return tv.V, t.plain
		}
	}
	return tv.V, FromReflect(rv.Type()).plain
}

// ---- fmt's printer, over items ----

func (p *pp) printArg(it item, verb rune) {
	p.cur, p.curValid = it, true
	if it.nil {
		switch verb {
		case 'T', 'v':
			p.padString("<nil>")
		default:
			p.badVerb(verb)
		}
		return
	}
	switch verb {
	case 'T':
		p.fmtS(it.t.String())
		return
	case 'p':
		p.fmtPointer(it, 'p')
		return
	}
	if it.t.plain && !p.erroring && verb != 'w' {
		if it.v.CanInterface() {
			p.buf = fmt.Appendf(p.buf, p.directive(verb, true), it.v.Interface())
			return
		}
	}
	if isFastPath(it) {
		p.printValue(it, verb, 0)
		return
	}
	if !p.handleMethods(it, verb) {
		p.printValue(it, verb, 0)
	}
}

// isFastPath reports an operand of one of the exact types fmt prints without looking
// for methods (bool, int, string, []byte, ...).
func isFastPath(it item) bool {
	t := it.t
	if t.PkgPath != "" {
		return false
	}
	switch t.Kind {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return t.Name != ""
	case reflect.Slice:
		return t.Name == "" && t.Elem.Kind == reflect.Uint8 && t.Elem.Name == "uint8" && t.Elem.PkgPath == ""
	}
	return false
}

// isCell reports a named type with no run-time name of its own (a cell type).
func isCell(t *Type) bool { return t != nil && t.Name != "" && !t.Native }

func (p *pp) badVerb(verb rune) {
	p.erroring = true
	p.buf = append(p.buf, "%!"...)
	p.buf = utf8.AppendRune(p.buf, verb)
	p.buf = append(p.buf, '(')
	switch {
	case p.curValid && !p.cur.nil && p.cur.v.IsValid():
		p.buf = append(p.buf, p.cur.t.String()...)
		p.buf = append(p.buf, '=')
		cur := p.cur
		p.printValue(cur, 'v', 0)
		p.cur = cur
	default:
		p.buf = append(p.buf, "<nil>"...)
	}
	p.buf = append(p.buf, ')')
	p.erroring = false
}

func (p *pp) fmtString(s string, verb rune) {
	switch verb {
	case 'v', 's', 'x', 'X', 'q':
		if verb == 'v' && !p.sharpV {
			verb = 's'
		}
		p.fmtLeaf(verb, s)
	default:
		p.badVerb(verb)
	}
}

func validVerb(k reflect.Kind, verb rune) bool {
	switch k {
	case reflect.Bool:
		return verb == 't' || verb == 'v'
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strings.ContainsRune("vdboOxXcqU", verb)
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return strings.ContainsRune("vbgGxXfFeE", verb)
	case reflect.String:
		return strings.ContainsRune("vsxXq", verb)
	}
	return false
}

// basic converts a value of a basic kind to the unnamed Go type of that kind.
func basic(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool()
	case reflect.Int:
		return int(v.Int())
	case reflect.Int8:
		return int8(v.Int())
	case reflect.Int16:
		return int16(v.Int())
	case reflect.Int32:
		return int32(v.Int())
	case reflect.Int64:
		return v.Int()
	case reflect.Uint:
		return uint(v.Uint())
	case reflect.Uint8:
		return uint8(v.Uint())
	case reflect.Uint16:
		return uint16(v.Uint())
	case reflect.Uint32:
		return uint32(v.Uint())
	case reflect.Uint64:
		return v.Uint()
	case reflect.Uintptr:
		return uintptr(v.Uint())
	case reflect.Float32:
		return float32(v.Float())
	case reflect.Float64:
		return v.Float()
	case reflect.Complex64:
		return complex64(v.Complex())
	case reflect.Complex128:
		return v.Complex()
	case reflect.String:
		return v.String()
	}
	return nil
}

// leafVerb maps %v to the verb fmt uses for a basic kind when not in %#v mode.
func leafVerb(k reflect.Kind) rune {
	switch k {
	case reflect.Bool:
		return 't'
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return 'g'
	case reflect.String:
		return 's'
	}
	return 'd'
}

func (p *pp) printValue(it item, verb rune, depth int) {
	if depth > 0 && it.v.IsValid() && !it.ro {
		if p.handleMethods(it, verb) {
			return
		}
	}
	p.cur, p.curValid = it, true
	v, t := it.v, it.t
	if !v.IsValid() {
		if depth == 0 {
			p.buf = append(p.buf, "<invalid reflect.Value>"...)
		} else if verb == 'v' {
			p.buf = append(p.buf, "<nil>"...)
		} else {
			p.curValid = false
			p.badVerb(verb)
		}
		return
	}
	switch k := v.Kind(); k {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		if !validVerb(k, verb) {
			p.badVerb(verb)
			return
		}
		if verb == 'v' && !p.sharpV {
			verb = leafVerb(k)
		}
		p.fmtLeaf(verb, basic(v))
	case reflect.Map:
		if p.sharpV {
			p.buf = append(p.buf, t.String()...)
			if v.IsNil() {
				p.buf = append(p.buf, "(nil)"...)
				return
			}
			p.buf = append(p.buf, '{')
		} else {
			p.buf = append(p.buf, "map["...)
		}
		keys := v.MapKeys()
		vals := make([]reflect.Value, len(keys))
		for i, key := range keys {
			vals[i] = v.MapIndex(key)
		}
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return compare(keys[idx[a]], keys[idx[b]]) < 0 })
		for n, i := range idx {
			if n > 0 {
				if p.sharpV {
					p.buf = append(p.buf, ", "...)
				} else {
					p.buf = append(p.buf, ' ')
				}
			}
			p.printValue(p.child(keys[i], t.Key, it.ro), verb, depth+1)
			p.buf = append(p.buf, ':')
			p.printValue(p.child(vals[i], t.Elem, it.ro), verb, depth+1)
		}
		if p.sharpV {
			p.buf = append(p.buf, '}')
		} else {
			p.buf = append(p.buf, ']')
		}
	case reflect.Struct:
		if p.sharpV {
			p.buf = append(p.buf, t.String()...)
		}
		p.buf = append(p.buf, '{')
		for i := 0; i < v.NumField() && i < len(t.Fields); i++ {
			f := t.Fields[i]
			if i > 0 {
				if p.sharpV {
					p.buf = append(p.buf, ", "...)
				} else {
					p.buf = append(p.buf, ' ')
				}
			}
			if (p.plusV || p.sharpV) && f.Name != "" {
				p.buf = append(p.buf, f.Name...)
				p.buf = append(p.buf, ':')
			}
			fv := v.Field(i)
			ro := it.ro || !f.Exported
			var c item
			if f.Type.Kind == reflect.Interface && fv.Kind() == reflect.Interface && !fv.IsNil() {
				c = p.dynamic(fv.Elem(), ro)
			} else {
				c = p.child(fv, f.Type, ro)
			}
			p.printValue(c, verb, depth+1)
		}
		p.buf = append(p.buf, '}')
	case reflect.Interface:
		e := v.Elem()
		if !e.IsValid() {
			if p.sharpV {
				p.buf = append(p.buf, t.String()...)
				p.buf = append(p.buf, "(nil)"...)
			} else {
				p.buf = append(p.buf, "<nil>"...)
			}
			return
		}
		p.printValue(p.dynamic(e, it.ro), verb, depth+1)
	case reflect.Array, reflect.Slice:
		switch verb {
		case 's', 'q', 'x', 'X':
			if v.Type().Elem().Kind() == reflect.Uint8 {
				b := make([]byte, v.Len())
				for i := range b {
					b[i] = byte(v.Index(i).Uint())
				}
				p.fmtLeaf(verb, b)
				return
			}
		}
		if p.sharpV {
			p.buf = append(p.buf, t.String()...)
			if k == reflect.Slice && v.IsNil() {
				p.buf = append(p.buf, "(nil)"...)
				return
			}
			p.buf = append(p.buf, '{')
			for i := 0; i < v.Len(); i++ {
				if i > 0 {
					p.buf = append(p.buf, ", "...)
				}
				p.printValue(p.child(v.Index(i), t.Elem, it.ro), verb, depth+1)
			}
			p.buf = append(p.buf, '}')
		} else {
			p.buf = append(p.buf, '[')
			for i := 0; i < v.Len(); i++ {
				if i > 0 {
					p.buf = append(p.buf, ' ')
				}
				p.printValue(p.child(v.Index(i), t.Elem, it.ro), verb, depth+1)
			}
			p.buf = append(p.buf, ']')
		}
	case reflect.Pointer:
		if depth == 0 && !v.IsNil() {
			switch e := v.Elem(); e.Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				p.buf = append(p.buf, '&')
				p.printValue(p.child(e, t.Elem, it.ro), verb, depth+1)
				return
			}
		}
		p.fmtPointer(it, verb)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		p.fmtPointer(it, verb)
	default:
		p.buf = append(p.buf, '?')
		p.buf = append(p.buf, t.String()...)
		p.buf = append(p.buf, '?')
	}
}

// child describes a value at a position of static type t.
func (p *pp) child(v reflect.Value, t *Type, ro bool) item {
	if t == nil {
		t = FromReflect(v.Type())
	}
	if t.Kind == reflect.Interface && v.Kind() == reflect.Struct {
		// An interface position holding yaegi's form of a value of an interface
		// declared in cells (interp.valueInterface), not a Go interface.
		return p.dynamic(v, ro)
	}
	data, recv := unwrap(v)
	if v.Kind() == reflect.Interface {
		// kept as an interface: printValue's Interface case resolves it
		return item{t: t, v: v, ro: ro}
	}
	if recv == nil && !ro && data.IsValid() && data.CanInterface() && (t.Name == "" || t.Native) {
		recv = data.Interface()
	}
	return item{t: t, v: data, raw: recv, ro: ro}
}

func (p *pp) fmtPointer(it item, verb rune) {
	v := it.v
	var up unsafe.Pointer
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Map, reflect.Pointer, reflect.Slice, reflect.UnsafePointer:
		up = v.UnsafePointer()
	default:
		p.badVerb(verb)
		return
	}
	switch verb {
	case 'v':
		if p.sharpV {
			p.buf = append(p.buf, '(')
			p.buf = append(p.buf, it.t.String()...)
			p.buf = append(p.buf, ")("...)
			if up == nil {
				p.buf = append(p.buf, "nil"...)
			} else {
				p.buf = append(p.buf, "0x"...)
				p.buf = strconv.AppendUint(p.buf, uint64(uintptr(up)), 16)
			}
			p.buf = append(p.buf, ')')
			return
		}
		if up == nil {
			p.padString("<nil>")
			return
		}
		p.fmtLeaf('p', up)
	case 'p', 'b', 'o', 'd', 'x', 'X':
		p.fmtLeaf(verb, up)
	default:
		p.badVerb(verb)
	}
}

// state is the fmt.State a Formatter method receives.
type state struct{ p *pp }

func (s *state) Write(b []byte) (int, error) {
	s.p.buf = append(s.p.buf, b...)
	return len(b), nil
}

func (s *state) WriteString(str string) (int, error) {
	s.p.buf = append(s.p.buf, str...)
	return len(str), nil
}

func (s *state) Width() (int, bool)     { return s.p.wid, s.p.widPresent }
func (s *state) Precision() (int, bool) { return s.p.prec, s.p.precPresent }
func (s *state) Flag(c int) bool {
	p := s.p
	switch c {
	case '-':
		return p.minus
	case '+':
		return p.plus || p.plusV
	case '#':
		return p.sharp || p.sharpV
	case ' ':
		return p.space
	case '0':
		return p.zero
	}
	return false
}
