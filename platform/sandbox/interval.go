package sandbox

import (
	"context"
	"strings"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// knowIntervalColumns tells the front end the names of the interval and timestamptz
// columns the session's connection sees (tables, views, its temporary tables), read again after a
// DDL statement ran anywhere: it compares, sorts and groups expressions over them by
// PostgreSQL's rule (pgsql/interval.go).
//
// It also creates the front end's date/time macros on the connection once the database
// has views (outside a transaction, whose ROLLBACK would drop them), not only when a
// statement calls them: a view whose definition the front end rewrote calls them, and
// another connection may read it.
func (ss *session) knowIntervalColumns(ctx context.Context) {
	gen := declGen.Load() + 1
	if ss.ivGen == gen {
		return
	}
	if !ss.dtMacros {
		var views bool
		if ss.conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM duckdb_views() WHERE NOT internal)`).Scan(&views) != nil {
			return // an aborted transaction: next time
		}
		if views && ss.inTx {
			return // next statement
		}
		if views {
			if _, err := ss.conn.ExecContext(ctx, strings.Join(pgsql.DateTimeMacros(), ";\n")); err != nil {
				return
			}
			ss.dtMacros = true
		}
	}
	rows, err := ss.conn.QueryContext(ctx, `SELECT DISTINCT column_name, data_type FROM duckdb_columns() WHERE data_type IN ('INTERVAL', 'TIMESTAMP WITH TIME ZONE')`)
	if err != nil {
		return // an aborted transaction: read them next time
	}
	defer rows.Close()
	var names, tz []string
	for rows.Next() {
		var n, t string
		if rows.Scan(&n, &t) == nil && t == "INTERVAL" {
			names = append(names, n)
		} else if t != "" {
			tz = append(tz, n)
		}
	}
	if rows.Err() != nil {
		return
	}
	pgsql.NoteIntervalColumns(names)
	pgsql.NoteTimestamptzColumns(tz)
	ss.ivGen = gen
}
