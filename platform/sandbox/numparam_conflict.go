package sandbox

import (
	"context"
	"strings"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// nothingOnConflict rewrites an INSERT … VALUES … ON CONFLICT DO NOTHING into a table
// with unbounded numeric columns so that a proposed row that conflicts is left out
// whatever its values, as PostgreSQL leaves it out, while any other row's values are
// checked as every INSERT's are (pgsql.NothingOnConflict). It then takes the place of
// the checks tr asks for (wide literals refused before the statement runs,
// expressions wrapped), and the parameters it wrapped are checked by the statement
// itself, not when bound (plan.sqlNumParams). It reports whether it rewrote p.
func (ss *session) nothingOnConflict(ctx context.Context, p *plan, tr *pgsql.Statement) bool {
	if ss.srv.noFrontEnd || !tr.Parsed || p.tag != "INSERT" || !containsFold(p.sql, "nothing") {
		return false
	}
	sql, params, ok := pgsql.NothingOnConflict(p.duck, func(schema, table string) pgsql.ConflictTable {
		cols := ss.tableColumns(ctx, schema, table)
		ct := pgsql.ConflictTable{Columns: cols.names}
		some := false
		for _, t := range cols.types {
			k := numericKind(t)
			ct.Kinds, some = append(ct.Kinds, k), some || k != pgsql.NotNumeric
		}
		if some {
			ct.Keys = ss.uniqueKeys(ctx, schema, table)
		}
		return ct
	})
	if !ok {
		return false
	}
	p.duck, tr.Wide, tr.Targets = sql, nil, nil
	for _, n := range params {
		if p.sqlNumParams == nil {
			p.sqlNumParams = map[int]bool{}
		}
		p.sqlNumParams[n] = true
	}
	return true
}

// uniqueKeys returns the columns of a table's primary key and unique constraints.
func (ss *session) uniqueKeys(ctx context.Context, schema, table string) [][]string {
	if schema == "" {
		schema = "main"
	}
	rows, err := ss.conn.QueryContext(ctx, `SELECT constraint_column_names FROM duckdb_constraints()
		WHERE table_name = ? AND schema_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`, table, schema)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var keys [][]string
	for rows.Next() {
		var cols []any
		if rows.Scan(&cols) != nil {
			return nil
		}
		var key []string
		for _, c := range cols {
			s, ok := c.(string)
			if !ok {
				return nil
			}
			key = append(key, s)
		}
		keys = append(keys, key)
	}
	return keys
}

// containsFold reports whether s holds word (lower case ASCII) in any case, without
// copying s (a bulk INSERT may be long).
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}
