package sql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
)

// The one-row driver: its only query returns one row with one column holding
// pendingValue. rowMu serialises its use.
var (
	rowMu        sync.Mutex
	rowDB        *sql.DB
	pendingValue any
)

type oneRowConnector struct{}

func (oneRowConnector) Connect(context.Context) (driver.Conn, error) { return oneRowConn{}, nil }
func (oneRowConnector) Driver() driver.Driver                        { return oneRowDriver{} }

type oneRowDriver struct{}

func (oneRowDriver) Open(string) (driver.Conn, error) { return oneRowConn{}, nil }

type oneRowConn struct{}

func (oneRowConn) Prepare(string) (driver.Stmt, error) { return oneRowStmt{}, nil }
func (oneRowConn) Close() error                        { return nil }
func (oneRowConn) Begin() (driver.Tx, error)           { return nil, errors.New("sql: not supported") }

type oneRowStmt struct{}

func (oneRowStmt) Close() error  { return nil }
func (oneRowStmt) NumInput() int { return 0 }
func (oneRowStmt) Exec([]driver.Value) (driver.Result, error) {
	return nil, errors.New("sql: not supported")
}
func (oneRowStmt) Query([]driver.Value) (driver.Rows, error) {
	return &oneRow{value: pendingValue}, nil
}

type oneRow struct {
	value any
	done  bool
}

func (*oneRow) Columns() []string { return []string{"value"} }
func (*oneRow) Close() error      { return nil }
func (r *oneRow) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	dest[0] = r.value
	r.done = true
	return nil
}
