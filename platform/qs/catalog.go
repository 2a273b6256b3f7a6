package qs

import (
	"context"
	"fmt"
	"strings"

	"github.com/sluice-dev/sluice/table"
)

const tablesSQL = `SELECT table_schema AS schema, table_name AS name, table_type AS type
FROM information_schema.tables
WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY table_schema, table_name`

// queryFunc runs a query and fetches its result: Client.Query or Session.Query.
type queryFunc func(ctx context.Context, sql string, args ...any) (*table.Table, error)

// Tables lists the user tables and views: columns schema, name and type.
func (c *Client) Tables(ctx context.Context) (*table.Table, error) { return tables(ctx, c.Query) }

// Tables lists the user tables and views the session sees, its TEMP tables included
// (see Client.Tables).
func (s *Session) Tables(ctx context.Context) (*table.Table, error) { return tables(ctx, s.Query) }

// Columns lists the columns of table as the session sees it, so a TEMP table or a
// table found through the session's search_path is described (see Client.Columns).
func (s *Session) Columns(ctx context.Context, table string) (*table.Table, error) {
	return columns(ctx, s.c, s.Query, table)
}

func tables(ctx context.Context, query queryFunc) (*table.Table, error) {
	t, err := query(ctx, tablesSQL)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return t, nil
}

// TableNames returns the user tables and views by name, schema-qualified unless they live
// in the current schema or the default one (public, or main in DuckDB).
func (c *Client) TableNames(ctx context.Context) ([]string, error) { return c.tableNames(ctx) }

func (c *Client) tableNames(ctx context.Context) ([]string, error) {
	t, err := c.Tables(ctx)
	if err != nil {
		return nil, err
	}
	current := ""
	if cs, err := c.Query(ctx, "SELECT current_schema()"); err == nil && cs.NumRows() == 1 {
		current = fmt.Sprint(cs.Columns[0].Value(0))
	}
	schemas := t.Strings("schema")
	names := t.Strings("name")
	out := make([]string, len(names))
	for i := range names {
		if schemas[i] == current || schemas[i] == "public" || schemas[i] == "main" {
			out[i] = names[i]
		} else {
			out[i] = schemas[i] + "." + names[i]
		}
	}
	return out, nil
}

// Columns lists the columns of table ("name" or "schema.name"): columns name, type and
// nullable, in table order. An unknown table is an error that suggests near names.
func (c *Client) Columns(ctx context.Context, table string) (*table.Table, error) {
	return columns(ctx, c, c.Query, table)
}

func columns(ctx context.Context, c *Client, query queryFunc, table string) (*table.Table, error) {
	schema, name := "", table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		schema, name = table[:i], table[i+1:]
	}
	schema, name = strings.Trim(schema, `"`), strings.Trim(name, `"`)
	sql := `SELECT column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable
FROM information_schema.columns
WHERE table_name = $1 AND ($2 = '' OR table_schema = $2)
  AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY table_schema, ordinal_position`
	t, err := query(ctx, sql, name, schema)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	if t.NumRows() == 0 {
		e := &Error{Code: "42P01", Message: fmt.Sprintf("relation %q does not exist", table)}
		e.Suggestions = c.suggestTables(ctx, table)
		return nil, e
	}
	return t, nil
}

// ColumnNames returns the column names of table in order (for completion).
func (c *Client) ColumnNames(ctx context.Context, table string) ([]string, error) {
	t, err := c.Columns(ctx, table)
	if err != nil {
		return nil, err
	}
	return t.Strings("name"), nil
}
