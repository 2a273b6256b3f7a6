package sandbox

import (
	"context"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// knowIntervalColumns tells the front end the names of the interval columns the
// session's connection sees (tables, views, its temporary tables), read again after a
// DDL statement ran anywhere: it compares, sorts and groups expressions over them by
// PostgreSQL's rule (pgsql/interval.go).
func (ss *session) knowIntervalColumns(ctx context.Context) {
	gen := declGen.Load() + 1
	if ss.ivGen == gen {
		return
	}
	rows, err := ss.conn.QueryContext(ctx, `SELECT DISTINCT column_name FROM duckdb_columns() WHERE data_type = 'INTERVAL'`)
	if err != nil {
		return // an aborted transaction: read them next time
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n)
		}
	}
	if rows.Err() != nil {
		return
	}
	pgsql.NoteIntervalColumns(names)
	ss.ivGen = gen
}
