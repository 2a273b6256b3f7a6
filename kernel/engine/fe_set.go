// The typed front end: session variables set from compiled values (Session.Set).

package engine

import (
	"context"
	"fmt"
	"reflect"
	"strings"
)

// setTyped declares session variable name with value's type and sets it.
func (e *Engine) setTyped(name string, rv reflect.Value) error {
	out := newLowered()
	l := &lowerer{fe: e.fe, out: out, edits: map[string][]edit{}, pkgPath: "main"}
	t, err := l.reflectType(rv.Type())
	if err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	if err := e.importAliases(context.Background(), out); err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	if _, err := e.compileRun(context.Background(), "package main\nvar "+name+" "+t); err != nil {
		return fmt.Errorf("set %s: %w", name, err)
	}
	g, ok := e.globals()[name]
	if !ok || !g.CanSet() {
		return fmt.Errorf("set %s: the variable was not created", name)
	}
	g.Set(rv)
	e.fe.vars[name] = feVar{check: t, lowered: t, paths: sortedSet(out.aliases)}
	e.dropStoredVar(name)
	e.define("var", name)
	return nil
}

// reflectType writes a compiled type as source.
func (l *lowerer) reflectType(t reflect.Type) (string, error) {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name(), nil
		}
		if strings.ContainsAny(t.Name(), "[") {
			return "", &unnameable{t.String()}
		}
		first := t.Name()[:1]
		if strings.ToUpper(first) != first {
			return "", &unnameable{t.String()}
		}
		l.needAlias(t.PkgPath())
		return l.fe.alias(t.PkgPath()) + "." + t.Name(), nil
	}
	elem := func(prefix string, et reflect.Type) (string, error) {
		s, err := l.reflectType(et)
		return prefix + s, err
	}
	switch t.Kind() {
	case reflect.Pointer:
		return elem("*", t.Elem())
	case reflect.Slice:
		return elem("[]", t.Elem())
	case reflect.Array:
		return elem(fmt.Sprintf("[%d]", t.Len()), t.Elem())
	case reflect.Chan:
		switch t.ChanDir() {
		case reflect.RecvDir:
			return elem("<-chan ", t.Elem())
		case reflect.SendDir:
			return elem("chan<- ", t.Elem())
		}
		return elem("chan ", t.Elem())
	case reflect.Map:
		k, err := l.reflectType(t.Key())
		if err != nil {
			return "", err
		}
		return elem("map["+k+"]", t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "interface{}", nil
		}
	case reflect.Func:
		var ps, rs []string
		for i := 0; i < t.NumIn(); i++ {
			s, err := l.reflectType(t.In(i))
			if err != nil {
				return "", err
			}
			if t.IsVariadic() && i == t.NumIn()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			ps = append(ps, s)
		}
		for i := 0; i < t.NumOut(); i++ {
			s, err := l.reflectType(t.Out(i))
			if err != nil {
				return "", err
			}
			rs = append(rs, s)
		}
		r := "func(" + strings.Join(ps, ", ") + ")"
		if len(rs) == 1 {
			r += " " + rs[0]
		} else if len(rs) > 1 {
			r += " (" + strings.Join(rs, ", ") + ")"
		}
		return r, nil
	case reflect.Struct:
		var fs []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			s, err := l.reflectType(f.Type)
			if err != nil {
				return "", err
			}
			if f.Anonymous {
				fs = append(fs, s)
			} else {
				fs = append(fs, f.Name+" "+s)
			}
		}
		return "struct{" + strings.Join(fs, "; ") + "}", nil
	}
	return "", &unnameable{t.String()}
}
