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

// registry is the process-wide set of named connections shared by %sql and the
// platform helpers.
var registry = struct {
	sync.Mutex
	conns   map[string]*entry
	order   []string
	current string
}{conns: map[string]*entry{}}

type entry struct {
	client *Client
	source string
}

// DefaultAlias is the alias of the connection Current opens from Resolve.
const DefaultAlias = "default"

// Current returns the current connection, opening the resolved default (see Resolve)
// under the alias "default" on first use.
func Current(ctx context.Context) (*Client, error) {
	registry.Lock()
	if e, ok := registry.conns[registry.current]; ok {
		registry.Unlock()
		return e.client, nil
	}
	registry.Unlock()
	dsn, source, err := Resolve()
	if err != nil {
		return nil, err
	}
	c, err := open(ctx, dsn, Options{}, linkFor(dsn, source))
	if err != nil {
		return nil, fmt.Errorf("default connection (%s): %w", source, err)
	}
	registry.Lock()
	defer registry.Unlock()
	if e, ok := registry.conns[registry.current]; ok {
		c.Close() // another goroutine won the race
		return e.client, nil
	}
	add(DefaultAlias, c, source)
	return c, nil
}

// add registers c under alias (replacing and closing any previous one) and makes it
// current. The registry lock must be held.
func add(alias string, c *Client, source string) {
	if old, ok := registry.conns[alias]; ok {
		old.client.Close()
	} else {
		registry.order = append(registry.order, alias)
	}
	registry.conns[alias] = &entry{client: c, source: source}
	registry.current = alias
}

// Connect opens dsn, registers it under alias (the redacted DSN when alias is empty)
// and makes it the current connection.
func Connect(ctx context.Context, dsn, alias string, opts Options) (*Client, error) {
	c, err := Open(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	if alias == "" {
		alias = c.Redacted()
	}
	registry.Lock()
	defer registry.Unlock()
	add(alias, c, "connect")
	return c, nil
}

// Use makes the connection registered as alias the current one.
func Use(alias string) error {
	registry.Lock()
	defer registry.Unlock()
	if _, ok := registry.conns[alias]; !ok {
		return fmt.Errorf("no connection called %q (have: %v)", alias, registry.order)
	}
	registry.current = alias
	return nil
}

// Get returns the connection registered as alias.
func Get(alias string) (*Client, error) {
	registry.Lock()
	defer registry.Unlock()
	e, ok := registry.conns[alias]
	if !ok {
		return nil, fmt.Errorf("no connection called %q (have: %v)", alias, registry.order)
	}
	return e.client, nil
}

// CloseAlias closes and forgets the connection registered as alias; when it was
// current, the most recently added remaining connection becomes current.
func CloseAlias(alias string) error {
	registry.Lock()
	defer registry.Unlock()
	e, ok := registry.conns[alias]
	if !ok {
		return fmt.Errorf("no connection called %q (have: %v)", alias, registry.order)
	}
	e.client.Close()
	delete(registry.conns, alias)
	for i, a := range registry.order {
		if a == alias {
			registry.order = append(registry.order[:i], registry.order[i+1:]...)
			break
		}
	}
	if registry.current == alias {
		registry.current = ""
		if n := len(registry.order); n > 0 {
			registry.current = registry.order[n-1]
		}
	}
	return nil
}

// CloseAll closes every registered connection.
func CloseAll() {
	registry.Lock()
	defer registry.Unlock()
	for _, e := range registry.conns {
		e.client.Close()
	}
	registry.conns = map[string]*entry{}
	registry.order = nil
	registry.current = ""
}

// List describes the registered connections in the order they were added.
func List() []ConnInfo {
	registry.Lock()
	defer registry.Unlock()
	out := make([]ConnInfo, 0, len(registry.order))
	for _, a := range registry.order {
		e := registry.conns[a]
		out = append(out, ConnInfo{Alias: a, DSN: e.client.Redacted(), Dialect: e.client.Dialect(),
			Source: e.source, Current: a == registry.current, Simple: e.client.opts.SimpleProtocol})
	}
	return out
}
