package display

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarChart draws one bar per label. Options: Horizontal, Sorted (largest first), TopN,
// ShowValues, LogY (a logarithmic value axis; bars of zero or negative values stay
// empty). Many or long labels are drawn slanted; horizontal charts grow in height
// with the number of bars.
func BarChart(labels []string, values []float64, o ChartOptions) *Chart {
	kind := "bar"
	if o.Horizontal {
		kind = "horizontal bar"
	}
	if err := checkPairs("labels", len(labels), "values", len(values)); err != nil {
		return errChart(kind, fmt.Errorf("bar chart: %w", err))
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errChart(kind, fmt.Errorf("bar chart: value for %q is %v; bars need finite values", labels[i], v))
		}
	}
	labels, values = orderBars(labels, values, o.Sorted, o.TopN)
	p := newPlot(o)
	n := len(values)
	desc := fmt.Sprintf("%d bars", n)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %d bars", o.Title, n)
	}

	if o.Horizontal {
		height := sizeOr(o.Height, min(max(26*n+110, 220), 1400))
		// Bars are drawn bottom-up; reverse so the first label is at the top.
		rev := make(plotter.Values, n)
		for i, v := range values {
			rev[n-1-i] = v
		}
		bw := barWidth(pt(height)-80, n)
		bars, err := signedBars(rev, bw, true)
		if err != nil {
			return errChart(kind, fmt.Errorf("bar chart: %w", err))
		}
		p.Add(valueGrid(true))
		p.Add(bars...)
		p.Y.Tick.Marker = nominalTicks{names: labels, reverse: true}
		p.Y.Tick.Length = 0
		p.Y.Padding = 0
		p.X.Min = math.Min(0, p.X.Min)
		if o.ShowValues {
			addBarLabels(p, rev, true, formatBarValues(rev))
			padValueAxis(&p.X, 0.1) // room for the value labels
		}
		if o.LogY {
			if err := logValueAxis(&p.X, values, o.ShowValues); err != nil {
				return errChart(kind, fmt.Errorf("bar chart: %w", err))
			}
		}
		o.Height = height
		c := chartOf(kind, desc, p, o, height)
		c.vl = func() obj { return barSpec(labels, values, o, c.width, c.height) }
		return c
	}

	width := sizeOr(o.Width, DefaultChartWidth)
	bars, err := signedBars(plotter.Values(values), barWidth(pt(width)-90, n), false)
	if err != nil {
		return errChart(kind, fmt.Errorf("bar chart: %w", err))
	}
	p.Add(valueGrid(false))
	p.Add(bars...)
	p.X.Tick.Marker = nominalTicks{names: labels}
	p.X.Tick.Length = 0
	slantIfCrowded(p, labels, width)
	if o.ShowValues {
		addBarLabels(p, values, false, formatBarValues(values))
	}
	p.X.Min, p.X.Max = -0.6, float64(n)-0.4
	if o.ShowValues {
		padValueAxis(&p.Y, 0.07)
	} else if p.Y.Max > 0 {
		p.Y.Max *= 1.04
	}
	if o.LogY {
		if err := logValueAxis(&p.Y, values, o.ShowValues); err != nil {
			return errChart(kind, fmt.Errorf("bar chart: %w", err))
		}
	}
	c := chartOf(kind, desc, p, o, DefaultChartHeight)
	if over := slantOverflow(p, labels, pt(width)-70); over > 0 {
		c.draw = func(dc draw.Canvas) { p.Draw(draw.Crop(dc, over, 0, 0, 0)) }
	}
	c.vl = func() obj { return barSpec(labels, values, o, c.width, c.height) }
	return c
}

// GroupedBarChart draws several series side by side for each label: values[i][j] is
// series names[i] at labels[j]. Options: Horizontal, ShowValues.
func GroupedBarChart(labels []string, names []string, values [][]float64, o ChartOptions) *Chart {
	if len(names) == 0 || len(values) != len(names) {
		return errChart("grouped bar", fmt.Errorf("grouped bar chart: %d series names for %d series", len(names), len(values)))
	}
	n := len(labels)
	for i, v := range values {
		if err := checkPairs("labels", n, fmt.Sprintf("values in series %q", names[i]), len(v)); err != nil {
			return errChart("grouped bar", fmt.Errorf("grouped bar chart: %w", err))
		}
		for j, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return errChart("grouped bar", fmt.Errorf("grouped bar chart: %q at %q is %v; bars need finite values", names[i], labels[j], x))
			}
		}
	}
	p := newPlot(o)
	k := len(values)
	width, height := sizeOr(o.Width, DefaultChartWidth), DefaultChartHeight
	span := pt(width) - 90
	if o.Horizontal {
		height = sizeOr(o.Height, min(max(14*n*k+26*n+110, 220), 1400))
		span = pt(height) - 80
	}
	group := barWidth(span, n)
	bw := group / vg.Length(k)
	if o.Horizontal {
		p.Add(valueGrid(true))
	} else {
		p.Add(valueGrid(false))
	}
	for i, v := range values {
		vs := plotter.Values(v)
		if o.Horizontal { // first label at the top
			vs = make(plotter.Values, n)
			for j := range v {
				vs[n-1-j] = v[j]
			}
		}
		b, err := plotter.NewBarChart(vs, bw)
		if err != nil {
			return errChart("grouped bar", fmt.Errorf("grouped bar chart: %w", err))
		}
		b.Horizontal = o.Horizontal
		styleBars(b, i)
		off := -group/2 + bw*(vg.Length(i)+0.5)
		if o.Horizontal {
			off = -off // keep series order top to bottom
		}
		b.Offset = off
		p.Add(b, stubsFor(b))
		p.Legend.Add(names[i], b)
	}
	if o.Horizontal {
		p.Y.Tick.Marker = nominalTicks{names: labels, reverse: true}
		p.Y.Tick.Length, p.Y.Padding = 0, 0
		p.Legend.Top, p.Legend.Left = false, false
		padValueAxis(&p.X, 0.18) // room for the legend
	} else {
		p.X.Tick.Marker = nominalTicks{names: labels}
		p.X.Tick.Length = 0
		slantIfCrowded(p, labels, width)
		p.X.Min, p.X.Max = -0.6, float64(n)-0.4
		// head-room for the legend
		p.Y.Max += (p.Y.Max - math.Min(p.Y.Min, 0)) * 0.06 * float64(k+1)
	}
	o.Height = height
	desc := fmt.Sprintf("%d groups × %d series", n, k)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	c := chartOf("grouped bar", desc, p, o, height)
	c.vl = func() obj { return groupedBarSpec(labels, names, values, o, c.width, c.height) }
	if !o.Horizontal {
		if over := slantOverflow(p, labels, pt(width)-70); over > 0 {
			c.draw = func(dc draw.Canvas) { p.Draw(draw.Crop(dc, over, 0, 0, 0)) }
		}
	}
	return c
}

// HBarChart is BarChart with horizontal bars.
func HBarChart(labels []string, values []float64, o ChartOptions) *Chart {
	o.Horizontal = true
	return BarChart(labels, values, o)
}

// BarChartTable draws a bar chart of valueCol against labelCol of t. Axis labels
// default to the column names.
func BarChartTable(t *Table, labelCol, valueCol string, o ChartOptions) *Chart {
	labels, err := tableStrings(t, labelCol)
	if err != nil {
		return errChart("bar", fmt.Errorf("bar chart: %w", err))
	}
	values, err := tableFloats(t, valueCol)
	if err != nil {
		return errChart("bar", fmt.Errorf("bar chart: %w", err))
	}
	if o.Horizontal {
		defaultLabels(&o, valueCol, "")
	} else {
		defaultLabels(&o, "", valueCol)
	}
	return BarChart(labels, values, o)
}

// orderBars sorts (largest first) and truncates to topN when asked, on copies.
func orderBars(labels []string, values []float64, sorted bool, topN int) ([]string, []float64) {
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	if sorted || topN > 0 {
		sort.SliceStable(idx, func(a, b int) bool { return values[idx[a]] > values[idx[b]] })
	}
	if topN > 0 && topN < len(idx) {
		idx = idx[:topN]
	}
	if !sorted && topN > 0 { // keep the original order among the kept bars
		sort.Ints(idx)
	}
	l := make([]string, len(idx))
	v := make([]float64, len(idx))
	for i, j := range idx {
		l[i], v[i] = labels[j], values[j]
	}
	return l, v
}

func barWidth(span vg.Length, n int) vg.Length {
	w := span / vg.Length(n) * 0.72
	return max(min(w, 48), 1)
}

func styleBars(b *plotter.BarChart, series int) {
	b.Color = SeriesColor(series)
	b.LineStyle.Width = 0
}

// signedBars returns the bars for values, with negative values in a second colour so
// the sign reads at a glance.
func signedBars(values plotter.Values, width vg.Length, horizontal bool) ([]plot.Plotter, error) {
	pos := make(plotter.Values, len(values))
	neg := make(plotter.Values, len(values))
	anyNeg := false
	for i, v := range values {
		if v < 0 {
			neg[i], anyNeg = v, true
		} else {
			pos[i] = v
		}
	}
	if !anyNeg {
		b, err := plotter.NewBarChart(values, width)
		if err != nil {
			return nil, err
		}
		b.Horizontal = horizontal
		styleBars(b, 0)
		return []plot.Plotter{b, stubsFor(b)}, nil
	}
	var out []plot.Plotter
	for i, vs := range []plotter.Values{pos, neg} {
		b, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return nil, err
		}
		b.Horizontal = horizontal
		styleBars(b, i*3) // blue, vermillion
		out = append(out, b, stubsFor(b))
	}
	return out, nil
}

// barStubs draws the bars of a bar chart whose values are not zero but too small to
// see at least minBarHeight long, so a tiny value does not read as zero; zero stays
// empty. It adds nothing to the chart's data range.
type barStubs struct{ b *plotter.BarChart }

func stubsFor(b *plotter.BarChart) plot.Plotter { return barStubs{b} }

// Plot implements plot.Plotter.
func (s barStubs) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for i, v := range s.b.Values {
		if v == 0 || math.IsNaN(v) {
			continue
		}
		pos := float64(i) + s.b.XMin
		var base, end, mid vg.Length
		if s.b.Horizontal {
			base, end, mid = trX(0), trX(v), trY(pos)
		} else {
			base, end, mid = trY(0), trY(v), trX(pos)
		}
		if math.Abs(float64(end-base)) >= float64(minBarHeight) {
			continue
		}
		dir := vg.Length(1)
		if v < 0 {
			dir = -1
		}
		lo, hi := mid+s.b.Offset-s.b.Width/2, mid+s.b.Offset+s.b.Width/2
		tip := base + dir*minBarHeight
		rect := []vg.Point{{X: lo, Y: base}, {X: hi, Y: base}, {X: hi, Y: tip}, {X: lo, Y: tip}}
		if s.b.Horizontal {
			rect = []vg.Point{{X: base, Y: lo}, {X: base, Y: hi}, {X: tip, Y: hi}, {X: tip, Y: lo}}
		}
		c.FillPolygon(s.b.Color, c.ClipPolygonXY(rect))
	}
}

// logValueAxis makes a bar chart's value axis logarithmic. It starts at a power of ten
// at least a factor of two below the smallest positive value, so the shortest bar is
// plainly visible (bars grow from there), and ends at a labelled tick above the largest,
// with head room for value labels when labelled.
func logValueAxis(ax *plot.Axis, values []float64, labelled bool) error {
	lo, hi := math.Inf(1), 0.0
	for _, v := range values {
		if v > 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi == 0 {
		return errors.New("a logarithmic axis needs at least one positive value")
	}
	ax.Scale = floorLogScale{}
	ax.Tick.Marker = logTicks{}
	ax.Min = math.Pow(10, math.Floor(math.Log10(lo/2)))
	top := hi * 1.1
	if labelled {
		top = hi * 1.35
	}
	ax.Max = logCeil(top, math.Log10(top/ax.Min) <= 4)
	return nil
}

// floorLogScale is a logarithmic scale on which values at or below the axis minimum
// (the zero base of every bar) map to the axis's start instead of panicking.
type floorLogScale struct{}

// Normalize implements plot.Normalizer.
func (floorLogScale) Normalize(lo, hi, x float64) float64 {
	return plot.LogScale{}.Normalize(lo, hi, math.Max(x, lo))
}

// padValueAxis leaves room beyond the extreme bars for value labels.
func padValueAxis(ax *plot.Axis, frac float64) {
	span := ax.Max - ax.Min
	if ax.Max > 0 {
		ax.Max += span * frac
	}
	if ax.Min < 0 {
		ax.Min -= span * frac
	}
}

// valueGrid returns grid lines along the value axis only.
func valueGrid(horizontalBars bool) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = gridColor
	g.Horizontal.Color = gridColor
	g.Vertical.Width, g.Horizontal.Width = 0.6, 0.6
	if horizontalBars {
		g.Horizontal.Color = nil
	} else {
		g.Vertical.Color = nil
	}
	return g
}

func addBarLabels(p *plot.Plot, values plotter.Values, horizontal bool, labels []string) {
	xys := make(plotter.XYs, len(values))
	for i, v := range values {
		if horizontal {
			xys[i] = plotter.XY{X: v, Y: float64(i)}
		} else {
			xys[i] = plotter.XY{X: float64(i), Y: v}
		}
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return
	}
	// Labels sit just beyond each bar's end: outside on the positive side, and on the
	// far side of negative bars. The alignment carries the gap, so Offset stays zero.
	for i := range l.TextStyle {
		st := text.Style{Font: fontSize(9), Color: inkColor, Handler: p.TextHandler}
		neg := values[i] < 0
		switch {
		case horizontal && !neg:
			st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
			l.Labels[i] = " " + l.Labels[i]
		case horizontal:
			st.XAlign, st.YAlign = draw.XRight, draw.YCenter
			l.Labels[i] += " "
		case !neg:
			st.XAlign, st.YAlign = draw.XCenter, draw.YBottom
		default:
			st.XAlign, st.YAlign = draw.XCenter, -1.3
		}
		l.TextStyle[i] = st
	}
	if !horizontal {
		l.Offset = vg.Point{Y: 2}
	}
	p.Add(l)
}

func formatBarValues(v plotter.Values) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = formatCount(x)
	}
	return out
}
