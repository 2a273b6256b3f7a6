package pgsql

import (
	"strings"
	"testing"
)

// TestIntervalCompare checks which expressions the front end keys: casts to interval,
// columns known to hold intervals, aggregates of them; not other columns.
func TestIntervalCompare(t *testing.T) {
	NoteIntervalColumns([]string{"Dur"})
	NoteTimestamptzColumns([]string{"ended_at", "started_at"})
	for _, c := range []struct{ in, want string }{
		{"SELECT id FROM t WHERE dur = '22 hours'", "sluice_ivkey(dur) = sluice_ivlit(dur, '0 months 0 days 79200000000 microseconds', '22 hours')"},
		{"SELECT id FROM t ORDER BY dur", "ORDER BY sluice_ivkey(dur)"},
		{"SELECT id, dur AS d FROM t ORDER BY d", "ORDER BY sluice_ivkey(dur)"},
		{"SELECT dur, count(*) FROM t GROUP BY dur ORDER BY dur", "SELECT any_value(dur) AS dur, count(*) FROM t GROUP BY sluice_ivkey(dur) ORDER BY sluice_ivkey(dur)"},
		{"SELECT DISTINCT dur FROM t", "SELECT DISTINCT ON (sluice_ivkey(dur)) dur FROM t"},
		{"SELECT max(dur) FROM t", "arg_max(dur, sluice_ivkey(dur))"},
		{"SELECT id FROM t WHERE dur IN (SELECT x::interval FROM u)", "sluice_ivkey(dur) IN (SELECT sluice_ivkey(x::interval) FROM u)"},
		{"SELECT ended_at - started_at FROM t", "sluice_tz_minus(ended_at, started_at)"},
		{"SELECT extract(epoch FROM INTERVAL '1 year')", "sluice_epoch_us("},
		{"SELECT make_date(-44, 3, 15)", "make_date(sluice_pg_year(-44), 3, 15)"},
		{"SELECT date_trunc('century', ts) FROM t", "sluice_trunc_cm('century', ts)"},
	} {
		st := Translate(c.in)
		if !strings.Contains(st.SQL, c.want) || st.Helpers&MacroHelpers == 0 {
			t.Errorf("%s:\n got %s (helpers %d)\nwant …%s…", c.in, st.SQL, st.Helpers, c.want)
		}
	}
	for _, q := range []string{"SELECT id FROM t WHERE n = 3 ORDER BY n", "SELECT k, count(*) FROM t GROUP BY k", "SELECT a - b FROM t"} {
		if st := Translate(q); strings.Contains(st.SQL, "sluice_") {
			t.Errorf("%s: rewritten as %s", q, st.SQL)
		}
	}
}
