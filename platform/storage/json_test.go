package storage

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

func TestJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		src := allKinds()
		if _, err := st.WriteJSON(ctx, "j/all.json", src); err != nil {
			t.Fatal(err)
		}
		got, err := st.ReadJSON(ctx, "j")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Join(got.ColumnNames(), ",") != strings.Join(src.ColumnNames(), ",") || got.NumRows() != src.NumRows() {
			t.Fatalf("%s: read back\n%s", name, got)
		}
		// Strings, integers, floats and booleans keep their kind and NULLs; times come
		// back as RFC 3339 text (JSON has no time type); documents stay documents.
		for _, c := range []string{"name", "count", "score", "ok"} {
			w, g := src.Col(c), got.Col(c)
			if g.Kind() != w.Kind() && !(c == "score" && g.Kind() == table.KindFloat) {
				t.Errorf("%s: column %s is %s, want %s", name, c, g.Kind(), w.Kind())
			}
			for i := 0; i < w.Len(); i++ {
				if w.Text(i) != g.Text(i) {
					t.Errorf("%s: %s[%d] = %s, want %s", name, c, i, g.Text(i), w.Text(i))
				}
			}
		}
		if at := got.Strings("at"); at[0] != "2026-03-01T12:30:45.123456Z" || !got.Col("at").IsNull(3) {
			t.Errorf("%s: times %q", name, at)
		}
		if doc := got.Values("doc"); doc[0].(map[string]any)["a"] == nil || doc[2] != nil {
			t.Errorf("%s: documents %v", name, doc)
		}
	}
}

func TestJSONLinesDecoding(t *testing.T) {
	got, err := DecodeJSON([]byte("{\"b\": 1, \"a\": \"x\"}\n\n{\"a\": null, \"c\": 2.5}\n{\"c\": 3}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.ColumnNames(), ",") != "b,a,c" || got.NumRows() != 3 {
		t.Fatalf("decoded\n%s", got)
	}
	if !got.Col("b").IsNull(1) || got.Ints("b")[0] != 1 || got.Col("a").IsNull(0) || !got.Col("a").IsNull(1) {
		t.Errorf("decoded\n%s", got)
	}
	if c := got.Floats("c"); !math.IsNaN(c[0]) || c[1] != 2.5 || c[2] != 3 {
		t.Errorf("c = %v", c)
	}
	for _, bad := range []string{"[1]\n", "{\"a\": 1} 2\n", "{\"a\": \n"} {
		if _, err := DecodeJSON([]byte(bad)); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
	nan := table.New(table.FloatColumn("x", []float64{math.NaN(), 1}), table.TimeColumn("t", []time.Time{{}, {}}))
	if data, err := EncodeJSON(nan); err != nil || !strings.HasPrefix(string(data), `{"x":null,"t":"0001-01-01T00:00:00Z"}`) {
		t.Errorf("NaN encoded as %s (%v)", data, err)
	}
}
