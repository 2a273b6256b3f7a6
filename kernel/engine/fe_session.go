// Per-session state of the front end's compiled helpers.

package engine

import (
	"runtime"
	"sync"
	"weak"
)

// perSession keeps one value of T for each front end (one per engine session), made on
// first use; the value goes away with its front end.
type perSession[T any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[frontEnd]]*T
}

// of returns fe's value, made by mk the first time.
func (p *perSession[T]) of(fe *frontEnd, mk func() *T) *T {
	wp := weak.Make(fe)
	p.mu.Lock()
	defer p.mu.Unlock()
	if v := p.m[wp]; v != nil {
		return v
	}
	if p.m == nil {
		p.m = map[weak.Pointer[frontEnd]]*T{}
	}
	v := mk()
	p.m[wp] = v
	runtime.AddCleanup(fe, func(wp weak.Pointer[frontEnd]) {
		p.mu.Lock()
		delete(p.m, wp)
		p.mu.Unlock()
	}, wp)
	return v
}
