package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Administrative statements the session carries out itself (pgsql.ParseAdmin):
// privileges and owners, savepoints (savepoint.go), EXPLAIN (explain.go), indexes
// with PostgreSQL's options and names, materialized views, TRUNCATE and DROP TABLE
// with CASCADE, maintenance commands and the features refused with 0A000.

// prepareAdmin describes an administrative statement: it runs when executed.
func (ss *session) prepareAdmin(ctx context.Context, p *plan, a pgsql.Admin) error {
	p.kind, p.admin, p.tag = kindAdmin, &a, a.Tag
	if a.Kind == pgsql.AdminExplain {
		p.cols = wire.Columns{{Name: "QUERY PLAN", Oid: oidText, Width: -1}}
		p.convs = make([]converter, 1)
	}
	return nil
}

// runAdmin executes an administrative statement.
func (ss *session) runAdmin(ctx context.Context, p *plan, w wire.DataWriter) error {
	a := p.admin
	switch a.Kind {
	case pgsql.AdminSavepoint, pgsql.AdminRelease, pgsql.AdminRollbackTo:
		return ss.savepointCommand(ctx, a, w)
	}
	if err := ss.abortedTx(); err != nil {
		return err
	}
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if a.NoTxBlock != "" && inTx {
		return &sqlError{code: codes.ActiveSQLTransaction, msg: a.NoTxBlock + " cannot run inside a transaction block"}
	}
	if err := ss.adminChecks(ctx, a); err != nil {
		return err
	}
	switch a.Kind {
	case pgsql.AdminNoop:
		if a.Msg != "" {
			ss.notice(a.Code, a.Msg)
		}
		return w.Complete(a.Tag)
	case pgsql.AdminRefuse:
		return &sqlError{code: codes.Code(a.Code), msg: a.Msg, hint: a.Hint}
	case pgsql.AdminExplain:
		return ss.explain(ctx, p, w)
	case pgsql.AdminPrepared:
		return ss.runPreparedCommand(ctx, a, w) // prepared.go
	case pgsql.AdminDiscard:
		ss.endCursors(ctx, true)
		if strings.HasSuffix(a.Tag, "ALL") {
			ss.discardAll(ctx) // prepared.go
		}
		if strings.HasSuffix(a.Tag, "ALL") || strings.HasSuffix(a.Tag, "TEMP") {
			if err := ss.dropTempTables(ctx); err != nil {
				return err
			}
		}
		return w.Complete(a.Tag)
	}
	if a.Kind == pgsql.AdminAlter {
		// Its own transactions (admin_alter.go).
		if err := ss.alterTable(ctx, p, a.Alter, inTx); err != nil {
			return err
		}
		return w.Complete(a.Tag)
	}
	if a.Kind == pgsql.AdminTruncate {
		// Not in one transaction: DuckDB refuses to delete referenced rows in the
		// transaction that deleted the rows referencing them.
		if err := ss.truncate(ctx, a); err != nil {
			return err
		}
		return w.Complete(a.Tag)
	}
	var tag string
	err := ss.atomically(ctx, func() error {
		var err error
		tag, err = ss.adminDDL(ctx, p)
		return err
	})
	if err != nil {
		return err
	}
	return w.Complete(tag)
}

// adminDDL carries out a statement that changes the catalog, in one transaction, and
// returns its command tag.
func (ss *session) adminDDL(ctx context.Context, p *plan) (string, error) {
	a := p.admin
	switch a.Kind {
	case pgsql.AdminSteps:
		for _, q := range a.Steps {
			if a.Tag == "CHECKPOINT" && ss.inTx {
				break // DuckDB checkpoints outside transactions; PostgreSQL's is a no-op for the client
			}
			if _, err := ss.conn.ExecContext(ctx, q); err != nil {
				return "", err
			}
		}
		return a.Tag, nil
	case pgsql.AdminIndex:
		return a.Tag, ss.createIndex(ctx, a.Index)
	case pgsql.AdminMatView:
		return ss.createMatView(ctx, a.MatView)
	case pgsql.AdminRefresh:
		return a.Tag, ss.refreshMatView(ctx, a.Rels[0], a.Restart)
	case pgsql.AdminDropMatView:
		return a.Tag, ss.dropMatViews(ctx, a)
	case pgsql.AdminDropTable:
		if err := ss.dropTables(ctx, a); err != nil {
			return "", err
		}
		ss.keepConstraintNames(ctx, p.sql)
		ss.keepDeclaredTypes(ctx, p.sql)
		return a.Tag, nil
	case pgsql.AdminTruncate:
		return a.Tag, ss.truncate(ctx, a)
	case pgsql.AdminCreateLike:
		return a.Tag, ss.createLike(ctx, p, a)
	}
	return "", fmt.Errorf("sandbox: administrative statement of kind %d", a.Kind)
}

// atomically runs fn in the open transaction, or in one of its own.
func (ss *session) atomically(ctx context.Context, fn func() error) error {
	ss.mu.Lock()
	inTx := ss.inTx
	ss.mu.Unlock()
	if inTx {
		return fn()
	}
	if _, err := ss.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	txHelpers := ss.txHelpers
	setTx := func(in bool) {
		ss.mu.Lock()
		ss.inTx = in
		ss.mu.Unlock()
	}
	setTx(true) // helpers created now roll back with the statement (ensureHelpers)
	err := fn()
	setTx(false)
	if err == nil {
		if _, err = ss.conn.ExecContext(ctx, "COMMIT"); err == nil {
			ss.txHelpers = txHelpers
			return nil
		}
	}
	_, _ = ss.conn.ExecContext(context.Background(), "ROLLBACK")
	ss.helpers &^= ss.txHelpers &^ txHelpers
	ss.txHelpers = txHelpers
	return err
}

// adminChecks refuses a statement naming a role, schema or relation that does not
// exist, as PostgreSQL does.
func (ss *session) adminChecks(ctx context.Context, a *pgsql.Admin) error {
	for _, r := range a.Roles {
		if r != User {
			return &sqlError{code: codes.UndefinedObject, msg: fmt.Sprintf("role %q does not exist", r)}
		}
	}
	for _, s := range a.Schemas {
		if !ss.exists(ctx, `SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ? AND schema_name <> 'pg_sluice'`, duckSchemaName(s)) {
			return &sqlError{code: codes.UndefinedSchema, msg: fmt.Sprintf("schema %q does not exist", s)}
		}
	}
	for _, r := range a.Relations {
		if ss.relationKind(ctx, r) == "" {
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", relText(r))}
		}
	}
	return nil
}

// relationKind is "table", "view", "sequence" or "matview" for a relation that
// exists, "" otherwise; an unqualified name is looked up in main (and temp).
func (ss *session) relationKind(ctx context.Context, r pgsql.Rel) string {
	schema := duckSchemaName(r.Schema)
	var kind sql.NullString
	_ = ss.conn.QueryRowContext(ctx, `SELECT CASE WHEN k = 'table' AND EXISTS (SELECT 1 FROM pg_sluice.matviews m
			WHERE m.schema_name = s AND m.name = n) THEN 'matview' ELSE k END FROM (
		SELECT schema_name AS s, table_name AS n, 'table' AS k FROM duckdb_tables()
		UNION ALL SELECT schema_name, view_name, 'view' FROM duckdb_views() WHERE NOT internal
		UNION ALL SELECT schema_name, sequence_name, 'sequence' FROM duckdb_sequences())
		WHERE s = ? AND n = ? LIMIT 1`, schema, r.Name).Scan(&kind)
	return kind.String
}

// exists reports whether a count(*) query finds a row.
func (ss *session) exists(ctx context.Context, q string, args ...any) bool {
	var n int64
	_ = ss.conn.QueryRowContext(ctx, q, args...).Scan(&n)
	return n > 0
}

// duckSchemaName is DuckDB's name of a schema ("" and public are main).
func duckSchemaName(s string) string {
	if s == "" || s == "public" {
		return "main"
	}
	return s
}

// relText is a relation's name as PostgreSQL's messages write it.
func relText(r pgsql.Rel) string {
	if r.Schema != "" && r.Schema != "main" {
		return r.Schema + "." + r.Name
	}
	return r.Name
}

// qualified is a relation's name for DuckDB, quoted; unqualified as the client wrote
// it (a temporary table is not in main's schema of the database).
func qualified(r pgsql.Rel) string {
	if r.Schema == "" {
		return quoteName(r.Name)
	}
	return quoteName(duckSchemaName(r.Schema)) + "." + quoteName(r.Name)
}

// notice sends the client a NOTICE (PostgreSQL's "already exists, skipping").
func (ss *session) notice(code, msg string) {
	if ss.sp != nil && ss.sp.replaying {
		return
	}
	if code == "" {
		code = "00000"
	}
	ss.sendNotice("NOTICE", code, msg)
}

// dropTempTables drops the session's temporary tables (DISCARD ALL / TEMP); the
// front end's helpers are views and macros and stay.
func (ss *session) dropTempTables(ctx context.Context) error {
	// Not the cursors' tables: DISCARD TEMP leaves cursors open (DISCARD ALL closes them).
	rows, err := ss.conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE temporary AND NOT starts_with(table_name, 'sluice_cursor_')`)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n)
		}
	}
	rows.Close()
	for _, n := range names {
		if _, err := ss.conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp.main."+quoteName(n)); err != nil {
			return err
		}
	}
	return nil
}

// createIndex creates an index in DuckDB under the name PostgreSQL gives it and keeps
// PostgreSQL's definition of it for the catalog.
func (ss *session) createIndex(ctx context.Context, d *pgsql.IndexDef) error {
	kind := ss.relationKind(ctx, d.Rel)
	switch kind {
	case "":
		return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", relText(d.Rel))}
	case "view", "sequence":
		return &sqlError{code: codes.WrongObjectType, msg: fmt.Sprintf("cannot create index on relation %q", d.Rel.Name),
			detail: fmt.Sprintf("This operation is not supported for %ss.", kind)}
	}
	schema := duckSchemaName(d.Rel.Schema)
	name := d.Name
	if name == "" {
		if err := ss.ensureHelpers(ctx, pgsql.CatalogHelpers); err != nil {
			return err
		}
		taken := map[string]bool{}
		rows, err := ss.conn.QueryContext(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ?`, pgSchemaName(schema))
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if rows.Scan(&n) == nil {
				taken[n] = true
			}
		}
		rows.Close()
		name = d.ChooseName(func(n string) bool { return taken[n] })
	} else if d.IfNotExists && ss.exists(ctx, `SELECT count(*) FROM duckdb_indexes() WHERE schema_name = ? AND index_name = ?`, schema, name) {
		ss.notice("42P07", fmt.Sprintf("relation %q already exists, skipping", name))
		return nil
	}
	if _, err := ss.conn.ExecContext(ctx, d.DuckDB(name)); err != nil {
		return err
	}
	if _, err := ss.conn.ExecContext(ctx, `DELETE FROM pg_sluice.index_defs WHERE schema_name = ? AND index_name = ?`, schema, name); err != nil {
		return err
	}
	_, err := ss.conn.ExecContext(ctx, `INSERT INTO pg_sluice.index_defs VALUES (?, ?, ?, ?, ?)`,
		schema, name, d.Rel.Name, d.Method, d.Definition(name))
	return err
}

// pgSchemaName is PostgreSQL's name of a DuckDB schema (main is public).
func pgSchemaName(s string) string {
	if s == "main" {
		return "public"
	}
	return s
}

// createLike creates a table whose LIKE clauses are replaced by the source tables'
// columns (with NOT NULL; defaults, CHECKs and keys as the INCLUDING options say).
func (ss *session) createLike(ctx context.Context, p *plan, a *pgsql.Admin) error {
	var defs []string
	for _, lc := range a.Like {
		if k := ss.relationKind(ctx, lc.Rel); k == "" {
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", relText(lc.Rel))}
		}
		rows, err := ss.conn.QueryContext(ctx, `SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns()
			WHERE schema_name = ? AND table_name = ? ORDER BY column_index`, duckSchemaName(lc.Rel.Schema), lc.Rel.Name)
		if err != nil {
			return err
		}
		var parts []string
		for rows.Next() {
			var name, typ string
			var nullable bool
			var def sql.NullString
			if err := rows.Scan(&name, &typ, &nullable, &def); err != nil {
				rows.Close()
				return err
			}
			col := quoteName(name) + " " + typ
			if !nullable {
				col += " NOT NULL"
			}
			if lc.Defaults && def.Valid {
				col += " DEFAULT " + def.String
			}
			parts = append(parts, col)
		}
		rows.Close()
		if lc.Checks || lc.Keys {
			rows, err := ss.conn.QueryContext(ctx, `SELECT constraint_type, coalesce(expression, ''),
					array_to_string(list_transform(constraint_column_names, c -> '"' || replace(c, '"', '""') || '"'), ', ')
				FROM duckdb_constraints() WHERE schema_name = ? AND table_name = ?
					AND constraint_type IN ('CHECK', 'PRIMARY KEY', 'UNIQUE') ORDER BY constraint_index`,
				duckSchemaName(lc.Rel.Schema), lc.Rel.Name)
			if err != nil {
				return err
			}
			for rows.Next() {
				var typ, expr, cols string
				if err := rows.Scan(&typ, &expr, &cols); err != nil {
					rows.Close()
					return err
				}
				switch {
				case typ == "CHECK" && lc.Checks:
					parts = append(parts, "CHECK ("+expr+")")
				case typ != "CHECK" && lc.Keys:
					parts = append(parts, typ+" ("+cols+")")
				}
			}
			rows.Close()
		}
		defs = append(defs, strings.Join(parts, ", "))
	}
	tr := pgsql.Translate(a.ExpandLike(defs))
	for _, q := range tr.Before {
		_, _ = ss.conn.ExecContext(ctx, q)
	}
	if _, err := ss.conn.ExecContext(ctx, tr.SQL); err != nil {
		return err
	}
	ss.keepConstraintNames(ctx, a.ExpandLike(defs))
	ss.keepDeclaredTypes(ctx, a.ExpandLike(defs))
	return nil
}
