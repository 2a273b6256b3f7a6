package display

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
)

// FunnelChart draws stages top to bottom as horizontal bars, each labelled with its
// count, its share of the first stage and its conversion from the previous stage.
func FunnelChart(stages []string, counts []float64, o ChartOptions) *Chart {
	if err := checkPairs("stages", len(stages), "counts", len(counts)); err != nil {
		return errChart("funnel", fmt.Errorf("funnel chart: %w", err))
	}
	n := len(counts)
	labels := make([]string, n)
	for i, c := range counts {
		if math.IsNaN(c) || c < 0 {
			return errChart("funnel", fmt.Errorf("funnel chart: count for %q is %v; counts must be ≥ 0", stages[i], c))
		}
		s := formatCount(c)
		if i > 0 && counts[0] > 0 {
			s += fmt.Sprintf("  ·  %s of first", percent(c/counts[0]))
			if counts[i-1] > 0 {
				s += fmt.Sprintf(", %s of previous", percent(c/counts[i-1]))
			}
		}
		labels[i] = s
	}
	height := sizeOr(o.Height, min(max(40*n+110, 220), 1400))
	rev := make(plotter.Values, n)
	revLabels := make([]string, n)
	for i := range counts {
		rev[n-1-i] = counts[i]
		revLabels[n-1-i] = labels[i]
	}
	p := newPlot(o)
	bars, err := plotter.NewBarChart(rev, barWidth(pt(height)-80, n))
	if err != nil {
		return errChart("funnel", fmt.Errorf("funnel chart: %w", err))
	}
	bars.Horizontal = true
	styleBars(bars, 0)
	p.Add(bars)
	p.HideX()
	p.Y.Tick.Marker = nominalTicks{names: stages, reverse: true}
	p.Y.Tick.Length = 0
	p.Y.Padding = 0
	addBarLabels(p, rev, true, revLabels)
	// Leave room on the right for the labels.
	maxC := 0.0
	for _, c := range counts {
		maxC = math.Max(maxC, c)
	}
	p.X.Min, p.X.Max = 0, math.Max(maxC*1.55, 1)
	o.Height = height
	desc := fmt.Sprintf("%d stages", n)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	c := chartOf("funnel", desc, p, o, height)
	c.vl = func() obj { return funnelSpec(stages, counts, labels, o, c.width, c.height) }
	return c
}

// FunnelChartTable draws a funnel from stage names in stageCol and counts in countCol.
func FunnelChartTable(t *Table, stageCol, countCol string, o ChartOptions) *Chart {
	stages, err := tableStrings(t, stageCol)
	if err != nil {
		return errChart("funnel", fmt.Errorf("funnel chart: %w", err))
	}
	counts, err := tableFloats(t, countCol)
	if err != nil {
		return errChart("funnel", fmt.Errorf("funnel chart: %w", err))
	}
	defaultLabels(&o, countCol, "")
	return FunnelChart(stages, counts, o)
}
