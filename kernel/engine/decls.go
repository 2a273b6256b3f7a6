// Declaration groups: running them, and re-evaluating stored declarations that use a
// redefined name.

package engine

import ()

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
