package magics

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestLexRoundTripsAndKinds(t *testing.T) {
	cases := []struct {
		sql  string
		kind tokKind
		text string // a token that must come out whole
	}{
		{`SELECT 'it''s {{x}}; -- no'`, tkString, `'it''s {{x}}; -- no'`},
		{`SELECT E'a\'b {{x}};'`, tkString, `E'a\'b {{x}};'`},
		{`SELECT "we""ird;{{x}}"`, tkQIdent, `"we""ird;{{x}}"`},
		{`SELECT $$ ; {{x}} ' $$`, tkDollar, `$$ ; {{x}} ' $$`},
		{`SELECT $fn$ $$ ; $x$ $fn$`, tkDollar, `$fn$ $$ ; $x$ $fn$`},
		{"SELECT 1 -- ; {{x}} '\n", tkComment, "-- ; {{x}} '"},
		{`SELECT /* a /* nested ; */ {{x}} */ 1`, tkComment, `/* a /* nested ; */ {{x}} */`},
		{`SELECT x::int, $1`, tkOp, `::`},
		{`SELECT x::int, $12`, tkParam, `$12`},
		{`SELECT {{ m["}}"] }}`, tkTemplate, `{{ m["}}"] }}`},
		{`SELECT {{ []int{1, 2} | in }}`, tkTemplate, `{{ []int{1, 2} | in }}`},
		{`SELECT a$b FROM t`, tkWord, `a$b`},
		{`SELECT U&'d\0061t' , X'1F'`, tkString, `U&'d\0061t'`},
		{`SELECT 1.5e-3`, tkNumber, `1.5e-3`},
	}
	for _, c := range cases {
		toks, err := lexSQL(c.sql)
		if err != nil {
			t.Errorf("lex %q: %v", c.sql, err)
			continue
		}
		var sb strings.Builder
		found := false
		for _, tk := range toks {
			sb.WriteString(tk.text)
			if tk.kind == c.kind && tk.text == c.text {
				found = true
			}
		}
		if sb.String() != c.sql {
			t.Errorf("tokens of %q do not round-trip: %q", c.sql, sb.String())
		}
		if !found {
			t.Errorf("lex %q: no %v token %q in %+v", c.sql, c.kind, c.text, toks)
		}
	}
	if _, err := lexSQL("SELECT {{x"); err == nil {
		t.Error("an unclosed {{ must be an error")
	}
	// Unterminated quotes run to the end without error; the server reports them.
	for _, s := range []string{"SELECT 'abc", `SELECT "abc`, "SELECT $$abc", "SELECT /* abc", "SELECT E'\\'"} {
		if _, err := lexSQL(s); err != nil {
			t.Errorf("lex %q: %v", s, err)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	sql := "-- lead\nCREATE TABLE t (s text);\nINSERT INTO t VALUES ('a;b'), ($$c;d$$);\n\n;  -- only a comment\nSELECT /* ; */ * FROM t WHERE s <> E'\\';' ;"
	st, err := splitStatements(sql)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range st {
		got = append(got, s.text)
	}
	want := []string{
		"-- lead\nCREATE TABLE t (s text)",
		"INSERT INTO t VALUES ('a;b'), ($$c;d$$)",
		"-- only a comment\nSELECT /* ; */ * FROM t WHERE s <> E'\\';'",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("split:\n got %q\nwant %q", got, want)
	}
	if st[1].line != 3 || st[2].line != 5 {
		t.Fatalf("lines %d %d, want 3 5", st[1].line, st[2].line)
	}
}

func TestBindTemplates(t *testing.T) {
	env, s, _, _ := testEnv()
	type myInt int
	s.Set("id", myInt(7))
	s.Set("name", "O'Brien'); DROP TABLE users; --")
	s.Set("kinds", []string{"a", "b'c"})
	s.Set("tbl", `evil"; DROP TABLE x; --`)
	s.Set("qualified", "analytics.Events")
	s.Set("empty", []int{})
	s.Set("pi", 3.5)
	ctx := context.Background()

	b, err := bindTemplates(ctx, env, `SELECT '{{id}}', "{{id}}" , $${{id}}$$, x::int FROM {{tbl|ident}} JOIN {{qualified|ident}} -- {{id}}
WHERE id = {{id}} AND name = {{ name }} AND kind IN {{kinds|in}} AND v > {{pi}}::float8 /* {{nope}} */`)
	if err != nil {
		t.Fatal(err)
	}
	want := `SELECT '{{id}}', "{{id}}" , $${{id}}$$, x::int FROM "evil""; DROP TABLE x; --" JOIN "analytics"."Events" -- {{id}}
WHERE id = $1::bigint AND name = $2 AND kind IN ($3, $4) AND v > $5::float8::float8 /* {{nope}} */`
	if b.sql != want {
		t.Fatalf("sql:\n got %s\nwant %s", b.sql, want)
	}
	wantArgs := []any{int64(7), "O'Brien'); DROP TABLE users; --", "a", "b'c", 3.5}
	if !reflect.DeepEqual(b.args, wantArgs) {
		t.Fatalf("args %#v, want %#v", b.args, wantArgs)
	}
	if len(b.warnings) != 3 {
		t.Fatalf("want 3 warnings for templates inside quotes, got %q", b.warnings)
	}

	for _, bad := range []struct{ sql, want string }{
		{"SELECT {{empty|in}}", "needs at least one value"},
		{"SELECT {{id|in}}", "|in needs a slice"},
		{"SELECT {{missing}}", "cannot evaluate"},
		{"SELECT {{}}", "empty parameter"},
		{"SELECT {{id}}, $1", "mixes $n placeholders"},
		{"SELECT {{id|ident}}", "|ident needs a string"},
	} {
		_, err := bindTemplates(ctx, env, bad.sql)
		var me *Error
		if !errors.As(err, &me) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("bind %q: err %v, want %q", bad.sql, err, bad.want)
		}
	}
	s.Set("nul", "a\x00b")
	if _, err := bindTemplates(ctx, env, "SELECT {{nul|ident}}"); err == nil {
		t.Error("identifier with NUL must fail")
	}
	s.Set("long", strings.Repeat("x", 64))
	if _, err := bindTemplates(ctx, env, "SELECT {{long|ident}}"); err == nil {
		t.Error("identifier over 63 bytes must fail")
	}
	// A Go expression using | (bitwise or) is not mistaken for a filter.
	if e, f := splitFilter(" a | b "); f != "" || e != " a | b " {
		t.Errorf("splitFilter(a | b) = %q %q", e, f)
	}
	if e, f := splitFilter("a || in"); f != "" || e != "a || in" {
		t.Errorf("splitFilter(a || in) = %q %q", e, f)
	}
}
