package sandbox

import (
	"context"
	"fmt"

	"github.com/jeroenrinzema/psql-wire/codes"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// upsert applies pgsql.Upsert to an INSERT … ON CONFLICT (NULLs in unique keys, a
// key proposed twice for DO UPDATE, ON CONFLICT ON CONSTRAINT, an inference WHERE),
// after the front end and nothingOnConflict; an error it finds is the statement's.
func (ss *session) upsert(ctx context.Context, p *plan) error {
	if ss.srv.noFrontEnd || p.tag != "INSERT" || !pgsql.HasConflictClause(p.duck) {
		return nil
	}
	sql, uerr, ok := pgsql.Upsert(p.duck, func(schema, table string) pgsql.UpsertTable {
		cols := ss.tableColumns(ctx, schema, table)
		return pgsql.UpsertTable{Columns: cols.names, Types: cols.types, Keys: ss.upsertKeys(ctx, schema, table)}
	})
	if uerr != nil {
		return &sqlError{code: codes.Code(uerr.Code), msg: uerr.Msg}
	}
	if ok {
		p.duck = sql
	}
	return nil
}

// refuseConstraints refuses, with 0A000, a CREATE or ALTER TABLE whose constraints
// DuckDB cannot enforce as PostgreSQL does (pgsql.UnsupportedConstraint).
func (ss *session) refuseConstraints(p *plan) error {
	if ss.srv.noFrontEnd || (p.tag != "CREATE TABLE" && p.tag != "ALTER TABLE") {
		return nil
	}
	if msg, bad := pgsql.UnsupportedConstraint(p.sql); bad {
		return &sqlError{code: codes.FeatureNotSupported, msg: msg,
			hint: "DuckDB, behind the sandbox, has no such constraint; see platform/sandbox/DIFFERENCES.md"}
	}
	return nil
}

const upsertKeysSQL = `SELECT %s, k.constraint_column_names,
	k.constraint_type = 'UNIQUE' AND EXISTS (SELECT 1 FROM duckdb_columns() c WHERE c.table_oid = k.table_oid
		AND list_contains(k.constraint_column_names, c.column_name) AND c.is_nullable),
	coalesce((SELECT list(c.column_name) FROM duckdb_columns() c WHERE c.table_oid = k.table_oid
		AND list_contains(k.constraint_column_names, c.column_name) AND c.is_nullable AND c.column_default IS NULL), [])
	FROM duckdb_constraints() k %s
	WHERE k.table_name = ? AND k.schema_name = ? AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
	ORDER BY k.constraint_index`

// keysCache keeps the keys upsertKeys found while the catalog does not change.
type keysCache struct {
	gen    int64
	tables map[string][]pgsql.UpsertKey
}

// upsertKeys returns a table's primary key and unique constraints with their names
// (as the catalog shows them) and whether a column of each may hold NULL.
func (ss *session) upsertKeys(ctx context.Context, schema, table string) []pgsql.UpsertKey {
	if gen := ss.srv.catalogGen.Load(); ss.upKeys.gen != gen || ss.upKeys.tables == nil {
		ss.upKeys = keysCache{gen: gen, tables: map[string][]pgsql.UpsertKey{}}
	}
	name := schema + "." + table
	if keys, ok := ss.upKeys.tables[name]; ok {
		return keys
	}
	keys := ss.lookUpKeys(ctx, schema, table)
	if keys != nil {
		ss.upKeys.tables[name] = keys
	}
	return keys
}

func (ss *session) lookUpKeys(ctx context.Context, schema, table string) []pgsql.UpsertKey {
	named := fmt.Sprintf(upsertKeysSQL, `coalesce((SELECT n.conname FROM `+pgsql.ConstraintNamesTable+` n
		WHERE n.schema_name = k.schema_name AND n.table_name = k.table_name AND n.constraint_type = k.constraint_type
			AND n.columns = array_to_string(k.constraint_column_names, ',') LIMIT 1),
		CASE k.constraint_type WHEN 'PRIMARY KEY' THEN k.table_name || '_pkey'
			ELSE k.table_name || '_' || array_to_string(k.constraint_column_names, '_') || '_key' END)`, "")
	rows, err := ss.conn.QueryContext(ctx, named, table, schema)
	if err != nil { // no table of names: keys without names
		rows, err = ss.conn.QueryContext(ctx, fmt.Sprintf(upsertKeysSQL, "''", ""), table, schema)
		if err != nil {
			return nil
		}
	}
	defer rows.Close()
	var keys []pgsql.UpsertKey
	for rows.Next() {
		var k pgsql.UpsertKey
		var cols, bare []any
		if rows.Scan(&k.Name, &cols, &k.Nullable, &bare) != nil {
			return nil
		}
		for _, c := range bare {
			if s, ok := c.(string); ok {
				k.Bare = append(k.Bare, s)
			}
		}
		for _, c := range cols {
			s, ok := c.(string)
			if !ok {
				return nil
			}
			k.Columns = append(k.Columns, s)
		}
		keys = append(keys, k)
	}
	return keys
}
