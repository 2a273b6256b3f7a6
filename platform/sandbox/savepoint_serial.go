package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Sequences in a replayed transaction (savepoint.go). DuckDB's sequences, like
// PostgreSQL's, are not rolled back, so a statement replayed by ROLLBACK TO SAVEPOINT
// took the next values of its serial columns, not those the client saw in its
// RETURNING, and the replay failed (40001). The session therefore notes the state of
// the sequences before the transaction's first write. ROLLBACK TO replays with each
// sequence that moved since replaced, in the defaults that call it, by a sequence of
// the replay that starts from the noted state (DuckDB has no setval; where a former
// ROLLBACK TO replayed, the log holds the state the sequences had then, and the
// replay's sequence continues from it there), and then sets the defaults back: the
// sequences themselves are never changed, so values handed out after the savepoint
// are not handed out again, as in PostgreSQL. A statement that calls nextval itself
// (not through a default) still gets other values and fails the replay (40001).

// spSequences is what a transaction's log keeps of the sequences.
type spSequences struct {
	first map[[2]string]seqState // before the first write
	// replay: while a ROLLBACK TO replays, the sequences replaced in defaults.
	replay []*replaySeq
}

// replaySeq is a sequence replaced by a sequence of the replay.
type replaySeq struct {
	orig seqState
	name string // the replay's sequence, qualified and quoted
	uses []seqUse
}

// seqUse is a column whose default calls a sequence.
type seqUse struct{ schema, table, column, def string }

// seqState is a sequence's definition and last value.
type seqState struct {
	schema, name           string
	last                   sql.NullInt64
	start, inc, minV, maxV int64
	cycle                  bool
}

// sequenceStates reads the database's sequences; nil when that fails.
func (ss *session) sequenceStates(ctx context.Context) map[[2]string]seqState {
	rows, err := ss.conn.QueryContext(ctx, `SELECT schema_name, sequence_name, last_value, start_value, increment_by,
		min_value, max_value, cycle FROM duckdb_sequences() WHERE database_name = current_database() AND NOT temporary`)
	if err != nil {
		return nil
	}
	defer rows.Close()
	out := map[[2]string]seqState{}
	for rows.Next() {
		var s seqState
		if rows.Scan(&s.schema, &s.name, &s.last, &s.start, &s.inc, &s.minV, &s.maxV, &s.cycle) != nil {
			return nil
		}
		out[[2]string{s.schema, s.name}] = s
	}
	if rows.Err() != nil {
		return nil
	}
	return out
}

// spNoteSequences notes the sequences' state before the transaction's first write.
func (ss *session) spNoteSequences() {
	if ss.sp == nil || ss.sp.seqs != nil || len(ss.sp.entries) > 0 {
		return
	}
	ss.sp.seqs = &spSequences{first: ss.sequenceStates(context.Background())}
}

// spRewindSequences prepares a replay (in the transaction that replays): each
// sequence that moved since the first write is replaced in the defaults calling it by
// a sequence that continues from the state noted then. The function it returns, after
// the replay, sets the defaults back and records the sequences' state in the log.
func (ss *session) spRewindSequences(ctx context.Context) (func() error, error) {
	log := ss.sp
	none := func() error { return nil }
	if log == nil || log.seqs == nil || len(log.seqs.first) == 0 {
		return none, nil
	}
	now := ss.sequenceStates(ctx)
	if now == nil {
		return nil, fmt.Errorf("sandbox: reading the sequences")
	}
	log.seqs.replay = nil
	for k, first := range log.seqs.first {
		cur, ok := now[k]
		if !ok || cur.last == first.last {
			continue
		}
		r := &replaySeq{orig: first, name: quoteName(first.schema) + "." + quoteName("sluice_replay_"+first.name)}
		uses, err := ss.sequenceUses(ctx, first)
		if err != nil {
			return nil, err
		}
		r.uses = uses
		if err := ss.startReplaySeq(ctx, r, first); err != nil {
			return nil, err
		}
		for _, u := range uses {
			if err := ss.setDefault(ctx, u, fmt.Sprintf("nextval('%s')", strings.ReplaceAll(r.name, "'", "''"))); err != nil {
				return nil, err
			}
		}
		log.seqs.replay = append(log.seqs.replay, r)
	}
	if len(log.seqs.replay) == 0 {
		return none, nil
	}
	return func() error {
		for _, r := range log.seqs.replay {
			for _, u := range r.uses {
				if err := ss.setDefault(ctx, u, u.def); err != nil {
					return err
				}
			}
			if _, err := ss.conn.ExecContext(ctx, "DROP SEQUENCE "+r.name); err != nil {
				return err
			}
		}
		log.seqs.replay = nil
		// A later replay of this point continues the sequences from here.
		log.entries = append(log.entries, spEntry{seqs: now})
		return nil
	}, nil
}

// spReplaySequences replays a point where a former ROLLBACK TO replayed: the
// replay's sequences continue from the state the sequences had there.
func (ss *session) spReplaySequences(ctx context.Context, e spEntry) error {
	for _, r := range ss.sp.seqs.replay {
		at, ok := e.seqs[[2]string{r.orig.schema, r.orig.name}]
		if !ok {
			continue
		}
		for _, u := range r.uses {
			if _, err := ss.conn.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s.%s ALTER COLUMN %s DROP DEFAULT",
				quoteName(u.schema), quoteName(u.table), quoteName(u.column))); err != nil {
				return err
			}
		}
		if err := ss.startReplaySeq(ctx, r, at); err != nil {
			return err
		}
		for _, u := range r.uses {
			if err := ss.setDefault(ctx, u, fmt.Sprintf("nextval('%s')", strings.ReplaceAll(r.name, "'", "''"))); err != nil {
				return err
			}
		}
	}
	ss.sp.entries = append(ss.sp.entries, e)
	return nil
}

// startReplaySeq creates r's replay sequence so that its next value follows at's
// last one, with r's sequence's definition.
func (ss *session) startReplaySeq(ctx context.Context, r *replaySeq, at seqState) error {
	s := r.orig
	next := s.start
	if at.last.Valid {
		next = at.last.Int64 + s.inc
	}
	q := fmt.Sprintf("CREATE OR REPLACE SEQUENCE %s INCREMENT BY %d MINVALUE %d MAXVALUE %d START WITH %d",
		r.name, s.inc, s.minV, s.maxV, next)
	if s.cycle {
		q += " CYCLE"
	}
	_, err := ss.conn.ExecContext(ctx, q)
	return err
}

func (ss *session) setDefault(ctx context.Context, u seqUse, def string) error {
	_, err := ss.conn.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s.%s ALTER COLUMN %s SET DEFAULT %s",
		quoteName(u.schema), quoteName(u.table), quoteName(u.column), def))
	return err
}

// sequenceUses returns the columns whose default calls s.
func (ss *session) sequenceUses(ctx context.Context, s seqState) ([]seqUse, error) {
	rows, err := ss.conn.QueryContext(ctx, `SELECT schema_name, table_name, column_name, column_default FROM duckdb_columns()
		WHERE database_name = current_database() AND column_default LIKE '%nextval(%' AND contains(column_default, ?)`, s.name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var uses []seqUse
	for rows.Next() {
		var u seqUse
		if rows.Scan(&u.schema, &u.table, &u.column, &u.def) == nil && callsSequence(u.def, s) {
			uses = append(uses, u)
		}
	}
	return uses, rows.Err()
}

// callsSequence reports whether a column default calls nextval of s.
func callsSequence(def string, s seqState) bool {
	for _, n := range []string{s.name, s.schema + "." + s.name, quoteName(s.name), quoteName(s.schema) + "." + quoteName(s.name)} {
		if strings.Contains(def, "nextval('"+n+"')") {
			return true
		}
	}
	return false
}
