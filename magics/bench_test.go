package magics

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
)

// BenchmarkBindTemplates measures lexing a 40-line query and binding its parameters.
func BenchmarkBindTemplates(b *testing.B) {
	env, s, _, _ := testEnv()
	s.Set("since", "2026-01-01")
	s.Set("kinds", []string{"a", "b", "c", "d"})
	var q strings.Builder
	for i := 0; i < 40; i++ {
		q.WriteString("SELECT 'it''s', \"Col\", $$x$$, a::int FROM t -- note\nWHERE ts > {{since}} AND k IN {{kinds|in}} UNION ALL\n")
	}
	q.WriteString("SELECT 1")
	sql := q.String()
	b.SetBytes(int64(len(sql)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bindTemplates(context.Background(), env, sql); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSQLMagicFetch compares %sql -o (the whole magic: parse, bind, run, store) with
// calling qs.Client.Run directly, fetching 100,000 rows × 3 columns from the sandbox.
func BenchmarkSQLMagicFetch(b *testing.B) {
	if sandboxDSN == "" {
		b.Skip("no sandbox")
	}
	const q = "SELECT i, i * 1.5 AS f, 'row ' || i AS s FROM range(100000) t(i)"
	env, s, _, _ := testEnv()
	s.Set("dsn", sandboxDSN)
	if _, _, err := Handle(context.Background(), env, "%sql --connect {{dsn}} --alias bench"); err != nil {
		b.Fatal(err)
	}
	defer qs.RegistryOf(context.Background()).CloseAlias("bench")
	c, _ := qs.RegistryOf(context.Background()).Get("bench")
	b.Run("direct", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			r, err := c.Run(context.Background(), 0, q)
			if err != nil || r.Table.NumRows() != 100000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("magic", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := Handle(context.Background(), env, "%sql -o t "+q); err != nil {
				b.Fatal(err)
			}
		}
	})
}
