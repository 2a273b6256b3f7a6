package runner

import (
	"bytes"
	"strings"
	"testing"
)

// chartOutput is a display_data output as display's charts write it.
func chartOutput(title string) map[string]any {
	return map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{
		"image/png":  "iVBORw0KGgo=",
		"text/plain": "[bar chart]",
		mimeVegaLite: map[string]any{"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
			"title": map[string]any{"text": title}, "mark": "bar",
			"data": map[string]any{"values": []any{map[string]any{"a": 1}}}},
	}}
}

// TestReportInlinesRendererOnce checks a report with two charts holds the renderer once,
// a report without charts none, and a title that tries to close the spec's script
// element cannot.
func TestReportInlinesRendererOnce(t *testing.T) {
	nb := &Notebook{Metadata: map[string]any{}, Cells: []*Cell{
		{Type: "code", Source: "a", Outputs: []map[string]any{chartOutput(`</script><script>alert("x")</script>`)}},
		{Type: "code", Source: "b", Outputs: []map[string]any{chartOutput("second")}},
	}}
	page := RenderHTML(nb, RunStatus{})
	if n := bytes.Count(page, []byte(`t.version="5.33.1"`)); n != 1 {
		t.Errorf("Vega inlined %d times for two charts, want once", n)
	}
	if n := bytes.Count(page, []byte(`<div class="vega-chart">`)); n != 2 {
		t.Errorf("%d chart placeholders, want 2", n)
	}
	if bytes.Contains(page, []byte(`<script>alert(`)) {
		t.Errorf("a chart title closed the spec's script element")
	}
	if !bytes.Contains(page, []byte(`data:image/png;base64,iVBORw0KGgo=`)) {
		t.Errorf("the static picture is not kept for browsers without JavaScript")
	}

	plain := RenderHTML(&Notebook{Metadata: map[string]any{}, Cells: []*Cell{{Type: "code", Source: "1",
		Outputs: []map[string]any{{"output_type": "execute_result", "data": map[string]any{"text/plain": "1"}}}}}}, RunStatus{})
	if strings.Contains(string(plain), "vegaEmbed") || len(plain) > 20000 {
		t.Errorf("a report without charts carries the renderer (%d bytes)", len(plain))
	}
}
