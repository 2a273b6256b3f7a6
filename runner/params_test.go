package runner

import (
	"strings"
	"testing"
)

const goParams = `import "time"

// How many synthetic users to generate.
users := 100000
batches := 10 // ingestion batches
seed := int64(42)
rate := 0.25
tenant := "_sluice"
verbose := false
window := 5 * time.Minute
start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
var tags = []string{"a", "b"}
var limits = map[string]int{"x": 1}
var threshold float32 = 0.5
const maxRows = 20
`

func TestParseParamsTypesAndHelp(t *testing.T) {
	ps, err := ParseParams(goParams)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"users": "int", "batches": "int", "seed": "int64", "rate": "float64", "tenant": "string",
		"verbose": "bool", "window": "time.Duration", "start": "time.Time", "tags": "[]string",
		"limits": "map[string]int", "threshold": "float32", "maxRows": "int",
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d params: %+v", len(ps), ps)
	}
	for _, p := range ps {
		if want[p.Name] != p.Type {
			t.Errorf("%s: type %q, want %q", p.Name, p.Type, want[p.Name])
		}
	}
	if ps[0].Help != "How many synthetic users to generate." || ps[1].Help != "ingestion batches" {
		t.Errorf("help = %q, %q", ps[0].Help, ps[1].Help)
	}
}

func TestInjectedSourceConvertsToDeclaredTypes(t *testing.T) {
	ps, err := ParseParams(goParams)
	if err != nil {
		t.Fatal(err)
	}
	src, err := InjectedSource(ps, map[string]any{
		"users": "5000", "seed": "7", "rate": "1", "tenant": `we"ird`, "verbose": "true",
		"window": "90s", "start": "2025-03-01", "tags": "x, y", "limits": `{"b": 2, "a": 1}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`users = 5000`, `seed = 7`, `rate = 1.0`, `tenant = "we\"ird"`, `verbose = true`,
		`window = time.Duration(90000000000) /* 1m30s */`,
		`start = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)`,
		`tags = []string{"x", "y"}`, `limits = map[string]int{"a": 1, "b": 2}`, `import "time"`,
	} {
		if !strings.Contains(src, line+"\n") && !strings.HasSuffix(src, line) {
			t.Errorf("injected source lacks %q:\n%s", line, src)
		}
	}
	// Typed values from a YAML/JSON file.
	src, err = InjectedSource(ps, map[string]any{"users": 12, "tags": []any{"q"}, "rate": 2.5})
	if err != nil || !strings.Contains(src, "users = 12") || !strings.Contains(src, `tags = []string{"q"}`) || !strings.Contains(src, "rate = 2.5") {
		t.Fatalf("typed values: %v\n%s", err, src)
	}
}

func TestInjectedSourceRejectsBadValues(t *testing.T) {
	ps, _ := ParseParams(goParams)
	for _, tc := range []struct {
		values map[string]any
		want   string
	}{
		{map[string]any{"userz": "1"}, `unknown parameter "userz"`},
		{map[string]any{"users": "many"}, `"many" is not an integer`},
		{map[string]any{"users": "1.5"}, `not an integer`},
		{map[string]any{"verbose": "yes please"}, "not a bool"},
		{map[string]any{"window": "90"}, "has no unit"},
		{map[string]any{"start": "yesterday"}, "not a time"},
		{map[string]any{"limits": `{"a": "x"}`}, `"x" is not an integer`},
		{map[string]any{"threshold": "abc"}, "not a number"},
	} {
		_, err := InjectedSource(ps, tc.values)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.values, err, tc.want)
		}
	}
	if _, err := InjectedSource(nil, map[string]any{"x": "1"}); err == nil || !strings.Contains(err.Error(), "no parameters cell") {
		t.Errorf("no parameters cell: %v", err)
	}
}

func TestPythonSource(t *testing.T) {
	src, err := pythonSource(map[string]any{"a": "3", "b": "x", "c": "True", "d": []any{int64(1), "y"}, "e": 1.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"a = 3\n", "b = \"x\"\n", "c = True\n", "d = [1, \"y\"]\n", "e = 1.5\n"} {
		if !strings.Contains(src, l) {
			t.Errorf("missing %q in\n%s", l, src)
		}
	}
}

func TestParseParamsTrailingCommentDocumentsItsOwnLine(t *testing.T) {
	ps, err := ParseParams("a := 1 // about a\nb := 2\n// about c\nc := 3\nd := 4 /* about d */\ne := 5")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"about a", "", "about c", "about d", ""}
	for i, p := range ps {
		if p.Help != want[i] {
			t.Errorf("%s: help %q, want %q", p.Name, p.Help, want[i])
		}
	}
}

func TestInjectedSourceEdgeValues(t *testing.T) {
	ps, err := ParseParams("f := 1.5\nvar g float32 = 1\nn := 3\nvar u uint8 = 1\ns := \"x\"")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		v    any
		want string // a line of the source, or the error's text
	}{
		{"f", "-0.0", "f = float64(math.Copysign(0, -1))"},
		{"f", 0.0, "f = 0.0"},
		{"f", "NaN", "f = float64(math.NaN())"},
		{"f", "-Inf", "f = float64(math.Inf(-1))"},
		{"f", "1e300", "f = 1e+300"},
		{"g", "1e300", "does not fit float32"},
		{"n", "9223372036854775807", "n = 9223372036854775807"},
		{"n", "9223372036854775808", "does not fit int64"},
		{"n", 1e30, "does not fit int64"},
		{"n", "1e3", "n = 1000"},
		{"u", "256", "256 does not fit uint8"},
		{"s", nil, "null has no value of type string"},
		{"s", "a`b\"c\nd✓", `s = "a` + "`" + `b\"c\nd✓"`},
		{"func", "1", `"func" is a Go keyword`},
		{"my-name", "1", `"my-name" is not a Go identifier`},
	} {
		src, err := InjectedSource(ps, map[string]any{tc.name: tc.v})
		got := src
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s=%v: got %q, want %q", tc.name, tc.v, got, tc.want)
		}
	}
}
