package qs

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sluice-dev/sluice/table"
)

// Result is the outcome of one statement: its rows (a table with no columns for
// statements that return none), the command tag such as "INSERT 0 5", the rows it
// affected, and how long it took.
type Result struct {
	Table        *table.Table
	Command      string
	RowsAffected int64
	Elapsed      time.Duration
}

// HasRows reports whether the statement returned a result set (SELECT, SHOW, RETURNING…)
// rather than only a command tag.
func (r *Result) HasRows() bool { return r.Table != nil && len(r.Table.Columns) > 0 }

// Run runs one statement of any kind and reports both its rows (at most limit of them
// kept when limit > 0; TotalRows counts them all) and its command tag.
func (c *Client) Run(ctx context.Context, limit int, sql string, args ...any) (*Result, error) {
	return run(ctx, c.pool, c, sql, limit, args)
}

// Run runs one statement inside the transaction (see Client.Run).
func (t *Tx) Run(ctx context.Context, limit int, sql string, args ...any) (*Result, error) {
	return run(ctx, t.tx, t.c, sql, limit, args)
}

func queryTable(ctx context.Context, q querier, c *Client, sql string, limit int, args []any) (*table.Table, error) {
	r, err := run(ctx, q, c, sql, limit, args)
	if err != nil {
		return nil, err
	}
	return r.Table, nil
}

// resultFormats asks for binary results where decoding binary is fastest and text for
// numeric, which parses to float64 faster and exactly as the server prints it. Types
// not listed come back as text (pgx decodes both).
var resultFormats = pgx.QueryResultFormatsByOID{
	pgtype.Int2OID: pgx.BinaryFormatCode, pgtype.Int4OID: pgx.BinaryFormatCode, pgtype.Int8OID: pgx.BinaryFormatCode,
	pgtype.Float4OID: pgx.BinaryFormatCode, pgtype.Float8OID: pgx.BinaryFormatCode, pgtype.BoolOID: pgx.BinaryFormatCode,
	pgtype.DateOID: pgx.BinaryFormatCode, pgtype.TimestampOID: pgx.BinaryFormatCode,
	pgtype.TimestamptzOID: pgx.BinaryFormatCode, pgtype.UUIDOID: pgx.BinaryFormatCode,
	pgtype.TextOID: pgx.BinaryFormatCode, pgtype.VarcharOID: pgx.BinaryFormatCode,
	pgtype.NumericOID: pgx.TextFormatCode,
}

// queryArgs normalises the arguments and prepends the result formats (extended
// protocol only).
func (c *Client) queryArgs(args []any) []any {
	args = c.bindArgs(args)
	if c.opts.SimpleProtocol {
		return args
	}
	return append([]any{resultFormats}, args...)
}

// jsonArgs sends maps as JSON text, which PostgreSQL's json parameters and the
// sandbox's (typed as text) both accept.
func jsonArgs(args []any) []any {
	var out []any
	for i, a := range args {
		if m, ok := a.(map[string]any); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			b, err := json.Marshal(m)
			if err == nil {
				out[i] = string(b)
			}
		}
	}
	if out == nil {
		return args
	}
	return out
}

func run(ctx context.Context, q querier, c *Client, sql string, limit int, args []any) (*Result, error) {
	start := time.Now()
	r, err := fetch(ctx, q, c, sql, limit, args)
	if err != nil && staleStatement(ctx, q, err) {
		// pgx dropped the stale statement from its cache; prepare it again.
		r, err = fetch(ctx, q, c, sql, limit, args)
	}
	if err != nil {
		return nil, err
	}
	r.Elapsed = time.Since(start)
	return r, nil
}

// staleStatement reports whether err says a cached prepared statement's result changed
// (the table was altered or replaced since it was prepared) outside a transaction,
// where running it again is safe.
func staleStatement(ctx context.Context, q querier, err error) bool {
	var pg *pgconn.PgError
	if !outsideTx(q) || ctx.Err() != nil || !errors.As(err, &pg) {
		return false
	}
	return pg.Code == "0A000" && strings.Contains(pg.Message, "cached plan must not change result type")
}

func fetch(ctx context.Context, q querier, c *Client, sql string, limit int, args []any) (*Result, error) {
	// A fetch of the whole result stops at the budget; outside a transaction the query
	// is then cancelled (inside one the rest is read and dropped, which keeps the
	// transaction usable).
	var budget ResultBudget
	if limit <= 0 {
		budget = budgetOf(ctx)
	}
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, err := q.Query(qctx, sql, c.queryArgs(args)...)
	if err != nil && retryable(ctx, q, err) {
		rows, err = q.Query(qctx, sql, c.queryArgs(args)...)
	}
	if err != nil {
		return nil, c.wrapCtx(ctx, err, sql)
	}
	defer rows.Close()
	decs := newDecoders(rows.FieldDescriptions(), rows.Conn().TypeMap())
	var total, size int64
	for rows.Next() {
		total++
		if limit > 0 && total > int64(limit) {
			continue
		}
		raw := rows.RawValues()
		if budget.Bytes > 0 {
			for i, d := range decs {
				size += d.valueBytes(raw[i])
			}
		}
		if budget.Rows > 0 && total > budget.Rows || budget.Bytes > 0 && size > budget.Bytes {
			if outsideTx(q) {
				cancel()
			}
			rows.Close()
			if ctx.Err() != nil {
				return nil, c.wrapCtx(ctx, ctx.Err(), sql)
			}
			return nil, &ResultTooLargeError{Budget: budget, Rows: total, Bytes: size,
				ByRows: budget.Rows > 0 && total > budget.Rows}
		}
		for i, d := range decs {
			if err := d.append(raw[i]); err != nil {
				return nil, err
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		var pg *pgconn.PgError
		if staleStatement(ctx, q, err) && errors.As(err, &pg) {
			return nil, err
		}
		return nil, c.wrapCtx(ctx, err, sql)
	}
	t := &table.Table{}
	for _, d := range decs {
		t.Columns = append(t.Columns, d.finish())
	}
	if limit > 0 && total > int64(limit) {
		t.TotalRows = total
	}
	tag := rows.CommandTag()
	return &Result{Table: t, Command: tag.String(), RowsAffected: tag.RowsAffected()}, nil
}

// outsideTx reports whether q runs statements on their own: the pool, or a session's
// connection with no transaction open.
func outsideTx(q querier) bool {
	switch x := q.(type) {
	case *pgxpool.Pool:
		return true
	case *pgx.Conn:
		return x.PgConn().TxStatus() == 'I'
	}
	return false
}
