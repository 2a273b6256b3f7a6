// Package sqltx runs statements on the query service in one transaction, all or none:
// the one home of the begin, execute, commit sequence with which the platform's
// bookkeeping (catalog, audience, profiles) replaces a named row or drops an object and
// its records.
package sqltx

import (
	"context"

	"github.com/sluice-dev/sluice/platform/qs"
)

// Stmt is one SQL statement with its arguments.
type Stmt struct {
	SQL  string
	Args []any
}

// Statement returns the statement sql with args.
func Statement(sql string, args ...any) Stmt { return Stmt{SQL: sql, Args: args} }

// Exec runs stmts in order in one transaction on db and commits it; at the first error
// it rolls back and returns that error, so none of them takes effect. The rollback
// does not depend on ctx: an interrupted call still gives its connection back clean.
func Exec(ctx context.Context, db *qs.Client, stmts ...Stmt) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s.SQL, s.Args...); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}
