package display

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	vgrec "gonum.org/v1/plot/vg/recorder"
)

func labelled(ticks []plot.Tick) map[float64]string {
	out := map[float64]string{}
	for _, t := range ticks {
		if t.Label != "" {
			out[t.Value] = t.Label
		}
	}
	return out
}

func TestEndTicksLabelBothEnds(t *testing.T) {
	got := labelled(endTicks{}.Ticks(0.0312, 0.9674))
	if got[0.0312] != "0.031" || got[0.9674] != "0.967" {
		t.Fatalf("ends not labelled: %v", got)
	}
	if _, ok := got[0.0]; ok {
		t.Errorf("a tick outside the axis: %v", got)
	}
	for v := range got {
		if v != 0.0312 && v != 0.9674 && (v-0.0312 < 0.07 || 0.9674-v < 0.07) {
			t.Errorf("label at %v crowds an end: %v", v, got)
		}
	}
	pct := labelled(endTicks{format: shareLabel}.Ticks(0.0875, 0.9125))
	if pct[0.0875] != "8.75%" || pct[0.9125] != "91.2%" || pct[0.4] != "40%" {
		t.Errorf("share labels: %v", pct)
	}
}

func TestLogValueAxisLabelsAboveTheTallestBar(t *testing.T) {
	for _, tc := range []struct {
		values   []float64
		labelled bool
		min, max float64
	}{
		{[]float64{11130, 307763}, false, 1000, 500000},
		{[]float64{11130, 307763}, true, 1000, 500000},
		{[]float64{10000, 95000}, false, 1000, 200000},
		{[]float64{3, 4e9}, false, 1, 1e10},
	} {
		var ax plot.Axis
		if err := logValueAxis(&ax, tc.values, tc.labelled); err != nil {
			t.Fatal(err)
		}
		if ax.Min != tc.min || ax.Max != tc.max {
			t.Errorf("%v: axis %v–%v, want %v–%v", tc.values, ax.Min, ax.Max, tc.min, tc.max)
		}
		top := tc.values[len(tc.values)-1]
		labels := labelled(ax.Tick.Marker.Ticks(ax.Min, ax.Max))
		above := false
		for v := range labels {
			above = above || v >= top
		}
		if !above {
			t.Errorf("%v: no tick label above the tallest bar: %v", tc.values, labels)
		}
		if low := tc.values[0]; math.Log10(low/ax.Min) < math.Log10(2) {
			t.Errorf("%v: the shortest bar spans less than a factor of two", tc.values)
		}
	}
}

// bars records what histBars draws for counts on a 100-point-high data area.
func bars(t *testing.T, counts []float64) []*vgrec.Fill {
	t.Helper()
	edges := make([]float64, len(counts)+1)
	for i := range edges {
		edges[i] = float64(i)
	}
	p := plot.New()
	h := &histBars{edges: edges, counts: counts}
	p.Add(h)
	p.Y.Min = 0
	var rec vgrec.Canvas
	c := draw.Canvas{Canvas: &rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 300, Y: 100}}}
	h.Plot(c, p)
	var fills []*vgrec.Fill
	for _, a := range rec.Actions {
		if f, ok := a.(*vgrec.Fill); ok {
			fills = append(fills, f)
		}
	}
	return fills
}

func TestHistogramEmptyBinsStayEmptyAndTinyOnesShow(t *testing.T) {
	if got := len(bars(t, []float64{10, 0, 10})); got != 2 {
		t.Errorf("counts 10, 0, 10: %d bars drawn, want 2", got)
	}
	fills := bars(t, []float64{1e6, 1})
	if len(fills) != 2 {
		t.Fatalf("%d bars", len(fills))
	}
	lo, hi := vg.Length(math.Inf(1)), vg.Length(math.Inf(-1))
	for _, c := range fills[1].Path {
		lo, hi = min(lo, c.Pos.Y), max(hi, c.Pos.Y)
	}
	if hi-lo < minBarHeight {
		t.Errorf("a bin of 1 among a million is %v tall, want at least %v", hi-lo, minBarHeight)
	}
}

func TestBinnedHistogramChart(t *testing.T) {
	c := BinnedHistogramChart([]float64{0, 2.5, 5}, []float64{3, 4000}, ChartOptions{Title: "binned"})
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	if s := c.String(); !strings.Contains(s, "4,003 values in 2 bins") {
		t.Errorf("description %q", s)
	}
	for _, svg := range []string{c.SVG()} {
		for _, want := range []string{">0<", ">5<", ">4,000<"} {
			if !strings.Contains(svg, want) {
				t.Errorf("SVG lacks %s", want)
			}
		}
	}
	for _, bad := range []struct{ edges, counts []float64 }{
		{[]float64{0, 1}, []float64{1, 2}}, {[]float64{0, 1, 1}, []float64{1, 2}}, {[]float64{0, 1}, []float64{-1}},
	} {
		if BinnedHistogramChart(bad.edges, bad.counts, ChartOptions{}).Err() == nil {
			t.Errorf("%v %v: no error", bad.edges, bad.counts)
		}
	}
}

func TestColorScalesSayWhatColourIs(t *testing.T) {
	cm := ConfusionMatrixChart([]string{"no", "yes"}, [][]float64{{90, 10}, {30, 70}}, ChartOptions{})
	hm := HeatmapChart([]string{"a", "b"}, []string{"c", "d"}, [][]float64{{1, 5}, {7, 26}}, ChartOptions{})
	named := HeatmapChart([]string{"a", "b"}, []string{"c", "d"}, [][]float64{{1, 5}, {7, 26}}, ChartOptions{ValueLabel: "sessions"})
	for _, tc := range []struct {
		c    *Chart
		want []string
	}{
		{cm, []string{"share of the actual class (row)", ">90%<", ">10%<"}},
		{hm, []string{">value<", ">1<", ">26<"}},
		{named, []string{">sessions<"}},
	} {
		svg := tc.c.SVG()
		for _, w := range tc.want {
			if !strings.Contains(svg, w) {
				t.Errorf("%s: SVG lacks %s", tc.c.String(), w)
			}
		}
	}
}

func TestTinyBarsShowAndZeroBarsStayEmpty(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		p := plot.New()
		bs, err := signedBars([]float64{500000, 0, 3, -2}, 10, horizontal)
		if err != nil {
			t.Fatal(err)
		}
		p.Add(bs...)
		var rec vgrec.Canvas
		c := draw.Canvas{Canvas: &rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 300, Y: 300}}}
		stubs := 0
		for _, pl := range bs {
			if s, ok := pl.(barStubs); ok {
				before := len(rec.Actions)
				s.Plot(c, p)
				for _, a := range rec.Actions[before:] {
					if _, ok := a.(*vgrec.Fill); ok {
						stubs++
					}
				}
			}
		}
		// 3 and -2 are too short to see at this scale; 0 draws nothing.
		if stubs != 2 {
			t.Errorf("horizontal=%v: %d stubs drawn, want 2 (for 3 and -2)", horizontal, stubs)
		}
	}
}
