package sandbox

import (
	"context"
	"encoding/binary"
	"regexp"
	"sync"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
)

// Transactions, the statement cache, and the statement-level state a session follows.

// transaction runs BEGIN, COMMIT or ROLLBACK with PostgreSQL's leniency: BEGIN inside a
// transaction and COMMIT/ROLLBACK outside one are accepted with PostgreSQL's warning,
// and COMMIT of a failed transaction rolls it back. In the implicit block of a query
// string, BEGIN makes the block explicit (it stays open after the string) and
// COMMIT/ROLLBACK end it with the warning that no transaction is in progress.
func (ss *session) transaction(ctx context.Context, p *plan, w wire.DataWriter) error {
	defer ss.declTxEnd() // declared.go
	ss.mu.Lock()
	inTx, failed, implicit := ss.inTx, ss.failed, ss.implicit
	ss.mu.Unlock()
	verb := txVerb(p.sql)
	defer ss.zoneTxEnd(ctx, verb, failed) // timezone.go
	set := func(in bool) {
		ss.mu.Lock()
		ss.inTx, ss.failed, ss.implicit = in, false, false
		ss.mu.Unlock()
		if ss.sp = nil; in && !implicit {
			ss.sp = &spLog{since: ss.srv.writeGen.Load()} // savepoint.go
		} else if in {
			ss.sp = &spLog{broken: "statements of a query string before its BEGIN"}
		}
	}
	switch {
	case verb == "begin" && implicit:
		set(true)
		return w.Complete("BEGIN")
	case verb == "begin" && inTx:
		ss.warn("25001", "there is already a transaction in progress")
	case verb != "begin" && (!inTx || implicit):
		ss.warn("25P01", "there is no transaction in progress")
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
		ss.srv.writeGen.Add(1) // savepoint.go
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

// beginImplicit opens the implicit transaction block in which PostgreSQL runs the
// statements of a query string holding several (unless a transaction is open already):
// they commit together after the last one, an error rolls back those before it, and
// what needs a transaction block (DECLARE without HOLD, LOCK) may run in it.
func (ss *session) beginImplicit(ctx context.Context) error {
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if inTx {
		return nil
	}
	if _, err := ss.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	ss.mu.Lock()
	ss.inTx, ss.failed, ss.implicit = true, false, true
	ss.mu.Unlock()
	return nil
}

// endImplicit commits (or rolls back) the implicit transaction block, if one is open;
// cursors without HOLD close with it.
func (ss *session) endImplicit(ctx context.Context, commit bool) error {
	defer ss.declTxEnd() // declared.go
	ss.mu.Lock()
	implicit := ss.implicit
	ss.mu.Unlock()
	if !implicit {
		return nil
	}
	var err error
	if commit {
		ss.endCursors(ctx, true)
		if _, err = ss.conn.ExecContext(ctx, "COMMIT"); err == nil {
			ss.txHelpers = 0
			ss.srv.writeGen.Add(1) // savepoint.go
		}
	}
	if !commit || err != nil {
		_, _ = ss.conn.ExecContext(context.Background(), "ROLLBACK")
		ss.endCursors(ctx, false)
		ss.helpers &^= ss.txHelpers
		ss.txHelpers = 0
	}
	ss.mu.Lock()
	ss.inTx, ss.failed, ss.implicit = false, false, false
	ss.mu.Unlock()
	ss.sp = nil
	return err
}

// warn sends the client a WARNING notice, as PostgreSQL does for a COMMIT with no
// transaction in progress (the frame goes out before the statement's CommandComplete).
func (ss *session) warn(code, msg string) { ss.sendNotice("WARNING", code, msg) }

// sendNotice writes a NoticeResponse frame of the given severity to the client.
func (ss *session) sendNotice(severity, code, msg string) {
	var b []byte
	for _, f := range [][2]string{{"S", severity}, {"V", severity}, {"C", code}, {"M", msg}} {
		b = append(b, f[0][0])
		b = append(b, f[1]...)
		b = append(b, 0)
	}
	b = append(b, 0)
	frame := append([]byte{'N', 0, 0, 0, 0}, b...)
	binary.BigEndian.PutUint32(frame[1:5], uint32(len(frame)-1))
	_, _ = ss.wc.Write(frame)
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
