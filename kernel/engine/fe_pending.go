// The typed front end: declarations that wait for names a later cell defines.

package engine

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// waitsForNames reports whether a type-check failure is about names not defined yet.
func (e *Engine) waitsForNames(err error) bool {
	var te *typeError
	if !errors.As(err, &te) {
		return false
	}
	return strings.HasPrefix(te.msg, "undefined: ") || strings.Contains(te.msg, "has no field or method")
}

// pend keeps a declaration cell for later, or defines it together with the waiting ones
// when they complete each other (mutual recursion across cells).
func (e *Engine) pend(ctx context.Context, code string, cause error) (cellValue, error) {
	if len(e.pending) > 0 && !e.retrying {
		all := append(append([]pendingDecl(nil), e.pending...), pendingDecl{src: code})
		if e.runPending(ctx, all) {
			e.pending = nil
			return cellValue{}, nil
		}
	}
	var te *typeError
	errors.As(cause, &te)
	e.pending = append(e.pending, pendingDecl{src: code, why: te.msg, names: layoutNames(code)})
	fmt.Fprintf(e.errw, "note: not defined yet (%s); the declaration is kept and defined when a later cell provides what it uses\n", te.msg)
	return cellValue{}, nil
}

// pendingDecl is a declaration cell waiting for names.
type pendingDecl struct {
	src   string
	why   string
	names []string
}

func layoutNames(code string) []string {
	lay, err := layoutCell(programToCell(code))
	if err != nil {
		return nil
	}
	var ns []string
	for n := range lay.declNames {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

// runPending defines waiting declarations as one cell; it reports success.
func (e *Engine) runPending(ctx context.Context, ps []pendingDecl) bool {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(programToCell(p.src))
		b.WriteString("\n")
	}
	e.retrying = true
	defer func() { e.retrying = false }()
	_, err := e.runTyped(ctx, b.String(), false, true)
	if err != nil {
		e.log.Debug("waiting declarations still fail", "error", describeErr(err))
	}
	return err == nil
}

// retryPending defines the waiting declarations once they type-check.
func (e *Engine) retryPending(ctx context.Context) {
	if e.runPending(ctx, e.pending) {
		e.pending = nil
		return
	}
	// Some may still wait: define those that can be defined on their own.
	var still []pendingDecl
	for _, p := range e.pending {
		if !e.runPending(ctx, []pendingDecl{p}) {
			still = append(still, p)
		}
	}
	e.pending = still
}

// waitingFor explains that name is declared by a cell still waiting for names.
func (e *Engine) waitingFor(name string) string {
	for _, p := range e.pending {
		for _, n := range p.names {
			if n == name {
				return name + " is declared by a cell that is not defined yet: " + p.why
			}
		}
	}
	return ""
}
