//go:build linux

package jupyterlab

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestReportChartsInteractive runs a notebook of four charts (a bar chart, lines, a
// 20,000-point scatter and a %sqlplot box plot) with `sluice run --html`
// and opens the report in headless Chromium with the network refused: every chart is
// drawn by the inlined Vega renderer (an SVG of marks replaces its PNG), the browser
// reports no error, nothing is fetched, the renderer is inlined once for the four,
// hovering a bar shows its tooltip, clicking a legend entry fades the other line and the
// mouse wheel zooms the scatter. Screenshots are kept under artifacts/.
func TestReportChartsInteractive(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		testenv.Missing(t, "/usr/bin/chromium")
	}
	testenv.Command(t, "node")
	if _, err := os.Stat(filepath.Join("..", "browser", "node_modules", "playwright-core", "package.json")); err != nil {
		testenv.Missing(t, "playwright-core (npm ci in tests/browser)")
	}
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "charts.ipynb")
	writeNotebook(t, src, []string{
		"import \"github.com/sluice-dev/sluice/display\"",
		"display.BarChart([]string{\"pageViews\", \"purchases\", \"addToCart\"}, []float64{1064337, 7300, 25120}, display.ChartOptions{Title: \"Events\", YLabel: \"events\"})",
		"display.MultiLineChart([]float64{1, 2, 3, 4}, []string{\"web\", \"app\"}, [][]float64{{1, 4, 9, 16}, {2, 3, 5, 8}}, display.ChartOptions{Title: \"Growth\"})",
		"%sql CREATE TABLE ages AS SELECT (i * 37) % 90 AS age FROM generate_series(1, 1000) AS s(i)",
		"%sqlplot box -t ages -c age",
		"xs := make([]float64, 20000)\nys := make([]float64, 20000)\nfor i := range xs {\n\txs[i], ys[i] = float64(i%997), float64((i*7919)%1009)\n}\ndisplay.ScatterChart(xs, ys, display.ChartOptions{Title: \"Cloud\"})",
	})
	out := filepath.Join(dir, "charts.out.ipynb")
	cmd := exec.Command(bin, "run", "--quiet", "--no-sign", "--html", "--output", out, src)
	env := append(os.Environ(), "HOME="+dir, "SLUICE_HOME="+filepath.Join(dir, "sluice"), "SLUICE_BIN="+bin)
	cmd.Env = env
	t.Cleanup(func() { // %sqlplot started the embedded sandbox
		stop := exec.Command(bin, "sandbox", "stop")
		stop.Env = env
		if b, err := stop.CombinedOutput(); err != nil {
			t.Logf("sluice sandbox stop: %v: %s", err, b)
		}
	})
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sluice run --html: %v\n%s", err, b)
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(reports) != 1 {
		t.Fatalf("want one HTML report in %s, found %v", dir, reports)
	}
	page, err := os.ReadFile(reports[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report: %d bytes", len(page))
	if n := bytes.Count(page, []byte(`t.version="5.33.1"`)); n != 1 {
		t.Errorf("the Vega renderer is inlined %d times, want once", n)
	}
	if bytes.Contains(page, []byte("<script src=")) || bytes.Contains(page, []byte("cdn.")) {
		t.Errorf("the report loads a script from elsewhere")
	}

	var r struct {
		Charts, Drawn, StaticLeft int
		Tooltip                   string
		Console, Blocked          []string
		Shot, TooltipShot         string
		LineOpacityBefore         []string
		LineOpacityAfter          []string
		TicksBefore, TicksAfter   []string
	}
	runDriver(t, nil, 3*time.Minute, &r, "vegareport.mjs", reports[0], artifactsDir(t))
	t.Logf("screenshots %s, %s; tooltip %q", r.Shot, r.TooltipShot, r.Tooltip)
	if r.Charts != 4 || r.Drawn != 4 || r.StaticLeft != 0 {
		t.Errorf("%d charts in the report, %d drawn by Vega, %d static pictures left; want 4, 4, 0", r.Charts, r.Drawn, r.StaticLeft)
	}
	for _, c := range r.Console {
		t.Errorf("browser reported: %s", c)
	}
	for _, u := range r.Blocked {
		t.Errorf("the report requested %s", u)
	}
	t.Logf("line opacities %v → %v after clicking the legend; scatter x ticks %v → %v after zooming",
		r.LineOpacityBefore, r.LineOpacityAfter, r.TicksBefore, r.TicksAfter)
	if len(r.LineOpacityAfter) != 2 || r.LineOpacityAfter[0] != "1" || r.LineOpacityAfter[1] == "1" {
		t.Errorf("clicking \"web\" in the legend leaves the lines' opacities at %v, want web 1 and app faded", r.LineOpacityAfter)
	}
	if len(r.TicksBefore) == 0 || strings.Join(r.TicksBefore, " ") == strings.Join(r.TicksAfter, " ") {
		t.Errorf("the mouse wheel did not zoom the scatter: x ticks %v then %v", r.TicksBefore, r.TicksAfter)
	}
	if !strings.Contains(r.Tooltip, "pageViews") || !strings.Contains(r.Tooltip, "1,064,337") {
		t.Errorf("hovering the first bar shows tooltip %q, want its label and value 1,064,337", r.Tooltip)
	}
}
