package display

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"time"

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
		return chartOf(kind, desc, p, o, height)
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
		p.Add(b)
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

// LineChart draws y against x as one line.
func LineChart(x, y []float64, o ChartOptions) *Chart {
	name := ""
	if len(o.Series) > 0 {
		name = o.Series[0]
	}
	return MultiLineChart(x, []string{name}, [][]float64{y}, o)
}

// MultiLineChart draws several lines sharing one x axis: ys[i] is the series called
// names[i]. NaN values leave gaps in a line's points.
func MultiLineChart(x []float64, names []string, ys [][]float64, o ChartOptions) *Chart {
	p, desc, err := linePlot(x, names, ys, o)
	if err != nil {
		return errChart("line", err)
	}
	return chartOf("line", desc, p, o, DefaultChartHeight)
}

// TimeSeriesChart is MultiLineChart over timestamps, with date or time tick labels.
func TimeSeriesChart(times []time.Time, names []string, ys [][]float64, o ChartOptions) *Chart {
	x := make([]float64, len(times))
	for i, t := range times {
		x[i] = float64(t.UnixNano()) / 1e9
	}
	p, desc, err := linePlot(x, names, ys, o)
	if err != nil {
		return errChart("line", err)
	}
	if len(times) > 0 {
		p.X.Tick.Marker = timeTicks{loc: times[0].Location(), layout: timeLayout(times)}
	}
	return chartOf("line", desc, p, o, DefaultChartHeight)
}

// LineChartTable draws each of yCols of t against xCol, which may be numeric or a
// timestamp column.
func LineChartTable(t *Table, xCol string, yCols []string, o ChartOptions) *Chart {
	if len(yCols) == 0 {
		return errChart("line", errors.New("line chart: no y columns given"))
	}
	ys := make([][]float64, len(yCols))
	for i, c := range yCols {
		v, err := tableFloats(t, c)
		if err != nil {
			return errChart("line", fmt.Errorf("line chart: %w", err))
		}
		ys[i] = v
	}
	yl := ""
	if len(yCols) == 1 {
		yl = yCols[0]
	}
	defaultLabels(&o, xCol, yl)
	names := yCols
	if len(o.Series) == len(yCols) {
		names = o.Series
	}
	if c, err := t.Column(xCol); err == nil && c.Kind == KindTime {
		times, _ := t.Times(xCol)
		return TimeSeriesChart(times, names, ys, o)
	}
	x, err := tableFloats(t, xCol)
	if err != nil {
		return errChart("line", fmt.Errorf("line chart: %w", err))
	}
	return MultiLineChart(x, names, ys, o)
}

func linePlot(x []float64, names []string, ys [][]float64, o ChartOptions) (*plot.Plot, string, error) {
	if len(ys) == 0 {
		return nil, "", errors.New("line chart: no series given")
	}
	if len(names) != len(ys) {
		return nil, "", fmt.Errorf("line chart: %d series names for %d series", len(names), len(ys))
	}
	p := newPlot(o)
	p.Add(lightGrid())
	if o.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = commaTicks{plot.LogTicks{Prec: -1}}
	}
	points := 0
	for i, y := range ys {
		if err := checkPairs("x values", len(x), fmt.Sprintf("values in series %d", i+1), len(y)); err != nil {
			return nil, "", fmt.Errorf("line chart: %w", err)
		}
		xy := finitePoints(x, y, o.LogY)
		if len(xy) == 0 {
			return nil, "", fmt.Errorf("line chart: series %d has no finite points", i+1)
		}
		points += len(xy)
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, "", fmt.Errorf("line chart: %w", err)
		}
		l.Color = SeriesColor(i)
		l.Width = 2
		if i > 0 && i%len(okabeIto) == 0 {
			l.Dashes = []vg.Length{6, 3}
		}
		p.Add(l)
		var thumbs []plot.Thumbnailer
		thumbs = append(thumbs, l)
		if len(xy) <= 40 {
			s, err := plotter.NewScatter(xy)
			if err == nil {
				s.GlyphStyle = draw.GlyphStyle{Color: SeriesColor(i), Radius: 2.5, Shape: draw.CircleGlyph{}}
				p.Add(s)
			}
		}
		if len(ys) > 1 || names[i] != "" {
			p.Legend.Add(names[i], thumbs...)
		}
	}
	if (len(ys) > 1 || names[0] != "") && !o.LogY {
		// Leave head-room so the legend does not cover the lines.
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.06 * float64(len(ys)+1)
	}
	desc := fmt.Sprintf("%d series, %s points", len(ys), FormatInt(int64(points)))
	if o.Title != "" {
		desc = fmt.Sprintf("%q, ", o.Title) + desc
	}
	return p, desc, nil
}

// ScatterChart draws one point per (x[i], y[i]). Point size and opacity adapt to the
// number of points so dense clouds stay readable.
func ScatterChart(x, y []float64, o ChartOptions) *Chart {
	if err := checkPairs("x values", len(x), "y values", len(y)); err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	xy := finitePoints(x, y, o.LogY)
	if len(xy) == 0 {
		return errChart("scatter", errors.New("scatter chart: no finite points"))
	}
	p := newPlot(o)
	p.Add(lightGrid())
	if o.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = commaTicks{plot.LogTicks{Prec: -1}}
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	c := okabeIto[0]
	radius := vg.Length(3)
	switch n := len(xy); {
	case n > 20000:
		radius, c = 1.1, withAlpha(c, 0x50)
	case n > 2000:
		radius, c = 1.6, withAlpha(c, 0x80)
	case n > 200:
		radius, c = 2.2, withAlpha(c, 0xc0)
	}
	if len(xy) > rasterLimit {
		p.Add(&rasterPoints{xy: xy, color: c, radius: radius})
	} else {
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(s)
	}
	desc := FormatInt(int64(len(xy))) + " points"
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	return chartOf("scatter", desc, p, o, DefaultChartHeight)
}

// ScatterChartTable draws yCol against xCol of t.
func ScatterChartTable(t *Table, xCol, yCol string, o ChartOptions) *Chart {
	x, err := tableFloats(t, xCol)
	if err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	y, err := tableFloats(t, yCol)
	if err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	defaultLabels(&o, xCol, yCol)
	return ScatterChart(x, y, o)
}

// HistogramChart draws the distribution of values in o.Bins equal-width bins (default
// 20). NaN values are ignored.
func HistogramChart(values []float64, o ChartOptions) *Chart {
	vs := make(plotter.Values, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return errChart("histogram", errors.New("histogram: no finite values"))
	}
	bins := o.Bins
	if bins <= 0 {
		bins = 20
	}
	if o.YLabel == "" {
		o.YLabel = "count"
	}
	p := newPlot(o)
	h, err := plotter.NewHist(vs, bins)
	if err != nil {
		return errChart("histogram", fmt.Errorf("histogram: %w", err))
	}
	h.FillColor = okabeIto[0]
	h.LineStyle = draw.LineStyle{Color: color.White, Width: 0.5}
	p.Add(valueGrid(false), h)
	p.Y.Min = 0
	p.Y.Max *= 1.04
	desc := fmt.Sprintf("%s values in %d bins", FormatInt(int64(len(vs))), bins)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	return chartOf("histogram", desc, p, o, DefaultChartHeight)
}

// HistogramChartTable draws the distribution of column col of t.
func HistogramChartTable(t *Table, col string, o ChartOptions) *Chart {
	v, err := tableFloats(t, col)
	if err != nil {
		return errChart("histogram", fmt.Errorf("histogram: %w", err))
	}
	defaultLabels(&o, col, "")
	return HistogramChart(v, o)
}

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
	return chartOf("funnel", desc, p, o, height)
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

// ---- helpers shared by the chart constructors ----

func checkPairs(aName string, a int, bName string, b int) error {
	if a != b {
		return fmt.Errorf("%d %s but %d %s; they must match", a, aName, b, bName)
	}
	if a == 0 {
		return fmt.Errorf("no %s given", aName)
	}
	return nil
}

func defaultLabels(o *ChartOptions, x, y string) {
	if o.XLabel == "" {
		o.XLabel = x
	}
	if o.YLabel == "" {
		o.YLabel = y
	}
}

func tableFloats(t *Table, col string) ([]float64, error) {
	if t == nil {
		return nil, errors.New("nil table")
	}
	return t.Float64s(col)
}

func tableStrings(t *Table, col string) ([]string, error) {
	if t == nil {
		return nil, errors.New("nil table")
	}
	c, err := t.Column(col)
	if err != nil {
		return nil, err
	}
	out := make([]string, c.Len())
	for i := range out {
		if c.IsNull(i) {
			out[i] = "NULL"
		} else {
			out[i] = formatValue(c.Value(i))
		}
	}
	return out, nil
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
		return []plot.Plotter{b}, nil
	}
	var out []plot.Plotter
	for i, vs := range []plotter.Values{pos, neg} {
		b, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return nil, err
		}
		b.Horizontal = horizontal
		styleBars(b, i*3) // blue, vermillion
		out = append(out, b)
	}
	return out, nil
}

// logValueAxis makes a bar chart's value axis logarithmic: it starts at the power of
// ten at or below the smallest positive value (bars grow from there) and leaves head
// room above the largest for value labels when labelled.
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
	ax.Tick.Marker = commaTicks{plot.LogTicks{Prec: -1}}
	ax.Min = math.Pow(10, math.Floor(math.Log10(lo)))
	ax.Max = hi * 1.15
	if labelled {
		ax.Max = hi * 1.8
	}
	if ax.Min >= lo {
		ax.Min /= 10 // a smallest bar of exactly a power of ten must not be empty
	}
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

// formatCount formats integral values with separators and others with up to 3 decimals.
func formatCount(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return FormatInt(int64(x))
	}
	if math.Abs(x) < 1 {
		return trimZeros(fmt.Sprintf("%.3f", x))
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

func finitePoints(x, y []float64, positiveY bool) plotter.XYs {
	xy := make(plotter.XYs, 0, len(x))
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) || math.IsInf(x[i], 0) || math.IsInf(y[i], 0) {
			continue
		}
		if positiveY && y[i] <= 0 {
			continue
		}
		xy = append(xy, plotter.XY{X: x[i], Y: y[i]})
	}
	return xy
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

func timeLayout(ts []time.Time) string {
	if len(ts) == 0 {
		return "2006-01-02"
	}
	lo, hi := ts[0], ts[0]
	midnight := true
	for _, t := range ts {
		if t.Before(lo) {
			lo = t
		}
		if t.After(hi) {
			hi = t
		}
		if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
			midnight = false
		}
	}
	switch span := hi.Sub(lo); {
	case span > 2*365*24*time.Hour:
		return "2006-01"
	case midnight || span > 10*24*time.Hour:
		return "2006-01-02"
	case span > 24*time.Hour:
		return "01-02 15:04"
	default:
		return "15:04:05"
	}
}
