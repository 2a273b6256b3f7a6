package magics

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// prepared is one statement ready to run: CTEs added and templates bound.
type prepared struct {
	statement
	bound
	skipped []string // saved CTEs left out because the statement defines them
}

// runSQL runs the SQL of a %sql call and returns what the cell shows.
func (st *sqlState) runSQL(ctx context.Context, env *Env, o sqlOptions, sqlText string) (any, error) {
	stmts, err := splitStatements(sqlText)
	if err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return nil, usageErrorf("the cell holds only comments; no SQL to run")
	}
	for i := range stmts {
		stmts[i].line += o.line - 1
	}
	if o.save != "" {
		if len(stmts) != 1 {
			return nil, usageErrorf("--save %s: a saved query must be one statement, not %d", o.save, len(stmts))
		}
		toks, _ := lexSQL(stmts[0].text)
		switch firstWord(toks) {
		case "SELECT", "WITH", "VALUES", "TABLE", "FROM":
		default:
			return nil, usageErrorf("--save %s: only a query (SELECT, WITH, VALUES…) can be saved for --with", o.save)
		}
	}
	st.mu.Lock()
	ctes, err := snippetOrder(st.snippets, o.with)
	st.mu.Unlock()
	if err != nil {
		return nil, err
	}
	var preps []prepared
	for _, s := range stmts {
		text, skipped, err := injectCTEs(s.text, ctes)
		if err != nil {
			return nil, err
		}
		b, err := bindTemplates(ctx, env, text)
		if err != nil {
			return nil, err
		}
		for _, w := range b.warnings {
			warn(env, "warning: line %d: %s", s.line, w)
		}
		for _, n := range skipped {
			warn(env, "note: line %d: the statement defines its own CTE %s; the saved query %s is not added", s.line, n, n)
		}
		preps = append(preps, prepared{statement: s, bound: b, skipped: skipped})
	}
	if o.dryRun {
		return dryRunText(preps), nil
	}
	if o.save != "" && o.noExecute {
		st.save(o.save, stmts[0].text, o.with)
		say(env, "Saved query %s (use it with --with %s).", o.save, o.save)
		return nil, nil
	}

	c, _, err := client(ctx, o.conn)
	if err != nil {
		return nil, err
	}
	timeout, limit := st.callSettings(o)
	runCtx, cancel := withTimeout(ctx, timeout)
	defer cancel()
	st.mu.Lock()
	runCtx = qs.WithResultBudget(runCtx, st.resultBudget())
	st.mu.Unlock()
	fetch := limit
	if o.out != "" || o.scalar {
		fetch = 0 // keep every row
	}
	if o.scalar {
		fetch = 2 // enough to tell one row from many
	}
	results, err := execute(withNotices(runCtx, env), c.Session(), preps, fetch, env)
	ddl := false
	for _, p := range preps[:len(results)] {
		if isDDL(p.text) {
			ddl = true
		}
	}
	if ddl {
		sessionOf(env).catalogs.invalidate(c)
	}
	if err != nil {
		i := len(results)
		return nil, sqlError(ctx, err, i, len(preps), &preps[i], timeout)
	}
	if o.save != "" {
		st.save(o.save, stmts[0].text, o.with)
		say(env, "Saved query %s (use it with --with %s).", o.save, o.save)
	}
	last := results[len(results)-1]
	if o.scalar {
		v, err := scalarOf(last)
		if err != nil {
			return nil, err
		}
		return scalarResult(env, o.out, v)
	}
	if !last.HasRows() {
		status := statusText(last)
		if o.out != "" {
			if err := store(env, o.out, last.RowsAffected); err != nil {
				return nil, err
			}
		}
		return textResult(status), nil
	}
	return tableResult(env, last.Table, rowsNote(last.Table.Total(), last.Elapsed), limit, o.out)
}

// callSettings returns the call's statement timeout and display limit, the session's
// (%config) where the call sets none.
func (st *sqlState) callSettings(o sqlOptions) (timeout time.Duration, limit int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	timeout, limit = o.timeout, o.limit
	if timeout == 0 {
		timeout = st.timeout
	}
	if limit < 0 {
		limit = st.displayLimit
	}
	return timeout, limit
}

// withTimeout bounds ctx by d when d is positive.
func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d > 0 {
		return context.WithTimeout(ctx, d)
	}
	return ctx, func() {}
}

// scalarResult is what a --scalar call shows for v (NULL for nil), after storing v in the
// session variable out when one is named.
func scalarResult(env *Env, out string, v any) (any, error) {
	if out != "" {
		if err := store(env, out, v); err != nil {
			return nil, err
		}
	}
	if v == nil {
		return textResult("NULL"), nil
	}
	return v, nil
}

// tableResult finishes a result table for its cell: note (rows, time and where it ran)
// under it, at most limit rows shown (0: all), and stored in the session variable out
// when one is named.
func tableResult(env *Env, t *table.Table, note string, limit int, out string) (any, error) {
	t.Note = note
	if limit == 0 {
		t.Limit = -1
	} else {
		t.Limit = limit
	}
	if out != "" {
		if err := store(env, out, t); err != nil {
			return nil, err
		}
		t.Note += " · stored in " + out
	}
	return t, nil
}

// execute runs the statements in order on the connection's session and returns the
// results of those that ran. The session keeps SET values, TEMP tables and an open
// transaction from one cell to the next, as one psql session does. Several statements
// run in one transaction (all or nothing) unless they manage transactions themselves,
// include a statement that cannot run inside one, or a transaction the user began is
// already open, in which case each runs on its own (in the user's transaction, if any).
// Results of all but the last statement are summarised on env.Stdout as they finish.
func execute(ctx context.Context, sess *qs.Session, preps []prepared, fetch int, env *Env) ([]*qs.Result, error) {
	var results []*qs.Result
	lim := func(i int) int {
		if i == len(preps)-1 {
			return fetch
		}
		return 1
	}
	report := func(i int, r *qs.Result) {
		if i < len(preps)-1 && len(preps) > 1 {
			say(env, "[%d/%d] %s", i+1, len(preps), statusText(r))
		}
	}
	if len(preps) == 1 || !transactional(preps) || sess.InTransaction() {
		for i, p := range preps {
			r, err := sess.Run(ctx, lim(i), p.sql, p.args...)
			if err != nil {
				return results, err
			}
			results = append(results, r)
			report(i, r)
		}
		return results, nil
	}
	tx, err := sess.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for i, p := range preps {
		r, err := tx.Run(ctx, lim(i), p.sql, p.args...)
		if err != nil {
			return results, err
		}
		results = append(results, r)
		report(i, r)
	}
	if err := tx.Commit(ctx); err != nil {
		// Blame the last statement: the commit is part of the cell's work.
		return results[:len(results)-1], err
	}
	return results, nil
}

// transactional reports whether a multi-statement cell can run in one transaction: none
// of its statements controls transactions or refuses to run inside one.
func transactional(preps []prepared) bool {
	for _, p := range preps {
		toks, _ := lexSQL(p.sql)
		switch firstWord(toks) {
		case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE",
			"VACUUM", "CHECKPOINT", "ATTACH", "DETACH", "USE", "INSTALL", "LOAD", "PREPARE", "COPY":
			return false
		}
		for _, t := range toks {
			if t.isWord("CONCURRENTLY") || t.isWord("DATABASE") || t.isWord("SYSTEM") {
				return false
			}
		}
	}
	return true
}

// isDDL reports whether a statement may change the catalog.
func isDDL(sql string) bool {
	toks, _ := lexSQL(sql)
	switch firstWord(toks) {
	case "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "COMMENT", "IMPORT", "USE":
		return true
	}
	return false
}

// withNotices sends the session's notices (server warnings such as "there is no
// transaction in progress", a reopened session) to the cell's stderr.
func withNotices(ctx context.Context, env *Env) context.Context {
	return qs.WithNotices(ctx, func(msg string) { warn(env, "%s", redact.String(msg)) })
}

// dryRunText shows each statement as it would be sent with its bound values.
func dryRunText(preps []prepared) textResult {
	var b strings.Builder
	for i, p := range preps {
		if len(preps) > 1 {
			fmt.Fprintf(&b, "-- statement %d of %d (line %d)\n", i+1, len(preps), p.line)
		}
		b.WriteString(p.sql)
		b.WriteString(";\n")
		for _, pr := range p.params {
			fmt.Fprintf(&b, "--   $%d = %s   ← {{%s}}\n", pr.n, formatParam(pr.value), pr.expr)
		}
		if i < len(preps)-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteString("-- dry run: nothing was sent to the server")
	return textResult(b.String())
}
