package sandbox

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Prepared statements and changed tables. PostgreSQL plans a prepared statement again
// when a table it reads changed, and refuses with 0A000 ("cached plan must not change
// result type") when its result columns are no longer those it described. DuckDB binds
// its prepared statement again too, so the session compares the new result's column
// types with those it described (typesChanged), rows or none. SQL-level PREPARE,
// EXECUTE and DEALLOCATE (pgsql/prepared.go) are the session's: EXECUTE describes the
// statement's text with the arguments in place and compares its columns with those
// PREPARE described.

// sqlPrepared is a statement PREPARE named.
type sqlPrepared struct {
	def    pgsql.PreparedSQL
	nParam int
	cols   wire.Columns
}

// columnKeys are the DuckDB types of a statement's result columns, as text that
// compares equal for equal types ("" where DuckDB does not know it yet).
func columnKeys(stmt *duckdb.Stmt) []string {
	n, err := stmt.ColumnCount()
	if err != nil {
		return nil
	}
	keys := make([]string, n)
	for i := range keys {
		info, err := stmt.ColumnTypeInfo(i)
		if err == nil && info != nil {
			keys[i] = typeKey(info)
		}
	}
	return keys
}

// typeKey is the name DuckDB's driver gives a result column of the type
// (ColumnTypeDatabaseTypeName), "" for the types it names loosely (structs, maps,
// unions, enums) and those not known before the statement runs.
func typeKey(info duckdb.TypeInfo) string {
	if info.Alias() == "JSON" {
		return "JSON"
	}
	t := info.InternalType()
	switch d := info.Details().(type) {
	case *duckdb.DecimalDetails:
		return fmt.Sprintf("DECIMAL(%d,%d)", d.Width, d.Scale)
	case *duckdb.ListDetails:
		if c := typeKey(d.Child); c != "" {
			return c + "[]"
		}
		return ""
	case *duckdb.ArrayDetails:
		if c := typeKey(d.Child); c != "" {
			return fmt.Sprintf("%s[%d]", c, d.Size)
		}
		return ""
	}
	return duckTypeNames[t]
}

// duckTypeNames are the driver's names of DuckDB's plain types.
var duckTypeNames = map[duckdb.Type]string{
	duckdb.TYPE_BOOLEAN: "BOOLEAN", duckdb.TYPE_TINYINT: "TINYINT", duckdb.TYPE_SMALLINT: "SMALLINT",
	duckdb.TYPE_INTEGER: "INTEGER", duckdb.TYPE_BIGINT: "BIGINT", duckdb.TYPE_UTINYINT: "UTINYINT",
	duckdb.TYPE_USMALLINT: "USMALLINT", duckdb.TYPE_UINTEGER: "UINTEGER", duckdb.TYPE_UBIGINT: "UBIGINT",
	duckdb.TYPE_FLOAT: "FLOAT", duckdb.TYPE_DOUBLE: "DOUBLE", duckdb.TYPE_TIMESTAMP: "TIMESTAMP",
	duckdb.TYPE_DATE: "DATE", duckdb.TYPE_TIME: "TIME", duckdb.TYPE_INTERVAL: "INTERVAL",
	duckdb.TYPE_HUGEINT: "HUGEINT", duckdb.TYPE_UHUGEINT: "UHUGEINT", duckdb.TYPE_VARCHAR: "VARCHAR",
	duckdb.TYPE_BLOB: "BLOB", duckdb.TYPE_TIMESTAMP_S: "TIMESTAMP_S", duckdb.TYPE_TIMESTAMP_MS: "TIMESTAMP_MS",
	duckdb.TYPE_TIMESTAMP_NS: "TIMESTAMP_NS", duckdb.TYPE_UUID: "UUID", duckdb.TYPE_BIT: "BIT",
	duckdb.TYPE_TIME_TZ: "TIMETZ", duckdb.TYPE_TIMESTAMP_TZ: "TIMESTAMPTZ",
}

// typesChanged reports whether a described statement, bound again by DuckDB after a
// catalog change, now returns columns of other types than it announced.
func typesChanged(p *plan, rows driver.Rows) bool {
	named, ok := rows.(driver.RowsColumnTypeDatabaseTypeName)
	if !ok || p.duckKeys == nil {
		return false
	}
	for i, k := range p.duckKeys {
		if k != "" && i < len(p.cols) && named.ColumnTypeDatabaseTypeName(i) != k {
			return true
		}
	}
	return false
}

// preparedCommand describes PREPARE and DEALLOCATE (carried out when they run) and
// EXECUTE (the named statement's text, bound); done is false for other statements.
func (ss *session) preparedCommand(ctx context.Context, p *plan) (done bool, err error) {
	if def, ok := pgsql.ParsePrepare(p.sql); ok {
		p.kind, p.tag = kindAdmin, "PREPARE"
		p.admin = &pgsql.Admin{Kind: pgsql.AdminPrepared, Tag: "PREPARE", Name: def.Name, SQL: p.sql}
		return true, nil
	}
	if name, ok := pgsql.ParseDeallocate(p.sql); ok {
		tag := "DEALLOCATE"
		if name == "" {
			tag = "DEALLOCATE ALL"
		}
		p.kind, p.tag = kindAdmin, tag
		p.admin = &pgsql.Admin{Kind: pgsql.AdminPrepared, Tag: tag, Name: name}
		return true, nil
	}
	ex, ok := pgsql.ParseExecute(p.sql)
	if !ok {
		return false, nil
	}
	ss.mu.Lock()
	sp := ss.sqlPrep[ex.Name]
	ss.mu.Unlock()
	if sp == nil {
		return true, &sqlError{code: codes.InvalidSQLStatementName, msg: fmt.Sprintf("prepared statement %q does not exist", ex.Name)}
	}
	if len(ex.Args) != sp.nParam {
		return true, &sqlError{code: codes.Syntax, msg: fmt.Sprintf("wrong number of parameters for prepared statement %q", ex.Name),
			detail: fmt.Sprintf("Expected %d parameters but got %d.", sp.nParam, len(ex.Args))}
	}
	p.sql = pgsql.BindPrepared(sp.def.Body, sp.def.Types, func(n int) string { return "(" + ex.Args[n-1] + ")" })
	if err := ss.prepare(ctx, p); err != nil {
		return true, err
	}
	p.execOf = sp
	if !sameColumns(sp.cols, p.cols) || !sameTypmods(sp.cols, p.cols) {
		p.closeStmt()
		return true, staleResult
	}
	return true, nil
}

// runPreparedCommand carries out PREPARE or DEALLOCATE.
func (ss *session) runPreparedCommand(ctx context.Context, a *pgsql.Admin, w wire.DataWriter) error {
	if a.Tag != "PREPARE" {
		ss.mu.Lock()
		defer ss.mu.Unlock()
		if a.Name == "" {
			ss.sqlPrep = nil
		} else if ss.sqlPrep[a.Name] == nil {
			return &sqlError{code: codes.InvalidSQLStatementName, msg: fmt.Sprintf("prepared statement %q does not exist", a.Name)}
		}
		delete(ss.sqlPrep, a.Name)
		return w.Complete(a.Tag)
	}
	def, _ := pgsql.ParsePrepare(a.SQL)
	ss.mu.Lock()
	exists := ss.sqlPrep[def.Name] != nil
	ss.mu.Unlock()
	if exists {
		return &sqlError{code: codes.DuplicatePreparedStatement, msg: fmt.Sprintf("prepared statement %q already exists", def.Name)}
	}
	sp := &sqlPrepared{def: def, nParam: max(len(def.Types), pgsql.MaxParam(def.Body))}
	dp := &plan{sql: pgsql.BindPrepared(def.Body, def.Types, func(n int) string { return fmt.Sprintf("$%d", n) })}
	err := ss.prepare(ctx, dp)
	_ = ss.raw(func(*duckdb.Conn) error { dp.closeStmt(); return nil })
	if err != nil {
		return err
	}
	sp.cols = append(wire.Columns(nil), dp.cols...)
	ss.mu.Lock()
	if ss.sqlPrep == nil {
		ss.sqlPrep = map[string]*sqlPrepared{}
	}
	ss.sqlPrep[def.Name] = sp
	ss.mu.Unlock()
	return w.Complete("PREPARE")
}

// sameTypmods reports whether two descriptions announce the same type modifiers.
func sameTypmods(a, b wire.Columns) bool {
	for i := range a {
		if a[i].Table != b[i].Table {
			return false
		}
	}
	return true
}

// discardAll does what DISCARD ALL does besides dropping temporary tables: it closes
// every cursor (WITH HOLD too), deallocates the SQL-level prepared statements and
// resets TimeZone and search_path. The protocol-level statements stay: psql-wire ends
// the connection when a client binds a statement it no longer has, where PostgreSQL
// answers 26000 and pgx prepares again.
func (ss *session) discardAll(ctx context.Context) {
	ss.mu.Lock()
	cursors := ss.cursors
	ss.cursors = map[string]*cursor{}
	ss.sqlPrep = nil
	ss.mu.Unlock()
	for _, c := range cursors {
		_, _ = ss.conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+c.table)
	}
	if z, ok, err := parseZoneSet("RESET TimeZone", ss.zoneName(ctx)); ok && err == nil && z != nil {
		_ = ss.setZone(ctx, z)
	}
	_, _ = ss.conn.ExecContext(ctx, "RESET search_path")
	_, _ = ss.conn.ExecContext(ctx, "RESET VARIABLE pg_search_path")
}

// checkExecute refuses an EXECUTE, described earlier, whose statement was deallocated
// or prepared again since (26000, as PostgreSQL looks the name up when it runs).
func (ss *session) checkExecute(p *plan) error {
	if p.execOf == nil {
		return nil
	}
	ss.mu.Lock()
	cur := ss.sqlPrep[p.execOf.def.Name]
	ss.mu.Unlock()
	if cur != p.execOf {
		return &sqlError{code: codes.InvalidSQLStatementName, msg: fmt.Sprintf("prepared statement %q does not exist", p.execOf.def.Name)}
	}
	return nil
}
