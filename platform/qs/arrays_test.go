package qs_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
)

// TestArrayParameters binds Go slices as array parameters cast in the statement, which
// PostgreSQL types natively and the sandbox reads from a list literal.
func TestArrayParameters(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		one := func(sql string, args ...any) any {
			t.Helper()
			tab, err := c.Query(ctx, sql, args...)
			if err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
			return tab.Columns[0].Value(0)
		}
		ids := []int64{2, 3}
		if v := one("SELECT 3 = ANY($1::bigint[])", ids); v != true {
			t.Errorf("3 = ANY(%v) = %v", ids, v)
		}
		if v := one("SELECT 4 = ANY($1::bigint[])", []int{2, 3}); v != false {
			t.Errorf("4 = ANY([2 3]) = %v", v)
		}
		if v := one("SELECT 4 = ANY($1::bigint[])", []int64{}); v != false {
			t.Errorf("4 = ANY(empty) = %v", v)
		}
		if v := one("SELECT 2.5 = ANY($1::float8[])", []float64{1, 2.5}); v != true {
			t.Errorf("float ANY = %v", v)
		}
		if v := one("SELECT false = ANY($1::boolean[])", []bool{true, false}); v != true {
			t.Errorf("bool ANY = %v", v)
		}
		// Strings come back exactly, whatever characters they hold.
		words := []string{"", "NULL", "a,b", "[x]", "{y}", `say "hi"`, `back\slash`, "it's", " padded ", "line\nbreak", "é漢"}
		got, ok := one("SELECT $1::text[]", words).([]any)
		if !ok || len(got) != len(words) {
			t.Fatalf("text[] round trip: %#v", got)
		}
		for i, w := range words {
			if got[i] != w {
				t.Errorf("element %d: %q, want %q", i, got[i], w)
			}
		}
		if v := one("SELECT 'a,b' = ANY($1::text[])", words); v != true {
			t.Errorf("'a,b' = ANY(words) = %v", v)
		}
		big := []int64{math.MinInt64, math.MaxInt64}
		if v := one("SELECT $1::bigint[]", big); !reflect.DeepEqual(fmt.Sprint(v), fmt.Sprint(big)) {
			t.Errorf("bigint extremes: %v", v)
		}
		// Exec binds slices the same way.
		tab := uniq("arr")
		if _, err := c.Exec(ctx, "CREATE TABLE "+tab+" (id bigint)"); err != nil {
			t.Fatal(err)
		}
		defer c.Exec(ctx, "DROP TABLE "+tab)
		if _, err := c.Exec(ctx, "INSERT INTO "+tab+" SELECT unnest($1::bigint[])", []int64{1, 2, 3}); err != nil {
			t.Fatal(err)
		}
		n, err := c.Exec(ctx, "DELETE FROM "+tab+" WHERE id = ANY($1::bigint[])", []int32{1, 3})
		if err != nil || n != 2 {
			t.Fatalf("DELETE … ANY: %d rows, %v", n, err)
		}
	})
}
