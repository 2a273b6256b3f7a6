package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Materialized views, DROP TABLE with the views that depend on the tables, and
// TRUNCATE with CASCADE and RESTART IDENTITY.

// createMatView creates a materialized view: a table filled from its query, with the
// query kept in pg_sluice.matviews for REFRESH and the catalog.
func (ss *session) createMatView(ctx context.Context, m *pgsql.MatViewDef) (string, error) {
	if k := ss.relationKind(ctx, m.Rel); k != "" {
		if m.IfNotExists {
			ss.notice("42P07", fmt.Sprintf("relation %q already exists, skipping", m.Rel.Name))
			return "CREATE MATERIALIZED VIEW", nil
		}
		return "", &sqlError{code: codes.DuplicateRelation, msg: fmt.Sprintf("relation %q already exists", m.Rel.Name)}
	}
	create := pgsql.Translate(m.Create)
	query := pgsql.Translate(m.Query)
	if h := create.Helpers | query.Helpers; h != 0 {
		if err := ss.ensureHelpers(ctx, h); err != nil {
			return "", err
		}
	}
	if _, err := ss.conn.ExecContext(ctx, create.SQL); err != nil {
		return "", err
	}
	n := ss.rowCount(ctx, m.Rel)
	if m.NoData {
		if _, err := ss.conn.ExecContext(ctx, "DELETE FROM "+qualified(m.Rel)); err != nil {
			return "", err
		}
	}
	if _, err := ss.conn.ExecContext(ctx, `INSERT INTO pg_sluice.matviews VALUES (?, ?, ?, ?, ?, ?)`,
		duckSchemaName(m.Rel.Schema), m.Rel.Name, m.Query, query.SQL, query.Helpers, !m.NoData); err != nil {
		return "", err
	}
	if m.NoData {
		return "CREATE MATERIALIZED VIEW", nil
	}
	return fmt.Sprintf("SELECT %d", n), nil
}

// rowCount counts a table's rows.
func (ss *session) rowCount(ctx context.Context, r pgsql.Rel) int64 {
	var n int64
	_ = ss.conn.QueryRowContext(ctx, "SELECT count(*) FROM "+qualified(r)).Scan(&n)
	return n
}

// matView returns the DuckDB query and helpers of a materialized view.
func (ss *session) matView(ctx context.Context, r pgsql.Rel) (query string, helpers int, ok bool) {
	var q sql.NullString
	var h sql.NullInt64
	err := ss.conn.QueryRowContext(ctx, `SELECT duck_query, helpers FROM pg_sluice.matviews m
		WHERE m.schema_name = ? AND m.name = ? AND EXISTS (SELECT 1 FROM duckdb_tables() t
			WHERE t.schema_name = m.schema_name AND t.table_name = m.name) LIMIT 1`, duckSchemaName(r.Schema), r.Name).Scan(&q, &h)
	return q.String, int(h.Int64), err == nil
}

// notMatView is PostgreSQL's error for a relation that is not a materialized view
// (REFRESH says 0A000, DROP 42809).
func (ss *session) notMatView(ctx context.Context, r pgsql.Rel, code codes.Code) error {
	if ss.relationKind(ctx, r) == "" {
		return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", relText(r))}
	}
	return &sqlError{code: code, msg: fmt.Sprintf("%q is not a materialized view", r.Name)}
}

// refreshMatView runs a materialized view's query again (in one transaction, so
// readers see the old rows or the new).
func (ss *session) refreshMatView(ctx context.Context, r pgsql.Rel, noData bool) error {
	q, h, ok := ss.matView(ctx, r)
	if !ok {
		return ss.notMatView(ctx, r, codes.FeatureNotSupported)
	}
	if h != 0 {
		if err := ss.ensureHelpers(ctx, h); err != nil {
			return err
		}
	}
	if _, err := ss.conn.ExecContext(ctx, "DELETE FROM "+qualified(r)); err != nil {
		return err
	}
	if !noData {
		if _, err := ss.conn.ExecContext(ctx, "INSERT INTO "+qualified(r)+" "+q); err != nil {
			return err
		}
	}
	_, err := ss.conn.ExecContext(ctx, `UPDATE pg_sluice.matviews SET populated = ? WHERE schema_name = ? AND name = ?`,
		!noData, duckSchemaName(r.Schema), r.Name)
	return err
}

// dropMatViews drops materialized views.
func (ss *session) dropMatViews(ctx context.Context, a *pgsql.Admin) error {
	for _, r := range a.Rels {
		if _, _, ok := ss.matView(ctx, r); !ok {
			if a.MissingOK && ss.relationKind(ctx, r) == "" {
				ss.notice("00000", fmt.Sprintf("materialized view %q does not exist, skipping", r.Name))
				continue
			}
			return ss.notMatView(ctx, r, codes.WrongObjectType)
		}
		if err := ss.dropDependentViews(ctx, r, a.Cascade, "materialized view"); err != nil {
			return err
		}
		if _, err := ss.conn.ExecContext(ctx, "DROP TABLE "+qualified(r)); err != nil {
			return err
		}
		if _, err := ss.conn.ExecContext(ctx, `DELETE FROM pg_sluice.matviews WHERE schema_name = ? AND name = ?`,
			duckSchemaName(r.Schema), r.Name); err != nil {
			return err
		}
	}
	return nil
}

// dependentViews lists the views that read a relation, directly or through other
// views, those nearest it last.
func (ss *session) dependentViews(ctx context.Context, r pgsql.Rel) ([]pgsql.Rel, error) {
	var out []pgsql.Rel
	seen := map[pgsql.Rel]bool{}
	var walk func(pgsql.Rel) error
	walk = func(t pgsql.Rel) error {
		rows, err := ss.conn.QueryContext(ctx, `SELECT schema_name, view_name FROM duckdb_views()
			WHERE NOT internal AND NOT temporary AND list_contains(sluice_view_tables(sql), ?)`, t.Name)
		if err != nil {
			return err
		}
		var found []pgsql.Rel
		for rows.Next() {
			var v pgsql.Rel
			if rows.Scan(&v.Schema, &v.Name) == nil && !seen[v] {
				seen[v] = true
				found = append(found, v)
			}
		}
		rows.Close()
		for _, v := range found {
			if err := walk(v); err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	}
	err := walk(pgsql.Rel{Schema: duckSchemaName(r.Schema), Name: r.Name})
	return out, err
}

// dropDependentViews drops the views that read r with CASCADE (2BP01 without it, as
// PostgreSQL refuses).
func (ss *session) dropDependentViews(ctx context.Context, r pgsql.Rel, cascade bool, what string) error {
	views, err := ss.dependentViews(ctx, r)
	if err != nil {
		return err
	}
	if len(views) == 0 {
		return nil
	}
	if !cascade {
		var lines []string
		for i := len(views) - 1; i >= 0; i-- {
			lines = append(lines, fmt.Sprintf("view %s depends on %s %s", views[i].Name, what, r.Name))
		}
		return &sqlError{code: codes.DependentObjectsStillExist,
			msg:    fmt.Sprintf("cannot drop %s %s because other objects depend on it", what, r.Name),
			detail: strings.Join(lines, "\n"), hint: "Use DROP ... CASCADE to drop the dependent objects too."}
	}
	for _, v := range views {
		ss.notice("00000", fmt.Sprintf("drop cascades to view %s", v.Name))
		if _, err := ss.conn.ExecContext(ctx, "DROP VIEW IF EXISTS "+qualified(v)); err != nil {
			return err
		}
	}
	return nil
}

// referencing lists the tables (other than those in skip) whose foreign keys
// reference t.
func (ss *session) referencing(ctx context.Context, t pgsql.Rel) ([]pgsql.Rel, error) {
	rows, err := ss.conn.QueryContext(ctx, `SELECT DISTINCT schema_name, table_name FROM duckdb_constraints()
		WHERE constraint_type = 'FOREIGN KEY' AND referenced_table = ? AND schema_name = ? AND table_name <> ?`,
		t.Name, duckSchemaName(t.Schema), t.Name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pgsql.Rel
	for rows.Next() {
		var r pgsql.Rel
		if rows.Scan(&r.Schema, &r.Name) == nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// dropTables drops tables as PostgreSQL does: a materialized view is not a table,
// views that read a table are dropped with CASCADE (refused without it), and a table
// another table's foreign key references is refused (DuckDB cannot drop a foreign key).
func (ss *session) dropTables(ctx context.Context, a *pgsql.Admin) error {
	dropping := map[string]bool{}
	for _, r := range a.Rels {
		dropping[duckSchemaName(r.Schema)+"."+r.Name] = true
	}
	for _, r := range a.Rels {
		switch ss.relationKind(ctx, r) {
		case "":
			if a.MissingOK {
				ss.notice("00000", fmt.Sprintf("table %q does not exist, skipping", r.Name))
				continue
			}
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("table %q does not exist", r.Name)}
		case "matview":
			return &sqlError{code: codes.WrongObjectType, msg: fmt.Sprintf("%q is not a table", r.Name),
				hint: "Use DROP MATERIALIZED VIEW to remove a materialized view."}
		case "view", "sequence":
			return &sqlError{code: codes.WrongObjectType, msg: fmt.Sprintf("%q is not a table", r.Name)}
		}
		refs, err := ss.referencing(ctx, r)
		if err != nil {
			return err
		}
		for _, t := range refs {
			if !dropping[duckSchemaName(t.Schema)+"."+t.Name] {
				if !a.Cascade {
					return &sqlError{code: codes.DependentObjectsStillExist,
						msg:  fmt.Sprintf("cannot drop table %s because other objects depend on it", r.Name),
						hint: "Use DROP ... CASCADE to drop the dependent objects too."}
				}
				return &sqlError{code: codes.FeatureNotSupported,
					msg:  fmt.Sprintf("DROP TABLE %s CASCADE would drop the foreign key of table %s, which DuckDB cannot do", r.Name, t.Name),
					hint: fmt.Sprintf("Drop table %s first (or together: DROP TABLE %s, %s), or re-create it without the foreign key.", t.Name, t.Name, r.Name)}
			}
		}
		if err := ss.dropDependentViews(ctx, r, a.Cascade, "table"); err != nil {
			return err
		}
	}
	// Referencing tables first, so DuckDB's dependency checks pass.
	order := append([]pgsql.Rel(nil), a.Rels...)
	for i := 0; i < len(order); i++ {
		for j := i + 1; j < len(order); j++ {
			refs, _ := ss.referencing(ctx, order[i])
			for _, t := range refs {
				if t.Name == order[j].Name && duckSchemaName(t.Schema) == duckSchemaName(order[j].Schema) {
					order[i], order[j] = order[j], order[i]
				}
			}
		}
	}
	for _, r := range order {
		if ss.relationKind(ctx, r) == "" {
			continue
		}
		if _, err := ss.conn.ExecContext(ctx, "DROP TABLE "+qualified(r)); err != nil {
			return err
		}
	}
	return nil
}

// truncate empties tables: with CASCADE also those whose foreign keys reference them
// (first), refused without it as PostgreSQL does; RESTART IDENTITY restarts the
// sequences of their serial columns.
func (ss *session) truncate(ctx context.Context, a *pgsql.Admin) error {
	var order []pgsql.Rel
	seen := map[pgsql.Rel]bool{}
	named := map[pgsql.Rel]bool{}
	for _, r := range a.Rels {
		named[pgsql.Rel{Schema: duckSchemaName(r.Schema), Name: r.Name}] = true
	}
	var add func(r pgsql.Rel) error
	add = func(r pgsql.Rel) error {
		key := pgsql.Rel{Schema: duckSchemaName(r.Schema), Name: r.Name}
		if seen[key] {
			return nil
		}
		seen[key] = true
		switch ss.relationKind(ctx, r) {
		case "":
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", r.Name)}
		case "view", "sequence", "matview":
			return &sqlError{code: codes.WrongObjectType, msg: fmt.Sprintf("%q is not a table", r.Name)}
		}
		refs, err := ss.referencing(ctx, r)
		if err != nil {
			return err
		}
		for _, t := range refs {
			t.Schema = duckSchemaName(t.Schema)
			if !a.Cascade && !named[t] {
				return &sqlError{code: codes.FeatureNotSupported, msg: "cannot truncate a table referenced in a foreign key constraint",
					detail: fmt.Sprintf("Table %q references %q.", t.Name, r.Name),
					hint:   fmt.Sprintf("Truncate table %q at the same time, or use TRUNCATE ... CASCADE.", t.Name)}
			}
			if a.Cascade && !named[t] && !seen[t] {
				ss.notice("00000", fmt.Sprintf("truncate cascades to table %q", t.Name))
			}
			if err := add(t); err != nil {
				return err
			}
		}
		order = append(order, r)
		return nil
	}
	for _, r := range a.Rels {
		if err := add(r); err != nil {
			return err
		}
	}
	if err := ss.emptyTables(ctx, order); err != nil { // constraint_recreate.go
		return err
	}
	if !a.Restart {
		return nil
	}
	for _, r := range order {
		if err := ss.restartSequences(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// restartSequences restarts the sequences a table's column defaults take values from.
// DuckDB cannot restart a sequence in place, so each is made again, and the defaults
// that use it with it.
func (ss *session) restartSequences(ctx context.Context, r pgsql.Rel) error {
	rows, err := ss.conn.QueryContext(ctx, `SELECT column_name, column_default FROM duckdb_columns()
		WHERE schema_name = ? AND table_name = ? AND column_default LIKE 'nextval(%'`, duckSchemaName(r.Schema), r.Name)
	if err != nil {
		return err
	}
	type col struct{ name, def string }
	var cols []col
	for rows.Next() {
		var c col
		if rows.Scan(&c.name, &c.def) == nil {
			cols = append(cols, c)
		}
	}
	rows.Close()
	for _, c := range cols {
		seq := strings.TrimSuffix(strings.TrimPrefix(c.def, "nextval('"), "')")
		if seq == c.def || strings.Contains(seq, "'") {
			continue
		}
		for _, q := range []string{
			"ALTER TABLE " + qualified(r) + " ALTER COLUMN " + quoteName(c.name) + " DROP DEFAULT",
			"CREATE OR REPLACE SEQUENCE " + seq,
			"ALTER TABLE " + qualified(r) + " ALTER COLUMN " + quoteName(c.name) + " SET DEFAULT " + c.def,
		} {
			if _, err := ss.conn.ExecContext(ctx, q); err != nil {
				return &sqlError{code: codes.FeatureNotSupported,
					msg:  fmt.Sprintf("TRUNCATE … RESTART IDENTITY cannot restart sequence %s: %v", seq, err),
					hint: "TRUNCATE without RESTART IDENTITY keeps the sequence where it is."}
			}
		}
	}
	return nil
}

// unpopulatedCache holds the materialized views created or refreshed WITH NO DATA,
// looked up once per catalog generation.
type unpopulatedCache struct {
	gen  int64
	rels []pgsql.Rel
	set  bool
}

// refuseUnpopulated refuses a statement that reads a materialized view that has not
// been populated (55000, as PostgreSQL).
func (ss *session) refuseUnpopulated(ctx context.Context, p *plan) error {
	if !strings.EqualFold(p.tag, "SELECT") && !strings.EqualFold(p.tag, "WITH") && p.tag != "INSERT" &&
		p.tag != "UPDATE" && p.tag != "DELETE" && p.tag != ctasTag && p.tag != "CREATE TABLE AS" {
		return nil
	}
	if gen := ss.srv.catalogGen.Load(); !ss.unpop.set || ss.unpop.gen != gen {
		ss.unpop = unpopulatedCache{gen: gen, set: true}
		rows, err := ss.conn.QueryContext(ctx, `SELECT schema_name, name FROM pg_sluice.matviews WHERE NOT populated`)
		if err == nil {
			for rows.Next() {
				var r pgsql.Rel
				if rows.Scan(&r.Schema, &r.Name) == nil {
					ss.unpop.rels = append(ss.unpop.rels, r)
				}
			}
			rows.Close()
		}
	}
	if len(ss.unpop.rels) == 0 {
		return nil
	}
	if r, ok := pgsql.ReadsRelation(p.sql, ss.unpop.rels); ok {
		return &sqlError{code: codes.ObjectNotInPrerequisiteState, msg: fmt.Sprintf("materialized view %q has not been populated", r.Name),
			hint: "Use the REFRESH MATERIALIZED VIEW command."}
	}
	return nil
}
