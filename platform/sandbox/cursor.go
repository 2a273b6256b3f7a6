package sandbox

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Cursors (DECLARE, FETCH, MOVE, CLOSE), as psycopg2's named cursors and SQLAlchemy's
// stream_results use them. DuckDB has none: DECLARE materialises the query's result
// into a temporary table (an insensitive cursor, as PostgreSQL's WITH HOLD cursors are
// once their transaction commits), whose rowid is the row's place in the result, and
// FETCH reads a range of it. A cursor without HOLD lives until its transaction ends, as
// in PostgreSQL; one WITH HOLD lives until CLOSE or the end of the session, unless the
// transaction that declared it rolls back.

// cursor is one open cursor.
type cursor struct {
	name     string
	table    string // its temporary table, quoted
	cols     wire.Columns
	convs    []converter
	rows     int64 // the result's size
	pos      int64 // 0 before the first row, 1…rows on a row, rows+1 after the last
	hold     bool
	noScroll bool
	inTx     bool // declared in the open transaction
	// base is the rowid of the first row: rows a transaction has not committed yet
	// have rowids far above those of committed ones, so it changes when a cursor's
	// transaction commits (measured again when unknown).
	base      int64
	baseKnown bool
}

// measure reads the size of the cursor's result and the rowid of its first row.
func (c *cursor) measure(ctx context.Context, dc *duckdb.Conn) error {
	rows, err := dc.QueryContext(ctx, "SELECT count(*), coalesce(min(rowid), 0) FROM "+c.table, nil)
	if err != nil {
		return err
	}
	defer rows.Close()
	dst := make([]driver.Value, 2)
	if err := rows.Next(dst); err != nil {
		return err
	}
	c.rows, _ = dst[0].(int64)
	c.base, _ = dst[1].(int64)
	c.baseKnown = true
	return nil
}

// prepareCursor describes a DECLARE, FETCH, MOVE or CLOSE.
func (ss *session) prepareCursor(ctx context.Context, p *plan, cur pgsql.Cursor) error {
	p.cursor = cur
	if err := ss.abortedTx(); err != nil {
		return err
	}
	switch cur.Kind {
	case pgsql.Declare:
		p.tag = "DECLARE CURSOR"
		if cur.Binary {
			return &sqlError{code: codes.FeatureNotSupported, msg: "binary cursors are not supported by the sandbox"}
		}
		if err := ss.prepareInner(ctx, p, cur.Query); err != nil {
			return err
		}
		p.kind = kindDeclare
	case pgsql.Fetch, pgsql.Move:
		p.tag = "FETCH"
		if cur.Kind == pgsql.Move {
			p.tag = "MOVE"
		}
		c, err := ss.cursorNamed(cur.Name)
		if err != nil {
			return err
		}
		if cur.Kind == pgsql.Fetch {
			p.cols = append(wire.Columns(nil), c.cols...)
			p.convs = c.convs
		}
		p.kind = kindFetch
	case pgsql.Close:
		p.tag, p.kind = "CLOSE CURSOR", kindClose
	}
	return nil
}

func (ss *session) cursorNamed(name string) (*cursor, error) {
	ss.mu.Lock()
	c := ss.cursors[name]
	ss.mu.Unlock()
	if c == nil {
		return nil, &sqlError{code: codes.InvalidCursorName, msg: fmt.Sprintf("cursor %q does not exist", name)}
	}
	return c, nil
}

// declare materialises the cursor's result.
func (ss *session) declare(ctx context.Context, p *plan, w wire.DataWriter, args []driver.NamedValue) error {
	cur, in := p.cursor, p.inner
	ss.mu.Lock()
	_, exists := ss.cursors[cur.Name]
	inTx := ss.inTx
	ss.nCursor++
	n := ss.nCursor
	ss.mu.Unlock()
	if exists {
		return &sqlError{code: codes.DuplicateCursor, msg: fmt.Sprintf("cursor %q already exists", cur.Name)}
	}
	if !inTx && !cur.Hold {
		return &sqlError{code: codes.NoActiveSQLTransaction, msg: "DECLARE CURSOR can only be used in transaction blocks"}
	}
	c := &cursor{name: cur.Name, table: fmt.Sprintf(`temp.main."sluice_cursor_%d"`, n), cols: in.cols, convs: in.convs,
		hold: cur.Hold, noScroll: cur.NoScroll, inTx: inTx}
	aliases := make([]string, len(in.cols))
	for i := range aliases {
		aliases[i] = fmt.Sprintf("c%d", i+1)
	}
	q := fmt.Sprintf("CREATE TEMP TABLE %s AS SELECT * FROM (%s) AS q(%s)", c.table, strings.TrimRight(strings.TrimSpace(in.duck), ";"), strings.Join(aliases, ", "))
	err := ss.raw(func(dc *duckdb.Conn) error {
		if _, err := dc.ExecContext(ctx, q, args); err != nil {
			return err
		}
		return c.measure(ctx, dc)
	})
	if err != nil {
		return translate(ctx, err, "", 0)
	}
	ss.mu.Lock()
	if ss.cursors == nil {
		ss.cursors = map[string]*cursor{}
	}
	ss.cursors[cur.Name] = c
	ss.mu.Unlock()
	return w.Complete("DECLARE CURSOR")
}

// span is the rows a FETCH or MOVE passes over: first…last (1-based, in the order they
// are returned), and where the cursor stands afterwards.
type span struct {
	first, last int64 // last < first for none when forward, first < last when backward
	n           int64
	backward    bool
	pos         int64
}

// step works out a FETCH or MOVE on a cursor of rows rows standing at pos, as
// PostgreSQL's PortalRunFetch does.
func step(dir pgsql.Direction, count, pos, rows int64) span {
	single := func(target int64) span {
		switch {
		case target < 1:
			return span{pos: 0}
		case target > rows:
			return span{pos: rows + 1}
		}
		return span{first: target, last: target, n: 1, pos: target}
	}
	switch dir {
	case pgsql.Absolute:
		switch {
		case count > 0:
			return single(count)
		case count < 0:
			return single(rows + 1 + count)
		}
		return span{pos: 0}
	case pgsql.Relative:
		if count == 0 && (pos < 1 || pos > rows) {
			return span{pos: pos}
		}
		return single(pos + count)
	case pgsql.Backward:
		if count == 0 {
			return step(pgsql.Relative, 0, pos, rows)
		}
		first := min(pos-1, rows)
		last := max(first-count+1, 1)
		n := max(first-last+1, 0)
		s := span{first: first, last: last, n: n, backward: true, pos: pos - count}
		if n < count || s.pos < 0 {
			s.pos = 0
		}
		return s
	}
	if count == 0 {
		return step(pgsql.Relative, 0, pos, rows)
	}
	first := pos + 1
	last := rows
	if count <= rows-pos { // no overflow for FETCH ALL
		last = pos + count
	}
	n := max(last-first+1, 0)
	s := span{first: first, last: last, n: n, pos: last}
	if n < count {
		s.pos = rows + 1
	}
	return s
}

// fetch runs a FETCH or MOVE.
func (ss *session) fetch(ctx context.Context, p *plan, w wire.DataWriter) error {
	cur := p.cursor
	c, err := ss.cursorNamed(cur.Name)
	if err != nil {
		return err
	}
	if cur.Kind == pgsql.Fetch && !sameColumns(p.cols, c.cols) {
		return staleResult // the name now stands for another cursor
	}
	backward := cur.Direction == pgsql.Backward || cur.Direction == pgsql.Absolute || cur.Direction == pgsql.Relative && cur.Count < 0
	if c.noScroll && backward {
		return &sqlError{code: codes.ObjectNotInPrerequisiteState, msg: "cursor can only scan forward",
			hint: "Declare it with SCROLL option to enable backward scan."}
	}
	s := step(cur.Direction, cur.Count, c.pos, c.rows)
	c.pos = s.pos
	if cur.Kind == pgsql.Move {
		return w.Complete(fmt.Sprintf("MOVE %d", s.n))
	}
	lo, hi, order := s.first, s.last, "ASC"
	if s.backward {
		lo, hi, order = s.last, s.first, "DESC"
	}
	if s.n == 0 {
		lo, hi = 1, 0
	}
	cols := make([]string, len(c.cols))
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i+1)
	}
	return ss.raw(func(dc *duckdb.Conn) error {
		if !c.baseKnown {
			if err := c.measure(ctx, dc); err != nil {
				return err
			}
		}
		q := fmt.Sprintf("SELECT %s FROM %s WHERE rowid BETWEEN %d AND %d ORDER BY rowid %s",
			strings.Join(cols, ", "), c.table, c.base+lo-1, c.base+hi-1, order)
		rows, err := dc.QueryContext(ctx, q, nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		return writeRows(ctx, p, rows, w)
	})
}

func sameColumns(a, b wire.Columns) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Oid != b[i].Oid {
			return false
		}
	}
	return true
}

// closeCursor runs CLOSE name or CLOSE ALL.
func (ss *session) closeCursor(ctx context.Context, p *plan, w wire.DataWriter) error {
	name := p.cursor.Name
	ss.mu.Lock()
	var drop []*cursor
	if name == "" {
		for _, c := range ss.cursors {
			drop = append(drop, c)
		}
		ss.cursors = nil
	} else if c := ss.cursors[name]; c != nil {
		drop = append(drop, c)
		delete(ss.cursors, name)
	}
	ss.mu.Unlock()
	if name != "" && len(drop) == 0 {
		return &sqlError{code: codes.InvalidCursorName, msg: fmt.Sprintf("cursor %q does not exist", name)}
	}
	for _, c := range drop {
		if _, err := ss.conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+c.table); err != nil {
			return err
		}
	}
	if name == "" {
		return w.Complete("CLOSE CURSOR ALL")
	}
	return w.Complete("CLOSE CURSOR")
}

// endCursors closes the cursors a transaction's end closes: before COMMIT those
// without HOLD (their tables are dropped in the transaction), after ROLLBACK those the
// transaction declared (their tables went with it) and those without HOLD.
func (ss *session) endCursors(ctx context.Context, commit bool) {
	ss.mu.Lock()
	var drop []*cursor
	for name, c := range ss.cursors {
		if !c.hold || (!commit && c.inTx) {
			drop = append(drop, c)
			delete(ss.cursors, name)
			continue
		}
		c.inTx = false
		c.baseKnown = false
	}
	ss.mu.Unlock()
	if commit {
		for _, c := range drop {
			_, _ = ss.conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+c.table)
		}
	}
}
