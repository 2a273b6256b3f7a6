package sandbox

import (
	"context"

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
	if !p.wrapColumns(ctx, c, wrap, "sluice_time_q", func(_ int, name string) string {
		return "epoch_us(" + name + ")"
	}) {
		return
	}
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
