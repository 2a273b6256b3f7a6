package sandbox

import (
	"context"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// keepViewSource brings pgsql.ViewSourceTable in step with a DDL statement that ran (the
// client's PostgreSQL text of a view, for pg_get_viewdef), on the session's connection
// so that the records commit or roll back with it.
func (ss *session) keepViewSource(ctx context.Context, sql string) {
	for _, op := range pgsql.ViewSourceChange(sql) {
		if _, err := ss.conn.ExecContext(ctx, op.SQL, op.Args...); err != nil {
			ss.srv.log.Warn("sandbox: keeping view sources", "err", err)
			return
		}
	}
}
