package pgsql

import (
	"errors"
	"strings"
	"testing"
)

// The normal texts below are PostgreSQL 15's jsonb_out of the inputs (the differential
// corpus, testdata/differential/jsonb.sql, compares them with a live server).
func TestNormalizeJSONB(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"b": 1, "a": 2}`, `{"a": 2, "b": 1}`},
		{`{"a":1,"a":2}`, `{"a": 2}`},
		{`{"bb": 1, "a": {"d": [1, 2], "c": null}, "aaa": true}`, `{"a": {"c": null, "d": [1, 2]}, "bb": 1, "aaa": true}`},
		{`[1e2, 0.1e1, 10e-1, 1.50, -0, -0.0, 1.5e-3, 1.50e1, 1E+2, 12345678901234567890123]`,
			`[100, 1, 1.0, 1.50, 0, 0.0, 0.0015, 15.0, 100, 12345678901234567890123]`},
		{`"\u00e9\u0041\ud83d\ude00\t\n\"\\\/"`, `"éA😀\t\n\"\\/"`},
		{`"a\u001fb\u007f"`, `"a\u001fb` + "\x7f" + `"`},
		{"  {\"a\"  :  [ ]  , \"b\" : { } }  ", `{"a": [], "b": {}}`},
		{`"\u2028"`, "\"\u2028\""},
		{`null`, `null`},
		{`-1.5E-10`, `-0.00000000015`},
		{`1e1001`, "1" + strings.Repeat("0", 1001)},
	} {
		got, err := NormalizeJSONB(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeJSONB(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, code string }{
		{`{"a":"\u0000"}`, "22P05"}, {`"\ud83d"`, "22P02"}, {`"\ude00"`, "22P02"}, {`{"a":}`, "22P02"},
		{`[1, 2`, "22P02"}, {`01`, "22P02"}, {`1.`, "22P02"}, {`tru`, "22P02"}, {`truex`, "22P02"},
		{`"a` + "\n" + `"`, "22P02"}, {`{"a" 1}`, "22P02"}, {`[1,]`, "22P02"}, {``, "22P02"},
		{`1e131072`, "22003"}, {`1e-16384`, "22003"}, {`1e999999999999`, "22003"}, {`[1e-100000000]`, "22003"},
		{strings.Repeat("[", maxJSONBDepth+2), "54001"},
	} {
		_, err := NormalizeJSONB(c.in)
		var je *JSONBError
		if !errors.As(err, &je) || je.Code != c.code {
			t.Errorf("NormalizeJSONB(%q): %v, want SQLSTATE %s", c.in, err, c.code)
		}
	}
}

// TestJSONBSortKey checks the keys' order against PostgreSQL 15's ORDER BY of jsonb
// values (C collation), ties (1.0, 1.00) included.
func TestJSONBSortKey(t *testing.T) {
	order := strings.Split(`[]|null|""|"a"|"ab"|"b"|-10|-1.5|-1|-0.5|0|0.001|1|1.5|10|99.99|100|false|true|[null]|["a"]|[1]|[2]|[true]|[[]]|[{}]|[1, 1]|[1, 2]|{}|{"a": null}|{"a": "x"}|{"a": 1}|{"a": 2}|{"a": [1]}|{"aa": 1}|{"b": 1}|{"a": 1, "b": 1}`, "|")
	var prev []byte
	for i, s := range order {
		k, err := JSONBSortKey(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if i > 0 && string(prev) >= string(k) {
			t.Errorf("key of %s is not above the key of %s", s, order[i-1])
		}
		prev = k
	}
	a, _ := JSONBSortKey(`[1.0, -2.50]`)
	b, _ := JSONBSortKey(`[1.00, -2.5]`)
	if string(a) != string(b) {
		t.Errorf("1.0 and 1.00 sort apart")
	}
}
