package sandbox

import (
	"errors"
	"testing"
)

// TestNamePosition: where DuckDB showed a rewritten statement, the error points at the
// name its message is about, where the client wrote it (PostgreSQL's position).
func TestNamePosition(t *testing.T) {
	for _, c := range []struct {
		sql, name string
		want      int
	}{
		{"SELECT nosuch FROM (SELECT 1) AS s", "nosuch", 8},
		{"SELECT a_nosuch, NoSuch FROM t", "nosuch", 18},
		{`SELECT "Mixed" FROM t`, "Mixed", 8},
		{"SELECT é, x FROM t", "x", 11},
		{"SELECT xx FROM t", "x", 0},
	} {
		if got := namePosition(c.sql, c.name); got != c.want {
			t.Errorf("namePosition(%q, %q) = %d, want %d", c.sql, c.name, got, c.want)
		}
	}
}

func TestRecoverStatement(t *testing.T) {
	prepare := func() (err error) {
		defer recoverStatement("SELECT 1", &err)
		var m map[string]int
		m["x"] = 1 // a front-end bug
		return nil
	}
	err := prepare()
	var se *sqlError
	if !errors.As(err, &se) || se.code != "XX000" {
		t.Fatalf("panic while preparing: %v, want an XX000 error", err)
	}
}

func TestPostgresWords(t *testing.T) {
	for msg, want := range map[string]string{
		"Unknown TimeZone 'Nowhere/City'!":                         `time zone "Nowhere/City" not recognized`,
		"Overflow in addition of INT64 (9223372036854775807 + 1)!": "bigint out of range",
		"Overflow in multiplication of INT32 (2147483647 * 2)!":    "integer out of range",
		"missing ): (":                         "invalid regular expression: missing ): (",
		"Type with name point does not exist!": `type "point" does not exist`,
	} {
		if got := pgMessageMore(msg); got != want {
			t.Errorf("%q: got %q, want %q", msg, got, want)
		}
	}
	for low, want := range map[string]string{
		"missing ): (": "2201B",
		"invalid input error: value out of range: overflow":  "22003",
		"catalog error: column with name a already exists!":  "42701",
		"table \"t\" does not have a column with name \"x\"": "42703",
		"requested length too large":                         "54000",
	} {
		if got, _ := sqlstateByMessage(low); string(got) != want {
			t.Errorf("%q: got %q, want %q", low, got, want)
		}
	}
}

func TestUnitError(t *testing.T) {
	for sql, want := range map[string]string{
		"SELECT date_trunc('nosuch', now())":             "22023",
		"SELECT EXTRACT(nosuch FROM now())":              "22023",
		"SELECT '1 nosuch'::interval":                    "22007",
		"SELECT date_trunc('day', '1 nosuch'::interval)": "22007",
	} {
		e := &sqlError{code: "22007", msg: `extract specifier "nosuch" not recognized`}
		unitError(e, sql)
		if string(e.code) != want {
			t.Errorf("%s: %s, want %s", sql, e.code, want)
		}
	}
}
