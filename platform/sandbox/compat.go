package sandbox

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// pgSettings are PostgreSQL server parameters SHOW answers itself (lower-case names).
var pgSettings = pgsql.Settings

// showName recognises SHOW of a single setting and returns its lower-case name. DuckDB's
// own SHOW forms (SHOW TABLES, SHOW ALL TABLES, SHOW DATABASES, SHOW <table>) are left
// to DuckDB unless the name is a PostgreSQL setting.
func showName(q string) (string, bool) {
	kw := keywords(q, 5)
	if len(kw) < 2 || kw[0] != "SHOW" {
		return "", false
	}
	if len(kw) >= 4 && kw[1] == "TRANSACTION" && kw[2] == "ISOLATION" && kw[3] == "LEVEL" {
		return "transaction_isolation", true
	}
	if len(kw) != 2 {
		return "", false
	}
	name := strings.ToLower(strings.Trim(kw[1], `"`))
	if name == "timezone" || name == "search_path" {
		return name, true
	}
	_, ok := pgSettings[name]
	return name, ok
}

// showValue returns a setting's value; time zone and search path come from DuckDB.
func (ss *session) showValue(ctx context.Context, name string) (string, error) {
	switch name {
	case "timezone":
		if ss.zone != nil {
			return ss.zone.show, nil
		}
		return DefaultTimeZone, nil
	case "search_path":
		var sp sql.NullString
		if err := ss.conn.QueryRowContext(ctx, "SELECT current_setting('search_path')").Scan(&sp); err != nil || sp.String == "" {
			return `"$user", public`, nil
		}
		return sp.String, nil
	}
	if v, ok := pgSettings[name]; ok {
		return v, nil
	}
	return "", &sqlError{code: codes.UndefinedObject, msg: fmt.Sprintf("unrecognized configuration parameter %q", name)}
}

// isUnknownSetting reports whether err is DuckDB refusing a SET or RESET of a setting it
// does not have (a PostgreSQL-only one such as extra_float_digits), which the sandbox
// accepts and ignores as a PostgreSQL client expects.
func isUnknownSetting(q string, err error) bool {
	kw := keywords(q, 1)
	if len(kw) == 0 || (kw[0] != "SET" && kw[0] != "RESET") {
		return false
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unrecognized configuration") || strings.Contains(msg, "parser error") ||
		strings.Contains(msg, "not implemented") || strings.Contains(msg, "catalog error")
}

// registerSleep adds pg_sleep(seconds), which sleeps until the time passes or the query
// is cancelled.
func registerSleep(c *sql.Conn) error {
	double, err := duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	if err != nil {
		return err
	}
	boolean, err := duckdb.NewTypeInfo(duckdb.TYPE_BOOLEAN)
	if err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, "pg_sleep", sleepFunc{in: double, out: boolean})
}

type sleepFunc struct{ in, out duckdb.TypeInfo }

// Config declares pg_sleep(double) returning boolean, volatile.
func (f sleepFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{f.in}, ResultTypeInfo: f.out, Volatile: true}
}

// Executor sleeps for the given seconds or until the query's context ends.
func (f sleepFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowContextExecutor: func(ctx context.Context, values []driver.Value) (any, error) {
		secs, _ := values[0].(float64)
		t := time.NewTimer(time.Duration(secs * float64(time.Second)))
		defer t.Stop()
		select {
		case <-t.C:
			return true, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}}
}

// registerViewDef adds sluice_viewdef(create_view_sql, schema), the Go side of
// pg_get_viewdef (pgsql.ViewDef).
func registerViewDef(c *sql.Conn) error {
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, "sluice_viewdef", viewDefFunc{text: text})
}

type viewDefFunc struct{ text duckdb.TypeInfo }

// Config declares sluice_viewdef(varchar, varchar) returning varchar.
func (f viewDefFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{f.text, f.text}, ResultTypeInfo: f.text}
}

// Executor runs pgsql.ViewDef.
func (f viewDefFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		sql, _ := values[0].(string)
		schema, _ := values[1].(string)
		return pgsql.ViewDef(sql, schema), nil
	}}
}

// registerViewTables adds sluice_view_tables(create_view_sql), the tables a view reads
// (pgsql.ViewTables), for pg_depend.
func registerViewTables(c *sql.Conn) error {
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	list, err := duckdb.NewListInfo(text)
	if err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, "sluice_view_tables", viewTablesFunc{text: text, list: list})
}

type viewTablesFunc struct{ text, list duckdb.TypeInfo }

// Config declares sluice_view_tables(varchar) returning varchar[].
func (f viewTablesFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{f.text}, ResultTypeInfo: f.list}
}

// Executor runs pgsql.ViewTables.
func (f viewTablesFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		sql, _ := values[0].(string)
		names := pgsql.ViewTables(sql)
		out := make([]any, len(names))
		for i, n := range names {
			out[i] = n
		}
		return out, nil
	}}
}
