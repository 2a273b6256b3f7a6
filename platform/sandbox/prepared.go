package sandbox

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sort"
	"strings"
	"time"

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
// PREPARE described (the first EXECUTE's, for a statement with parameters).

// sqlPrepared is a statement PREPARE named.
type sqlPrepared struct {
	def    pgsql.PreparedSQL
	nParam int
	cols   wire.Columns // as PREPARE described them (nParam 0)
	first  wire.Columns // as the first EXECUTE described them (nParam > 0)
	text   string       // the PREPARE statement (pg_prepared_statements.statement)
	params []uint32     // the parameters' type OIDs
	at     time.Time    // when it was prepared
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
		if strings.Contains(p.sql, "pg_prepared_statements") {
			ss.preparedStatementsView(ctx)
		}
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
	// PREPARE's description is exact without parameters; with them DuckDB may type
	// and even name the columns otherwise (an unbound list parameter gives one column
	// "unknown"), so the first EXECUTE's description is the one kept.
	want := sp.cols
	if sp.nParam > 0 {
		ss.mu.Lock()
		if sp.first == nil {
			sp.first = append(wire.Columns(nil), p.cols...)
		}
		want = sp.first
		ss.mu.Unlock()
	}
	if !sameColumns(want, p.cols) || !sameTypmods(want, p.cols) {
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
	sp.text, sp.params, sp.at = a.SQL, dp.params, time.Now()
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

// preparedStatementsView (re)defines pg_prepared_statements, before a statement that
// reads it, as the SQL-level statements the session holds (PostgreSQL also lists the
// protocol-level ones, from_sql false).
func (ss *session) preparedStatementsView(ctx context.Context) {
	ss.mu.Lock()
	var rows []string
	for name, sp := range ss.sqlPrep {
		types := make([]string, len(sp.params))
		for i, o := range sp.params {
			types[i] = lit(oidTypeName(o))
		}
		rows = append(rows, fmt.Sprintf("(%s, %s, CAST(%s AS TIMESTAMPTZ), CAST([%s] AS VARCHAR[]), true, CAST(0 AS BIGINT), CAST(0 AS BIGINT))",
			lit(name), lit(sp.text), lit(sp.at.UTC().Format("2006-01-02 15:04:05.999999+00")), strings.Join(types, ", ")))
	}
	ss.mu.Unlock()
	sort.Strings(rows)
	q := `CREATE OR REPLACE TEMP VIEW pg_prepared_statements AS SELECT CAST(NULL AS VARCHAR) AS name,
		CAST(NULL AS VARCHAR) AS statement, CAST(NULL AS TIMESTAMPTZ) AS prepare_time, CAST(NULL AS VARCHAR[]) AS parameter_types,
		false AS from_sql, CAST(0 AS BIGINT) AS generic_plans, CAST(0 AS BIGINT) AS custom_plans WHERE false`
	if len(rows) > 0 {
		q = `CREATE OR REPLACE TEMP VIEW pg_prepared_statements AS SELECT * FROM (VALUES ` + strings.Join(rows, ", ") +
			`) AS t(name, statement, prepare_time, parameter_types, from_sql, generic_plans, custom_plans)`
	}
	_, _ = ss.conn.ExecContext(ctx, q)
}

// oidTypeName is regtype's text of a parameter type.
func oidTypeName(o uint32) string {
	switch o {
	case oidInt4:
		return "integer"
	case oidInt8:
		return "bigint"
	case oidText:
		return "text"
	case oidFloat8:
		return "double precision"
	case oidNumeric:
		return "numeric"
	}
	if n, ok := regtypeNames[o]; ok {
		return n
	}
	return "unknown"
}

var regtypeNames = map[uint32]string{16: "boolean", 17: "bytea", 21: "smallint", 700: "real", 1043: "character varying",
	1082: "date", 1083: "time without time zone", 1114: "timestamp without time zone", 1184: "timestamp with time zone",
	1186: "interval", 2950: "uuid", 114: "json", 3802: "jsonb", 1000: "boolean[]", 1005: "smallint[]",
	1007: "integer[]", 1016: "bigint[]", 1009: "text[]", 1022: "double precision[]", 1231: "numeric[]"}
