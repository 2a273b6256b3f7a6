// Calling the methods of printed values (String, Error, GoString, Format) as fmt does.

package typefmt

import (
	"fmt"
	"reflect"
	"unicode/utf8"
)

// receiver returns a value implementing the fmt interface m for the item, or nil.
func (p *pp) receiver(it item, m methodSet) any {
	if it.ro || it.t == nil || it.t.fmtMeth&m == 0 {
		return nil
	}
	ok := func(x any) bool {
		switch m {
		case mFormat:
			_, y := x.(fmt.Formatter)
			return y
		case mGoString:
			_, y := x.(fmt.GoStringer)
			return y
		case mError:
			_, y := x.(error)
			return y
		case mString:
			_, y := x.(fmt.Stringer)
			return y
		}
		return false
	}
	if it.raw != nil && ok(it.raw) {
		return it.raw
	}
	cell := isCell(it.t) || it.t.Kind == reflect.Pointer && isCell(it.t.Elem)
	if !cell && it.v.IsValid() && it.v.CanInterface() {
		if x := it.v.Interface(); ok(x) {
			return x
		}
	}
	if cell && p.pr.Methods != nil && it.v.IsValid() {
		if x := p.pr.Methods(it.v, it.t); x != nil && ok(x) {
			return x
		}
	}
	// A method promoted from an embedded field: ask the embedded value.
	if path, found := it.t.promoted[m]; found && it.v.IsValid() {
		v, t := it.v, it.t
		for _, i := range path {
			for v.Kind() == reflect.Pointer && t.Kind == reflect.Pointer {
				if v.IsNil() {
					return nil
				}
				v, t = v.Elem(), t.Elem
			}
			if v.Kind() != reflect.Struct || i >= v.NumField() || i >= len(t.Fields) {
				return nil
			}
			v, t = v.Field(i), t.Fields[i].Type
		}
		if t.Kind == reflect.Interface {
			if v.Kind() != reflect.Interface || v.IsNil() {
				return nil
			}
			return p.receiver(p.dynamic(v.Elem(), false), m)
		}
		return p.receiver(p.child(v, t, false), m)
	}
	return nil
}

func (p *pp) handleMethods(it item, verb rune) (handled bool) {
	if p.erroring {
		return false
	}
	p.cur, p.curValid = it, true
	if verb == 'w' {
		if p.receiver(it, mError) == nil || !p.wrapErrs {
			p.badVerb(verb)
			return true
		}
		verb = 'v'
	}
	if f := p.receiver(it, mFormat); f != nil {
		handled = true
		defer p.catchPanic(it, verb, "Format")
		f.(fmt.Formatter).Format(&state{p}, verb)
		return
	}
	if p.sharpV {
		if g := p.receiver(it, mGoString); g != nil {
			handled = true
			defer p.catchPanic(it, verb, "GoString")
			p.fmtS(g.(fmt.GoStringer).GoString())
			return
		}
		return false
	}
	switch verb {
	case 'v', 's', 'x', 'X', 'q':
		if e := p.receiver(it, mError); e != nil {
			handled = true
			defer p.catchPanic(it, verb, "Error")
			p.fmtString(e.(error).Error(), verb)
			return
		}
		if s := p.receiver(it, mString); s != nil {
			handled = true
			defer p.catchPanic(it, verb, "String")
			p.fmtString(s.(fmt.Stringer).String(), verb)
			return
		}
	}
	return false
}

func (p *pp) catchPanic(it item, verb rune, method string) {
	err := recover()
	if err == nil {
		return
	}
	if it.v.IsValid() && it.v.Kind() == reflect.Pointer && it.v.IsNil() {
		p.buf = append(p.buf, "<nil>"...)
		return
	}
	if p.panicking {
		panic(err)
	}
	saved := *p
	p.clearflags()
	p.buf = append(p.buf, "%!"...)
	p.buf = utf8.AppendRune(p.buf, verb)
	p.buf = append(p.buf, "(PANIC="...)
	p.buf = append(p.buf, method...)
	p.buf = append(p.buf, " method: "...)
	p.panicking = true
	p.printArg(p.argItem(err), 'v')
	p.panicking = false
	p.buf = append(p.buf, ')')
	buf := p.buf
	*p = saved
	p.buf = buf
}
