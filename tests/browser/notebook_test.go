//go:build linux

package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/internal/testnet"
)

// facts is what notebook.mjs reports about the rendered page.
type facts struct {
	Title   string `json:"title"`
	Trusted string `json:"trusted"`
	Tables  []struct {
		Text         string   `json:"text"`
		RightAligned []string `json:"rightAligned"`
		TextAligned  []string `json:"textAligned"`
		NullCells    int      `json:"nullCells"`
		Width        int      `json:"width"`
	} `json:"tables"`
	Images []struct {
		Tag           string `json:"tag"`
		Mime          string `json:"mime"`
		Natural       int    `json:"natural"`
		NaturalHeight int    `json:"naturalHeight"`
		Width         int    `json:"width"`
		Height        int    `json:"height"`
	} `json:"images"`
	HTMLTables []struct {
		Rows   int `json:"rows"`
		Width  int `json:"width"`
		Height int `json:"height"`
	} `json:"htmlTables"`
	RawMarkup     []string `json:"rawMarkup"`
	Outputs       []string `json:"outputs"`
	Errors        []string `json:"errors"`
	ConsoleErrors []string `json:"consoleErrors"`
}

// Sample data shared by both notebooks.
var (
	eventTypes = []string{"pageViews", "linkClicks", "productViews", "purchases", "emailSent", "emailOpened"}
	eventCount = []float64{1064337, 412000, 298113, 7300, 250000, 98000}
)

// TestDisplayOutputsInNotebook renders display's table, bar chart, heatmap and final
// progress state into a notebook's outputs exactly as the kernel would send them, and
// checks classic Notebook shows them in Chromium. It needs no kernel.
func TestDisplayOutputsInNotebook(t *testing.T) {
	requireBrowserTools(t)
	dir := t.TempDir()

	table := eventsTable(t)
	bar := display.BarChart(eventTypes, eventCount, display.ChartOptions{Title: "Events by type", Sorted: true})
	heat := display.HeatmapChart(eventTypes, eventTypes, cooccurrence(), display.ChartOptions{Title: "Co-occurrence"})
	// The progress display's final state, as update_display_data leaves it.
	rec := &lastBundle{}
	old := display.SetPublisher(rec)
	p := display.NewProgress("Scoring profiles", 50)
	for i := 0; i < 50; i++ {
		p.Add(1)
	}
	p.Done()
	display.SetPublisher(old)

	var cells []map[string]any
	for i, v := range []any{table, bar, heat, rec.b} {
		cells = append(cells, codeCell(fmt.Sprintf("cell-%d", i), "// rendered by display", []map[string]any{displayData(display.Render(v))}))
	}
	nb := filepath.Join(dir, "display.ipynb")
	writeNotebook(t, nb, cells)
	f := viewNotebook(t, dir, "display.ipynb", "display-outputs.png")
	checkFacts(t, f)
}

// TestKernelNotebookInBrowser executes a Go notebook through the sluice kernel with
// nbconvert (table, bar chart, heatmap, updating progress) and checks classic Notebook
// shows the executed notebook's outputs in Chromium.
func TestKernelNotebookInBrowser(t *testing.T) {
	requireBrowserTools(t)
	bin := testenv.SluiceBinary(t)
	if out, _ := exec.Command(bin, "help").CombinedOutput(); !bytes.Contains(out, []byte("kernel")) || !bytes.Contains(out, []byte("install")) {
		testenv.Missing(t, "the `sluice kernel` and `sluice install` commands")
	}
	dir := t.TempDir()
	prefix := filepath.Join(dir, "prefix")
	if out, err := exec.Command(bin, "install", "--prefix", prefix).CombinedOutput(); err != nil {
		t.Fatalf("sluice install --prefix: %v\n%s", err, out)
	}
	kernels := "JUPYTER_PATH=" + filepath.Join(prefix, "share", "jupyter")
	env := append(jupyterEnv(dir), kernels)

	cells := []map[string]any{
		codeCell("imports", "import (\n\t\"time\"\n\n\t\"github.com/sluice-dev/sluice/display\"\n)", nil),
		codeCell("table", `events, err := display.TableFromRows(
	[]string{"event_type", "events", "last_seen"},
	[][]any{
		{"pageViews", 1064337, "2024-03-01"},
		{"linkClicks", 412000, nil},
		{"purchases", 7300, "<script>alert(1)</script>"},
	})
if err != nil {
	panic(err)
}
events.Title = "Events by type"
events`, nil),
		codeCell("bar", `display.BarChart(
	[]string{"pageViews", "linkClicks", "productViews", "purchases", "emailSent", "emailOpened"},
	[]float64{1064337, 412000, 298113, 7300, 250000, 98000},
	display.ChartOptions{Title: "Events by type", Sorted: true})`, nil),
		codeCell("heatmap", `names := []string{"pageViews", "linkClicks", "purchases"}
display.HeatmapChart(names, names, [][]float64{{900, 120, 40}, {120, 400, 25}, {40, 25, 60}}, display.ChartOptions{Title: "Co-occurrence"})`, nil),
		codeCell("progress", `p := display.NewProgress("Scoring profiles", 50)
for i := 0; i < 50; i++ {
	time.Sleep(20 * time.Millisecond)
	p.Add(1)
}
p.Done()`, nil),
	}
	src := filepath.Join(dir, "kernel.ipynb")
	writeNotebook(t, src, cells)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	py := testenv.Python(t, "nbconvert")
	cmd := exec.CommandContext(ctx, py, "-m", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.kernel_name=sluice",
		"--output", "executed.ipynb", src)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --execute with the sluice kernel: %v\n%s", err, out)
	}
	f := viewNotebook(t, dir, "executed.ipynb", "kernel-notebook.png", kernels)
	checkFacts(t, f)
	// The progress display was updated in place: one output, in its final state.
	n := 0
	for _, o := range f.Outputs {
		if strings.Contains(o, "Scoring profiles:") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("progress shows %d outputs, want 1 updated in place: %q", n, f.Outputs)
	}
}

// checkFacts asserts the table, two charts and the final progress line are visible.
func checkFacts(t *testing.T, f facts) {
	t.Helper()
	if len(f.Errors) > 0 {
		t.Errorf("notebook shows errors: %q", f.Errors)
	}
	if len(f.Tables) == 0 {
		t.Fatalf("no rendered table visible (is the notebook trusted? %q); outputs: %q", f.Trusted, f.Outputs)
	}
	tb := f.Tables[0]
	for _, want := range []string{"Events by type", "1,064,337", "NULL", "event_type"} {
		if !strings.Contains(tb.Text, want) {
			t.Errorf("table text lacks %q:\n%s", want, tb.Text)
		}
	}
	if strings.Contains(tb.Text, "<script>") && tb.NullCells == 0 {
		t.Errorf("table lost its NULL marking")
	}
	for _, a := range tb.RightAligned {
		if a != "right" {
			t.Errorf("numeric cells are aligned %q, want right", a)
		}
	}
	for _, a := range tb.TextAligned {
		if a != "left" && a != "start" {
			t.Errorf("text cells are aligned %q, want left", a)
		}
	}
	big := 0
	for _, im := range f.Images {
		if im.Width >= 300 && im.Height >= 150 {
			big++
		}
	}
	if big < 2 {
		t.Errorf("want the bar chart and heatmap visible (≥ 2 images ≥ 300 px wide), got %+v", f.Images)
	}
	done := false
	for _, o := range f.Outputs {
		if strings.Contains(o, "Scoring profiles: done, 50") {
			done = true
		}
	}
	if !done {
		t.Errorf("final progress state not visible; outputs: %q", f.Outputs)
	}
}

// requireBrowserTools skips (or fails under SLUICE_REQUIRE_ALL=1) without Chromium,
// Node with playwright-core, or Debian's classic Notebook.
func requireBrowserTools(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		testenv.Missing(t, "/usr/bin/chromium")
	}
	testenv.Command(t, "node")
	if _, err := os.Stat(filepath.Join("node_modules", "playwright-core", "package.json")); err != nil {
		testenv.Missing(t, "playwright-core (npm ci in tests/browser)")
	}
	testenv.Python(t, "notebook", "nbformat")
}

// jupyterEnv keeps Jupyter's config, data (trust database) and runtime files in dir.
func jupyterEnv(dir string) []string {
	return append(os.Environ(),
		"JUPYTER_CONFIG_DIR="+filepath.Join(dir, "jconfig"),
		"JUPYTER_DATA_DIR="+filepath.Join(dir, "jdata"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "jruntime"),
		"IPYTHONDIR="+filepath.Join(dir, "ipython"),
	)
}

// viewNotebook trusts dir/name, serves dir with classic Notebook on loopback, opens the
// notebook in Chromium and returns what the page shows; the screenshot is kept under
// artifacts/.
func viewNotebook(t *testing.T, dir, name, shot string, extraEnv ...string) facts {
	t.Helper()
	srv := serveNotebooks(t, dir, extraEnv...)
	srv.trust(t, name)
	return srv.open(t, name, shot)
}

// notebookServer is a classic Jupyter Notebook server serving one directory on loopback.
type notebookServer struct {
	dir, base, token string
	env              []string
	log              serverLog
}

// serveNotebooks starts classic Notebook on a free loopback port serving dir, with
// Jupyter's state kept in dir; the server (and any kernel it started) is stopped when
// the test ends.
func serveNotebooks(t *testing.T, dir string, extraEnv ...string) *notebookServer {
	t.Helper()
	env := append(jupyterEnv(dir), extraEnv...)
	py := testenv.Python(t, "notebook", "nbformat")
	port := testnet.FreePort(t)
	token := fmt.Sprintf("tok%d", time.Now().UnixNano())
	args := []string{"-m", "notebook", "--no-browser", "--ip=127.0.0.1",
		fmt.Sprintf("--port=%d", port), "--port-retries=0", "--NotebookApp.token=" + token,
		"--notebook-dir=" + dir, "--NotebookApp.open_browser=False"}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root") // CI containers run as root
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	log := serverLog(filepath.Join(dir, "notebook-server.log"))
	testnet.Server{Name: "jupyter notebook", Path: py, Args: args, Env: env, Log: string(log),
		Ready: base + "/api/status?token=" + token, Within: 60 * time.Second, Grace: 10 * time.Second}.Start(t)
	return &notebookServer{dir: dir, base: base, token: token, env: env, log: log}
}

// trust signs dir/name in the server's trust database, as `jupyter trust` does, so its
// HTML and SVG outputs are shown as they are.
func (s *notebookServer) trust(t *testing.T, name string) {
	t.Helper()
	py := testenv.Python(t, "nbformat")
	sign := exec.Command(py, "-m", "nbformat.sign", filepath.Join(s.dir, name))
	sign.Env = s.env
	if out, err := sign.CombinedOutput(); err != nil {
		t.Fatalf("trusting %s: %v\n%s", name, err, out)
	}
}

// open opens dir/name in headless Chromium, saves a full-page screenshot as
// artifacts/shot and returns what the page shows.
func (s *notebookServer) open(t *testing.T, name, shot string) facts {
	t.Helper()
	if err := os.MkdirAll("artifacts", 0o755); err != nil {
		t.Fatal(err)
	}
	shotPath, _ := filepath.Abs(filepath.Join("artifacts", shot))
	url := fmt.Sprintf("%s/notebooks/%s?token=%s", s.base, name, s.token)
	nctx, ncancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer ncancel()
	node := exec.CommandContext(nctx, "node", "notebook.mjs", url, shotPath)
	var stdout, stderr bytes.Buffer
	node.Stdout, node.Stderr = &stdout, &stderr
	if err := node.Run(); err != nil {
		t.Fatalf("notebook.mjs %s: %v\n%s\nserver log:\n%s", name, err, stderr.String(), s.log.String())
	}
	var f facts
	if err := json.Unmarshal(stdout.Bytes(), &f); err != nil {
		t.Fatalf("notebook.mjs output: %v\n%s", err, stdout.String())
	}
	t.Logf("screenshot: %s", shotPath)
	return f
}

// serverLog reads the notebook server's log for error messages.
type serverLog string

func (l serverLog) String() string {
	b, _ := os.ReadFile(string(l))
	return string(b)
}

func eventsTable(t *testing.T) *display.Table {
	t.Helper()
	tb, err := display.TableFromRows([]string{"event_type", "events", "last_seen"}, [][]any{
		{"pageViews", 1064337, "2024-03-01"},
		{"linkClicks", 412000, nil},
		{"purchases", 7300, "<script>alert(1)</script>"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tb.Title = "Events by type"
	return tb
}

func cooccurrence() [][]float64 {
	m := make([][]float64, len(eventTypes))
	for i := range m {
		m[i] = make([]float64, len(eventTypes))
		for j := range m[i] {
			m[i][j] = float64((i+1)*(j+2)*1000 + i*j)
		}
	}
	return m
}

// lastBundle is a display.Publisher that keeps the latest state of the output.
type lastBundle struct{ b display.Bundle }

func (l *lastBundle) Publish(b display.Bundle, id string, update bool) error { l.b = b; return nil }
func (l *lastBundle) Clear(bool) error                                       { return nil }

// displayData converts a bundle to an nbformat display_data output.
func displayData(b display.Bundle) map[string]any {
	data := map[string]any{}
	for mime, v := range b.Data {
		if raw, ok := v.([]byte); ok {
			data[mime] = base64.StdEncoding.EncodeToString(raw)
		} else {
			data[mime] = v
		}
	}
	md := b.Metadata
	if md == nil {
		md = map[string]any{}
	}
	return map[string]any{"output_type": "display_data", "data": data, "metadata": md}
}

func codeCell(id, source string, outputs []map[string]any) map[string]any {
	if outputs == nil {
		outputs = []map[string]any{}
	}
	return map[string]any{
		"cell_type": "code", "id": id, "source": source, "metadata": map[string]any{},
		"outputs": outputs, "execution_count": nil,
	}
}

func writeNotebook(t *testing.T, path string, cells []map[string]any) {
	t.Helper()
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": cells,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": "sluice", "display_name": "Go (Sluice)", "language": "go"},
			"language_info": map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go"},
		},
	}
	raw, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}
