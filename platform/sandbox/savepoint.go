package sandbox

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/fnv"
	"math"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Savepoints. DuckDB has none, and an error aborts its whole transaction. The session
// keeps a log of the statements its transaction ran that may write (with their
// parameters and a digest of what each returned); ROLLBACK TO SAVEPOINT rolls DuckDB's
// transaction back, begins another and replays the logged statements the transaction
// ran before the savepoint. The replay is checked: every statement must succeed and
// return what it returned the first time (its command tag, so the rows it touched,
// and the rows of its RETURNING, with the now(), nextval() and random() values the
// client saw); otherwise the ROLLBACK TO fails with 40001 and the transaction stays
// aborted, as after any error, so the client rolls back and retries. Reads are not
// replayed. A replay is only sound while no other session commits: the replayed
// statements would read what it wrote and could write other values under the same
// command tags, so ROLLBACK TO fails with 40001 too when another session committed
// since the transaction began (Server.writeGen). Values the client did not see may
// differ (now() becomes the replay's start; random(), gen_random_uuid(), sequences
// written without RETURNING). A transaction with COPY FROM STDIN, cursors
// or EXPLAIN ANALYZE cannot be replayed: ROLLBACK TO refuses with 0A000.

// maxLogged bounds the statements a transaction's log keeps; beyond it ROLLBACK TO
// refuses (0A000).
const maxLogged = 100000

// spLog is the log of a transaction.
type spLog struct {
	entries []spEntry
	marks   []spMark
	broken  string // why the transaction cannot be replayed, "" when it can
	// replaying silences the notices of replayed statements.
	replaying bool
	// since is the server's writeGen when the transaction began.
	since uint64
	// seqs: the sequences before the first write (savepoint_serial.go).
	seqs *spSequences
}

// spEntry is one statement the transaction ran.
type spEntry struct {
	sql     string
	simple  bool
	clientP []uint32
	args    []driver.NamedValue
	tag     string
	digest  uint64
	// seqs, when set, marks where a ROLLBACK TO set the sequences (savepoint_serial.go).
	seqs map[[2]string]seqState
}

// spMark is a savepoint: its name and the number of statements run before it.
type spMark struct {
	name string
	at   int
}

// spWatch returns the writer a statement writes to: one that digests what it returns
// while the session keeps a transaction's log.
func (ss *session) spWatch(p *plan, w wire.DataWriter) (wire.DataWriter, *digestWriter) {
	if ss.sp == nil || ss.sp.broken != "" {
		return w, nil
	}
	switch p.kind {
	case kindRows:
		if readTags[p.tag] {
			// A read changes nothing to replay; it is not logged (nor digested, which
			// would slow large fetches in every transaction).
			return w, nil
		}
		ss.spNoteSequences() // savepoint_serial.go
		d := newDigestWriter(w)
		return d, d
	case kindExec, kindAdmin:
		if p.kind == kindAdmin && p.admin.Kind == pgsql.AdminExplain && p.admin.Analyze {
			ss.sp.broken = "EXPLAIN ANALYZE"
			return w, nil
		}
		if p.kind == kindAdmin && (p.admin.Kind == pgsql.AdminSavepoint || p.admin.Kind == pgsql.AdminRelease ||
			p.admin.Kind == pgsql.AdminRollbackTo || p.admin.Kind == pgsql.AdminNoop || p.admin.Kind == pgsql.AdminRefuse ||
			p.admin.Kind == pgsql.AdminExplain && !p.admin.Analyze) {
			return w, nil
		}
		ss.spNoteSequences() // savepoint_serial.go
		d := newDigestWriter(w)
		return d, d
	case kindCopyIn:
		ss.sp.broken = "COPY FROM STDIN"
	case kindDeclare, kindFetch, kindClose:
		ss.sp.broken = "a cursor"
	}
	return w, nil
}

// countWrite counts a statement that may have written outside a transaction block
// as a commit (Server.writeGen).
func (ss *session) countWrite(p *plan, err error) {
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if err != nil || inTx || p.kind == kindRows && readTags[p.tag] {
		return
	}
	ss.srv.writeGen.Add(1)
}

// readTags are the command tags of statements that only read.
var readTags = map[string]bool{"SELECT": true, "VALUES": true, "TABLE": true, "SHOW": true, "PRAGMA": true,
	"DESCRIBE": true, "SUMMARIZE": true, "FROM": true}

// spRecord adds a statement that ran without error to the transaction's log.
func (ss *session) spRecord(d *digestWriter, p *plan, params []wire.Parameter, err error) {
	if d == nil || err != nil || ss.sp == nil {
		return
	}
	if len(ss.sp.entries) >= maxLogged {
		ss.sp.broken = fmt.Sprintf("more than %d statements", maxLogged)
		return
	}
	e := spEntry{sql: p.sql, simple: p.simple, clientP: p.clientP, tag: d.tag, digest: d.h.Sum64()}
	if len(params) > 0 {
		args, err := bindArgs(p, params)
		if err != nil {
			ss.sp.broken = "a statement whose parameters could not be kept"
			return
		}
		for i, a := range args {
			if b, ok := a.Value.([]byte); ok {
				args[i].Value = bytes.Clone(b)
			}
		}
		e.args = args
	}
	ss.sp.entries = append(ss.sp.entries, e)
}

// savepointCommand runs SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT.
func (ss *session) savepointCommand(ctx context.Context, a *pgsql.Admin, w wire.DataWriter) error {
	ss.mu.Lock()
	inTx, implicit := ss.inTx, ss.implicit
	ss.mu.Unlock()
	verb := map[pgsql.AdminKind]string{pgsql.AdminSavepoint: "SAVEPOINT", pgsql.AdminRelease: "RELEASE SAVEPOINT",
		pgsql.AdminRollbackTo: "ROLLBACK TO SAVEPOINT"}[a.Kind]
	if !inTx || implicit || ss.sp == nil {
		return &sqlError{code: codes.NoActiveSQLTransaction, msg: verb + " can only be used in transaction blocks"}
	}
	if a.Kind != pgsql.AdminRollbackTo {
		if err := ss.abortedTx(); err != nil {
			return err
		}
	}
	log := ss.sp
	if a.Kind == pgsql.AdminSavepoint {
		log.marks = append(log.marks, spMark{name: a.Name, at: len(log.entries)})
		return w.Complete("SAVEPOINT")
	}
	idx := -1
	for i := len(log.marks) - 1; i >= 0; i-- {
		if log.marks[i].name == a.Name {
			idx = i
			break
		}
	}
	if idx < 0 {
		return &sqlError{code: codes.InvalidSavepointSpecification, msg: fmt.Sprintf("savepoint %q does not exist", a.Name)}
	}
	if a.Kind == pgsql.AdminRelease {
		log.marks = log.marks[:idx]
		return w.Complete("RELEASE")
	}
	if log.broken != "" {
		return &sqlError{code: codes.FeatureNotSupported,
			msg:  fmt.Sprintf("ROLLBACK TO SAVEPOINT is not supported after %s in the same transaction", log.broken),
			hint: "DuckDB has no savepoints: the sandbox replays the transaction up to the savepoint, which it cannot do here. Roll back the whole transaction."}
	}
	mark := log.marks[idx]
	replay := log.entries[:mark.at]
	if len(replay) > 0 && ss.srv.writeGen.Load() != log.since {
		// The replay would read what another session committed since the
		// transaction's statements first ran, and could write other values under the
		// same command tags.
		log.broken = "a commit of another session"
		return &sqlError{code: codes.SerializationFailure,
			msg:  fmt.Sprintf("could not roll back to savepoint %q: another session committed changes since the transaction began", a.Name),
			hint: "DuckDB has no savepoints: the sandbox replays the transaction up to the savepoint, which is only sound while no other session commits. Roll back the whole transaction and retry it."}
	}
	log.entries, log.marks = nil, log.marks[:idx+1]
	if _, err := ss.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		return err
	}
	lost := ss.txHelpers
	ss.helpers &^= lost
	ss.txHelpers = 0
	if _, err := ss.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	ss.mu.Lock()
	ss.failed = false
	ss.mu.Unlock()
	if lost != 0 {
		if err := ss.ensureHelpers(ctx, lost); err != nil {
			return err
		}
	}
	log.replaying = true
	defer func() { log.replaying = false }()
	resume, err := ss.spRewindSequences(ctx) // savepoint_serial.go
	if err != nil {
		log.broken = "a sequence that could not be set"
		return &sqlError{code: codes.SerializationFailure, msg: fmt.Sprintf("could not roll back to savepoint %q: %v", a.Name, err)}
	}
	for i, e := range replay {
		if e.seqs != nil {
			err = ss.spReplaySequences(ctx, e) // savepoint_serial.go
		} else {
			err = ss.replayOne(ctx, e)
		}
		if err != nil {
			log.broken = "a failed replay"
			return &sqlError{code: codes.SerializationFailure,
				msg:    fmt.Sprintf("could not roll back to savepoint %q: the transaction's statement %d gave another result when replayed", a.Name, i+1),
				detail: fmt.Sprintf("Statement: %s\n%v", e.sql, err),
				hint:   "DuckDB has no savepoints: the sandbox replays the transaction up to the savepoint. Roll back the whole transaction and retry it."}
		}
	}
	if err := resume(); err != nil {
		log.broken = "a sequence that could not be set"
		return &sqlError{code: codes.SerializationFailure, msg: fmt.Sprintf("could not roll back to savepoint %q: %v", a.Name, err)}
	}
	return w.Complete("ROLLBACK")
}

// replayOne runs a logged statement again and checks it returns what it returned.
func (ss *session) replayOne(ctx context.Context, e spEntry) error {
	np := &plan{sql: e.sql, simple: e.simple, clientP: e.clientP}
	if err := ss.prepare(ctx, np); err != nil {
		return err
	}
	defer func() { _ = ss.raw(func(*duckdb.Conn) error { np.closeStmt(); return nil }) }()
	d := newDigestWriter(nil)
	var err error
	switch np.kind {
	case kindAdmin:
		err = ss.runAdmin(ctx, np, d)
	case kindExec:
		err = ss.raw(func(c *duckdb.Conn) error {
			res, err := np.stmt.ExecContext(ctx, e.args)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			return d.Complete(execTag(np.tag, n))
		})
		if err == nil {
			ss.keepConstraintNames(ctx, np.sql)
			ss.keepDeclaredTypes(ctx, np.sql)
		}
	case kindRows:
		err = ss.raw(func(c *duckdb.Conn) error {
			rows, err := np.stmt.QueryContext(ctx, e.args)
			if err != nil {
				return err
			}
			defer rows.Close()
			return writeRows(ctx, np, rows, d)
		})
	default:
		return fmt.Errorf("a statement of kind %d cannot be replayed", np.kind)
	}
	if err != nil {
		return err
	}
	if d.tag != e.tag || d.h.Sum64() != e.digest {
		return fmt.Errorf("returned %s with other rows (first run: %s)", d.tag, e.tag)
	}
	ss.sp.entries = append(ss.sp.entries, e)
	return nil
}

// digestWriter passes a statement's result on (to inner, when set) and digests it.
type digestWriter struct {
	inner wire.DataWriter
	h     hash.Hash64
	tag   string
	n     uint32
	buf   []byte
}

func newDigestWriter(inner wire.DataWriter) *digestWriter {
	return &digestWriter{inner: inner, h: fnv.New64a()}
}

func (d *digestWriter) add(row []any) {
	b := d.buf[:0]
	for _, v := range row {
		switch x := v.(type) {
		case nil:
			b = append(b, 0)
		case int64:
			b = binary.LittleEndian.AppendUint64(append(b, 1), uint64(x))
		case int32:
			b = binary.LittleEndian.AppendUint64(append(b, 1), uint64(x))
		case float64:
			b = binary.LittleEndian.AppendUint64(append(b, 2), math.Float64bits(x))
		case string:
			b = append(append(b, 3), x...)
			b = append(b, 0)
		case []byte:
			b = append(append(b, 4), x...)
			b = append(b, 0)
		case bool:
			if x {
				b = append(b, 5, 1)
			} else {
				b = append(b, 5, 0)
			}
		case time.Time:
			b = binary.LittleEndian.AppendUint64(append(b, 6), uint64(x.UnixNano()))
		default:
			b = fmt.Appendf(append(b, 7), "%v", x)
			b = append(b, 0)
		}
	}
	d.buf = b
	_, _ = d.h.Write(b)
	d.n++
}

// Row digests and writes one row.
func (d *digestWriter) Row(row []any) error {
	d.add(row)
	if d.inner == nil {
		return nil
	}
	return d.inner.Row(row)
}

// Rows digests and writes rows in a batch.
func (d *digestWriter) Rows(rows [][]any) error {
	for _, r := range rows {
		d.add(r)
	}
	if d.inner == nil {
		return nil
	}
	return wire.WriteRows(d.inner, rows)
}

// Written is the number of rows written.
func (d *digestWriter) Written() uint32 { return d.n }

// Empty announces an empty response.
func (d *digestWriter) Empty() error {
	d.tag = ""
	if d.inner == nil {
		return nil
	}
	return d.inner.Empty()
}

// Columns are the inner writer's columns.
func (d *digestWriter) Columns() wire.Columns {
	if d.inner == nil {
		return nil
	}
	return d.inner.Columns()
}

// Complete records the command tag and passes it on.
func (d *digestWriter) Complete(tag string) error {
	d.tag = tag
	if d.inner == nil {
		return nil
	}
	return d.inner.Complete(tag)
}

// CopyIn is not digested (a transaction with COPY FROM cannot be replayed).
func (d *digestWriter) CopyIn(f wire.FormatCode) (*wire.CopyReader, error) {
	if d.inner == nil {
		return nil, fmt.Errorf("sandbox: COPY in a replay")
	}
	return d.inner.CopyIn(f)
}
