//go:build linux

package jupyterlab

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/internal/testnet"
)

// report is what lab.mjs prints.
type report struct {
	Notebooks   []notebookFacts `json:"notebooks"`
	Viewed      []viewedFacts   `json:"viewed"`
	Interactive *struct {
		Greeting         string           `json:"greeting"`
		Completions      []string         `json:"completions"`
		Tooltip          string           `json:"tooltip"`
		Inspector        string           `json:"inspector"`
		Interrupted      []map[string]any `json:"interrupted"`
		InterruptSeconds float64          `json:"interruptSeconds"`
		AfterInterrupt   string           `json:"afterInterrupt"`
	} `json:"interactive"`
	VegaTooltip *struct {
		Text       string `json:"text"`
		Marks      int    `json:"marks"`
		Screenshot string `json:"screenshot"`
	} `json:"vegaTooltip"`
	Console []consoleEntry `json:"console"`
}

type notebookFacts struct {
	Name     string  `json:"name"`
	RunAllOK bool    `json:"runAllOK"`
	Seconds  float64 `json:"seconds"`
	Cells    []struct {
		Index          int    `json:"index"`
		Source         string `json:"source"`
		ExecutionCount *int   `json:"executionCount"`
		Outputs        []struct {
			Type   string   `json:"type"`
			Mimes  []string `json:"mimes"`
			Ename  string   `json:"ename"`
			Evalue string   `json:"evalue"`
		} `json:"outputs"`
		Shown []struct {
			Mime   string `json:"mime"`
			Text   string `json:"text"`
			Tables int    `json:"tables"`
			Images []struct {
				Tag     string `json:"tag"`
				Natural *int   `json:"natural"`
				Width   int    `json:"width"`
				Height  int    `json:"height"`
			} `json:"images"`
			Width  int `json:"width"`
			Height int `json:"height"`
		} `json:"shown"`
	} `json:"cells"`
	Screenshot string `json:"screenshot"`
}

// viewedFacts is what a notebook opened without running shows.
type viewedFacts struct {
	Name  string `json:"name"`
	Cells []struct {
		Trusted bool `json:"trusted"`
		Shown   []struct {
			Mime    string   `json:"mime"`
			Headers []string `json:"headers"`
			Styled  bool     `json:"styled"`
		} `json:"shown"`
	} `json:"cells"`
	Screenshot string `json:"screenshot"`
}

// Small-scale parameters of notebook 01, as the classic Notebook test uses.
const (
	labUsers   = 5000
	labBatches = 2
)

// TestNotebooksInJupyterLab serves the seven example notebooks (notebook 01 at a small
// scale) with JupyterLab 4 from the PyPI test environment and the Sluice kernelspec,
// runs all cells of each in headless Chromium, and checks every cell ran, every output
// is rendered and visible, and the browser reported nothing outside allowlist.txt. A
// last notebook uses completion, the tooltip and the inspector on a Go name and
// interrupts an endless cell. Screenshots are kept under artifacts/.
func TestNotebooksInJupyterLab(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the JupyterLab notebook chain in -short mode")
	}
	lab := requireLabTools(t)
	bin := testenv.SluiceBinary(t)
	nbs, err := filepath.Glob(filepath.Join(testenv.RepoRoot(t), "notebooks", "0*.ipynb"))
	if err != nil || len(nbs) != 7 {
		t.Fatalf("want the seven notebooks/0*.ipynb, found %d (%v)", len(nbs), err)
	}
	sort.Strings(nbs)

	dir := t.TempDir()
	served := filepath.Join(dir, "notebooks")
	if err := os.MkdirAll(served, 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for i, nb := range nbs {
		raw, err := os.ReadFile(nb)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			raw = smallScale(t, raw)
		}
		names = append(names, filepath.Base(nb))
		if err := os.WriteFile(filepath.Join(served, filepath.Base(nb)), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeInteractive(t, filepath.Join(served, "interactive.ipynb"))
	writeCharts(t, filepath.Join(served, "charts.ipynb"))
	names = append(names, "charts.ipynb")

	env := labEnv(t, dir, bin)
	writeRunNotebooks(t, bin, env, dir, served)
	t.Cleanup(func() {
		cmd := exec.Command(bin, "sandbox", "stop")
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Logf("sluice sandbox stop: %v: %s", err, b)
		}
	})
	srv := startLab(t, lab, served, env)

	artifacts := artifactsDir(t)
	var r report
	runDriver(t, srv, 20*time.Minute, &r, "lab.mjs", append([]string{srv.base, srv.token, artifacts, "interactive.ipynb",
		"view:signed.ipynb", "view:unsigned.ipynb"}, names...)...)
	t.Logf("screenshots in %s", artifacts)

	for _, f := range r.Notebooks {
		t.Run(strings.TrimSuffix(f.Name, ".ipynb"), func(t *testing.T) {
			t.Logf("Run All in %.1f s; screenshot %s", f.Seconds, f.Screenshot)
			checkNotebook(t, f)
		})
	}
	if len(r.Notebooks) != len(names) {
		t.Errorf("lab.mjs ran %d of %d notebooks", len(r.Notebooks), len(names))
	}
	t.Run("trust", func(t *testing.T) {
		checkTrust(t, r.Viewed)
	})
	t.Run("vega-tooltip", func(t *testing.T) {
		checkVegaTooltip(t, r)
	})
	t.Run("interactive", func(t *testing.T) {
		checkInteractive(t, r)
	})
	t.Run("console", func(t *testing.T) {
		checkConsole(t, r.Console)
	})
}

// checkNotebook asserts every code cell ran without error and every output it holds is
// rendered with a visible size (charts as images, HTML tables as tables).
func checkNotebook(t *testing.T, f notebookFacts) {
	t.Helper()
	if !f.RunAllOK {
		t.Errorf("Run All reported a failure")
	}
	for _, c := range f.Cells {
		where := fmt.Sprintf("cell %d (%q)", c.Index, c.Source)
		if c.ExecutionCount == nil {
			t.Errorf("%s did not run", where)
		}
		for _, o := range c.Outputs {
			if o.Type == "error" {
				t.Errorf("%s failed: %s: %s", where, o.Ename, o.Evalue)
			}
		}
		if len(c.Shown) != len(c.Outputs) {
			t.Errorf("%s holds %d outputs but the page shows %d", where, len(c.Outputs), len(c.Shown))
			continue
		}
		for i, o := range c.Outputs {
			s := c.Shown[i]
			if o.Type == "stream" || o.Type == "error" {
				continue // a stream may be empty after \r progress updates
			}
			if s.Width == 0 || s.Height == 0 {
				t.Errorf("%s output %d (%v) is not visible: %dx%d", where, i, o.Mimes, s.Width, s.Height)
			}
			if has(o.Mimes, "image/png") || has(o.Mimes, "image/svg+xml") {
				ok := false
				for _, im := range s.Images {
					ok = ok || (im.Width >= 50 && im.Height >= 50 && (im.Natural == nil || *im.Natural > 0))
				}
				if !ok {
					t.Errorf("%s output %d: chart not rendered as a visible image: %+v", where, i, s.Images)
				}
			} else if has(o.Mimes, "text/html") && strings.Contains(s.Text, "<table") {
				t.Errorf("%s output %d shows HTML as text: %.100s", where, i, s.Text)
			}
		}
	}
}

// writeRunNotebooks executes a notebook with a table and a chart twice with `sluice run`
// into served: signed.ipynb as it signs it (in the server's Jupyter data directory) and
// unsigned.ipynb with --no-sign.
func writeRunNotebooks(t *testing.T, bin string, env []string, dir, served string) {
	t.Helper()
	src := filepath.Join(dir, "outputs.ipynb")
	cells := []string{
		"import \"github.com/sluice-dev/sluice/display\"",
		"events, err := display.TableFromRows([]string{\"event_type\", \"events\"},\n\t[][]any{{\"pageViews\", 1064337}, {\"purchases\", 7300}})\nevents",
		"display.BarChart([]string{\"pageViews\", \"purchases\"}, []float64{1064337, 7300}, display.ChartOptions{Title: \"Events\"})",
	}
	writeNotebook(t, src, cells)
	for _, args := range [][]string{
		{"run", "--quiet", "--output", filepath.Join(served, "signed.ipynb"), src},
		{"run", "--quiet", "--no-sign", "--output", filepath.Join(served, "unsigned.ipynb"), src},
	} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sluice %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// checkTrust asserts JupyterLab trusts the notebook `sluice run` signed (its table with
// its style) and not the --no-sign one, whose sanitized table header still shows each
// name and type on their own lines; both draw the chart with the Vega-Lite renderer.
func checkTrust(t *testing.T, viewed []viewedFacts) {
	t.Helper()
	if len(viewed) != 2 {
		t.Fatalf("viewed %d notebooks, want signed.ipynb and unsigned.ipynb", len(viewed))
	}
	for _, v := range viewed {
		signed := v.Name == "signed.ipynb"
		var mimes []string
		var headers []string
		styled := false
		for _, c := range v.Cells {
			if c.Trusted != signed {
				t.Errorf("%s: JupyterLab shows a cell as trusted=%v, want %v", v.Name, c.Trusted, signed)
			}
			for _, o := range c.Shown {
				mimes = append(mimes, o.Mime)
				headers = append(headers, o.Headers...)
				styled = styled || o.Styled
			}
		}
		t.Logf("%s: outputs shown as %q; headers %q; screenshot %s", v.Name, mimes, headers, v.Screenshot)
		// JupyterLab's Vega renderer is safe, so it draws the chart whether or not the
		// notebook is trusted; trust shows in the cells' flag and the table's style.
		if want := "application/vnd.vegalite.v5+json"; !has(mimes, want) {
			t.Errorf("%s: the chart is not shown as %s: %q", v.Name, want, mimes)
		}
		if styled != signed {
			t.Errorf("%s: table style kept = %v, want %v", v.Name, styled, signed)
		}
		for _, want := range []string{"event_type\nstring", "events\nint"} {
			found := false
			for _, h := range headers {
				found = found || strings.HasPrefix(h, want)
			}
			if !found {
				t.Errorf("%s: no table header reads %q: %q", v.Name, want, headers)
			}
		}
	}
}

// checkVegaTooltip asserts the bar chart of signed.ipynb was drawn by JupyterLab's
// Vega-Lite renderer and hovering its first bar showed that bar's label and value.
func checkVegaTooltip(t *testing.T, r report) {
	t.Helper()
	v := r.VegaTooltip
	if v == nil {
		t.Fatal("the Vega-Lite chart of signed.ipynb was not reached")
	}
	t.Logf("tooltip %q over %d drawn chart(s); screenshot %s", v.Text, v.Marks, v.Screenshot)
	if v.Marks < 1 {
		t.Errorf("no Vega-Lite chart drawn")
	}
	if !strings.Contains(v.Text, "pageViews") || !strings.Contains(v.Text, "1,064,337") {
		t.Errorf("hovering the first bar shows tooltip %q, want pageViews and 1,064,337", v.Text)
	}
}

// writeNotebook writes a Go notebook with one code cell per source.
func writeNotebook(t *testing.T, path string, sources []string) {
	t.Helper()
	var cells []map[string]any
	for i, s := range sources {
		cells = append(cells, map[string]any{"cell_type": "code", "id": fmt.Sprintf("cell-%d", i),
			"metadata": map[string]any{}, "execution_count": nil, "outputs": []any{}, "source": s})
	}
	nb := map[string]any{"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": map[string]any{
		"kernelspec": map[string]any{"name": "sluice", "display_name": "Go (Sluice)", "language": "go"}}}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkInteractive asserts completion, tooltip and inspector know strings.ToUpper and
// that an interrupted endless cell fails with an interrupt and keeps the session.
func checkInteractive(t *testing.T, r report) {
	t.Helper()
	in := r.Interactive
	if in == nil {
		t.Fatal("the interactive notebook was not reached")
	}
	if !strings.Contains(in.Greeting, "SLUICE") {
		t.Errorf("greeting cell shows %q", in.Greeting)
	}
	if !has(in.Completions, "ToUpper") {
		t.Errorf("completion after strings.ToU offers %q, want ToUpper", in.Completions)
	}
	if !strings.Contains(in.Tooltip, "ToUpper") {
		t.Errorf("tooltip on strings.ToUpper shows %q", in.Tooltip)
	}
	if !strings.Contains(in.Inspector, "ToUpper") {
		t.Errorf("inspector on strings.ToUpper shows %q", in.Inspector)
	}
	interrupted := false
	for _, o := range in.Interrupted {
		interrupted = interrupted || o["output_type"] == "error"
	}
	if !interrupted {
		t.Errorf("interrupted cell has no error output: %v", in.Interrupted)
	}
	t.Logf("the kernel was idle %.1f s after the interrupt", in.InterruptSeconds)
	if !strings.Contains(in.AfterInterrupt, "SLUICE kept") {
		t.Errorf("after the interrupt the session shows %q, want the variable kept", in.AfterInterrupt)
	}
}

func has(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// consoleEntry is what a driver's watch (labpage.mjs) reports the browser said was
// wrong: a console error, a page error, a failed request or an HTTP error.
type consoleEntry struct {
	Notebook string `json:"notebook"`
	Kind     string `json:"kind"`
	Text     string `json:"text"`
}

// checkConsole fails the test for each entry allowlist.txt does not allow.
func checkConsole(t *testing.T, entries []consoleEntry) {
	t.Helper()
	allowed := allowList(t)
next:
	for _, c := range entries {
		line := c.Kind + ": " + c.Text
		for _, re := range allowed {
			if re.MatchString(line) {
				t.Logf("allowed (%s) %s", c.Notebook, line)
				continue next
			}
		}
		t.Errorf("browser reported, with %s open: %s", c.Notebook, line)
	}
}

// allowList reads allowlist.txt: one regular expression a line, matched against
// "kind: text" of what the browser reported; # starts a comment.
func allowList(t *testing.T) []*regexp.Regexp {
	t.Helper()
	f, err := os.Open("allowlist.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var res []*regexp.Regexp
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		re, err := regexp.Compile(line)
		if err != nil {
			t.Fatalf("allowlist.txt: %v", err)
		}
		res = append(res, re)
	}
	return res
}

// requireLabTools skips (or fails under SLUICE_REQUIRE_ALL=1) without Chromium, Node with
// playwright-core (tests/browser's node_modules) or JupyterLab in the PyPI environment;
// it returns the jupyter-lab command.
func requireLabTools(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		testenv.Missing(t, "/usr/bin/chromium")
	}
	testenv.Command(t, "node")
	if _, err := os.Stat(filepath.Join("..", "browser", "node_modules", "playwright-core", "package.json")); err != nil {
		testenv.Missing(t, "playwright-core (npm ci in tests/browser)")
	}
	testenv.VenvPython(t, "jupyterlab")
	return testenv.VenvCommand(t, "jupyter-lab")
}

// smallScale rewrites notebook 01's parameters cell to generate a small population.
func smallScale(t *testing.T, raw []byte) []byte {
	t.Helper()
	var nb map[string]any
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	for _, c := range nb["cells"].([]any) {
		cell := c.(map[string]any)
		tags, _ := cell["metadata"].(map[string]any)["tags"].([]any)
		for _, tag := range tags {
			if tag == "parameters" {
				src := sourceText(cell["source"])
				src = regexp.MustCompile(`(?m)^users\s*:=\s*\d+`).ReplaceAllString(src, fmt.Sprintf("users := %d", labUsers))
				src = regexp.MustCompile(`(?m)^batches\s*:=\s*\d+`).ReplaceAllString(src, fmt.Sprintf("batches := %d", labBatches))
				if src == sourceText(cell["source"]) {
					t.Fatalf("notebook 01's parameters cell sets no users/batches to scale down:\n%s", src)
				}
				cell["source"] = src
				out, err := json.Marshal(nb)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
		}
	}
	t.Fatal("notebook 01 has no cell tagged parameters")
	return nil
}

// sourceText returns a cell source stored as a string or a list of lines.
func sourceText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b strings.Builder
	for _, l := range v.([]any) {
		b.WriteString(l.(string))
	}
	return b.String()
}

// writeCharts writes a notebook of the chart kinds the seven notebooks do not draw, so
// JupyterLab's own Vega-Lite renderer draws every kind's spec (checkNotebook then sees
// each as a visible picture, and the console check sees no error).
func writeCharts(t *testing.T, path string) {
	t.Helper()
	writeNotebook(t, path, []string{
		"import (\n\t\"math\"\n\t\"time\"\n\n\t\"github.com/sluice-dev/sluice/display\"\n)",
		"labels := []string{\"pageViews\", \"purchases\", \"addToCart\"}\n" +
			"display.GroupedBarChart(labels, []string{\"2025\", \"2026\"}, [][]float64{{10, 2, 3}, {12, 3, 5}}, display.ChartOptions{Title: \"grouped\"})",
		"display.GroupedBarChart(labels, []string{\"web\", \"app\", \"mail\"}, [][]float64{{1, 2, 3}, {2, 3, 4}, {0, 1, 0}}, display.ChartOptions{Horizontal: true, XLabel: \"events\"})",
		"display.BarChart(labels, []float64{1e6, 0, 2500}, display.ChartOptions{LogY: true, ShowValues: true, Title: \"log bars\"})",
		"days := []time.Time{}\nfor i := 0; i < 90; i++ {\n\tdays = append(days, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i))\n}\n" +
			"a, b := make([]float64, 90), make([]float64, 90)\nfor i := 0; i < 90; i++ {\n\ta[i], b[i] = float64(i*i), 4000-float64(i)*20\n}\n" +
			"display.TimeSeriesChart(days, []string{\"squares\", \"falling\"}, [][]float64{a, b}, display.ChartOptions{Title: \"daily\"})",
		"xs, ys := make([]float64, 8000), make([]float64, 8000)\nfor i := 0; i < 8000; i++ {\n\txs[i], ys[i] = float64(i%97), float64((i*7919)%1009)+1\n}\n" +
			"display.ScatterChart(xs, ys, display.ChartOptions{Title: \"sampled scatter\", LogY: true})",
		"display.HistogramChart(ys, display.ChartOptions{Title: \"histogram\", XLabel: \"y\"})",
		"lx, ly := make([]float64, 7000), make([]float64, 7000)\nfor i := 0; i < 7000; i++ {\n\tlx[i], ly[i] = float64(i), 100*math.Sin(float64(i)/300)+float64(i%50)\n}\n" +
			"display.LineChart(lx, ly, display.ChartOptions{Title: \"thinned line\"})",
		"display.HeatmapChart([]string{\"mon\", \"tue\"}, []string{\"web\", \"app\"}, [][]float64{{1, math.NaN()}, {3, 4}}, display.ChartOptions{Title: \"heat\"})",
		"display.GainsChart([]float64{0, 0.1, 0.5, 1}, []float64{0, 0.4, 0.8, 1}, display.ChartOptions{Title: \"gains\"})",
	})
}

// writeInteractive writes the notebook lab.mjs uses for completion, inspection and
// interrupt; lab.mjs addresses its cells by index.
func writeInteractive(t *testing.T, path string) {
	t.Helper()
	writeNotebook(t, path, []string{
		"import (\n\t\"strings\"\n\t\"time\"\n)",
		"greeting := strings.ToUpper(\"sluice\")\ngreeting",
		"strings.ToUpper",
		"for i := 0; ; i++ {\n\ttime.Sleep(10 * time.Millisecond)\n}",
		"greeting + \" kept\"",
	})
}

// labEnv is the environment of the JupyterLab server and so of its kernels: a private
// SLUICE_HOME and HOME (the notebooks run on their own embedded sandbox), Jupyter's
// config, data and runtime under dir, the Sluice kernelspec installed under dir, and
// JupyterLab settings that keep it off the network and render every cell.
func labEnv(t *testing.T, dir, bin string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "SLUICE_HOME", "SLUICE_DSN", "SLUICE_STORAGE", "SLUICE_BIN", "DATABASE_URL",
			"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE",
			"JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
			"JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "HOME":
			continue
		}
		env = append(env, kv)
	}
	prefix := filepath.Join(dir, "prefix")
	if out, err := exec.Command(bin, "install", "--prefix", prefix).CombinedOutput(); err != nil {
		t.Fatalf("sluice install --prefix: %v\n%s", err, out)
	}
	settings := filepath.Join(dir, "lab-settings")
	writeSetting(t, settings, "@jupyterlab/notebook-extension/tracker.jupyterlab-settings",
		`{"windowingMode": "none"}`)
	writeSetting(t, settings, "@jupyterlab/apputils-extension/notification.jupyterlab-settings",
		`{"fetchNews": "false", "checkForUpdates": false}`)
	// jupysql (in the environment for the %sql tests) brings jupysql-plugin, whose Format SQL
	// button throws "Cannot read properties of undefined (reading 'toolbar')" on every
	// notebook in JupyterLab 4.6: it is not Sluice's and does nothing for Go, so it is off.
	writeSetting(t, filepath.Join(dir, "jconfig", "labconfig"), "page_config.json",
		`{"disabledExtensions": {"jupysql-plugin": true}}`)
	home := filepath.Join(dir, "home")
	return append(env,
		"HOME="+home,
		"SLUICE_HOME="+filepath.Join(home, "sluice"),
		"SLUICE_BIN="+bin,
		"JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(dir, "jconfig"),
		"JUPYTER_DATA_DIR="+filepath.Join(dir, "jdata"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "jruntime"),
		"JUPYTERLAB_SETTINGS_DIR="+settings,
		"JUPYTERLAB_WORKSPACES_DIR="+filepath.Join(dir, "lab-workspaces"),
	)
}

func writeSetting(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// labServer is a JupyterLab server on loopback.
type labServer struct {
	base, token, log string
}

func (s *labServer) logTail() string { return testnet.LogTail(s.log) }

// startLab starts jupyter-lab serving dir on a free loopback port with a token and no
// browser, in its own process group (its kernels are its children), and waits until it
// answers; it is stopped when the test ends.
func startLab(t *testing.T, lab, dir string, env []string) *labServer {
	t.Helper()
	port := testnet.FreePort(t)
	token := fmt.Sprintf("tok%d", time.Now().UnixNano())
	args := []string{"--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port), "--port-retries=0",
		"--IdentityProvider.token=" + token, "--ServerApp.root_dir=" + dir,
		"--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=False"}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root") // CI runs as root
	}
	s := &labServer{base: fmt.Sprintf("http://127.0.0.1:%d", port), token: token, log: filepath.Join(filepath.Dir(dir), "jupyterlab.log")}
	testnet.Server{Name: "jupyter-lab", Path: lab, Args: args, Env: env, Dir: dir, Log: s.log,
		Ready: s.base + "/api/status?token=" + token, Within: 90 * time.Second, Grace: 15 * time.Second}.Start(t)
	return s
}

// artifactsDir is where the browser drivers put their screenshots (made if missing).
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("artifacts")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runDriver runs the node script with args for at most timeout and decodes the JSON
// report it prints into report. Output that is not a report fails the test at once; a
// script that failed after printing one is an error, so the report's checks still run.
// srv, when not nil, adds the JupyterLab server's log to the failure.
func runDriver(t *testing.T, srv *labServer, timeout time.Duration, report any, script string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	node := exec.CommandContext(ctx, "node", append([]string{script}, args...)...)
	var stdout, stderr bytes.Buffer
	node.Stdout, node.Stderr = &stdout, &stderr
	runErr := node.Run()
	log := ""
	if srv != nil {
		log = "\nserver log:\n" + srv.logTail()
	}
	if err := json.Unmarshal(stdout.Bytes(), report); err != nil {
		t.Fatalf("%s: %v (%v)\n%s\n%s%s", script, runErr, err, stdout.String(), stderr.String(), log)
	}
	if runErr != nil {
		t.Errorf("%s: %v\n%s%s", script, runErr, stderr.String(), log)
	}
}

// serveNotebook writes a notebook of cells as name and starts JupyterLab on it with the
// Sluice kernel installed; env is the server's environment.
func serveNotebook(t *testing.T, name string, cells []string) (*labServer, []string) {
	t.Helper()
	lab := requireLabTools(t)
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	served := filepath.Join(dir, "notebooks")
	if err := os.MkdirAll(served, 0o755); err != nil {
		t.Fatal(err)
	}
	writeNotebook(t, filepath.Join(served, name), cells)
	env := labEnv(t, dir, bin)
	return startLab(t, lab, served, env), env
}
