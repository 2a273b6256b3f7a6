package engine

import (
	"context"
	"strings"
	"testing"
)

// TestDebugEvaluateExpressions evaluates expressions without side effects against the
// values of a paused function's frame, with Go's arithmetic (wrapping integers,
// floating point rounded as compiled Go rounds it), and refuses calls, assignments and
// faults with a message.
func TestDebugEvaluateExpressions(t *testing.T) {
	decl := "type Point struct{ X, Y int }\n\nfunc f(p *Point, xs []int, m map[string]int, s string, k int, fl float64, b byte) int {\n\tn := len(xs)\n\treturn n + k\n}"
	h := newDebugHarness(t, decl)
	h.e.DebugSetBreakpoints(defaultPath(decl), []int{5})
	done := h.start(context.Background(), "r := f(&Point{3, 4}, []int{10, 20, 30, 40}, map[string]int{\"a\": 7}, \"hé\", 2, 0.1, 2)\nfmt.Println(r)")
	s := h.stop(done)
	fr := h.top(s.Thread)
	if fr.Line != 5 {
		t.Fatalf("stopped at %+v", fr)
	}
	for expr, want := range map[string]string{
		"p.X + p.Y*2":           "11 int",
		"xs[k]":                 "30 int",
		"xs[k-1:len(xs)]":       "[20 30 40] []int",
		"len(xs) + cap(xs[:1])": "8 int",
		`m["a"] * 10`:           "70 int",
		`m["zz"]`:               "0 int",
		`s + "!"`:               `"hé!" string`,
		"len(s)":                "3 int",
		"s[1]":                  "195 uint8",
		"k > 1 && n == 4":       "true bool",
		"float64(k) / 4":        "0.5 float64",
		"fl * 2":                "0.2 float64",
		"fl + 0.2":              "0.30000000000000004 float64",
		"int8(k) * 100":         "-56 int8",
		"b + 255":               "1 uint8",
		"*p":                    "{3 4} main.Point",
		"-k":                    "-2 int",
		"^k":                    "-3 int",
		"!(k > 1)":              "false bool",
		"1 << k":                "4 int",
		"7 / 2":                 "3 int",
		"7 / 2.0":               "3.5 float64",
		"'a' + 1":               "98 int32",
		"k%3 == 2 || p == nil":  "true bool",
		"string(rune(65 + k))":  `"C" string`,
		"(p.X - 10) / 3":        "-2 int",
		"uint8(k) - 3":          "255 uint8",
		"[]byte(s)[0]":          "104 uint8",
		`s == "hé" && m != nil`: "true bool",
		"xs[len(xs)-1] - xs[0]": "30 int",
	} {
		v, _, err := h.e.DebugEvaluate(fr.ID, expr)
		if err != nil {
			t.Errorf("%s: %v", expr, err)
			continue
		}
		if got := v.Value + " " + v.Type; got != want {
			t.Errorf("%s = %s, want %s", expr, got, want)
		}
	}
	for expr, want := range map[string]string{
		"f(p, xs, m, s, k, fl, b)":  "side effects",
		"fmt.Sprint(k)":             "side effects",
		"k = 3":                     "assignments",
		"k++":                       "assignments",
		"xs[10]":                    "index out of range [10] with length 4",
		"k / 0":                     "divide by zero",
		"len(p)":                    "invalid argument",
		"p.Z":                       "no field Z",
		"undefinedName + 1":         "undefined: undefinedName",
		`k + "a"`:                   "cannot use",
		"xs[1:9]":                   "out of range",
		"func() int { return 1 }()": "side effects",
	} {
		_, _, err := h.e.DebugEvaluate(fr.ID, expr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", expr, err, want)
		}
	}
	if err := h.e.DebugResume(s.Thread, "continue"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil || h.out.String() != "6\n" {
		t.Fatalf("cell: %v %q", err, h.out.String())
	}
}
