package magics

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// TestSQLResultBudget fetches past the budget into a variable (-o, name <<, --limit 0)
// and checks the cell fails with a message naming LIMIT and the setting, the variable
// is not touched, and raising the budget lets the same cell through.
func TestSQLResultBudget(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, s, _, _, _ := pgEnv(t, b, "budget")
		q := "SELECT g FROM generate_series(1, 5000) AS t(g)"
		if got := textOf(mustHandle(t, env, "%sql --config maxrows=1000")); !strings.Contains(got, "maxrows=1000\n") {
			t.Fatalf("config output %q", got)
		}
		s.Set("kept", "before")
		for _, cell := range []string{"%sql -o kept " + q, "%%sql kept <<\n" + q, "%sql --limit 0 " + q} {
			_, _, err := Handle(context.Background(), env, cell)
			me := sqlErr(t, err)
			if me.Name != "ResultTooLarge" || !strings.Contains(me.Value, "LIMIT") || !strings.Contains(me.Value, "--config maxrows=N") ||
				!strings.Contains(me.Value, qs.EnvMaxResultRows) || !strings.Contains(me.Value, "1,000 rows") {
				t.Fatalf("%s: %s: %s", cell, me.Name, me.Value)
			}
			if s.vars["kept"] != "before" {
				t.Fatalf("%s: the variable was overwritten with %T", cell, s.vars["kept"])
			}
		}
		// The default display (20 rows kept, the rest counted) is not bounded.
		if tab := mustHandle(t, env, "%sql "+q).(*table.Table); tab.Total() != 5000 {
			t.Fatalf("display total %d", tab.Total())
		}
		cfg := textOf(mustHandle(t, env, "%sql --config maxbytes=10KB --config maxrows=0"))
		if !strings.Contains(cfg, "maxrows=0 (no bound)") || !strings.Contains(cfg, "maxbytes=10000 (") {
			t.Fatalf("config text %q", cfg)
		}
		_, _, err := Handle(context.Background(), env, "%sql -o kept "+q)
		if me := sqlErr(t, err); me.Name != "ResultTooLarge" || !strings.Contains(me.Value, "--config maxbytes=SIZE") || !strings.Contains(me.Value, qs.EnvMaxResultBytes) {
			t.Fatalf("byte budget: %s: %s", me.Name, me.Value)
		}
		mustHandle(t, env, "%sql --config maxbytes=0")
		mustHandle(t, env, "%sql -o kept "+q)
		if tab, ok := s.vars["kept"].(*table.Table); !ok || tab.NumRows() != 5000 {
			t.Fatalf("with no bound: %T", s.vars["kept"])
		}
		if _, _, err := Handle(context.Background(), env, "%sql --config maxrows=lots"); err == nil {
			t.Fatal("maxrows=lots accepted")
		}
	})
}
