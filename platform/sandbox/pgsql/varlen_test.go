package pgsql

import (
	"fmt"
	"strings"
	"testing"
)

func TestVarlenValue(t *testing.T) {
	for _, c := range []struct {
		in   string
		col  VarlenColumn
		out  string
		fits bool
	}{
		{"abc", VarlenColumn{N: 3}, "abc", true},
		{"abcd", VarlenColumn{N: 3}, "", false},
		{"abc   ", VarlenColumn{N: 3}, "abc", true},
		{"ab    ", VarlenColumn{N: 3}, "ab ", true},
		{"ab  x", VarlenColumn{N: 3}, "", false},
		{"é€ü", VarlenColumn{N: 3}, "é€ü", true},
		{"é€üx", VarlenColumn{N: 3}, "", false},
		{"a  ", VarlenColumn{N: 3, Blank: true}, "a", true},
		{"ab    ", VarlenColumn{N: 3, Blank: true}, "ab", true},
		{"", VarlenColumn{N: 1, Blank: true}, "", true},
		{"abcd", VarlenColumn{N: 3, Blank: true}, "", false},
	} {
		out, ok := VarlenValue(c.in, c.col)
		if out != c.out || ok != c.fits {
			t.Errorf("VarlenValue(%q, %+v) = %q, %v; want %q, %v", c.in, c.col, out, ok, c.out, c.fits)
		}
	}
	if m := VarlenMessage(VarlenColumn{N: 3}); m != "value too long for type character varying(3)" {
		t.Errorf("message %q", m)
	}
	if m := VarlenMessage(VarlenColumn{N: 2, Blank: true}); m != "value too long for type character(2)" {
		t.Errorf("message %q", m)
	}
}

func TestVarlenCasts(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 'abcdef'::varchar(3)":            `substr('abcdef'::"varchar", 1, 3)`,
		"SELECT 'ab'::char(4)":                   `rtrim(substr('ab'::"varchar", 1, 4), ' ')`,
		"SELECT CAST(x AS character varying(2))": "END, 1, 2)", // x's text as PostgreSQL writes it, cut
		"SELECT 'a'::varchar":                    "'a'::varchar",
		"SELECT '{a}'::varchar(3)[]":             "varchar(3)[]",
	} {
		if got := Translate(in).SQL; !strings.Contains(got, want) {
			t.Errorf("%s → %s, want it to hold %s", in, got, want)
		}
	}
}

func TestVarlenAssign(t *testing.T) {
	tbl := func(schema, name string) VarlenTable {
		if name != "t" {
			return VarlenTable{}
		}
		return VarlenTable{Columns: []string{"id", "v", "c"}, Bounded: map[string]VarlenColumn{"v": {N: 3}, "c": {N: 2, Blank: true}}}
	}
	for _, c := range []struct{ in, want, err string }{
		{"INSERT INTO t VALUES (1, 'abc   ', 'a ')", "VALUES (1, 'abc', 'a')", ""},
		{"INSERT INTO t VALUES (1, 'abcd', 'a')", "", "value too long for type character varying(3)"},
		{"INSERT INTO t VALUES (1, $1, $2)", `sluice_varlen($1::"varchar", 3, 0), sluice_varlen($2::"varchar", 2, 1)`, ""},
		{"INSERT INTO t (id, v) SELECT 1, name FROM s", `sluice_varlen(sluice_v.v::"varchar", 3, 0) FROM (SELECT 1, name FROM s) sluice_v(id, v)`, ""},
		{"UPDATE t SET v = v || 'x', id = 2", `SET v = sluice_varlen((v || 'x')::"varchar", 3, 0), id = 2`, ""},
		{"INSERT INTO t VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET c = excluded.v", `SET c = sluice_varlen(excluded.v::"varchar", 2, 1)`, ""},
		{"INSERT INTO other VALUES (1, 'abcdef')", "", ""},
	} {
		out, err, _ := VarlenAssign(c.in, tbl)
		switch {
		case c.err != "":
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: error %v, want %s", c.in, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.in, err)
		case c.want != "" && !strings.Contains(out, c.want):
			t.Errorf("%s → %s, want it to hold %s", c.in, out, c.want)
		case c.want == "" && out != c.in:
			t.Errorf("%s changed: %s", c.in, out)
		}
	}
}

func TestUpsertKeep(t *testing.T) {
	s := func(v string) *string { return &v }
	// keys (id), (k): row 3 repeats the k of row 2, which was left out, so it goes in.
	got := UpsertKeep([]int64{1, 2, 3, 4}, [][]*string{{s("1"), s("10")}, {s("1"), s("20")}, {s("2"), s("20")}, {s("3"), nil}}, []int{1, 1})
	if fmt.Sprint(got) != "[1 3 4]" {
		t.Errorf("UpsertKeep = %v, want [1 3 4]", got)
	}
	// a key of two columns with a NULL never conflicts; "" is a value.
	got = UpsertKeep([]int64{1, 2, 3, 4}, [][]*string{{s("a"), nil}, {s("a"), nil}, {s(""), s("")}, {s(""), s("")}}, []int{2})
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("UpsertKeep with NULLs = %v, want [1 2 3]", got)
	}
}
