package magics

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/table"
	"github.com/sluice-dev/sluice/tablesql"
)

// runLocal runs the SQL of a %%sql --go cell in an in-kernel DuckDB over the session's
// *table.Table variables: a table name in the query that is such a variable reads it.
// The database lives for the cell (Go variables are what persists); statements run in
// order, templates and saved CTEs work as on the query service, and the last result
// shows (or is stored with -o) as a table.
func (st *sqlState) runLocal(ctx context.Context, env *Env, o sqlOptions, sqlText string) (any, error) {
	stmts, err := splitStatements(sqlText)
	if err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return nil, usageErrorf("the cell holds only comments; no SQL to run")
	}
	if o.save != "" || o.with != nil {
		// Saved queries are the query service's SQL dialect and tables.
		return nil, usageErrorf("--go does not go with --save or --with")
	}
	var preps []prepared
	for _, s := range stmts {
		s.line += o.line - 1
		b, err := bindTemplates(ctx, env, s.text)
		if err != nil {
			return nil, err
		}
		for _, w := range b.warnings {
			warn(env, "warning: line %d: %s", s.line, w)
		}
		preps = append(preps, prepared{statement: s, bound: b})
	}
	if o.dryRun {
		return dryRunText(preps), nil
	}
	db, err := tablesql.Open()
	if err != nil {
		return nil, &Error{Name: "SQLError", Value: err.Error(), Err: err}
	}
	defer db.Close()
	n, err := registerTables(ctx, env, db, sqlText)
	if err != nil {
		return nil, err
	}
	timeout, limit := st.callSettings(o)
	runCtx, cancel := withTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	var t *table.Table
	for i, p := range preps {
		t, err = db.QueryContext(runCtx, p.sql, p.args...)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "tablesql: ")
			if runCtx.Err() == context.DeadlineExceeded {
				msg = fmt.Sprintf("canceled after the %s timeout: %s", timeout, msg)
			}
			if len(preps) > 1 {
				msg = fmt.Sprintf("statement %d of %d (line %d): %s", i+1, len(preps), p.line, msg)
			}
			if n == 0 {
				msg += " (--go reads the session's *table.Table variables by name; none is named in the query)"
			}
			return nil, &Error{Name: "SQLError", Value: msg, Err: err}
		}
		if i < len(preps)-1 && len(preps) > 1 {
			say(env, "[%d/%d] OK", i+1, len(preps))
		}
	}
	elapsed := time.Since(start)
	if o.scalar {
		v, err := scalarOfTable(t)
		if err != nil {
			return nil, err
		}
		return scalarResult(env, o.out, v)
	}
	if t.NumCols() == 0 {
		return textResult("OK · " + formatDuration(elapsed)), nil
	}
	return tableResult(env, t, rowsNote(int64(t.NumRows()), elapsed)+" · in-kernel DuckDB", limit, o.out)
}

// registerTables gives db the session's *table.Table variables whose names appear in
// the SQL as words or quoted identifiers, and returns how many it found. Matching is
// case-insensitive, as DuckDB's names are.
func registerTables(ctx context.Context, env *Env, db *tablesql.DB, sql string) (int, error) {
	if env == nil || env.Session == nil {
		return 0, nil
	}
	toks, err := lexSQL(sql)
	if err != nil {
		return 0, err
	}
	words := map[string]bool{}
	for _, t := range toks {
		switch t.kind {
		case tkWord:
			words[strings.ToLower(t.text)] = true
		case tkQIdent:
			words[strings.ToLower(strings.ReplaceAll(t.text[1:len(t.text)-1], `""`, `"`))] = true
		}
	}
	n := 0
	for _, v := range env.Session.Vars() {
		if !words[strings.ToLower(v.Name)] || !strings.Contains(v.Type, "Table") {
			continue
		}
		val, err := env.Session.Eval(ctx, v.Name)
		if err != nil || !val.IsValid() || !val.CanInterface() {
			continue
		}
		if t, ok := val.Interface().(*table.Table); ok && t != nil {
			db.Register(v.Name, t)
			if lower := strings.ToLower(v.Name); lower != v.Name {
				db.Register(lower, t)
			}
			n++
		}
	}
	return n, nil
}
