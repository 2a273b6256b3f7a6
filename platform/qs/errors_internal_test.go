package qs

import (
	"strings"
	"testing"
)

func TestPrettyCaret(t *testing.T) {
	cases := []struct {
		sql  string
		pos  int
		want string
	}{
		{"SELECT * FROM nosuch", 15, "LINE 1: SELECT * FROM nosuch\n" + strings.Repeat(" ", 22) + "^"},
		{"SELECT 1\nFROM\tx", 15, "LINE 2: FROM x\n" + strings.Repeat(" ", 13) + "^"},
		{"SELECT 'é' FROM nosuch", 17, "LINE 1: SELECT 'é' FROM nosuch\n" + strings.Repeat(" ", 24) + "^"},
		{"SELECT", 99, "LINE 1: SELECT\n" + strings.Repeat(" ", 13) + "^"},
	}
	for _, c := range cases {
		e := &Error{Code: "42P01", Message: "m", Position: c.pos, SQL: c.sql}
		if got := e.Pretty(); !strings.Contains(got, c.want) {
			t.Errorf("Pretty(%q, %d) =\n%s\nwant it to contain\n%s", c.sql, c.pos, got, c.want)
		}
	}
	e := &Error{Code: "42601", Message: "syntax error", Hint: "check it", Suggestions: []string{"a", "b"}}
	if got := e.Error(); got != "ERROR: syntax error (SQLSTATE 42601); HINT: check it did you mean a, b?" {
		t.Errorf("Error() = %q", got)
	}
	// A suggestion the server's hint already makes is not repeated.
	e2 := &Error{Code: "42P01", Message: `relation "profile" does not exist`, Hint: `Did you mean "profiles"?`, Suggestions: []string{"profiles"}}
	if got := e2.Error(); got != `ERROR: relation "profile" does not exist (SQLSTATE 42P01); HINT: Did you mean "profiles"?` {
		t.Errorf("Error() = %q", got)
	}
	// A server hint that already suggests a name stands alone: ours, from a catalog read
	// earlier, could name another table.
	e2.Suggestions = []string{"profiles", "profile_x"}
	if got := e2.Pretty(); !strings.HasSuffix(got, `HINT:  Did you mean "profiles"?`) {
		t.Errorf("Pretty() = %q", got)
	}
	if strings.Contains(e.Pretty(), "LINE") {
		t.Errorf("Pretty without position shows a line: %s", e.Pretty())
	}
}

func TestNearest(t *testing.T) {
	names := []string{"profiles", "experience_events", "scores", "audiences", "analytics.events_daily"}
	if got := nearest("experiance_events", names, 3); len(got) == 0 || got[0] != "experience_events" {
		t.Errorf("nearest = %v", got)
	}
	if got := nearest("profile", names, 3); len(got) == 0 || got[0] != "profiles" {
		t.Errorf("nearest = %v", got)
	}
	if got := nearest("zzzzzzzz", names, 3); len(got) != 0 {
		t.Errorf("nearest of nonsense = %v", got)
	}
	if got := missingName(`relation "public.foo" does not exist`); got != "public.foo" {
		t.Errorf("missingName = %q", got)
	}
}

func TestFormatValue(t *testing.T) {
	for v, want := range map[any]string{"s": "s", int64(3): "3", 1.5: "1.5", true: "true"} {
		if got := FormatValue(v); got != want {
			t.Errorf("FormatValue(%#v) = %q", v, got)
		}
	}
	if got := FormatValue(map[string]any{"a": 1}); got != `{"a":1}` {
		t.Errorf("map: %q", got)
	}
}
