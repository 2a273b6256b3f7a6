package csvtext

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestAppendFloat(t *testing.T) {
	for f, want := range map[float64]string{
		math.NaN(): "NaN", math.Inf(1): "Infinity", math.Inf(-1): "-Infinity",
		0.1: "0.1", -2.5e-300: "-2.5e-300", 1e21: "1e+21", 3: "3",
	} {
		got := string(AppendFloat([]byte("x"), f))
		if got != "x"+want {
			t.Errorf("AppendFloat(%v) = %q, want %q", f, got, "x"+want)
		}
		if back, err := strconv.ParseFloat(want, 64); err != nil || (back != f && !math.IsNaN(f)) {
			t.Errorf("%q reads back as %v, %v", want, back, err)
		}
	}
}

// TestAppendQuoted: encoding/csv reads every quoted field back as it was.
func TestAppendQuoted(t *testing.T) {
	for _, s := range []string{"", "plain", `say "hi"`, `"`, "a,b\nc\r\n", " lead", "ü ✓"} {
		line := AppendQuoted(nil, s)
		if line[0] != '"' {
			t.Errorf("%q not quoted: %s", s, line)
		}
		rec, err := csv.NewReader(strings.NewReader(string(line) + ",end\n")).Read()
		if err != nil || len(rec) != 2 || rec[0] != strings.ReplaceAll(s, "\r\n", "\n") {
			t.Errorf("%q wrote %s, read back %q, %v", s, line, rec, err)
		}
	}
}
