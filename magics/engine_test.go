package magics_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
	"github.com/sluice-dev/sluice/magics"
)

// TestThroughEngine runs magic cells through the real yaegi engine (kernel/engine) against
// the in-process sandbox: Go values flow into {{parameters}}, results flow back into Go
// variables, and failures become the kernel's error messages.
func TestThroughEngine(t *testing.T) {
	dsn := magics.SandboxDSN()
	if dsn == "" {
		t.Fatal("the in-process sandbox did not start")
	}
	e, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	run := func(code string) (string, string, error) {
		t.Helper()
		out, errb := &strings.Builder{}, &strings.Builder{}
		res, err := e.Execute(ctx, code, &kernel.CellIO{Stdout: out, Stderr: errb})
		txt := ""
		if res != nil {
			txt, _ = display.Render(res).Data["text/plain"].(string)
		}
		return txt, out.String(), err
	}
	must := func(code string) (string, string) {
		t.Helper()
		res, out, err := run(code)
		if err != nil {
			t.Fatalf("cell %q: %v", code, err)
		}
		return res, out
	}
	must(fmt.Sprintf("dsn := %q\nkinds := []string{\"a\", \"c\"}\nlimit := 2", dsn))
	if _, out := must("%sql --connect {{dsn}} --alias engine_e2e"); !strings.Contains(out, "xxxxx") {
		t.Fatalf("connect output %q", out)
	}
	res, _ := must("%%sql df << --limit 1\nSELECT * FROM (VALUES ('a', 1), ('b', 2), ('c', 3)) AS t(k, v)\nWHERE k IN {{kinds|in}} AND v <= {{limit + 1}} ORDER BY k")
	if !strings.Contains(res, "showing 1 of 2 rows") || !strings.Contains(res, "stored in df") {
		t.Fatalf("%%%%sql result:\n%s", res)
	}
	if res, _ := must("df.NumRows()"); res != "2" {
		t.Fatalf("df.NumRows() = %s", res)
	}
	// The first move after a query: pick a value, with no error to plumb.
	if res, _ := must("%%sql tiers <<\nSELECT 'gold' AS tier UNION ALL SELECT 'silver'"); !strings.Contains(res, "stored in tiers") {
		t.Fatalf("tiers:\n%s", res)
	}
	if res, _ := must("best := tiers.Strings(\"tier\")[0]\nbest"); res != "gold" {
		t.Fatalf("best = %s", res)
	}
	_, _, err = run("tiers.Ints(\"tier\")")
	var ce *kernel.ExecError
	if !errors.As(err, &ce) || !strings.Contains(ce.Value, `column "tier" is text, not an integer (read it with Strings)`) {
		t.Fatalf("wrong kind through the engine: %v", err)
	}
	if res, _ := must("n := %sql --scalar SELECT 40 + {{limit}}\nn + 1"); res != "43" {
		t.Fatalf("scalar + Go = %s", res)
	}
	if res, _ := must("%who"); strings.Contains(res, strings.Split(strings.SplitN(dsn, ":", 3)[2], "@")[0]) || !strings.Contains(res, "*table.Table") {
		t.Fatalf("%%who:\n%s", res)
	}
	_, _, err = run("%%sql\nSELECT 1;\nSELECT nope FROM nowhere_at_all")
	var xe *kernel.ExecError
	if !errors.As(err, &xe) || xe.Name != "SQLError" || !strings.Contains(xe.Value, "42P01") ||
		!strings.Contains(strings.Join(xe.Traceback, "\n"), "^") {
		t.Fatalf("SQL error through the engine: %#v", err)
	}
	_, _, err = run("%sqll SELECT 1")
	if !errors.As(err, &xe) || !strings.Contains(xe.Value, "did you mean %sql?") {
		t.Fatalf("unknown magic: %v", err)
	}
}

// TestTwoSessionsInOneProcess runs two engines side by side, each with its own session
// state (the engine binds it to its cells' and magics' context): one connects to
// the sandbox, the other to PostgreSQL, and neither sees the other's connections —
// through %sql, %sql --connections or qs.Current(ctx) in a Go cell.
func TestTwoSessionsInOneProcess(t *testing.T) {
	sandboxDSN, pgDSN := magics.SandboxDSN(), testdb.SchemaDSN(t)
	type session struct {
		e     *engine.Engine
		ctx   context.Context
		state *magics.State
	}
	open := func() session {
		st := magics.NewState()
		e, err := engine.New(engine.Options{MagicState: st})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close(); e.Close() })
		return session{e, context.Background(), st}
	}
	run := func(s session, code string) string {
		t.Helper()
		out := &strings.Builder{}
		res, err := s.e.Execute(s.ctx, code, &kernel.CellIO{Stdout: out, Stderr: out})
		if err != nil {
			t.Fatalf("cell %q: %v", code, err)
		}
		if res != nil {
			txt, _ := display.Render(res).Data["text/plain"].(string)
			out.WriteString(txt)
		}
		return out.String()
	}
	a, b := open(), open()
	run(a, fmt.Sprintf("%%sql --connect %s --alias mine", sandboxDSN))
	run(b, fmt.Sprintf("%%sql --connect %s --alias mine", pgDSN))
	for _, c := range []struct {
		s       session
		dialect string
	}{{a, "duckdb"}, {b, "postgres"}} {
		if got := run(c.s, "db, err := qs.Current(ctx)\ndb.Dialect()"); !strings.Contains(got, c.dialect) {
			t.Errorf("qs.Current in a %s session: %q", c.dialect, got)
		}
		if got := run(c.s, "%sql --connections"); strings.Count(got, "mine") != 1 {
			t.Errorf("%s session lists %q", c.dialect, got)
		}
		if n := len(c.s.state.Connections().List()); n != 1 {
			t.Errorf("%s session has %d connections, want 1", c.dialect, n)
		}
	}
	if got := run(a, "%sql SELECT version() AS v"); !strings.Contains(got, "Sluice sandbox") {
		t.Errorf("session A's %%sql did not reach the sandbox: %q", got)
	}
	if got := run(b, "%sql SELECT version() AS v"); strings.Contains(got, "Sluice sandbox") {
		t.Errorf("session B's %%sql reached the sandbox: %q", got)
	}
	run(a, "%sql --close mine")
	if got := run(b, "db, err := qs.Current(ctx)\ndb.Dialect()"); !strings.Contains(got, "postgres") {
		t.Errorf("closing A's connection touched B's: %q", got)
	}
}
