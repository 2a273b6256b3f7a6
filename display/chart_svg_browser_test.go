package display

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// svgFacts is what the page's script measures in Chromium.
type svgFacts struct {
	// Texts with textLength: how many, and those drawn beyond the width the layout gave
	// them or outside their SVG.
	Sized   int      `json:"sized"`
	Overrun []string `json:"overrun"`
	Outside []string `json:"outside"`
	// The same charts without textLength: labels that ran past their width (the control
	// that shows the fallback font really is wider than Liberation Sans).
	ControlOverrun int `json:"controlOverrun"`
}

var textLengthAttr = regexp.MustCompile(`textLength="([0-9.e+-]+)" lengthAdjust="spacingAndGlyphs" `)

// TestSVGLabelsFitWithoutLiberationFonts opens chart SVGs in headless Chromium with a
// font configuration that has neither Liberation nor Arial (only DejaVu, which is wider):
// every label stays within the width the layout measured and inside its chart.
func TestSVGLabelsFitWithoutLiberationFonts(t *testing.T) {
	chromium := "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		testenv.Missing(t, chromium)
	}
	const dejavu = "/usr/share/fonts/truetype/dejavu"
	if _, err := os.Stat(dejavu); err != nil {
		testenv.Missing(t, "the DejaVu fonts in "+dejavu+" (Debian's fonts-dejavu-core)")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>
`, dejavu, filepath.Join(dir, "fccache"))), 0o644)
	env := append(os.Environ(), "FONTCONFIG_FILE="+conf, "HOME="+dir)
	if fc, err := exec.LookPath("fc-list"); err == nil {
		cmd := exec.Command(fc, ":", "family")
		cmd.Env = env
		out, _ := cmd.Output()
		if strings.Contains(string(out), "Liberation") || strings.Contains(string(out), "Arial") {
			t.Fatalf("the test font configuration still has Liberation or Arial:\n%s", out)
		}
	}

	charts := sampleCharts(2000)
	var page strings.Builder
	page.WriteString("<!doctype html><meta charset=utf-8><body style='margin:0'>\n<section id=sized>\n")
	names := []string{"bar", "barlog", "heatmap", "confm", "hist", "timeseries", "featimp", "funnel"}
	var control strings.Builder
	for _, name := range names {
		svg := charts[name].SVG()
		svg = svg[strings.Index(svg, "<svg"):]
		if !strings.Contains(svg, "textLength=") {
			t.Fatalf("%s: the SVG has no textLength", name)
		}
		fmt.Fprintf(&page, "<div data-chart=%q>%s</div>\n", name, svg)
		fmt.Fprintf(&control, "<div data-chart=%q>%s</div>\n", name, textLengthAttr.ReplaceAllString(svg, `data-w="$1" `))
	}
	page.WriteString("</section>\n<section id=control>\n" + control.String() + "</section>\n")
	page.WriteString(`<pre id=result></pre>
<script>
const px = (svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
const facts = {sized: 0, overrun: [], outside: [], controlOverrun: 0};
for (const t of document.querySelectorAll('#sized text')) {
  facts.sized++;
  const svg = t.ownerSVGElement, want = Number(t.getAttribute('textLength')), x = Number(t.getAttribute('x'));
  const b = t.getBBox(), name = t.closest('[data-chart]').dataset.chart + ': ' + t.textContent;
  if (b.x < x - 1 || b.x + b.width > x + want + 1) facts.overrun.push(name + ' (' + b.width.toFixed(1) + ' for ' + want + ')');
  const r = t.getBoundingClientRect(), s = svg.getBoundingClientRect();
  if (r.width > 0 && (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1)) facts.outside.push(name);
}
for (const t of document.querySelectorAll('#control text')) {
  const want = Number(t.getAttribute('data-w')), b = t.getBBox();
  if (want > 0 && b.width > want + 2) facts.controlOverrun++;
}
document.getElementById('result').textContent = JSON.stringify(facts);
</script>
`)
	file := filepath.Join(dir, "charts.html")
	if err := os.WriteFile(file, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
		"--disable-background-networking", "--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1300,900"}
	cmd := exec.Command(chromium, append(args, "--virtual-time-budget=5000", "--dump-dom", "file://"+file)...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	m := regexp.MustCompile(`<pre id="result">([^<]*)</pre>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no result in the page:\n%.2000s", out)
	}
	var f svgFacts
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &f); err != nil {
		t.Fatalf("%v: %s", err, m[1])
	}
	t.Logf("%d labels measured; without textLength %d run past their width", f.Sized, f.ControlOverrun)
	if f.Sized < 100 {
		t.Errorf("only %d labels measured", f.Sized)
	}
	if f.ControlOverrun == 0 {
		t.Errorf("no label runs past its width even without textLength: the font configuration does not test the fallback")
	}
	if len(f.Overrun) > 0 {
		t.Errorf("%d labels run past the width the layout gave them: %v", len(f.Overrun), f.Overrun)
	}
	if len(f.Outside) > 0 {
		t.Errorf("%d labels are clipped by their chart's edge: %v", len(f.Outside), f.Outside)
	}
	if shots := os.Getenv("SLUICE_CHART_DIR"); shots != "" {
		shot := exec.Command(chromium, append(args, "--window-size=1300,6000", "--screenshot="+filepath.Join(shots, "svg-dejavu.png"), "file://"+file)...)
		shot.Env = env
		shot.Dir = dir
		if out, err := shot.CombinedOutput(); err != nil {
			t.Logf("screenshot: %v\n%s", err, out)
		}
	}
}
