// Declaration groups: running them, and re-evaluating stored declarations that use a
// redefined name.

package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// runDecls compiles and runs a declaration group, records its declarations and rebinds
// earlier declarations that use a redefined name.
func (e *Engine) runDecls(ctx context.Context, run *cellRun, code string, g group, an *analysis) error {
	c, err := e.compileGroup(code, g, "", an.edits)
	if err != nil && len(an.rangeMaybe) > 0 && strings.Contains(err.Error(), "nil type") {
		if c2, err2 := e.compileGroup(code, g, "", append(append([]edit(nil), an.edits...), an.rangeMaybe...)); err2 == nil {
			c, err = c2, nil
		}
	}
	if err != nil {
		return e.compileError(code, c, err)
	}
	if _, err := e.execute(ctx, run, c); err != nil {
		return e.runtimeErrorAt(code, c, err)
	}
	var changed []string
	fresh := map[*storedDecl]bool{}
	for _, d := range an.decls {
		kind := d.kind.String()
		sd := &storedDecl{names: d.names, kind: kind, src: code[d.start:d.end], refs: d.refs}
		e.seq++
		sd.seq = e.seq
		e.replaceDecl(sd)
		fresh[sd] = true
		changed = append(changed, e.define(kind, d.names...)...)
		for _, n := range d.names {
			if strings.Contains(n, ".") {
				changed = append(changed, n)
			}
		}
	}
	e.rebind(ctx, changed, fresh)
	return nil
}

// replaceDecl stores d, dropping earlier declarations of the same names.
func (e *Engine) replaceDecl(d *storedDecl) {
	names := map[string]bool{}
	for _, n := range d.names {
		names[n] = true
	}
	kept := e.decls[:0]
	for _, o := range e.decls {
		drop := false
		for _, n := range o.names {
			if names[n] {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, o)
		}
	}
	e.decls = append(kept, d)
}

// rebind re-evaluates the stored functions, methods and types that use a changed name
// (directly or through another rebound declaration), so that they see the new
// definition. Declarations of this cell (fresh) are already current.
func (e *Engine) rebind(ctx context.Context, changed []string, fresh map[*storedDecl]bool) {
	if len(changed) == 0 {
		return
	}
	set := map[string]bool{}
	for _, n := range changed {
		set[n] = true
		if i := strings.IndexByte(n, '.'); i > 0 {
			set[n[i+1:]] = true // a method name, as referenced in selectors
		}
	}
	todo := map[*storedDecl]bool{}
	for grew := true; grew; {
		grew = false
		for _, d := range e.decls {
			if fresh[d] || todo[d] || d.kind == "var" || d.kind == "const" {
				continue
			}
			for r := range d.refs {
				if set[r] {
					todo[d] = true
					grew = true
					for _, n := range d.names {
						set[n] = true
					}
					break
				}
			}
		}
	}
	var list []*storedDecl
	for d := range todo {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
	for _, d := range list {
		if err := e.evalDecl(ctx, d.src); err != nil {
			fmt.Fprintf(e.errw, "note: %s no longer compiles after the redefinition: %s\n", strings.Join(d.names, ", "), describeErr(err))
		}
	}
}

// evalDecl re-evaluates the source of a stored declaration with the cell rewrites.
func (e *Engine) evalDecl(ctx context.Context, src string) error {
	for _, g := range splitCell(src) {
		an, err := analyse(src, g, false, e, &e.counter)
		if err != nil {
			return e.cellError(src, err)
		}
		c, err := e.compileGroup(src, g, "", an.edits)
		if err != nil {
			return e.compileError(src, c, err)
		}
		if _, err := e.i.ExecuteWithContext(ctx, c.prog); err != nil {
			return err
		}
	}
	return nil
}
