package qs

import (
	"context"
	"fmt"
	"sync"
)

// ConnInfo describes one registered connection for listings: alias, DSN without
// password, dialect, and whether it is the current one.
type ConnInfo struct {
	Alias   string
	DSN     string
	Dialect string
	Source  string
	Current bool
	Simple  bool
}

// Registry is one session's set of named connections, shared by its %sql magics and
// the platform helpers its cells call: the connections opened by name, and the current
// one. A kernel session owns one and carries it in the context of its cells
// (WithRegistry), so two sessions in one process never see each other's connections.
type Registry struct {
	mu      sync.Mutex
	conns   map[string]*entry
	order   []string
	current string
}

type entry struct {
	client *Client
	source string
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{conns: map[string]*entry{}} }

type registryKey struct{}

// processRegistry serves contexts that carry no registry: programs and tests that use
// qs outside a kernel session.
var processRegistry = NewRegistry()

// WithRegistry returns a context whose connections (Current, Connect, RegistryOf) are
// r's.
func WithRegistry(ctx context.Context, r *Registry) context.Context {
	return context.WithValue(ctx, registryKey{}, r)
}

// RegistryOf returns the registry ctx carries, or the process's own when it carries
// none.
func RegistryOf(ctx context.Context) *Registry {
	if ctx != nil {
		if r, ok := ctx.Value(registryKey{}).(*Registry); ok && r != nil {
			return r
		}
	}
	return processRegistry
}

// DefaultAlias is the alias of the connection Current opens from Resolve.
const DefaultAlias = "default"

// Current returns the current connection of ctx's registry (RegistryOf), opening the
// resolved default (see Resolve) under the alias "default" on first use.
func Current(ctx context.Context) (*Client, error) { return RegistryOf(ctx).Current(ctx) }

// Connect opens dsn in ctx's registry (RegistryOf): see Registry.Connect.
func Connect(ctx context.Context, dsn, alias string, opts Options) (*Client, error) {
	return RegistryOf(ctx).Connect(ctx, dsn, alias, opts)
}

// Current returns the current connection, opening the resolved default (see Resolve)
// under the alias "default" on first use.
func (r *Registry) Current(ctx context.Context) (*Client, error) {
	r.mu.Lock()
	if e, ok := r.conns[r.current]; ok {
		r.mu.Unlock()
		return e.client, nil
	}
	r.mu.Unlock()
	dsn, source, err := Resolve()
	if err != nil {
		return nil, err
	}
	c, err := open(ctx, dsn, Options{}, linkFor(dsn, source))
	if err != nil {
		return nil, fmt.Errorf("default connection (%s): %w", source, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if e, ok := r.conns[r.current]; ok {
		c.Close() // another goroutine won the race
		return e.client, nil
	}
	r.add(DefaultAlias, c, source)
	return c, nil
}

// add registers c under alias (replacing and closing any previous one) and makes it
// current. r.mu must be held.
func (r *Registry) add(alias string, c *Client, source string) {
	if old, ok := r.conns[alias]; ok {
		old.client.Close()
	} else {
		r.order = append(r.order, alias)
	}
	r.conns[alias] = &entry{client: c, source: source}
	r.current = alias
}

// Connect opens dsn, registers it under alias (the redacted DSN when alias is empty)
// and makes it the current connection.
func (r *Registry) Connect(ctx context.Context, dsn, alias string, opts Options) (*Client, error) {
	c, err := Open(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	if alias == "" {
		alias = c.Redacted()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.add(alias, c, "connect")
	return c, nil
}

// Use makes the connection registered as alias the current one.
func (r *Registry) Use(alias string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.conns[alias]; !ok {
		return r.unknown(alias)
	}
	r.current = alias
	return nil
}

// Get returns the connection registered as alias.
func (r *Registry) Get(alias string) (*Client, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.conns[alias]
	if !ok {
		return nil, r.unknown(alias)
	}
	return e.client, nil
}

// unknown is the error for an alias that is not registered. r.mu must be held.
func (r *Registry) unknown(alias string) error {
	return fmt.Errorf("no connection called %q (have: %v)", alias, r.order)
}

// CloseAlias closes and forgets the connection registered as alias; when it was
// current, the most recently added remaining connection becomes current.
func (r *Registry) CloseAlias(alias string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.conns[alias]
	if !ok {
		return r.unknown(alias)
	}
	e.client.Close()
	delete(r.conns, alias)
	for i, a := range r.order {
		if a == alias {
			r.order = append(r.order[:i], r.order[i+1:]...)
			break
		}
	}
	if r.current == alias {
		r.current = ""
		if n := len(r.order); n > 0 {
			r.current = r.order[n-1]
		}
	}
	return nil
}

// CloseAll closes every registered connection (the session's end).
func (r *Registry) CloseAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.conns {
		e.client.Close()
	}
	r.conns = map[string]*entry{}
	r.order = nil
	r.current = ""
}

// List describes the registered connections in the order they were added.
func (r *Registry) List() []ConnInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]ConnInfo, 0, len(r.order))
	for _, a := range r.order {
		e := r.conns[a]
		out = append(out, ConnInfo{Alias: a, DSN: e.client.Redacted(), Dialect: e.client.Dialect(),
			Source: e.source, Current: a == r.current, Simple: e.client.opts.SimpleProtocol})
	}
	return out
}
