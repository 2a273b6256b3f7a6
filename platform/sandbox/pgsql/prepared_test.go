package pgsql

import (
	"reflect"
	"testing"
)

func TestParsePreparedStatements(t *testing.T) {
	p, ok := ParsePrepare("PREPARE q (int, numeric(10,2), text[]) AS SELECT $1 + $2, $3, '$4'")
	if !ok || p.Name != "q" || !reflect.DeepEqual(p.Types, []string{"int", "numeric(10,2)", "text[]"}) || p.Body != "SELECT $1 + $2, $3, '$4'" {
		t.Fatalf("ParsePrepare: %+v %v", p, ok)
	}
	if got := MaxParam(p.Body); got != 3 {
		t.Errorf("MaxParam = %d", got)
	}
	e, ok := ParseExecute("EXECUTE q (1, ARRAY[1, 2], 'a,b', f(2, 3))")
	if !ok || e.Name != "q" || !reflect.DeepEqual(e.Args, []string{"1", "ARRAY[1, 2]", "'a,b'", "f(2, 3)"}) {
		t.Fatalf("ParseExecute: %+v %v", e, ok)
	}
	bound := BindPrepared(p.Body, p.Types, func(n int) string { return "(" + e.Args[n-1] + ")" })
	if want := "SELECT (CAST((1) AS int)) + (CAST((ARRAY[1, 2]) AS numeric(10,2))), (CAST(('a,b') AS text[])), '$4'"; bound != want {
		t.Errorf("BindPrepared = %q, want %q", bound, want)
	}
	if n, ok := ParseDeallocate("DEALLOCATE ALL"); !ok || n != "" {
		t.Errorf("DEALLOCATE ALL: %q %v", n, ok)
	}
	if n, ok := ParseDeallocate("DEALLOCATE PREPARE q"); !ok || n != "q" {
		t.Errorf("DEALLOCATE PREPARE q: %q %v", n, ok)
	}
	for _, q := range []string{"SELECT 1", "EXECUTE", "PREPARE"} {
		if _, ok := ParsePrepare(q); ok {
			t.Errorf("ParsePrepare(%q) ok", q)
		}
	}
}

func TestParseCTAS(t *testing.T) {
	c, ok := ParseCTAS("SELECT a, b INTO TEMP t2 FROM t WHERE a > 1")
	if !ok || !c.Temp || c.Rel.Name != "t2" || c.SQL != "CREATE TEMP TABLE t2 AS SELECT a, b FROM t WHERE a > 1" {
		t.Fatalf("SELECT INTO: %+v %v", c, ok)
	}
	c, ok = ParseCTAS("CREATE TABLE IF NOT EXISTS public.t3 AS SELECT 1 WITH NO DATA")
	if !ok || !c.NoData || !c.IfNotExists || c.Rel != (Rel{Schema: "main", Name: "t3"}) || c.SQL != "" {
		t.Fatalf("CTAS: %+v %v", c, ok)
	}
	for _, q := range []string{"CREATE TABLE t (a int)", "CREATE MATERIALIZED VIEW m AS SELECT 1", "INSERT INTO t SELECT 1", "SELECT 'INTO'"} {
		if _, ok := ParseCTAS(q); ok {
			t.Errorf("ParseCTAS(%q) ok", q)
		}
	}
}
