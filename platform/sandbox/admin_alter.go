package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// alterTable carries out an ALTER TABLE that DuckDB refuses while indexes depend on
// the table (RENAME COLUMN, RENAME TO, DROP COLUMN, SET/DROP NOT NULL, a column's
// type): it drops the table's indexes, alters the table and creates them again with
// the new names, in one transaction; an index on a dropped column goes with it, as in
// PostgreSQL. DuckDB cannot do it for a table another table's foreign key references,
// nor change the type of an indexed column in the transaction that drops its index:
// those are refused with 0A000 and a hint.
func (ss *session) alterTable(ctx context.Context, p *plan, d *pgsql.AlterDef, clientTx bool) error {
	schema := duckSchemaName(d.Rel.Schema)
	var indexes []index
	rows, err := ss.conn.QueryContext(ctx, `SELECT i.index_name, i.sql, d.definition FROM duckdb_indexes() i
		LEFT JOIN pg_sluice.index_defs d ON d.schema_name = i.schema_name AND d.index_name = i.index_name AND d.table_name = i.table_name
		WHERE i.schema_name = ? AND i.table_name = ? AND i.sql IS NOT NULL AND i.database_name = current_database()`, schema, d.Rel.Name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var x index
		if err := rows.Scan(&x.name, &x.sql, &x.def); err != nil {
			rows.Close()
			return err
		}
		cols, ok := d.Columns(strings.TrimSuffix(strings.TrimSpace(x.sql), ";"))
		if !ok {
			rows.Close()
			return ss.atomically(ctx, func() error { return ss.alterDirect(ctx, p) }) // DuckDB decides
		}
		x.cols = cols
		indexes = append(indexes, x)
	}
	rows.Close()
	refs, err := ss.referencing(ctx, d.Rel)
	if err != nil {
		return err
	}
	if len(refs) > 0 {
		return ss.alterReferenced(ctx, p, d, refs, len(indexes) > 0) // constraint_recreate.go
	}
	if len(indexes) == 0 {
		return ss.atomically(ctx, func() error { return ss.alterDirect(ctx, p) })
	}
	// DuckDB refuses to drop or retype a column whose index was dropped in the same
	// transaction: those indexes are dropped in a transaction of their own first (and
	// made again if the change fails).
	var blocking []index
	for _, x := range indexes {
		for _, c := range x.cols {
			// Dropping a column: DuckDB minds indexes on the columns after it too.
			if d.Retyped[c] || len(d.Dropped) > 0 {
				blocking = append(blocking, x)
				break
			}
		}
	}
	if len(blocking) > 0 {
		if clientTx {
			return &sqlError{code: codes.FeatureNotSupported,
				msg:  fmt.Sprintf("DuckDB cannot drop or change the type of a column of index %s in a transaction block", blocking[0].name),
				hint: fmt.Sprintf("Run the ALTER TABLE outside a transaction block, or DROP INDEX %s in a transaction of its own first.", blocking[0].name)}
		}
		err := ss.atomically(ctx, func() error {
			for _, x := range blocking {
				if _, err := ss.conn.ExecContext(ctx, "DROP INDEX "+quoteName(schema)+"."+quoteName(x.name)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	table := d.Rel.Name
	if d.NewTable != "" {
		table = d.NewTable
	}
	err = ss.atomically(ctx, func() error {
		for _, x := range indexes {
			if !blocksOn(blocking, x.name) {
				if _, err := ss.conn.ExecContext(ctx, "DROP INDEX "+quoteName(schema)+"."+quoteName(x.name)); err != nil {
					return err
				}
			}
		}
		if err := ss.alterDirect(ctx, p); err != nil {
			return err
		}
		for _, x := range indexes {
			dropped := false
			for _, c := range x.cols {
				dropped = dropped || d.Dropped[c]
			}
			if dropped {
				if _, err := ss.conn.ExecContext(ctx, `DELETE FROM pg_sluice.index_defs WHERE schema_name = ? AND index_name = ?`, schema, x.name); err != nil {
					return err
				}
				continue
			}
			q, ok := d.Rewrite(x.sql, true)
			if !ok {
				return fmt.Errorf("sandbox: cannot re-create index %s: %s", x.name, x.sql)
			}
			if _, err := ss.conn.ExecContext(ctx, q); err != nil {
				return err
			}
			if x.def.Valid {
				def, ok := d.Rewrite(x.def.String, false)
				if !ok {
					def = x.def.String
				}
				if _, err := ss.conn.ExecContext(ctx, `UPDATE pg_sluice.index_defs SET table_name = ?, definition = ?
					WHERE schema_name = ? AND index_name = ?`, table, def, schema, x.name); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		for _, x := range blocking {
			_, _ = ss.conn.ExecContext(ctx, strings.TrimSuffix(strings.TrimSpace(x.sql), ";")) // as it was
		}
	}
	return err
}

// blocksOn reports whether the index named name is among xs.
func blocksOn(xs []index, name string) bool {
	for _, x := range xs {
		if x.name == name {
			return true
		}
	}
	return false
}

// index is an index of a table being altered: DuckDB's statement for it, PostgreSQL's
// definition when the sandbox keeps one, and the columns it names.
type index struct {
	name, sql string
	def       sql.NullString
	cols      []string
}

// alterDirect runs an ALTER TABLE through the front end as any statement, and keeps
// the constraint names it renames.
func (ss *session) alterDirect(ctx context.Context, p *plan) error {
	np := &plan{sql: p.sql + pgsql.AdminDirect, simple: p.simple}
	if err := ss.prepare(ctx, np); err != nil {
		return err
	}
	defer func() { _ = ss.raw(func(*duckdb.Conn) error { np.closeStmt(); return nil }) }()
	if np.stmt == nil {
		return fmt.Errorf("sandbox: ALTER TABLE did not prepare")
	}
	err := ss.raw(func(c *duckdb.Conn) error {
		_, err := np.stmt.ExecContext(ctx, nil)
		return err
	})
	if err != nil {
		return err
	}
	ss.keepConstraintNames(ctx, p.sql)
	ss.keepDeclaredTypes(ctx, p.sql)
	return nil
}
