package sandbox

import (
	"context"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// wrapColumns prepares p's query again as an outer SELECT that passes the columns
// listed in wrap (ascending indexes) through expr (given the index and the inner
// column's quoted name) and every other column as it is, under DuckDB's names;
// alias names the inner query. It reports whether p now holds the new statement (on a
// preparation error p is left as it was).
func (p *plan) wrapColumns(ctx context.Context, c *duckdb.Conn, wrap []int, alias string, expr func(i int, name string) string) bool {
	var sel, names strings.Builder
	w := 0
	for i := range p.cols {
		if i > 0 {
			sel.WriteString(", ")
			names.WriteString(", ")
		}
		name := fmt.Sprintf(`"sluice_c%d"`, i+1)
		names.WriteString(name)
		if w < len(wrap) && wrap[w] == i {
			sel.WriteString(expr(i, name))
			w++
		} else {
			sel.WriteString(name)
		}
		if i < len(p.duckCol) { // DuckDB's names, which execute.go checks
			sel.WriteString(` AS "` + strings.ReplaceAll(p.duckCol[i], `"`, `""`) + `"`)
		}
	}
	inner := strings.TrimRight(strings.TrimSpace(p.duck), ";")
	sql := "SELECT " + sel.String() + " FROM (\n" + inner + "\n) AS " + alias + "(" + names.String() + ")"
	ds, err := c.PrepareContext(ctx, sql)
	if err != nil {
		return false
	}
	p.closeStmt()
	p.duck, p.stmt = sql, ds.(*duckdb.Stmt)
	return true
}
