package magics

import (
	"context"
	"strings"
	"testing"
)

// FuzzLexSQL checks on arbitrary input that tokens concatenate back to the input, that
// statement splitting loses no significant text, and that SQL without templates binds to
// itself unchanged.
func FuzzLexSQL(f *testing.F) {
	for _, s := range []string{
		"SELECT 'a''b', E'\\'', $$;$$, $t$ $$ $t$, \"q\"\"\", x::int -- c\n/* /* */ */;",
		"SELECT {{x|in}} FROM t WHERE a = {{ m[\"}}\"] }}",
		"INSERT INTO t VALUES ($1, '{{not}}'); SELECT U&'\\0041' ;;",
		"$", "'", "\"", "/*", "--", "E'", "{{", "}}", "$1$", "$a", "x$y$z",
	} {
		f.Add(s)
	}
	env, _, _, _ := testEnv()
	f.Fuzz(func(t *testing.T, sql string) {
		toks, err := lexSQL(sql)
		if err != nil {
			if !strings.Contains(sql, "{{") {
				t.Fatalf("lex error without a template: %v", err)
			}
			return
		}
		var b strings.Builder
		hasTemplate := false
		for _, tk := range toks {
			if tk.text == "" {
				t.Fatalf("empty token in %q", sql)
			}
			b.WriteString(tk.text)
			if tk.kind == tkTemplate {
				hasTemplate = true
			}
		}
		if b.String() != sql {
			t.Fatalf("tokens do not round-trip %q", sql)
		}
		stmts, err := splitStatements(sql)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range stmts {
			if !strings.Contains(sql, st.text) {
				t.Fatalf("statement %q is not part of %q", st.text, sql)
			}
		}
		if !hasTemplate {
			bd, err := bindTemplates(context.Background(), env, sql)
			if err != nil && !strings.Contains(err.Error(), "mixes") {
				t.Fatalf("bind without templates: %v", err)
			}
			if err == nil && (bd.sql != sql || len(bd.args) != 0) {
				t.Fatalf("bind changed template-free SQL %q to %q", sql, bd.sql)
			}
		}
	})
}
