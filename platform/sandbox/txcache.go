package sandbox

import (
	"context"
	"regexp"
	"sync"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
)

// Transactions, the statement cache, and the statement-level state a session follows.

// transaction runs BEGIN, COMMIT or ROLLBACK with PostgreSQL's leniency: BEGIN inside a
// transaction and COMMIT/ROLLBACK outside one are accepted, and COMMIT of a failed
// transaction rolls it back.
func (ss *session) transaction(ctx context.Context, p *plan, w wire.DataWriter) error {
	ss.mu.Lock()
	inTx, failed := ss.inTx, ss.failed
	ss.mu.Unlock()
	verb := txVerb(p.sql)
	set := func(in bool) {
		ss.mu.Lock()
		ss.inTx, ss.failed = in, false
		ss.mu.Unlock()
	}
	rolledBack := func() {
		ss.endCursors(ctx, false)
		ss.helpers &^= ss.txHelpers
		ss.txHelpers = 0
	}
	switch verb {
	case "begin":
		if inTx {
			return w.Complete("BEGIN")
		}
		if _, err := ss.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			return err
		}
		set(true)
		return w.Complete("BEGIN")
	case "commit":
		if !inTx {
			return w.Complete("COMMIT")
		}
		if failed {
			_, _ = ss.conn.ExecContext(ctx, "ROLLBACK")
			rolledBack()
			set(false)
			return w.Complete("ROLLBACK")
		}
		ss.endCursors(ctx, true)
		if _, err := ss.conn.ExecContext(ctx, "COMMIT"); err != nil {
			_, _ = ss.conn.ExecContext(context.Background(), "ROLLBACK")
			rolledBack()
			set(false)
			return err
		}
		ss.txHelpers = 0
		set(false)
		return w.Complete("COMMIT")
	default:
		if inTx {
			_, _ = ss.conn.ExecContext(ctx, "ROLLBACK")
			rolledBack()
		}
		set(false)
		return w.Complete("ROLLBACK")
	}
}

// statementCache is psql-wire's statement cache plus the closing of the DuckDB
// statements of replaced and deleted entries.
type statementCache struct {
	wire.DefaultStatementCache
	mu    sync.Mutex
	names map[string]*wire.PreparedStatement
	sess  *session
}

// Set caches ps under name, closing the DuckDB statement it replaces.
func (c *statementCache) Set(ctx context.Context, name string, ps *wire.PreparedStatement) error {
	ss := sessionFrom(ctx)
	c.mu.Lock()
	if c.names == nil {
		c.names = map[string]*wire.PreparedStatement{}
	}
	old := c.names[name]
	c.names[name] = ps
	c.sess = ss
	c.mu.Unlock()
	if old != nil && old != ps && ss != nil {
		ss.forgetPS(old)
	}
	return c.DefaultStatementCache.Set(ctx, name, ps)
}

// Delete drops name and closes its DuckDB statement.
func (c *statementCache) Delete(ctx context.Context, name string) error {
	c.mu.Lock()
	old := c.names[name]
	delete(c.names, name)
	ss := c.sess
	c.mu.Unlock()
	if old != nil && ss != nil {
		ss.forgetPS(old)
	}
	return c.DefaultStatementCache.Delete(ctx, name)
}

func (ss *session) forgetPS(ps *wire.PreparedStatement) {
	ss.mu.Lock()
	p := ss.plans[ps]
	ss.mu.Unlock()
	if p != nil {
		ss.forget(p)
	}
}

// resultChanged reports whether a prepared statement, rebound by DuckDB after a catalog
// change, now returns columns other than those announced when it was described.
func resultChanged(p *plan, names []string) bool {
	if len(names) != len(p.cols) {
		return true
	}
	if len(p.params) > 0 {
		// DuckDB names the columns of a statement with unbound parameters
		// provisionally ("unknown"); the types are checked on the first row.
		return false
	}
	for i, n := range names {
		if n != p.duckCol[i] {
			return true
		}
	}
	return false
}

// staleResult is PostgreSQL's answer when a cached statement's result shape changed.
var staleResult = &sqlError{code: codes.FeatureNotSupported, msg: "cached plan must not change result type"}

// searchPathRE finds a change of search_path: set_config('search_path', 'v', …) or
// SET search_path TO/= v.
var searchPathRE = regexp.MustCompile(`(?is)set_config\s*\(\s*'search_path'\s*,\s*'([^']*)'|^\s*SET\s+(?:SESSION\s+|LOCAL\s+)?search_path\s*(?:=|TO)\s*(.*?)\s*;?\s*$`)
