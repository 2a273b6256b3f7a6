package sandbox

import (
	"context"
	"strings"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// explain answers EXPLAIN [ANALYZE] in PostgreSQL's shape: one text column named
// QUERY PLAN, one row per line of DuckDB's plan (DuckDB's EXPLAIN returns two
// columns, the plan's kind and its whole drawing).
func (ss *session) explain(ctx context.Context, p *plan, w wire.DataWriter) error {
	a := p.admin
	tr := pgsql.Translate(a.SQL)
	if tr.Helpers != 0 {
		if err := ss.ensureHelpers(ctx, tr.Helpers); err != nil {
			return err
		}
	}
	q := "EXPLAIN "
	if a.Analyze {
		q += "ANALYZE "
	}
	rows, err := ss.conn.QueryContext(ctx, q+tr.SQL)
	if err != nil {
		return err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return err
		}
		lines = append(lines, strings.Split(strings.TrimRight(value, "\n"), "\n")...)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range lines {
		if err := w.Row([]any{l}); err != nil {
			return err
		}
	}
	return w.Complete("EXPLAIN")
}
