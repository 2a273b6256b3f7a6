package pgsql

import (
	"fmt"
	"testing"
)

func TestParseArrayText(t *testing.T) {
	for in, want := range map[string]string{
		`{}`:                      `[] true`,
		` { } `:                   `[] true`,
		`{1,2,3}`:                 `["1" "2" "3"] true`,
		`{a, "b c" ,NULL,"NULL"}`: `["a" "b c" "<nil>" "NULL"] true`,
		`{"q\"uote",back\\slash}`: `["q\"uote" "back\\slash"] true`,
		`{ a b , c\ }`:            `["a b" "c "] true`,
		`{"",x}`:                  `["" "x"] true`,
		`{{1,2},{3,4}}`:           `[] false`,
		`[1:2]={1,2}`:             `[] false`,
		`{1,,2}`:                  `[] false`,
		`{"open}`:                 `[] false`,
		`plain`:                   `[] false`,
	} {
		elems, ok := ParseArrayText(in)
		var got []string
		for _, e := range elems {
			if e == nil {
				got = append(got, "<nil>")
			} else {
				got = append(got, *e)
			}
		}
		if s := fmt.Sprintf("%q %v", got, ok); s != want {
			t.Errorf("ParseArrayText(%q) = %s, want %s", in, s, want)
		}
	}
}

func TestAnyOfArrayText(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT * FROM t WHERE id = ANY('{1,3}')`:           `SELECT * FROM t WHERE id IN ('1', '3')`,
		`SELECT * FROM t WHERE s <> ALL('{a,NULL}')`:        `SELECT * FROM t WHERE s NOT IN ('a', NULL)`,
		`SELECT * FROM t WHERE x = 1 AND id < ANY('{1,3}')`: `SELECT * FROM t WHERE x = 1 AND (id < '1' OR id < '3')`,
		`SELECT * FROM t WHERE id >= ALL('{2}')`:            `SELECT * FROM t WHERE id >= '2'`,
		`SELECT 1 = ANY('{}'), 1 <> ALL('{}')`:              `SELECT false, true`,
		`SELECT * FROM t WHERE id = ANY('{{1},{2}}')`:       `SELECT * FROM t WHERE id = ANY('{{1},{2}}')`,
	} {
		if got := Translate(in).SQL; got != want {
			t.Errorf("Translate(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestListParamProbe(t *testing.T) {
	probe, nums := ListParamProbe(`SELECT * FROM t WHERE id = ANY($1) AND name <> ALL($2) AND x = $3`)
	if want := `SELECT * FROM t WHERE list_contains($1, id) AND list_contains($2, name) AND x = $3`; probe != want || fmt.Sprint(nums) != "[1 2]" {
		t.Errorf("ListParamProbe = %s %v, want %s [1 2]", probe, nums, want)
	}
	if probe, _ := ListParamProbe(`SELECT $1`); probe != "" {
		t.Errorf("ListParamProbe of a statement without ANY($n) = %q", probe)
	}
}
