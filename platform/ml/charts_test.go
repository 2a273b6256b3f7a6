package ml

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSearchChartTrialTicks checks the search chart labels trials at whole numbers only.
func TestSearchChartTrialTicks(t *testing.T) {
	for _, span := range [][2]float64{{-0.5, 9.5}, {0, 11}, {-1.2, 40.3}, {0, 1}, {0, 0.4}, {-3, 250}} {
		ticks := integerTicks{}.Ticks(span[0], span[1])
		labelled := 0
		for _, tk := range ticks {
			if tk.Value != float64(int(tk.Value)) {
				t.Errorf("ticks over %v: mark at %v is not a trial number", span, tk.Value)
			}
			if tk.Label != "" {
				labelled++
			}
			if tk.Label == "-0" {
				t.Errorf("ticks over %v: trial 0 labelled -0", span)
			}
		}
		if labelled == 0 || labelled > 9 {
			t.Errorf("ticks over %v: %d labels, want 1 to 9: %+v", span, labelled, ticks)
		}
	}

	r := &SearchResult{Kind: "random", Metric: "auc", Best: 3}
	for i := 0; i < 10; i++ {
		r.Trials = append(r.Trials, &Trial{Index: i, Params: map[string]any{"depth": i%4 + 2},
			Metrics: map[string]float64{"auc": 0.8 + 0.01*float64(i%5)}})
	}
	c := r.Chart()
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	p := c.GonumPlot()
	if len(c.PNG()) == 0 {
		t.Fatal("search chart did not render")
	}
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if tk.Label != "" && tk.Value != float64(int(tk.Value)) {
			t.Errorf("search chart labels trial %v", tk.Value)
		}
	}
	if dir := os.Getenv("SLUICE_CHART_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "search.png"), c.PNG(), 0o644)
	}
}
