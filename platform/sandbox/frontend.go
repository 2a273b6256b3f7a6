package sandbox

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The session's side of the PostgreSQL front end (package pgsql): the helper macros and
// catalog views a connection creates on first use, and the second preparation of
// statements DuckDB described provisionally or refused where PostgreSQL accepts them.

// ensureHelpers creates the front end's helper sets that a statement needs on the
// session's DuckDB connection, each the first time (the catalog views use the macros).
func (ss *session) ensureHelpers(ctx context.Context, sets int) error {
	if sets&pgsql.CatalogHelpers != 0 {
		sets |= pgsql.MacroHelpers
	}
	for _, set := range []int{pgsql.MacroHelpers, pgsql.CatalogHelpers} {
		if sets&set == 0 || ss.helpers&set != 0 {
			continue
		}
		// One round trip per set: DuckDB runs the statements in order.
		// pg_dump's sessions name no owners: see pgsql.Session.NoOwnerNames.
		app := wire.ClientParameters(ctx)[wire.ParamApplicationName]
		q := strings.Join(pgsql.Helpers(set, pgsql.Session{User: User, Database: Database, PID: ss.pid,
			NoOwnerNames: app == "pg_dump"}), ";\n")
		if _, err := ss.conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sandbox: create the PostgreSQL front end's helpers: %w", err)
		}
		ss.helpers |= set
		if ss.inTx {
			ss.txHelpers |= set // a ROLLBACK takes them away again
		}
	}
	return nil
}

// namedInsert returns an INSERT … VALUES without a column list with the names of the
// table's first columns, as many as the rows give values for.
func (ss *session) namedInsert(ctx context.Context, c *duckdb.Conn, sql string) (string, bool) {
	schema, table, n, ok := pgsql.InsertTarget(sql)
	if !ok {
		return "", false
	}
	q := "SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND (schema_name = $2 OR $2 = '') " +
		"AND database_name = current_database() ORDER BY column_index LIMIT $3"
	rows, err := c.QueryContext(ctx, q, []driver.NamedValue{{Ordinal: 1, Value: table}, {Ordinal: 2, Value: schema}, {Ordinal: 3, Value: int64(n)}})
	if err != nil {
		return "", false
	}
	defer rows.Close()
	var cols []string
	dst := make([]driver.Value, 1)
	for rows.Next(dst) == nil {
		name, _ := dst[0].(string)
		cols = append(cols, name)
	}
	if len(cols) != n {
		return "", false
	}
	return pgsql.WithInsertColumns(sql, cols)
}

// castByteaValues reads the '\x…' literals an INSERT stores into bytea columns as
// PostgreSQL's bytea input (see pgsql.CastByteaValues).
func (ss *session) castByteaValues(ctx context.Context, c *duckdb.Conn, sql string) string {
	out, _ := pgsql.CastByteaValues(sql, func(schema, table string) []pgsql.Column {
		q := "SELECT column_name, data_type = 'BLOB', data_type LIKE '%[]' FROM duckdb_columns() WHERE table_name = $1 " +
			"AND (schema_name = $2 OR $2 = '') AND database_name = current_database() ORDER BY column_index"
		rows, err := c.QueryContext(ctx, q, []driver.NamedValue{{Ordinal: 1, Value: table}, {Ordinal: 2, Value: schema}})
		if err != nil {
			return nil
		}
		defer rows.Close()
		var cols []pgsql.Column
		dst := make([]driver.Value, 3)
		for rows.Next(dst) == nil {
			name, _ := dst[0].(string)
			blob, _ := dst[1].(bool)
			list, _ := dst[2].(bool)
			cols = append(cols, pgsql.Column{Name: name, Blob: blob, List: list})
		}
		return cols
	})
	return out
}

// typeParams re-prepares a statement whose parameters DuckDB could not type with each
// of them cast to the type PostgreSQL gives it (text, or the type the client named),
// so the statement's result is described as it will be; nil when nothing changed.
func (ss *session) typeParams(ctx context.Context, c *duckdb.Conn, p *plan) *duckdb.Stmt {
	casts := map[int]string{}
	for i := 1; i <= p.stmt.NumInput(); i++ {
		t, err := p.stmt.ParamType(i)
		if err == nil && t == duckdb.TYPE_LIST {
			// Clients send arrays as PostgreSQL's text ('{a,"b c"}'), which the
			// sandbox rewrites as DuckDB's list text for DuckDB to cast.
			casts[i] = "varchar"
			if p.listParams == nil {
				p.listParams = map[int]uint32{}
			}
			p.listParams[i-1] = listParamOID(p.stmt, i)
			continue
		}
		if err != nil || (t != duckdb.TYPE_INVALID && t != duckdb.TYPE_ANY && t != duckdb.TYPE_SQLNULL) {
			continue
		}
		casts[i] = "varchar"
		if p.numParams[i] {
			casts[i] = duckTypeName(oidNumeric)
		}
		if i <= len(p.clientP) && p.clientP[i-1] != 0 {
			if name := duckTypeName(p.clientP[i-1]); name != "" {
				casts[i] = name
			}
		}
	}
	return recastParams(ctx, c, p, casts)
}

// keepConstraintNames records the constraint names a CREATE TABLE gave (DuckDB keeps
// none) in pgsql.ConstraintNamesTable, on the session's connection so that they
// commit or roll back with the statement, follows a renamed table and forgets those
// of dropped tables.
func (ss *session) keepConstraintNames(ctx context.Context, sql string) {
	if kw := keywords(sql, 1); len(kw) == 0 || kw[0] != "CREATE" && kw[0] != "DROP" && kw[0] != "ALTER" {
		return
	}
	d, ok := pgsql.TableChange(sql)
	if !ok {
		return
	}
	del := "DELETE FROM " + pgsql.ConstraintNamesTable + " WHERE schema_name = $1 AND table_name = $2"
	exec := func(q string, args ...any) error {
		_, err := ss.conn.ExecContext(ctx, q, args...)
		return err
	}
	var err error
	for _, t := range d.Dropped {
		if err == nil {
			err = exec(del, t[0], t[1])
		}
	}
	if d.RenamedTo != "" {
		err = exec("UPDATE "+pgsql.ConstraintNamesTable+" SET table_name = $3 WHERE schema_name = $1 AND table_name = $2",
			d.Schema, d.Table, d.RenamedTo)
	} else if d.Table != "" && err == nil {
		if d.IfNotExists {
			// The table may have been there already, named by its own statement.
			var n int
			q := "SELECT count(*) FROM " + pgsql.ConstraintNamesTable + " WHERE schema_name = $1 AND table_name = $2"
			if ss.conn.QueryRowContext(ctx, q, d.Schema, d.Table).Scan(&n); n > 0 {
				return
			}
		} else {
			err = exec(del, d.Schema, d.Table)
		}
		for _, c := range d.Constraints {
			if err == nil {
				err = exec("INSERT INTO "+pgsql.ConstraintNamesTable+" VALUES ($1, $2, $3, $4, $5, $6)",
					d.Schema, d.Table, c.Type, c.Columns, c.Check, c.Name)
			}
		}
	}
	if err != nil {
		ss.srv.log.Warn("sandbox: keeping constraint names", "err", err)
	}
}

// recastParams prepares p's statement again with its parameters cast to the DuckDB
// types in casts (pgsql.CastParams) and makes it p's; nil when there is nothing to cast
// or DuckDB refuses the result (p keeps its statement).
func recastParams(ctx context.Context, c *duckdb.Conn, p *plan, casts map[int]string) *duckdb.Stmt {
	if len(casts) == 0 {
		return nil
	}
	sql := pgsql.CastParams(p.duck, casts)
	if sql == p.duck {
		return nil
	}
	ds, err := c.PrepareContext(ctx, sql)
	if err != nil {
		return nil
	}
	p.closeStmt()
	p.duck, p.stmt = sql, ds.(*duckdb.Stmt)
	return p.stmt
}
