package display

import (
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/table"
)

func TestDescribeRendersSummaryWithHistograms(t *testing.T) {
	tb := table.New(
		table.StringColumn("tier", []string{"gold", "<b>x</b>", "gold", ""}).WithNulls([]bool{false, false, false, true}),
		table.FloatColumn("spend", []float64{1, 2, 2, 10}),
	)
	b := Describe(tb)
	h := b.Data[MIMEHTML].(string)
	for _, want := range []string{"4 rows, 2 columns", "&lt;b&gt;x&lt;/b&gt; (1)", "gold (2)", "<svg", "<title>1 – 1.9: 1</title>", "3.75"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "<b>x") {
		t.Error("value not escaped")
	}
	if strings.Count(h, "<svg") != 1 {
		t.Errorf("want one histogram (the numeric column), got %d", strings.Count(h, "<svg"))
	}
	if txt := b.Data[MIMEText].(string); !strings.Contains(txt, "spend") || !strings.Contains(txt, "p50") {
		t.Errorf("text:\n%s", txt)
	}
}

// A summary as a cell's value (Render) is the HTML summary, not its text alone.
func TestRenderSummary(t *testing.T) {
	tb := table.New(table.FloatColumn("spend", []float64{1, 2, 3}))
	b := Render(tb.Describe())
	if h, _ := b.Data[MIMEHTML].(string); !strings.Contains(h, "<svg") {
		t.Fatalf("Render of a summary has no HTML histogram: %v", b.Data)
	}
}
