package pgsql

import "testing"

func TestUpsertRewrite(t *testing.T) {
	tbl := func(schema, name string) UpsertTable {
		return UpsertTable{Columns: []string{"id", "k", "v"}, Types: []string{"INTEGER", "INTEGER", "VARCHAR"}, Keys: []UpsertKey{
			{Name: "t_pkey", Columns: []string{"id"}}, {Name: "t_k_key", Columns: []string{"k"}, Nullable: true}}}
	}
	for _, c := range []struct{ in, code string }{
		{"INSERT INTO t VALUES (1, NULL, 'a'), (2, NULL, 'b') ON CONFLICT DO NOTHING", ""},
		{"INSERT INTO t VALUES (1, NULL, 'a') ON CONFLICT (id) DO UPDATE SET v = excluded.v RETURNING *", ""},
		{"INSERT INTO t VALUES (1, NULL, 'a') ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING", ""},
		{"INSERT INTO t VALUES (1, NULL, 'a') ON CONFLICT ON CONSTRAINT nosuch DO NOTHING", "42704"},
		{"INSERT INTO t VALUES (1, NULL, 'a') ON CONFLICT (v) DO NOTHING", "42P10"},
		{"INSERT INTO t VALUES (1, NULL, 'a') ON CONFLICT (id) WHERE v > 0 DO NOTHING", ""},
	} {
		out, err, ok := Upsert(c.in, tbl)
		code := ""
		if err != nil {
			code = err.Code
		}
		if code != c.code {
			t.Errorf("%s: error %v, want %s", c.in, err, c.code)
		}
		t.Logf("%s\n  -> %v %s", c.in, ok, out)
	}
}

// BenchmarkUpsertPlainInsert is what the upsert rewrite adds to a plain INSERT: the
// test that it has no ON CONFLICT clause.
func BenchmarkUpsertPlainInsert(b *testing.B) {
	q := "INSERT INTO bn VALUES (1, 1.5, 'x'), (2, 2.5, 'y'), (3, 3.5, 'z')"
	for b.Loop() {
		if HasConflictClause(q) {
			b.Fatal("no ON CONFLICT here")
		}
	}
}
