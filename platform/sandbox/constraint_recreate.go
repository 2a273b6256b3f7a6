package sandbox

import (
	"context"
	"fmt"
	"strings"

	"github.com/jeroenrinzema/psql-wire/codes"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// DuckDB keeps a foreign key for as long as the referencing table lives: it cannot drop
// it, alter the referenced table's columns (RENAME COLUMN, DROP COLUMN, a column's
// type, NOT NULL) while it exists, nor delete referenced rows in the transaction that
// deleted the rows referencing them. The sandbox therefore drops the referencing
// tables and creates them again, in one transaction, from DuckDB's own definition of
// each (duckdb_tables().sql, with their indexes and comments; the records the sandbox
// keeps about them, constraint names, declared types and index definitions, are kept
// by name): TRUNCATE … CASCADE empties its tables so, and ALTER TABLE of a referenced
// table copies the referencing tables' rows aside and back. A table created again has a
// new OID.

// tableDef is what creates a table again: DuckDB's CREATE TABLE, its other indexes
// and its comments.
type tableDef struct {
	rel      pgsql.Rel // schema as DuckDB names it
	create   string
	indexes  []string
	comments []string // COMMENT ON statements
	save     string   // the temporary table holding its rows, when kept
}

// describeTable reads r's definition.
func (ss *session) describeTable(ctx context.Context, r pgsql.Rel) (*tableDef, error) {
	d := &tableDef{rel: pgsql.Rel{Schema: duckSchemaName(r.Schema), Name: r.Name}}
	var comment *string
	err := ss.conn.QueryRowContext(ctx, `SELECT sql, comment FROM duckdb_tables() WHERE schema_name = ? AND table_name = ?
		AND database_name = current_database()`, d.rel.Schema, d.rel.Name).Scan(&d.create, &comment)
	if err != nil {
		return nil, fmt.Errorf("sandbox: the definition of table %s: %w", r.Name, err)
	}
	if comment != nil && *comment != "" {
		d.comments = append(d.comments, fmt.Sprintf("COMMENT ON TABLE %s IS %s", qualified(d.rel), lit(*comment)))
	}
	rows, err := ss.conn.QueryContext(ctx, `SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?
		AND database_name = current_database() AND comment IS NOT NULL AND comment <> '' ORDER BY column_index`, d.rel.Schema, d.rel.Name)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var col, c string
		if err := rows.Scan(&col, &c); err != nil {
			rows.Close()
			return nil, err
		}
		d.comments = append(d.comments, fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", qualified(d.rel), quoteName(col), lit(c)))
	}
	rows.Close()
	rows, err = ss.conn.QueryContext(ctx, `SELECT sql FROM duckdb_indexes() WHERE schema_name = ? AND table_name = ?
		AND database_name = current_database() AND sql IS NOT NULL`, d.rel.Schema, d.rel.Name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			return nil, err
		}
		d.indexes = append(d.indexes, q)
	}
	return d, rows.Err()
}

// dropTables drops the tables defs describes, in order (a referencing table before
// the table it references), after copying their rows aside when keep is set.
func (ss *session) dropDescribed(ctx context.Context, defs []*tableDef, keep bool) error {
	for i, d := range defs {
		if keep {
			d.save = fmt.Sprintf("sluice_saved_%d", i)
			q := fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS SELECT * FROM %s", d.save, qualified(d.rel))
			if _, err := ss.conn.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		if _, err := ss.conn.ExecContext(ctx, "DROP TABLE "+qualified(d.rel)); err != nil {
			return err
		}
	}
	return nil
}

// createDescribed creates the tables defs describes again, in the reverse order, with
// their indexes, comments and (when kept) rows.
func (ss *session) createDescribed(ctx context.Context, defs []*tableDef) error {
	for i := len(defs) - 1; i >= 0; i-- {
		d := defs[i]
		qs := []string{d.create}
		if d.save != "" {
			qs = append(qs, fmt.Sprintf("INSERT INTO %s SELECT * FROM %s", qualified(d.rel), d.save), "DROP TABLE "+d.save)
		}
		qs = append(qs, d.indexes...)
		qs = append(qs, d.comments...)
		for _, q := range qs {
			if _, err := ss.conn.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("sandbox: creating table %s again: %w", d.rel.Name, err)
			}
		}
	}
	return nil
}

// emptyTables empties the tables of a TRUNCATE, in order (a referencing table before
// the table it references): one table by DELETE, several by dropping and creating
// them again, in one transaction.
func (ss *session) emptyTables(ctx context.Context, order []pgsql.Rel) error {
	if len(order) == 1 {
		_, err := ss.conn.ExecContext(ctx, "DELETE FROM "+qualified(order[0]))
		return err
	}
	var defs []*tableDef
	for _, r := range order {
		d, err := ss.describeTable(ctx, r)
		if err != nil {
			return err
		}
		defs = append(defs, d)
	}
	return ss.atomically(ctx, func() error {
		if err := ss.dropDescribed(ctx, defs, false); err != nil {
			return err
		}
		return ss.createDescribed(ctx, defs)
	})
}

// referencingTree returns the tables whose foreign keys reference t, directly or
// through one another, each after the tables that reference it.
func (ss *session) referencingTree(ctx context.Context, t pgsql.Rel) ([]pgsql.Rel, error) {
	var out []pgsql.Rel
	seen := map[pgsql.Rel]bool{{Schema: duckSchemaName(t.Schema), Name: t.Name}: true}
	var visit func(r pgsql.Rel) error
	visit = func(r pgsql.Rel) error {
		refs, err := ss.referencing(ctx, r)
		if err != nil {
			return err
		}
		for _, c := range refs {
			c.Schema = duckSchemaName(c.Schema)
			if seen[c] {
				continue
			}
			seen[c] = true
			if err := visit(c); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	}
	return out, visit(t)
}

// referencedColumns returns the columns of t that other tables' foreign keys reference.
func (ss *session) referencedColumns(ctx context.Context, t pgsql.Rel) (map[string]bool, error) {
	rows, err := ss.conn.QueryContext(ctx, `SELECT unnest(referenced_column_names) FROM duckdb_constraints()
		WHERE constraint_type = 'FOREIGN KEY' AND referenced_table = ? AND schema_name = ?`, t.Name, duckSchemaName(t.Schema))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			out[strings.ToLower(c)] = true
		}
	}
	return out, rows.Err()
}

// alterReferenced carries out an ALTER TABLE of d.Rel, which other tables' foreign
// keys reference (refs), as described above: possible when it drops or retypes no
// referenced column (a renamed one, or the renamed table, is renamed in the
// referencing tables' definitions) and the table has no index of its own to drop
// (indexed); otherwise 0A000 (2BP01 for a referenced column dropped, as PostgreSQL).
func (ss *session) alterReferenced(ctx context.Context, p *plan, d *pgsql.AlterDef, refs []pgsql.Rel, indexed bool) error {
	refuse := func(why string) error {
		return &sqlError{code: codes.FeatureNotSupported,
			msg: fmt.Sprintf("DuckDB cannot alter table %s while table %s's foreign key references it (%s)", d.Rel.Name, refs[0].Name, why),
			hint: fmt.Sprintf("Create %s again with the new definition (CREATE TABLE … AS, then re-create %s), or drop %s's foreign key by re-creating it.",
				d.Rel.Name, refs[0].Name, refs[0].Name)}
	}
	if indexed {
		return refuse("a table with indexes")
	}
	used, err := ss.referencedColumns(ctx, d.Rel)
	if err != nil {
		return err
	}
	for c := range d.Dropped {
		if used[strings.ToLower(c)] {
			return &sqlError{code: codes.DependentObjectsStillExist,
				msg:    fmt.Sprintf("cannot drop column %s of table %s because other objects depend on it", c, d.Rel.Name),
				detail: fmt.Sprintf("a foreign key of table %s depends on column %s of table %s", refs[0].Name, c, d.Rel.Name),
				hint:   "Use DROP ... CASCADE to drop the dependent objects too."}
		}
	}
	for c := range d.Retyped {
		if used[strings.ToLower(c)] {
			return refuse("a referenced column's type")
		}
	}
	tree, err := ss.referencingTree(ctx, d.Rel)
	if err != nil {
		return err
	}
	var defs []*tableDef
	for _, r := range tree {
		def, err := ss.describeTable(ctx, r)
		if err != nil {
			return err
		}
		def.create = retarget(def.create, d)
		defs = append(defs, def)
	}
	return ss.atomically(ctx, func() error {
		if err := ss.dropDescribed(ctx, defs, true); err != nil {
			return err
		}
		if err := ss.alterDirect(ctx, p); err != nil {
			return err
		}
		return ss.createDescribed(ctx, defs)
	})
}

// retarget renames, in DuckDB's CREATE TABLE of a referencing table, the table and
// the columns its foreign keys reference that d renames: REFERENCES t(a, b) outside
// string literals.
func retarget(create string, d *pgsql.AlterDef) string {
	if d.NewTable == "" && len(d.Renamed) == 0 {
		return create
	}
	head := "REFERENCES " + identText(d.Rel.Name) + "("
	table := d.Rel.Name
	if d.NewTable != "" {
		table = d.NewTable
	}
	var b strings.Builder
	quoted := false
	for i := 0; i < len(create); i++ {
		if create[i] == '\'' {
			quoted = !quoted
		}
		if quoted || !strings.HasPrefix(create[i:], head) {
			b.WriteByte(create[i])
			continue
		}
		rest := create[i+len(head):]
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return create
		}
		cols := strings.Split(rest[:end], ", ")
		for j, c := range cols {
			name := unquoteIdent(c)
			if to, ok := d.Renamed[name]; ok {
				name = to
			}
			cols[j] = identText(name)
		}
		b.WriteString("REFERENCES " + identText(table) + "(" + strings.Join(cols, ", "))
		i += len(head) + end - 1
	}
	return b.String()
}

// identText writes a name as DuckDB's definitions do: plain when lower case, else quoted.
func identText(n string) string {
	for i, c := range n {
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return quoteName(n)
		}
	}
	if n == "" {
		return quoteName(n)
	}
	return n
}

func unquoteIdent(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}
