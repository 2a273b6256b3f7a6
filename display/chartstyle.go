package display

import (
	"github.com/sluice-dev/sluice/table"

	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lightGrid returns thin, light grey grid lines in both directions.
func lightGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColor, Width: 0.6}
	g.Horizontal = draw.LineStyle{Color: gridColor, Width: 0.6}
	return g
}

// slantIfCrowded slants the x tick labels when the widest would not fit its slot.
func slantIfCrowded(p *plot.Plot, labels []string, widthPx int) {
	if len(labels) == 0 {
		return
	}
	slot := (pt(widthPx) - 70) / vg.Length(len(labels))
	widest := vg.Length(0)
	for _, l := range labels {
		widest = max(widest, p.X.Tick.Label.Width(shorten(l, 28)))
	}
	if widest > slot {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
		// A slanted label is centred on its tick at its right end, so that end rises
		// above the label area by half its (rotated) height plus the font's descent.
		// Without tick marks it would reach into the data area (and under a heatmap's
		// cells): pad the axis by that much.
		if p.X.Tick.Length == 0 {
			p.X.Padding = max(p.X.Padding, slantRise(p.X.Tick.Label)+2)
		}
	}
}

// formatCount formats integral values with separators and others with up to 3 decimals.
func formatCount(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return FormatInt(int64(x))
	}
	if math.Abs(x) < 1 {
		s := table.TrimZeros(fmt.Sprintf("%.3f", x))
		if s == "-0" { // a tiny negative value rounds to zero: no sign
			s = "0"
		}
		return s
	}
	return FormatFloat(x)
}

func percent(f float64) string {
	switch {
	case f >= 0.1:
		return fmt.Sprintf("%.1f%%", f*100)
	case f >= 0.001:
		return fmt.Sprintf("%.2f%%", f*100)
	default:
		return fmt.Sprintf("%.3g%%", f*100)
	}
}

// endTicks labels both ends of an axis, so a reader sees where the data starts and
// stops, besides round values between them; a round value too close to an end keeps its
// mark but loses its label. format writes every label (nil: formatCount for the ends and
// the round values' own labels).
type endTicks struct{ format func(float64) string }

// Ticks implements plot.Ticker.
func (e endTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return niceTicks{}.Ticks(lo, hi)
	}
	label := func(v float64, own string) string {
		if e.format != nil {
			return e.format(v)
		}
		if own != "" {
			return own
		}
		return formatCount(v)
	}
	gap := (hi - lo) * 0.08
	out := []plot.Tick{{Value: lo, Label: label(lo, "")}}
	for _, t := range (niceTicks{}).Ticks(lo, hi) {
		if t.Value <= lo || t.Value >= hi {
			continue
		}
		if t.Label != "" {
			if t.Value-lo < gap || hi-t.Value < gap {
				t.Label = ""
			} else {
				t.Label = label(t.Value, t.Label)
			}
		}
		out = append(out, t)
	}
	return append(out, plot.Tick{Value: hi, Label: label(hi, "")})
}

// shareLabel writes a share in [0, 1] as a percentage: whole when it is, else as the
// cells of a confusion matrix write it.
func shareLabel(f float64) string {
	if p := f * 100; math.Abs(p-math.Round(p)) < 1e-9 {
		return fmt.Sprintf("%.0f%%", p)
	}
	return percent(f)
}

// logTicks marks a logarithmic axis: every power of ten labelled, and over a few decades
// also 2× and 5× (labelled) and the other multiples (unlabelled).
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) {
		return nil
	}
	fine := math.Log10(hi/lo) <= 4
	var out []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		base := math.Pow(10, e)
		for m := 1; m <= 9; m++ {
			v := base * float64(m)
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || (fine && (m == 2 || m == 5)) {
				t.Label = formatTick(v, max(0, int(-e)))
			}
			out = append(out, t)
		}
	}
	return out
}

// logCeil returns the smallest labelled value of logTicks (a power of ten, or 2× or 5×
// one when fine) at or above x.
func logCeil(x float64, fine bool) float64 {
	e := math.Floor(math.Log10(x))
	base := math.Pow(10, e)
	steps := []float64{1, 10}
	if fine {
		steps = []float64{1, 2, 5, 10}
	}
	for _, m := range steps {
		if base*m >= x*(1-1e-12) {
			return base * m
		}
	}
	return base * 10
}
