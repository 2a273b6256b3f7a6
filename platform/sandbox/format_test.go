package sandbox

import (
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

func TestPgFormat(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, c := range []struct {
		f    string
		args []*string
		want string
	}{
		{"%s is %I and %L", []*string{s("x"), s("my col"), s("it's")}, `x is "my col" and 'it''s'`},
		{"%-5s|%5s|%2$s", []*string{s("a"), s("b")}, "a    |    b|b"},
		{"%*s|%-*s|", []*string{s("3"), s("x"), s("-2"), s("y")}, "  x|y |"},
		{"%s|%L|%%", []*string{nil, nil}, "|NULL|%"},
		{"%I %I %I", []*string{s("select"), s("Abc"), s("a_1")}, `"select" "Abc" a_1`},
		{"%L", []*string{s(`a\b`)}, `E'a\\b'`},
		{"%1$s %1$s %s", []*string{s("a"), s("b")}, "a a b"},
		{"héllo %3s", []*string{s("é")}, "héllo   é"},
	} {
		got, err := pgFormat(c.f, c.args)
		if err != nil || got != c.want {
			t.Errorf("format(%q): %q %v, want %q", c.f, got, err, c.want)
		}
	}
	for _, c := range []struct {
		f    string
		args []*string
	}{{"%s %s", []*string{s("a")}}, {"%x", []*string{s("a")}}, {"%I", []*string{nil}}, {"%", nil}, {"%0$s", []*string{s("a")}}} {
		if got, err := pgFormat(c.f, c.args); err == nil {
			t.Errorf("format(%q) = %q, want an error", c.f, got)
		}
	}
}

func TestFormatValueText(t *testing.T) {
	ts := time.Date(2024, 1, 2, 3, 4, 5, 500000000, time.UTC)
	for _, c := range []struct {
		typ  string
		v    any
		want string
	}{
		{"BOOLEAN", true, "t"},
		{"DOUBLE", 1.0, "1"},
		{"DOUBLE", 1e20, "1e+20"},
		{"FLOAT", float32(0.1), "0.1"},
		{"INTEGER[]", []any{int32(1), nil, int32(3)}, "{1,NULL,3}"},
		{"VARCHAR[]", []any{"a b", "", "c"}, `{"a b","",c}`},
		{"DATE", ts, "2024-01-02"},
		{"TIMESTAMP", ts, "2024-01-02 03:04:05.5"},
		{"TIMESTAMP WITH TIME ZONE", ts, "2024-01-02 03:04:05.5+00"},
		{"INTERVAL", duckdb.Interval{Days: 1, Micros: 3600e6}, "1 day 01:00:00"},
	} {
		if got := formatValueText(c.typ, c.v); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.typ, c.v, got, c.want)
		}
	}
}
