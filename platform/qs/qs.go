// Package qs is the query-service client: it connects to any PostgreSQL-wire query service
// (the embedded sandbox, PostgreSQL, Postgres-compatible engines) over pgx, fetches results
// into table.Table, streams rows for exporters, bulk-loads tables with COPY, runs
// transactions, turns server errors into *Error with a caret under the failing position,
// resolves the default connection (SLUICE_DSN, ~/.jupysql/connections.ini, DATABASE_URL,
// PG* variables, else the sandbox started on demand) and keeps the process-wide registry
// of named connections that %sql and the platform helpers share.
//
// A Client is a pool: each statement may run on any of its connections, concurrently
// with others. Client.Session hands out the client's one dedicated server session, on
// which SET values, TEMP tables and an open transaction persist from call to call (as
// in psql); %sql runs on it, and it reopens itself, with a notice, after the service
// restarts.
//
// A client of the local sandbox (the default connection resolved to it, or a DSN holding
// its password) follows it: every new connection reads the sandbox's state files again
// (its port, pid and password, which changes at every start), checks through /proc that
// the recorded pid owns the socket listening on the recorded port, and only then
// connects, requiring SCRAM-SHA-256 (so the password never crosses the wire); when the
// check fails the sandbox is gone, and the default connection
// starts a fresh one while any other fails with ErrSandboxGone.
//
// A service behind a transaction pooler (pgbouncer with pool_mode=transaction, as
// hosted Postgres-compatible services are often reached) needs the simple protocol:
// default_query_exec_mode=simple_protocol in the DSN makes the whole client use it
// (Options.SimpleProtocol). There each transaction may run on another server
// session, so a Session's SET values and TEMP tables last only until the statement,
// or the explicit transaction, ends.
//
// Fetching a whole result into memory (Query, Run and QueryLimit with no limit, %sql -o)
// is bounded by a ResultBudget: 10 million rows and a quarter of the memory up to 1 GiB
// unless SLUICE_MAX_RESULT_ROWS, SLUICE_MAX_RESULT_BYTES or WithResultBudget say
// otherwise; past it the fetch stops with *ResultTooLargeError. Rows streams instead.
//
// Type mapping of result columns: integer types become table.KindInt; float4, float8
// and numeric become KindFloat (numeric is converted to float64 and so may lose digits
// beyond about 15 significant ones); text, varchar, char, name and uuid become
// KindString; bool KindBool; date, timestamp and timestamptz KindTime (UTC);
// json, jsonb, arrays, intervals, bytea and anything else KindAny. Column.Type holds the
// PostgreSQL type name.
package qs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/table"
)

// Options tunes a connection.
type Options struct {
	// SimpleProtocol sends every query with the simple query protocol (parameters are
	// interpolated client-side by pgx). Many Postgres-compatible services need it.
	SimpleProtocol bool
	// MaxConns caps the pool size (0: pgx's default).
	MaxConns int32
	// ConnectTimeout bounds connecting (0: 10 seconds).
	ConnectTimeout time.Duration
	// ApplicationName is reported to the server (default "sluice").
	ApplicationName string
}

// Client is a connection pool to one query service.
type Client struct {
	pool     *pgxpool.Pool
	redacted string
	dialect  string
	opts     Options

	// beforeConnect, when set, prepares the configuration of every new connection
	// (of the pool and of the session): a sandbox client points it at the sandbox
	// that runs now, after checking that it is the sandbox (see sandboxLink).
	beforeConnect func(context.Context, *pgx.ConnConfig) error

	sessMu sync.Mutex
	sess   *Session // the client's dedicated session, made by Session()
}

// Open connects to dsn (a postgres:// URL or a libpq key=value string), checks the
// connection and detects the dialect. A DSN holding the password of the local sandbox
// makes a client that follows the sandbox (new connections use its current port and
// password, and are only made after checking that the sandbox process serves that port).
func Open(ctx context.Context, dsn string, opts Options) (*Client, error) {
	return open(ctx, dsn, opts, linkFor(dsn, ""))
}

// open connects to dsn; link, when not nil, makes the client follow the local sandbox.
func open(ctx context.Context, dsn string, opts Options, link *sandboxLink) (*Client, error) {
	red := Redact(dsn)
	if err := checkURLAt(dsn); err != nil {
		return nil, fmt.Errorf("parse DSN %s: %w", red, err)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse DSN %s: %s", red, redact.DSN(err.Error(), dsn))
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	timeout := opts.ConnectTimeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	cfg.ConnConfig.ConnectTimeout = timeout
	app := opts.ApplicationName
	if app == "" {
		app = "sluice"
	}
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = app
	}
	if opts.SimpleProtocol {
		cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	} else if cfg.ConnConfig.DefaultQueryExecMode == pgx.QueryExecModeSimpleProtocol {
		// default_query_exec_mode=simple_protocol in the DSN (the way to reach a
		// transaction pooler such as pgbouncer): no statement of the client may then
		// use the extended protocol, whose unnamed statement a pooler can hand to
		// another server between Parse and Bind.
		opts.SimpleProtocol = true
	}
	// Cancel a running query with a cancel request when the context ends, and only
	// give up on the socket if the server does not answer within a second.
	cfg.ConnConfig.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: time.Second}
	}
	// A connection idle for a moment is checked before use, so a query after the
	// service restarted gets a fresh connection instead of a broken one.
	cfg.ShouldPing = func(_ context.Context, p pgxpool.ShouldPingParams) bool {
		return p.IdleDuration > 200*time.Millisecond
	}
	var before func(context.Context, *pgx.ConnConfig) error
	if link != nil {
		before = link.beforeConnect
		cfg.BeforeConnect = before
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %s", red, redact.DSN(err.Error(), dsn))
	}
	c := &Client{pool: pool, redacted: red, opts: opts, beforeConnect: before}
	var version string
	if err := pool.QueryRow(ctx, "SELECT version()").Scan(&version); err != nil {
		pool.Close()
		if errors.Is(err, ErrSandboxGone) {
			return nil, fmt.Errorf("connect to %s: %w", red, err)
		}
		return nil, fmt.Errorf("connect to %s: %s", red, redact.DSN(err.Error(), dsn))
	}
	c.dialect = "postgres"
	if strings.Contains(strings.ToLower(version), "duckdb") {
		c.dialect = "duckdb"
	}
	return c, nil
}

// Dialect returns "duckdb" for the sandbox (or any DuckDB-backed service) and "postgres"
// otherwise, as detected from version().
func (c *Client) Dialect() string { return c.dialect }

// Redacted returns the DSN with its password replaced by "xxxxx".
func (c *Client) Redacted() string { return c.redacted }

// Options returns the options the client was opened with.
func (c *Client) Options() Options { return c.opts }

// Pool returns the underlying pgx pool for callers that need pgx directly.
func (c *Client) Pool() *pgxpool.Pool { return c.pool }

// Close closes every connection of the pool and the client's session.
func (c *Client) Close() {
	c.closeSession()
	c.pool.Close()
}

// Ping checks that the service answers.
func (c *Client) Ping(ctx context.Context) error {
	if err := c.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", c.redacted, err)
	}
	return nil
}

// Query runs sql with args bound as parameters and fetches the whole result into a table.
func (c *Client) Query(ctx context.Context, sql string, args ...any) (*table.Table, error) {
	return queryTable(ctx, c.pool, c, sql, 0, args)
}

// QueryLimit runs sql and keeps at most limit rows (all when limit <= 0); the rest are
// read and counted, so TotalRows holds the full row count.
func (c *Client) QueryLimit(ctx context.Context, limit int, sql string, args ...any) (*table.Table, error) {
	return queryTable(ctx, c.pool, c, sql, limit, args)
}

// Exec runs a statement and returns the number of rows it affected.
func (c *Client) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	return execSQL(ctx, c.pool, c, sql, args)
}

// Rows runs sql and returns a stream over its rows; the caller must Close it.
func (c *Client) Rows(ctx context.Context, sql string, args ...any) (*RowStream, error) {
	return openStream(ctx, c.pool, c, sql, args)
}

// CopyFrom bulk-loads t into table (columns names the target columns; nil means t's
// column names) with COPY FROM STDIN in text format, and returns the rows copied.
func (c *Client) CopyFrom(ctx context.Context, table string, columns []string, t *table.Table) (int64, error) {
	conn, err := c.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("copy into %s: %w", table, c.wrap(err, ""))
	}
	defer conn.Release()
	return copyTable(ctx, conn.Conn().PgConn(), c, table, columns, t)
}

// Begin starts a transaction on one connection of the pool.
func (c *Client) Begin(ctx context.Context) (*Tx, error) {
	tx, err := c.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", c.wrap(err, "BEGIN"))
	}
	return &Tx{tx: tx, c: c}, nil
}

// querier is what both the pool and a transaction offer.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func execSQL(ctx context.Context, q querier, c *Client, sql string, args []any) (int64, error) {
	args = c.bindArgs(args)
	tag, err := q.Exec(ctx, sql, args...)
	if err != nil && retryable(ctx, q, err) {
		tag, err = q.Exec(ctx, sql, args...)
	}
	if err != nil {
		return 0, c.wrap(err, sql)
	}
	return tag.RowsAffected(), nil
}

// retryable reports whether a statement that failed on a pooled connection may be sent
// again: the failure happened before the server could have run it (a connection the
// server closed, for example after a restart), and it is not part of a transaction.
func retryable(ctx context.Context, q querier, err error) bool {
	if _, ok := q.(*pgxpool.Pool); !ok || ctx.Err() != nil {
		return false
	}
	return pgconn.SafeToRetry(err)
}
