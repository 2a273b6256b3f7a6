package browser

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// reportFacts is what report.mjs tells about a rendered report.
type reportFacts struct {
	OutputColumns, SourceColumns, Prompts, Images []int
	Wide                                          []struct {
		ScrollWidth, ClientWidth int
		OverflowX                string
	}
	PageScrollWidth int
	TOC             []struct {
		Text, Href string
		Target     bool
	} `json:"toc"`
	Status string
	Params [][]string
	Times  []string
}

// The --html report of a run, at 1100 px: outputs take the width beside the prompts
// (they were squeezed into the right half), a wide table scrolls inside its output, and
// the header shows the exit status, the parameters and a table of contents that leads to
// the headings and to the failed cell.
func TestRunReportLayout(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		testenv.Missing(t, "/usr/bin/chromium")
	}
	testenv.Command(t, "node")
	if _, err := os.Stat(filepath.Join("node_modules", "playwright-core", "package.json")); err != nil {
		testenv.Missing(t, "playwright-core (npm ci in tests/browser)")
	}
	dir := t.TempDir()
	wideTable := "var b strings.Builder\nb.WriteString(\"<table><tr>\")\nfor i := 0; i < 40; i++ {\n\tfmt.Fprintf(&b, \"<th>column_number_%d</th>\", i)\n}\nb.WriteString(\"</tr></table>\")\ndisplay.HTML(b.String())"
	cells := []map[string]any{
		mdCell("m0", "# Report layout\n\nA run rendered by `sluice run --html`.\n\n## Wide table"),
		tagged(codeCell("p0", "users := 100 // how many profiles", nil), "parameters"),
		codeCell("c1", "import (\n\t\"fmt\"\n\t\"strings\"\n\n\t\"github.com/sluice-dev/sluice/display\"\n)", nil),
		codeCell("c2", wideTable, nil),
		mdCell("m1", "## A chart"),
		codeCell("c3", "display.BarChart([]string{\"a\", \"b\", \"c\"}, []float64{float64(users), 2000, 3000}, display.ChartOptions{Title: \"Users\"})", nil),
		codeCell("c4", "fmt.Println(\"users:\", users)\npanic(\"the last cell fails\")", nil),
	}
	in := filepath.Join(dir, "report.ipynb")
	writeNotebook(t, in, cells)
	out := filepath.Join(dir, "report.out.ipynb")
	cmd := exec.Command(testenv.SluiceBinary(t), "run", in, "--output", out, "--html", "-p", "users=5000")
	cmd.Env = append(os.Environ(), "JUPYTER_PATH="+filepath.Join(dir, "jpath"), "JUPYTER_DATA_DIR="+filepath.Join(dir, "jdata"))
	stderr, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("sluice run: %v\n%s", err, stderr)
	}
	html := filepath.Join(dir, "report.out.html")
	if !strings.Contains(string(stderr), html) {
		t.Errorf("sluice run does not say where the report is:\n%s", stderr)
	}

	shot, _ := filepath.Abs(filepath.Join("artifacts", "run-report-1100.png"))
	os.MkdirAll(filepath.Dir(shot), 0o755)
	node := exec.Command("node", "report.mjs", "file://"+html, shot, "1100")
	var f reportFacts
	data, err := node.Output()
	if err != nil {
		t.Fatalf("report.mjs: %v\n%s", err, data)
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	t.Logf("facts: %s (screenshot %s)", data, shot)
	if len(f.OutputColumns) < 3 {
		t.Fatalf("outputs shown: %v", f.OutputColumns)
	}
	for i, w := range f.OutputColumns {
		if w < 850 {
			t.Errorf("output %d is %d px wide at 1100 px, want at least 850", i, w)
		}
	}
	if f.PageScrollWidth > 1100 {
		t.Errorf("the page scrolls sideways: %d px", f.PageScrollWidth)
	}
	if len(f.Wide) != 1 || f.Wide[0].ScrollWidth <= f.Wide[0].ClientWidth || f.Wide[0].OverflowX != "auto" {
		t.Errorf("the wide table does not scroll inside its output: %+v", f.Wide)
	}
	if len(f.Images) != 1 || f.Images[0] < 500 {
		t.Errorf("chart widths: %v", f.Images)
	}
	var toc []string
	for _, e := range f.TOC {
		if !e.Target {
			t.Errorf("contents entry %q leads nowhere (%s)", e.Text, e.Href)
		}
		toc = append(toc, e.Text)
	}
	if strings.Join(toc, "|") != "Report layout|Wide table|A chart|In [6] failed" {
		t.Errorf("contents: %q", toc)
	}
	if !strings.HasPrefix(f.Status, "exit 1: ") || !strings.Contains(f.Status, "the last cell fails") {
		t.Errorf("status: %q", f.Status)
	}
	if len(f.Params) != 1 || f.Params[0][0] != "users" || f.Params[0][1] != "5000" || f.Params[0][2] != "100" || f.Params[0][3] != "int" {
		t.Errorf("parameters: %q", f.Params)
	}
	if len(f.Times) != 6 || !strings.HasSuffix(f.Times[0], " s") || !strings.HasSuffix(f.Times[5], "✗") {
		t.Errorf("cell times: %q", f.Times)
	}
}

func mdCell(id, source string) map[string]any {
	return map[string]any{"cell_type": "markdown", "id": id, "metadata": map[string]any{}, "source": source}
}

func tagged(c map[string]any, tag string) map[string]any {
	c["metadata"] = map[string]any{"tags": []any{tag}}
	return c
}
