package magics

import (
	"reflect"
	"strings"
	"testing"
)

func TestInjectCTEs(t *testing.T) {
	all := map[string]snippet{
		"buyers": {name: "buyers", sql: "SELECT user_id FROM events WHERE kind = 'purchase'"},
		"big":    {name: "big", sql: "SELECT user_id FROM buyers GROUP BY 1 HAVING count(*) > {{n}}", with: []string{"buyers"}},
		"other":  {name: "other", sql: "SELECT 1"},
	}
	ctes, err := snippetOrder(all, []string{"big", "other"})
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{ctes[0].name, ctes[1].name, ctes[2].name}; !reflect.DeepEqual(got, []string{"buyers", "big", "other"}) {
		t.Fatalf("order %v", got)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	cases := []struct{ in, want string }{
		{"SELECT count(*) FROM big",
			"WITH buyers AS ( SELECT user_id FROM events WHERE kind = 'purchase' ), big AS ( SELECT user_id FROM buyers GROUP BY 1 HAVING count(*) > {{n}} ) SELECT count(*) FROM big"},
		{"WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM x WHERE n < 3), y AS MATERIALIZED (SELECT 2) SELECT * FROM x, big, y",
			"WITH RECURSIVE buyers AS ( SELECT user_id FROM events WHERE kind = 'purchase' ), big AS ( SELECT user_id FROM buyers GROUP BY 1 HAVING count(*) > {{n}} ), x(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM x WHERE n < 3), y AS MATERIALIZED (SELECT 2) SELECT * FROM x, big, y"},
		{"CREATE TABLE t AS SELECT * FROM buyers",
			"CREATE TABLE t AS WITH buyers AS ( SELECT user_id FROM events WHERE kind = 'purchase' ) SELECT * FROM buyers"},
		{"INSERT INTO t (a, b) SELECT user_id, 1 FROM buyers",
			"INSERT INTO t (a, b) WITH buyers AS ( SELECT user_id FROM events WHERE kind = 'purchase' ) SELECT user_id, 1 FROM buyers"},
		{"SELECT 1", "SELECT 1"},
		// A user CTE of the same name wins and is never rewritten.
		{"WITH buyers AS (SELECT 42 AS user_id) SELECT * FROM buyers",
			"WITH buyers AS (SELECT 42 AS user_id) SELECT * FROM buyers"},
		// A name that only appears in a string or comment is not a reference.
		{"SELECT 'big' -- big\n", "SELECT 'big' -- big"},
	}
	for _, c := range cases {
		got, _, err := injectCTEs(c.in, ctes)
		if err != nil {
			t.Errorf("inject %q: %v", c.in, err)
			continue
		}
		if norm(got) != norm(c.want) {
			t.Errorf("inject %q:\n got %s\nwant %s", c.in, norm(got), norm(c.want))
		}
	}
	_, skipped, _ := injectCTEs("WITH buyers AS (SELECT 42 AS user_id) SELECT * FROM buyers", ctes)
	if !reflect.DeepEqual(skipped, []string{"buyers"}) {
		t.Errorf("skipped = %v", skipped)
	}
	if _, _, err := injectCTEs("DROP TABLE big", ctes); err == nil {
		t.Error("DROP TABLE has no query part: want an error")
	}
	// A statement that starts with neither a keyword nor a parenthesis (found by fuzzing;
	// it used to index toks[-1]).
	if _, _, err := injectCTEs("0", ctes); err == nil || !strings.Contains(err.Error(), "no query part") {
		t.Errorf("statement 0: err = %v, want no query part", err)
	}
	if _, err := snippetOrder(all, []string{"bgi"}); err == nil || !strings.Contains(err.Error(), "did you mean big") {
		t.Errorf("unknown snippet: %v", err)
	}
	cyc := map[string]snippet{"a": {name: "a", sql: "SELECT * FROM b", with: []string{"b"}}, "b": {name: "b", sql: "SELECT * FROM a", with: []string{"a"}}}
	if _, err := snippetOrder(cyc, []string{"a"}); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
}
