package display

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// vlCase is one chart of every kind, with what its spec must offer.
type vlCase struct {
	name        string
	chart       *Chart
	zoom, pick  bool   // zoom/pan on continuous axes; legend selection of series
	title, axis string // the chart's title and one axis title, as the static chart shows them
}

func vlCases(t *testing.T) []vlCase {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	xs, ys := make([]float64, 300), make([]float64, 300)
	for i := range xs {
		xs[i], ys[i] = r.NormFloat64()*1000, r.NormFloat64()*5e6
	}
	fpr, tpr := make([]float64, 2001), make([]float64, 2001)
	for i := range fpr {
		fpr[i] = float64(i) / 2000
		tpr[i] = math.Min(1, math.Sqrt(fpr[i])+0.02*r.Float64())
	}
	tpr[0] = 0
	days := make([]time.Time, 60)
	for i := range days {
		days[i] = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	}
	seriesA, seriesB := make([]float64, 60), make([]float64, 60)
	for i := range seriesA {
		seriesA[i], seriesB[i] = float64(i*i), float64(3000-i*10)
	}
	labels := []string{"pageViews", "purchases", "productViews", "addToCart"}
	boxPlot := plot.New()
	box := Plot(boxPlot).WithBoxPlotSpec([]BoxStats{{Name: "age", Min: 1, WhiskerLow: 18, Q1: 30, Median: 41, Q3: 52, WhiskerHigh: 80, Max: 99}},
		ChartOptions{Title: "ages", YLabel: "value"})
	b, err := plotter.NewBoxPlot(20, 0, plotter.Values{1, 30, 41, 52, 99})
	if err != nil {
		t.Fatal(err)
	}
	boxPlot.Add(b)
	return []vlCase{
		{"bar", BarChart(labels, []float64{1064337, 7300, 220000, 15000}, ChartOptions{Title: "Events", XLabel: "event type", YLabel: "events"}), true, false, "Events", "events"},
		{"bar-signed-values", BarChart(labels, []float64{5, -3, 2.5, 0}, ChartOptions{Title: "Change", ShowValues: true, YLabel: "delta"}), true, false, "Change", "delta"},
		{"bar-log", BarChart(labels, []float64{1e6, 10, 0, 1e3}, ChartOptions{Title: "Log", LogY: true, YLabel: "n"}), true, false, "Log", "n"},
		{"hbar", HBarChart(labels, []float64{4, 3, 2, 1}, ChartOptions{Title: "Horizontal", XLabel: "count", Sorted: true}), true, false, "Horizontal", "count"},
		{"grouped-bar", GroupedBarChart(labels, []string{"2025", "2026"}, [][]float64{{1, 2, 3, 4}, {2, 3, 4, 5}}, ChartOptions{Title: "Years", YLabel: "events"}), true, true, "Years", "events"},
		{"grouped-hbar", GroupedBarChart(labels, []string{"a", "b", "c"}, [][]float64{{1, 2, 3, 4}, {2, 3, 4, 5}, {0, 1, 0, 1}}, ChartOptions{Horizontal: true, XLabel: "events"}), true, true, "", "events"},
		{"line", LineChart(xs[:50], ys[:50], ChartOptions{Title: "One line", XLabel: "x", YLabel: "y"}), true, false, "One line", "y"},
		{"multiline", MultiLineChart([]float64{1, 2, 3}, []string{"a", "b"}, [][]float64{{1, 2, 3}, {3, 2, math.NaN()}}, ChartOptions{Title: "Two lines", YLabel: "value"}), true, true, "Two lines", "value"},
		{"line-log", LineChart([]float64{1, 2, 3, 4}, []float64{1, 10, 100, -1}, ChartOptions{LogY: true, YLabel: "log"}), true, false, "", "log"},
		{"timeseries", TimeSeriesChart(days, []string{"squares", "falling"}, [][]float64{seriesA, seriesB}, ChartOptions{Title: "Daily", XLabel: "day"}), true, true, "Daily", "day"},
		{"scatter", ScatterChart(xs, ys, ChartOptions{Title: "Scatter", XLabel: "spend", YLabel: "revenue"}), true, false, "Scatter", "revenue"},
		{"scatter-log", ScatterChart([]float64{1, 2, 3}, []float64{1, 100, 1e4}, ChartOptions{LogY: true, XLabel: "a"}), true, false, "", "a"},
		{"histogram", HistogramChart(ys, ChartOptions{Title: "Revenue", XLabel: "revenue", Bins: 30}), true, false, "Revenue", "revenue"},
		{"binned-histogram", BinnedHistogramChart([]float64{0, 10, 20, 50}, []float64{5, 0, 12}, ChartOptions{XLabel: "age"}), true, false, "", "age"},
		{"heatmap", HeatmapChart([]string{"mon", "tue", "wed"}, []string{"web", "app"}, [][]float64{{1, 2, math.NaN()}, {4000, 5e6, 6}}, ChartOptions{Title: "Heat", XLabel: "day", ValueLabel: "visits"}), false, false, "Heat", "day"},
		{"confusion", ConfusionMatrixChart([]string{"no", "yes"}, [][]float64{{900, 100}, {30, 70}}, ChartOptions{Title: "Confusion"}), false, false, "Confusion", "predicted"},
		{"funnel", FunnelChart([]string{"visit", "cart", "buy"}, []float64{10000, 1200, 300}, ChartOptions{Title: "Funnel"}), false, false, "Funnel", ""},
		{"roc", ROCCurveChart([]string{"logistic"}, [][]float64{fpr}, [][]float64{tpr}, []float64{0.81}, ChartOptions{Title: "ROC"}), true, true, "ROC", "false positive rate"},
		{"roc-two", ROCCurveChart([]string{"a", "b"}, [][]float64{{0, 0.5, 1}, {0, 0.2, 1}}, [][]float64{{0, 0.8, 1}, {0, 0.6, 1}}, []float64{0.65, 0.7}, ChartOptions{}), true, true, "", "true positive rate"},
		{"feature-importance", FeatureImportanceChart([]string{"recency", "frequency", "monetary"}, []float64{0.5, 0.3, 0.2}, ChartOptions{}), true, false, "Feature importance", "importance"},
		{"calibration", CalibrationChart([]float64{0.05, 0.3, 0.62, 0.9}, []float64{0.04, 0.35, 0.6, 0.93}, ChartOptions{Title: "Calibration"}), true, true, "Calibration", "mean predicted probability"},
		{"lift", LiftChart([]float64{3.1, 2.2, 1.5, 1.1, 0.8, 0.6, 0.4, 0.2, 0.1, 0.05}, ChartOptions{Title: "Lift"}), true, false, "Lift", "lift over average"},
		{"gains", GainsChart(fpr, tpr, ChartOptions{Title: "Gains"}), true, true, "Gains", "share of positives captured"},
		{"box", box, true, false, "ages", "value"},
	}
}

// TestVegaLiteEveryKind checks every chart kind's bundle carries a Vega-Lite spec next
// to its PNG and SVG, with the static chart's title and axis titles, tooltips, zoom on
// continuous axes and legend selection for series, and no non-finite number.
func TestVegaLiteEveryKind(t *testing.T) {
	for _, c := range vlCases(t) {
		t.Run(c.name, func(t *testing.T) {
			if err := c.chart.Err(); err != nil {
				t.Fatal(err)
			}
			b := c.chart.Bundle()
			for _, mime := range []string{MIMEPNG, MIMESVG, MIMEVegaLite, MIMEText} {
				if b.Data[mime] == nil {
					t.Errorf("bundle has no %s", mime)
				}
			}
			raw, err := json.Marshal(b.Data[MIMEVegaLite])
			if err != nil {
				t.Fatalf("spec does not marshal: %v", err)
			}
			spec := string(raw)
			if !strings.Contains(spec, `"tooltip"`) {
				t.Errorf("no tooltips: %s", spec)
			}
			if got := strings.Contains(spec, `"bind":"scales"`); got != c.zoom {
				t.Errorf("zoom/pan bound to scales = %v, want %v", got, c.zoom)
			}
			if got := strings.Contains(spec, `"bind":"legend"`); got != c.pick {
				t.Errorf("legend selection = %v, want %v", got, c.pick)
			}
			if c.title != "" && !strings.Contains(spec, `"text":`+quote(c.title)) {
				t.Errorf("title %q missing", c.title)
			}
			if c.axis != "" && !strings.Contains(spec, `"title":`+quote(c.axis)) {
				t.Errorf("axis title %q missing", c.axis)
			}
			if _, ok := b.Metadata[MIMEVegaLite]; !ok {
				t.Errorf("no embed options in the metadata")
			}
		})
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestVegaLiteSchema validates every spec against the official Vega-Lite 5 JSON schema
// (third_party/vega/vega-lite-schema.json, from the vega-lite npm package) with Debian's
// python3-jsonschema. A spec with a wrong mark type is among them and must be reported,
// so the validator is known to look.
func TestVegaLiteSchema(t *testing.T) {
	py := testenv.Python(t, "jsonschema")
	schema := filepath.Join(testenv.RepoRoot(t), "third_party", "vega", "vega-lite-schema.json")
	dir := t.TempDir()
	var files []string
	write := func(name string, spec any) {
		raw, err := json.Marshal(spec)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".json")
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, c := range vlCases(t) {
		write(c.name, c.chart.VegaLite())
	}
	bad := BarChart([]string{"a"}, []float64{1}, ChartOptions{}).VegaLite()
	bad["layer"].([]any)[0].(obj)["mark"].(obj)["type"] = "barr"
	write("control-wrong-mark", bad)

	script := `import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft7Validator(schema)
for p in sys.argv[2:]:
    e = jsonschema.exceptions.best_match(v.iter_errors(json.load(open(p))))
    if e is not None:
        print(p.rsplit('/', 1)[1] + ": " + "/".join(map(str, e.absolute_path)) + ": " + e.message[:400])
`
	out, err := exec.Command(py, append([]string{"-c", script, schema}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("validator: %v\n%s", err, out)
	}
	report := strings.TrimSpace(string(out))
	for _, line := range strings.Split(report, "\n") {
		if line == "" || strings.HasPrefix(line, "control-wrong-mark.json") {
			continue
		}
		t.Errorf("invalid Vega-Lite spec: %s", line)
	}
	if !strings.Contains(report, "control-wrong-mark.json") {
		t.Errorf("the validator accepted a spec with mark type \"barr\"; output:\n%s", report)
	}
}

// TestVegaLiteStaysSmall checks a 1,000,000-point scatter makes a bundle of a few
// megabytes at most (the spec carries a sample of VegaLiteMaxRows points and says so)
// and a 200,000-point line keeps its single spike through thinning.
func TestVegaLiteStaysSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("draws a 1M-point scatter")
	}
	r := rand.New(rand.NewPCG(3, 4))
	n := 1_000_000
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], y[i] = r.NormFloat64(), r.NormFloat64()
	}
	c := ScatterChart(x, y, ChartOptions{Title: "a million points"})
	b := c.Bundle()
	raw, err := json.Marshal(b.Data)
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := json.Marshal(b.Data[MIMEVegaLite])
	t.Logf("1M-point scatter: bundle %d bytes as JSON, of which the Vega-Lite spec %d", len(raw), len(spec))
	if len(spec) > 400_000 {
		t.Errorf("the Vega-Lite spec of a 1M-point scatter is %d bytes, want ≤ 400 kB", len(spec))
	}
	if len(raw) > 4_000_000 {
		t.Errorf("the bundle of a 1M-point scatter is %d bytes, want ≤ 4 MB", len(raw))
	}
	rows := specRows(t, c.VegaLite())
	if len(rows) != VegaLiteMaxRows {
		t.Errorf("spec holds %d points, want a sample of %d", len(rows), VegaLiteMaxRows)
	}
	if !strings.Contains(string(spec), "random sample of 5,000 of 1,000,000 points") {
		t.Errorf("the spec does not say it is a sample")
	}

	m := 200_000
	lx, ly := make([]float64, m), make([]float64, m)
	for i := range lx {
		lx[i], ly[i] = float64(i), math.Sin(float64(i)/1000)
	}
	ly[123_457] = 50
	line := LineChart(lx, ly, ChartOptions{})
	rows = specRows(t, line.VegaLite())
	if len(rows) > VegaLiteMaxRows+2 {
		t.Errorf("line spec holds %d points, want ≤ %d", len(rows), VegaLiteMaxRows+2)
	}
	spike := false
	for _, row := range rows {
		spike = spike || row["y"] == "50"
	}
	if !spike {
		t.Errorf("thinning the line lost its spike")
	}
}

// specRows reads the CSV rows of a spec's top-level data, by field name.
func specRows(t *testing.T, spec map[string]any) []map[string]string {
	t.Helper()
	data := spec["data"].(obj)
	if f := data["format"].(obj); f["type"] != "csv" {
		t.Fatalf("data format %v, want csv", f)
	}
	recs, err := csv.NewReader(strings.NewReader(data["values"].(string))).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("spec data is not CSV with a header: %v", err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, f := range recs[0] {
			m[f] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestVegaLiteHistogramMerges checks a histogram of more bins than VegaLiteMaxRows keeps
// every count, in fewer bars.
func TestVegaLiteHistogramMerges(t *testing.T) {
	k := 12000
	edges, counts := make([]float64, k+1), make([]float64, k)
	total := 0.0
	for i := range counts {
		edges[i], counts[i] = float64(i), float64(i%7)
		total += counts[i]
	}
	edges[k] = float64(k)
	rows := specRows(t, BinnedHistogramChart(edges, counts, ChartOptions{}).VegaLite())
	sum := 0.0
	for _, r := range rows {
		c, err := strconv.ParseFloat(r["count"], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += c
	}
	if len(rows) > VegaLiteMaxRows || sum != total {
		t.Errorf("%d bars holding %v, want ≤ %d bars holding %v", len(rows), sum, VegaLiteMaxRows, total)
	}
}

// TestVegaLiteFailedAndHandDrawn checks a failed chart and a hand-drawn plot given no
// spec carry none.
func TestVegaLiteFailedAndHandDrawn(t *testing.T) {
	if s := BarChart([]string{"a"}, []float64{1, 2}, ChartOptions{}).VegaLite(); s != nil {
		t.Errorf("failed chart has a spec: %v", s)
	}
	p := plot.New()
	l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	p.Add(l)
	c := Plot(p)
	if _, ok := c.Bundle().Data[MIMEVegaLite]; ok {
		t.Errorf("a hand-drawn plot has a Vega-Lite form")
	}
}
