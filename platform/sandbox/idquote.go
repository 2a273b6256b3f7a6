package sandbox

import (
	"context"
	"fmt"
	"strings"

	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// checkQuotedNames refuses a quoted name in upper or mixed case ("Label") that names
// no relation or column in its exact case while one in another case exists, with
// PostgreSQL's 42P01 or 42703: DuckDB would find that other object (label) and answer
// silently for it. Only statements that quote such a name pay for the look-up (one
// catalog query); a name nothing has in any case is left to DuckDB's own error.
func (ss *session) checkQuotedNames(ctx context.Context, sql string, offset int) error {
	q := pgsql.FindQuotedNames(sql)
	if q == nil {
		return nil
	}
	for _, r := range q.Relations {
		exact, other := ss.nameCases(ctx, `SELECT table_name FROM duckdb_tables() WHERE lower(table_name) = lower($1) AND ($2 = '' OR schema_name = $2)
			UNION ALL SELECT view_name FROM duckdb_views() WHERE lower(view_name) = lower($1) AND ($2 = '' OR schema_name = $2)`, r[1], r[0])
		if !exact && other != "" {
			shown := r[1]
			if r[0] != "" && r[0] != "main" {
				shown = r[0] + "." + r[1]
			}
			return &sqlError{code: codes.UndefinedTable, msg: fmt.Sprintf("relation %q does not exist", shown),
				hint:     fmt.Sprintf("Names are case-sensitive when quoted: the relation is %s.", quoteIdent(other)),
				position: quotedPosition(sql, r[1], offset)}
		}
	}
	if q.Opaque {
		return nil
	}
	for _, c := range q.Columns {
		exact, other := ss.nameCases(ctx, `SELECT column_name FROM duckdb_columns() WHERE lower(column_name) = lower($1)`, c)
		if !exact && other != "" {
			return &sqlError{code: codes.UndefinedColumn, msg: fmt.Sprintf("column %q does not exist", c),
				hint:     fmt.Sprintf("Names are case-sensitive when quoted: perhaps you meant to reference the column %s.", quoteIdent(other)),
				position: quotedPosition(sql, c, offset)}
		}
	}
	return nil
}

// quotedCache keeps what nameCases found, while no statement that may change the
// catalog ran (Server.catalogGen): an ORM quoting its mixed-case names in every
// statement looks each up once.
type quotedCache struct {
	gen   int64
	found map[string][2]string // query and arguments → exact ("1" or ""), other
}

// nameCases runs q (names equal to name regardless of case) and reports whether one
// is name exactly, and another one when none is.
func (ss *session) nameCases(ctx context.Context, q, name string, more ...any) (exact bool, other string) {
	key := fmt.Sprint(q, name, more)
	if gen := ss.srv.catalogGen.Load(); ss.quoted.gen != gen || ss.quoted.found == nil {
		ss.quoted = quotedCache{gen: gen, found: map[string][2]string{}}
	}
	if f, ok := ss.quoted.found[key]; ok {
		return f[0] != "", f[1]
	}
	rows, err := ss.conn.QueryContext(ctx, q, append([]any{name}, more...)...)
	if err != nil {
		return true, "" // the statement itself says what is wrong
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if rows.Scan(&n) != nil {
			continue
		}
		if n == name {
			ss.quoted.found[key] = [2]string{"1", ""}
			return true, ""
		}
		other = n
	}
	if rows.Err() == nil {
		ss.quoted.found[key] = [2]string{"", other}
	}
	return false, other
}

// quoteIdent writes name as PostgreSQL's quote_ident would.
func quoteIdent(name string) string {
	if name != "" && strings.ToLower(name) == name && !strings.ContainsAny(name, " \"-.") {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// quotedPosition is the 1-based character position of "name" in sql, which starts
// offset characters into the client's query string, or 0.
func quotedPosition(sql, name string, offset int) int {
	i := strings.Index(sql, `"`+strings.ReplaceAll(name, `"`, `""`)+`"`)
	if i < 0 {
		return 0
	}
	return offset + len([]rune(sql[:i])) + 1
}
