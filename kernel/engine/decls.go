// The session's table of stored declarations.

package engine

import "strings"

// replaceDecl stores d, dropping earlier declarations of the same names.
func (e *Engine) replaceDecl(d *storedDecl) {
	// The same declaration again keeps its place, so that session.go, and the session
	// checked from it, stay the same.
	for i, o := range e.decls {
		if o.src == d.src && strings.Join(o.names, ",") == strings.Join(d.names, ",") {
			e.decls[i] = d
			return
		}
	}
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
