package magics

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
)

func TestParsePlotArgs(t *testing.T) {
	o, err := parsePlotArgs(`box -t events -c "amount,score" --where "kind = 'buy'" -o stats`)
	if err != nil || o.kind != "box" || strings.Join(o.cols, "|") != "amount|score" || o.where != "kind = 'buy'" || o.out != "stats" {
		t.Fatalf("%+v %v", o, err)
	}
	for args, want := range map[string]string{
		"":                           "needs a chart kind",
		"pie -t t -c x":              "unknown chart kind",
		"hist -c x":                  "missing -t",
		"hist -t t":                  "missing -c",
		"line -t t":                  "missing -x",
		"hist -t t -c a,b":           "one column only",
		"hist -t t -c a -b 0":        "1 to 10000",
		"bar -t t -c a --agg median": "want count, sum",
		"hist -t t -c a --bogus 1":   "unexpected",
	} {
		if _, err := parsePlotArgs(args); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parsePlotArgs(%q) = %v, want %q", args, err, want)
		}
	}
	for in, want := range map[string]string{"events": "events", "eventType": `"eventType"`, "analytics.Events": `analytics."Events"`, `"my col"`: `"my col"`} {
		if got, err := sqlName(in); err != nil || got != want {
			t.Errorf("sqlName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// checkChart fails unless v is a chart whose PNG decodes and whose SVG is present.
func checkChart(t *testing.T, v any) {
	t.Helper()
	c, ok := v.(*display.Chart)
	if !ok {
		t.Fatalf("result is %T, want *display.Chart", v)
	}
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(c.PNG()))
	if err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("PNG: %v", err)
	}
	if !strings.Contains(c.SVG(), "<svg") {
		t.Fatal("no SVG")
	}
}

func TestSQLPlot(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, s, _, _, p := pgEnv(t, b, "pgplot")
		mustHandle(t, env, `%%sql
CREATE TABLE `+p+`m ("eventType" text, amount float8, ts timestamptz, n int);
INSERT INTO `+p+`m SELECT CASE WHEN g % 4 = 0 THEN 'buy' ELSE 'view' END, g, '2026-01-01'::timestamptz + (g % 10) * interval '1 day', g % 3
FROM generate_series(0, 99) AS s(g);
INSERT INTO `+p+`m VALUES ('view', 1000, NULL, NULL), (NULL, NULL, NULL, NULL)`)

		checkChart(t, mustHandle(t, env, "%sqlplot hist -t "+p+"m -c amount -b 10 -o h --where \"amount < 500\""))
		h := s.vars["h"].(*display.Table)
		counts, _ := h.Float64s("count")
		starts, _ := h.Float64s("bin_start")
		if len(counts) != 10 || starts[0] != 0 || counts[0] != 10 || counts[9] != 10 {
			t.Fatalf("histogram bins: starts %v counts %v", starts, counts)
		}

		checkChart(t, mustHandle(t, env, "%sqlplot bar -t "+p+"m -c eventType -o b"))
		bt := s.vars["b"].(*display.Table)
		labels, _ := bt.Strings("label")
		vals, _ := bt.Float64s("value")
		if strings.Join(labels, ",") != "view,buy,NULL" || vals[0] != 76 || vals[1] != 25 {
			t.Fatalf("bar: %v %v", labels, vals)
		}

		bxc := mustHandle(t, env, "%sqlplot box -t "+p+"m -c amount,n -o bx")
		checkChart(t, bxc)
		if d := os.Getenv("SLUICE_PLOT_DUMP"); d != "" {
			os.WriteFile(d+"/box.png", bxc.(*display.Chart).PNG(), 0o644)
		}
		bx := s.vars["bx"].(*display.Table)
		med, _ := bx.Float64s("median")
		outl, _ := bx.Float64s("outliers")
		hi, _ := bx.Float64s("whisker_high")
		if med[0] != 50 || outl[0] != 1 || hi[0] != 99 {
			t.Fatalf("box: median %v outliers %v whisker_high %v", med, outl, hi)
		}

		checkChart(t, mustHandle(t, env, "%sqlplot line -t "+p+"m -x ts -o l"))
		l := s.vars["l"].(*display.Table)
		if l.NumRows() != 10 {
			t.Fatalf("line: %d points", l.NumRows())
		}
		// Saved queries work as the table.
		mustHandle(t, env, "%%sql --save buys --no-execute\nSELECT * FROM "+p+"m WHERE \"eventType\" = 'buy'")
		checkChart(t, mustHandle(t, env, "%sqlplot hist -t buys -c amount"))

		_, _, err := Handle(context.Background(), env, "%sqlplot hist -t "+p+"m -c amout")
		if me := sqlErr(t, err); !strings.Contains(me.Value, "42703") {
			t.Fatalf("bad column: %v", me)
		}
		_, _, err = Handle(context.Background(), env, "%sqlplot line -t "+p+"m -x eventType")
		if err == nil || !strings.Contains(err.Error(), "numeric or a timestamp") {
			t.Fatalf("line over text: %v", err)
		}
	})
}
