// Package tablesql runs SQL over Go tables (*table.Table) in an in-process DuckDB: a
// query names tables as if they were in the database, and the result is again a table.
// Tables are read through a parallel DuckDB table function that fills DuckDB's vectors
// from the table's columns chunk by chunk (only the columns the query uses), so nothing
// is copied into DuckDB's storage and no build tag (duckdb-go's Arrow API needs one) is
// required.
//
// Where filters a table by an SQL expression. It lives here rather than on table.Table
// because it needs DuckDB, a cgo library package table must not depend on (table is at
// the bottom of the house, imported by everything).
package tablesql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/sluice-dev/sluice/table"
)

// rowColumn is the hidden column of row numbers Where reads.
const rowColumn = "__sluice_row"

// DB is an in-process DuckDB database whose queries can read Go tables by name: the
// tables given to Register, then those the lookup function (SetLookup) finds. Names
// DuckDB itself knows (tables created in the DB, DuckDB's functions) come first. A DB
// is safe for use by one goroutine at a time; Close frees it.
type DB struct {
	mu     sync.Mutex
	conn   *sql.Conn
	db     *sql.DB
	tables map[string]*table.Table
	lookup func(name string) *table.Table
}

// Open starts an empty in-memory DuckDB database.
func Open() (*DB, error) {
	d := &DB{tables: map[string]*table.Table{}}
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("tablesql: %w", err)
	}
	duckdb.RegisterReplacementScan(connector, func(name string) (string, []any, error) {
		if d.find(name) == nil {
			return "", nil, nil // not ours: DuckDB goes on (and says the table does not exist)
		}
		return "sluice_table", []any{name}, nil
	})
	d.db = sql.OpenDB(connector)
	ctx := context.Background()
	d.conn, err = d.db.Conn(ctx)
	if err != nil {
		d.db.Close()
		return nil, fmt.Errorf("tablesql: %w", err)
	}
	for _, f := range []struct {
		name    string
		withRow bool
	}{{"sluice_table", false}, {"sluice_table_rows", true}} {
		withRow := f.withRow
		err := duckdb.RegisterTableUDF(d.conn, f.name, duckdb.ParallelChunkTableFunction{
			Config: duckdb.TableFunctionConfig{Arguments: []duckdb.TypeInfo{varcharType}},
			BindArguments: func(_ map[string]any, args ...any) (duckdb.ParallelChunkTableSource, error) {
				name, _ := args[0].(string)
				t := d.find(name)
				if t == nil {
					return nil, fmt.Errorf("no Go table %q", name)
				}
				// DuckDB reads with one thread where the rows' order matters (a plain
				// SELECT's result, an INSERT) and with several elsewhere (aggregates,
				// a join's build side).
				return newSource(t, withRow, runtime.GOMAXPROCS(0))
			},
		})
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("tablesql: %w", err)
		}
	}
	return d, nil
}

// Register makes t readable under name (replacing any table registered so before).
func (d *DB) Register(name string, t *table.Table) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.tables[name] = t
}

// SetLookup sets the function that finds the tables not registered (nil for none).
func (d *DB) SetLookup(f func(name string) *table.Table) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.lookup = f
}

func (d *DB) find(name string) *table.Table {
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.tables[name]; t != nil {
		return t
	}
	for n, t := range d.tables { // DuckDB's names ignore case
		if strings.EqualFold(n, name) {
			return t
		}
	}
	if d.lookup != nil {
		return d.lookup(name)
	}
	return nil
}

// Query runs one SQL statement (with $1, $2 … or ? parameters bound to args) and returns
// its rows as a table; a statement without rows returns an empty table.
func (d *DB) Query(query string, args ...any) (*table.Table, error) {
	return d.QueryContext(context.Background(), query, args...)
}

// QueryContext is Query with a context: cancelling it interrupts the query.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*table.Table, error) {
	if d == nil || d.conn == nil {
		return nil, errors.New("tablesql: the database is closed")
	}
	rows, err := d.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, queryError(err)
	}
	defer rows.Close()
	t, err := readRows(rows)
	if err != nil {
		return nil, queryError(err)
	}
	return t, nil
}

// Exec runs statements that return no rows (CREATE TABLE … AS, SET …).
func (d *DB) Exec(query string, args ...any) error {
	if d == nil || d.conn == nil {
		return errors.New("tablesql: the database is closed")
	}
	_, err := d.conn.ExecContext(context.Background(), query, args...)
	return queryError(err)
}

// Close frees the database.
func (d *DB) Close() error {
	if d == nil {
		return nil
	}
	var err error
	if d.conn != nil {
		err = d.conn.Close()
		d.conn = nil
	}
	if d.db != nil {
		err = errors.Join(err, d.db.Close())
		d.db = nil
	}
	return err
}

// queryError words DuckDB's errors for a cell.
func queryError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if errors.Is(err, driver.ErrBadConn) {
		return fmt.Errorf("tablesql: %w", err)
	}
	return errors.New("tablesql: " + strings.TrimSpace(msg))
}

// Query runs query over the given tables in a fresh in-memory database and returns the
// result: tablesql.Query("SELECT tier, sum(spend) FROM scores GROUP BY tier",
// map[string]*table.Table{"scores": scores}).
func Query(query string, tables map[string]*table.Table, args ...any) (*table.Table, error) {
	d, err := Open()
	if err != nil {
		return nil, err
	}
	defer d.Close()
	for name, t := range tables {
		d.Register(name, t)
	}
	return d.Query(query, args...)
}

// Where returns the rows of t for which the SQL expression expr is true (as in a WHERE
// clause; NULL counts as false), in t's order, with t's columns unchanged:
// tablesql.Where(scores, "spend > 100 AND tier = 'gold'"). Columns are named as in t
// (quote names that are not plain identifiers: "First Name"). Parameters $1, $2 … bind
// args. A bad expression fails the cell with DuckDB's message.
func Where(t *table.Table, expr string, args ...any) *table.Table {
	out, err := Filter(t, expr, args...)
	if err != nil {
		panic(err)
	}
	return out
}

// Filter is Where returning the error instead of failing the cell.
func Filter(t *table.Table, expr string, args ...any) (*table.Table, error) {
	d, err := Open()
	if err != nil {
		return nil, err
	}
	defer d.Close()
	d.Register("t", t)
	rows, err := d.conn.QueryContext(context.Background(),
		"SELECT "+rowColumn+" FROM sluice_table_rows('t') WHERE ("+expr+"\n) ORDER BY 1", args...)
	if err != nil {
		return nil, queryError(err)
	}
	defer rows.Close()
	var keep []int
	for rows.Next() {
		var i int64
		if err := rows.Scan(&i); err != nil {
			return nil, queryError(err)
		}
		keep = append(keep, int(i))
	}
	if err := rows.Err(); err != nil {
		return nil, queryError(err)
	}
	return t.Take(keep), nil
}
