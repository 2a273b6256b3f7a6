package sandbox

import (
	"context"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
)

// timeColumnsAsMicros prepares a described query again when a result column is a time,
// so that it arrives as its microseconds since midnight: duckdb-go hands a time over
// as a time.Time, which turns 24:00:00 (PostgreSQL's time(p) rounding up past the
// day's last instant, '24:00:00'::time) into 00:00:00. p keeps its statement when
// DuckDB refuses the wrapped query.
func (ss *session) timeColumnsAsMicros(ctx context.Context, c *duckdb.Conn, p *plan) {
	if p.kind != kindRows || p.stmt == nil {
		return
	}
	if st, err := p.stmt.StatementType(); err != nil || st != duckdb.STATEMENT_TYPE_SELECT {
		return
	}
	var wrap []int
	for i := range p.cols {
		if p.cols[i].Oid != oidTime {
			continue
		}
		if t, err := p.stmt.ColumnType(i); err == nil && t == duckdb.TYPE_TIME {
			wrap = append(wrap, i)
		}
	}
	if len(wrap) == 0 {
		return
	}
	var sel, names strings.Builder
	w := 0
	for i := range p.cols {
		if i > 0 {
			sel.WriteString(", ")
			names.WriteString(", ")
		}
		name := fmt.Sprintf(`"sluice_t%d"`, i+1)
		names.WriteString(name)
		if w < len(wrap) && wrap[w] == i {
			fmt.Fprintf(&sel, "epoch_us(%s)", name)
			w++
		} else {
			sel.WriteString(name)
		}
		if i < len(p.duckCol) { // DuckDB's names, which execute.go checks
			sel.WriteString(` AS "` + strings.ReplaceAll(p.duckCol[i], `"`, `""`) + `"`)
		}
	}
	inner := strings.TrimRight(strings.TrimSpace(p.duck), ";")
	sql := "SELECT " + sel.String() + " FROM (\n" + inner + "\n) AS sluice_time_q(" + names.String() + ")"
	ds, err := c.PrepareContext(ctx, sql)
	if err != nil {
		return
	}
	p.closeStmt()
	p.duck, p.stmt = sql, ds.(*duckdb.Stmt)
	for _, i := range wrap {
		p.convs[i] = timeFromMicros
	}
}

// timeFromMicros is a time column read as its microseconds (24:00:00 included).
func timeFromMicros(v any) any {
	if us, ok := v.(int64); ok {
		return pgtype.Time{Microseconds: us, Valid: true}
	}
	return v
}
