package qs

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/table"
)

// Tx is a transaction on one connection: everything run through it commits or rolls
// back together.
type Tx struct {
	tx   pgx.Tx
	c    *Client
	done func() // gives a Session back when the transaction ends (nil for the pool)
}

// end runs done, if any.
func (t *Tx) end() {
	if t.done != nil {
		t.done()
	}
}

// Query runs sql inside the transaction and fetches the whole result.
func (t *Tx) Query(ctx context.Context, sql string, args ...any) (*table.Table, error) {
	return queryTable(ctx, t.tx, t.c, sql, 0, args)
}

// Exec runs a statement inside the transaction and returns the rows it affected.
func (t *Tx) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	return execSQL(ctx, t.tx, t.c, sql, args)
}

// Rows runs sql inside the transaction and streams its rows; Close it before running
// anything else in the transaction.
func (t *Tx) Rows(ctx context.Context, sql string, args ...any) (*RowStream, error) {
	return openStream(ctx, t.tx, t.c, sql, args)
}

// CopyFrom bulk-loads tab into table inside the transaction (see Client.CopyFrom).
func (t *Tx) CopyFrom(ctx context.Context, table string, columns []string, tab *table.Table) (int64, error) {
	return copyTable(ctx, t.tx.Conn().PgConn(), t.c, table, columns, tab)
}

// Commit commits the transaction.
func (t *Tx) Commit(ctx context.Context) error {
	defer t.end()
	if err := t.tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit: %w", t.c.wrap(err, "COMMIT"))
	}
	return nil
}

// Rollback rolls the transaction back; after a Commit it does nothing and returns nil.
func (t *Tx) Rollback(ctx context.Context) error {
	defer t.end()
	if err := t.tx.Rollback(ctx); err != nil && err != pgx.ErrTxClosed {
		return fmt.Errorf("rollback: %w", t.c.wrap(err, "ROLLBACK"))
	}
	return nil
}
