package magics

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
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

		hc := mustHandle(t, env, "%sqlplot hist -t "+p+"m -c amount -b 10 -o h --where \"amount < 500\"")
		checkChart(t, hc)
		if d := os.Getenv("SLUICE_PLOT_DUMP"); d != "" {
			os.WriteFile(d+"/hist.png", hc.(*display.Chart).PNG(), 0o644)
		}
		h := s.vars["h"].(*table.Table)
		counts := h.Floats("count")
		starts := h.Floats("bin_start")
		if len(counts) != 10 || starts[0] != 0 || counts[0] != 10 || counts[9] != 10 {
			t.Fatalf("histogram bins: starts %v counts %v", starts, counts)
		}

		checkChart(t, mustHandle(t, env, "%sqlplot bar -t "+p+"m -c eventType -o b"))
		bt := s.vars["b"].(*table.Table)
		labels := bt.Strings("label")
		vals := bt.Floats("value")
		if strings.Join(labels, ",") != "view,buy,NULL" || vals[0] != 76 || vals[1] != 25 {
			t.Fatalf("bar: %v %v", labels, vals)
		}

		bxc := mustHandle(t, env, "%sqlplot box -t "+p+"m -c amount,n -o bx")
		checkChart(t, bxc)
		if d := os.Getenv("SLUICE_PLOT_DUMP"); d != "" {
			os.WriteFile(d+"/box.png", bxc.(*display.Chart).PNG(), 0o644)
		}
		bx := s.vars["bx"].(*table.Table)
		med := bx.Floats("median")
		outl := bx.Floats("outliers")
		hi := bx.Floats("whisker_high")
		if med[0] != 50 || outl[0] != 1 || hi[0] != 99 {
			t.Fatalf("box: median %v outliers %v whisker_high %v", med, outl, hi)
		}

		checkChart(t, mustHandle(t, env, "%sqlplot line -t "+p+"m -x ts -o l"))
		l := s.vars["l"].(*table.Table)
		if l.NumRows() != 10 {
			t.Fatalf("line: %d points", l.NumRows())
		}
		// Many distinct X are bucketed in SQL: timestamps by a date_trunc unit, numbers by
		// a round step; every row still counts once.
		mustHandle(t, env, `%%sql
CREATE TABLE `+p+`busy (ts timestamp, v int);
INSERT INTO `+p+`busy SELECT TIMESTAMP '2026-01-01 00:00:00' + g * interval '1 minute', g FROM generate_series(0, 1999) AS s(g)`)
		for _, tc := range []struct{ args, per string }{{"-x ts", "hour"}, {"-x v", "step of 5"}} {
			c := mustHandle(t, env, "%sqlplot line -t "+p+"busy "+tc.args+" -o lb")
			checkChart(t, c)
			if d := os.Getenv("SLUICE_PLOT_DUMP"); d != "" {
				os.WriteFile(d+"/line-"+tc.per+".png", c.(*display.Chart).PNG(), 0o644)
			}
			lb := s.vars["lb"].(*table.Table)
			ys := lb.Floats(lb.Columns[1].Name)
			sum := 0.0
			for _, y := range ys {
				sum += y
			}
			if n := lb.NumRows(); n > 500 || n < 10 || sum != 2000 || !strings.Contains(lb.Columns[1].Name, "per "+tc.per) {
				t.Fatalf("line %s: %d points summing to %v, y column %q", tc.args, n, sum, lb.Columns[1].Name)
			}
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

// TestSQLPlotNonFinite charts columns holding ±Infinity and NaN (and a range that
// overflows a float) on both protocols: the values the charts compute are bound, the bins
// are of the finite values, and what was left out is reported.
func TestSQLPlotNonFinite(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		for _, simple := range []bool{false, true} {
			env, s, _, errb, p := pgEnv(t, b, "plotinf")
			if simple {
				s.Set("dsn2", b.dsn(t))
				mustHandle(t, env, "%sql --connect {{dsn2}} --simple --alias "+nextAlias("plotinfsimple"))
			}
			mustHandle(t, env, `%%sql
CREATE TABLE `+p+`f (v float8, w float8, huge float8);
INSERT INTO `+p+`f SELECT g, 'NaN'::float8, CASE WHEN g % 2 = 0 THEN -1e308 ELSE 1e308 END FROM generate_series(0, 99) AS s(g);
INSERT INTO `+p+`f VALUES ('Infinity', 'Infinity', NULL), ('-Infinity', '-Infinity', NULL), ('NaN', NULL, NULL), (NULL, NULL, NULL)`)

			checkChart(t, mustHandle(t, env, "%sqlplot hist -t "+p+"f -c v -b 10 -o h"))
			h := s.vars["h"].(*table.Table)
			counts := h.Floats("count")
			starts := h.Floats("bin_start")
			sum := 0.0
			for _, c := range counts {
				sum += c
			}
			if len(counts) != 10 || starts[0] != 0 || counts[0] != 10 || sum != 100 {
				t.Fatalf("simple=%v: bins starts %v counts %v", simple, starts, counts)
			}
			if !strings.Contains(errb.String(), "3 values of v (±Infinity or NaN) left out") {
				t.Fatalf("simple=%v: no note about the non-finite values: %q", simple, errb.String())
			}

			// Templates in --where are numbered after the values the chart binds.
			s.Set("cut", 50.0)
			mustHandle(t, env, "%sqlplot hist -t "+p+"f -c v -b 5 -o h2 --where \"v < {{cut}}\"")
			counts = s.vars["h2"].(*table.Table).Floats("count")
			if len(counts) != 5 || counts[0]+counts[1]+counts[2]+counts[3]+counts[4] != 50 {
				t.Fatalf("simple=%v: --where with a template: %v", simple, counts)
			}

			// A range wider than a float holds cannot be drawn: a clear error.
			_, _, err := Handle(context.Background(), env, "%sqlplot hist -t "+p+"f -c huge -b 2")
			if me := sqlErr(t, err); me.Name != "PlotError" || !strings.Contains(me.Value, "wider than a float") {
				t.Fatalf("simple=%v: ±1e308: %s: %s", simple, me.Name, me.Value)
			}

			_, _, err = Handle(context.Background(), env, "%sqlplot hist -t "+p+"f -c w")
			if me := sqlErr(t, err); me.Name != "PlotError" || !strings.Contains(me.Value, "no finite values") || !strings.Contains(me.Value, "102 non-NULL values") {
				t.Fatalf("simple=%v: only non-finite values: %s: %s", simple, me.Name, me.Value)
			}

			checkChart(t, mustHandle(t, env, "%sqlplot box -t "+p+"f -c v -o bx"))
			med := s.vars["bx"].(*table.Table).Floats("median")
			if med[0] != 49.5 {
				t.Fatalf("simple=%v: box median %v", simple, med)
			}
			checkChart(t, mustHandle(t, env, "%sqlplot bar -t "+p+"f -c v --top 3 -o bar"))
			if n := s.vars["bar"].(*table.Table).NumRows(); n != 3 {
				t.Fatalf("simple=%v: bar --top 3 kept %d rows", simple, n)
			}

			_, _, err = Handle(context.Background(), env, "%sqlplot hist -t "+p+"f -c v --where \"v < $1\"")
			if err == nil || !strings.Contains(err.Error(), "placeholder") {
				t.Fatalf("simple=%v: $1 in --where: %v", simple, err)
			}
		}
	})
}
