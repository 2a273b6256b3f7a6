package display

import (
	"encoding/json"
	"math"
	"time"

	"gonum.org/v1/plot/plotter"
)

// The Vega-Lite specs of each chart kind. Each mirrors its static chart: the same data
// (thinned beyond VegaLiteMaxRows), title, axis labels, colours and number formats, plus
// tooltips, zoom and pan on continuous axes and legend selection where there are series.

// barSpec is BarChart's spec: bars in the given order, negative ones vermillion, values
// written at the bars' ends when showValues is set.
func barSpec(labels []string, values []float64, o ChartOptions, width, height int) obj {
	n := min(len(labels), VegaLiteMaxRows)
	rows := make([]any, 0, n)
	anyNeg := false
	for i := 0; i < n; i++ {
		if o.LogY && values[i] <= 0 {
			continue
		}
		rows = append(rows, obj{"label": labels[i], "value": vlNum(values[i])})
		anyNeg = anyNeg || values[i] < 0
	}
	catAxis := obj{"title": vlTitle(o.XLabel), "ticks": false, "labelLimit": 200}
	valAxis := vlValueAxis(o.YLabel)
	if o.Horizontal {
		catAxis["title"], valAxis["title"] = vlTitle(o.YLabel), vlTitle(o.XLabel)
	} else {
		catAxis["labelAngle"] = slant(labels, width)
	}
	cat := obj{"field": "label", "type": "nominal", "sort": nil, "axis": catAxis, "scale": obj{"paddingInner": 0.28, "paddingOuter": 0.2}}
	val := obj{"field": "value", "type": "quantitative", "axis": valAxis}
	if o.LogY { // bars grow from a power of ten below the smallest, as logValueAxis
		lo := math.Inf(1)
		for _, v := range values[:n] {
			if v > 0 {
				lo = math.Min(lo, v)
			}
		}
		if !math.IsInf(lo, 1) {
			val["scale"] = obj{"type": "log", "domainMin": math.Pow(10, math.Floor(math.Log10(lo/2)))}
			val["axis"] = vlLogAxis(valAxis)
			val["stack"] = nil
		}
	}
	if top := maxOf(values[:n]); o.ShowValues && !o.LogY && top > 0 { // room for the labels, as padValueAxis
		val["scale"] = obj{"domainMax": vlNum(top * 1.12)}
	}
	catCh, valCh := "x", "y"
	if o.Horizontal {
		catCh, valCh = "y", "x"
	}
	colour := obj{"value": cssColor(SeriesColor(0))}
	if anyNeg {
		colour = obj{"condition": obj{"test": "datum.value < 0", "value": cssColor(SeriesColor(vlNegBar))}, "value": cssColor(SeriesColor(0))}
	}
	bars := obj{
		"mark":   obj{"type": "bar", "cornerRadius": 0},
		"params": []any{vlZoom(valCh)},
		"encoding": obj{catCh: cat, valCh: val, "color": colour,
			"tooltip": []any{vlTip("label", orDefault(axisTitle(catAxis), "label")), vlTip("value_text", orDefault(axisTitle(valAxis), "value"))}},
	}
	layers := []any{bars}
	if o.ShowValues {
		mark := obj{"type": "text", "fontSize": 12, "color": vlInk}
		if o.Horizontal {
			mark["align"], mark["baseline"], mark["dx"] = "left", "middle", 4
		} else {
			mark["align"], mark["baseline"], mark["dy"] = "center", "bottom", -3
		}
		layers = append(layers, obj{"mark": mark, "encoding": obj{catCh: cat, valCh: val, "text": obj{"field": "value_text"}}})
	}
	s := vlBase(o.Title, thinnedNote("the first ", n, len(labels), "bars"), width, height)
	s["data"] = vlRows(rows)
	s["transform"] = vlText("value")
	s["layer"] = layers
	return s
}

// maxOf returns the largest of v (-Inf for none).
func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// axisTitle returns an axis's title, or "" when it has none.
func axisTitle(axis obj) string {
	s, _ := axis["title"].(string)
	return s
}

// crowded reports whether vertical bar labels need slanting to fit width.
func crowded(labels []string, width int) bool {
	chars := 0
	for _, l := range labels {
		chars += min(len([]rune(l)), 28) + 2
	}
	return chars*7 > width-80
}

// slant is the angle of x labels: level, or slanted when they would crowd (as
// slantIfCrowded does for the static charts).
func slant(labels []string, width int) int {
	if crowded(labels, width) {
		return -45
	}
	return 0
}

// groupedBarSpec is GroupedBarChart's spec: series side by side within each label.
func groupedBarSpec(labels, names []string, values [][]float64, o ChartOptions, width, height int) obj {
	per := max(1, VegaLiteMaxRows/len(names))
	n := min(len(labels), per)
	rows := make([]any, 0, n*len(names))
	for j := 0; j < n; j++ {
		for i, name := range names {
			rows = append(rows, obj{"label": labels[j], "series": name, "value": vlNum(values[i][j])})
		}
	}
	catAxis := obj{"title": vlTitle(o.XLabel), "ticks": false, "labelLimit": 200}
	valAxis := vlValueAxis(o.YLabel)
	catCh, valCh, offCh := "x", "y", "xOffset"
	if o.Horizontal {
		catAxis["title"], valAxis["title"] = vlTitle(o.YLabel), vlTitle(o.XLabel)
		catCh, valCh, offCh = "y", "x", "yOffset"
	} else {
		catAxis["labelAngle"] = slant(labels, width)
	}
	s := vlBase(o.Title, thinnedNote("the first ", n, len(labels), "bars"), width, height)
	s["data"] = vlRows(rows)
	s["transform"] = vlText("value")
	s["params"] = []any{vlPick("series"), vlZoom(valCh)}
	s["mark"] = obj{"type": "bar"}
	s["encoding"] = obj{
		catCh:     obj{"field": "label", "type": "nominal", "sort": nil, "axis": catAxis, "scale": obj{"paddingInner": 0.28, "paddingOuter": 0.2}},
		valCh:     obj{"field": "value", "type": "quantitative", "axis": valAxis},
		offCh:     obj{"field": "series", "type": "nominal", "sort": names},
		"color":   vlSeriesColor(names, nil),
		"opacity": vlPickOpacity(),
		"tooltip": []any{vlTip("label", orDefault(axisTitle(catAxis), "label")), vlTip("series", "series"),
			vlTip("value_text", orDefault(axisTitle(valAxis), "value"))},
	}
	return s
}

// timeAxis describes an x axis of timestamps: the static chart's label layout and
// whether the times are UTC.
type timeAxis struct {
	layout string
	utc    bool
}

// d3Layouts maps the static charts' time label layouts to d3 time formats.
var d3Layouts = map[string]string{"2006-01": "%Y-%m", "2006-01-02": "%Y-%m-%d", "01-02 15:04": "%m-%d %H:%M", "15:04:05": "%H:%M:%S"}

// lineSpec is the spec of MultiLineChart and TimeSeriesChart: one line per series, with
// its points drawn when there are few (as the static chart) and hoverable always.
func lineSpec(x []float64, names []string, ys [][]float64, ta *timeAxis, o ChartOptions, width, height int) obj {
	per := max(100, VegaLiteMaxRows/len(ys))
	var rows []any
	total, kept, most := 0, 0, 0
	legend := len(ys) > 1 || names[0] != ""
	for s, y := range ys {
		xy := finitePoints(x, y, o.LogY)
		yv := make([]float64, len(xy))
		for i, p := range xy {
			yv[i] = p.Y
		}
		idx := minMaxIndex(yv, per)
		total, kept, most = total+len(xy), kept+len(idx), max(most, len(xy))
		for _, i := range idx {
			r := obj{"x": vlNum(xy[i].X), "y": vlNum(xy[i].Y)}
			if ta != nil {
				r["x"] = math.Round(xy[i].X * 1000) // epoch milliseconds
			}
			if legend {
				r["i"] = s
			}
			rows = append(rows, r)
		}
	}
	xEnc := obj{"field": "x", "type": "quantitative", "axis": vlValueAxis(o.XLabel), "scale": obj{"zero": false}}
	tr := vlText("y")
	if legend {
		tr = append([]any{vlSeriesNames(names)}, tr...)
	}
	if ta != nil {
		f := d3Layouts[ta.layout]
		fn := "timeFormat"
		xEnc = obj{"field": "x", "type": "temporal", "axis": obj{"title": vlTitle(o.XLabel), "format": f, "grid": true, "tickCount": 7, "labelOverlap": "greedy"}}
		if ta.utc {
			xEnc["scale"] = obj{"type": "utc"}
			fn = "utcFormat"
		}
		tr = append(tr, obj{"calculate": fn + "(datum.x, '%Y-%m-%d %H:%M:%S')", "as": "x_text"})
	} else {
		tr = append(tr, vlText("x")...)
	}
	yEnc := obj{"field": "y", "type": "quantitative", "axis": vlValueAxis(o.YLabel), "scale": obj{"zero": false}}
	if o.LogY {
		yEnc["scale"] = obj{"type": "log"}
		yEnc["axis"] = vlLogAxis(yEnc["axis"].(obj))
	}
	tips := []any{vlTip("x_text", orDefault(o.XLabel, "x")), vlTip("y_text", orDefault(o.YLabel, "y"))}
	line := obj{"x": xEnc, "y": yEnc}
	points := obj{"x": xEnc, "y": yEnc, "tooltip": tips}
	lineMark := obj{"type": "line", "strokeWidth": 2.5}
	pointMark := obj{"type": "point", "filled": true, "size": 45, "opacity": 0}
	if most <= 40 {
		pointMark["opacity"] = 1
	}
	params := []any{vlZoom("x", "y")}
	if legend {
		line["color"], points["color"] = vlSeriesColor(names, nil), vlSeriesColor(names, nil)
		line["opacity"] = vlPickOpacity()
		points["tooltip"] = append([]any{vlTip("series", "series")}, tips...)
		params = append(params, vlPick("series"))
		if most <= 40 {
			points["opacity"] = vlPickOpacity()
		}
	} else {
		lineMark["color"], pointMark["color"] = cssColor(SeriesColor(0)), cssColor(SeriesColor(0))
	}
	s := vlBase(o.Title, thinnedNote("", kept, total, "points (the lowest and highest of each stretch)"), width, height)
	s["data"] = vlRows(rows)
	s["transform"] = tr
	s["layer"] = []any{
		obj{"mark": lineMark, "params": params, "encoding": line},
		obj{"mark": pointMark, "encoding": points},
	}
	return s
}

// scatterSpec is ScatterChart's spec: a sample of the points beyond VegaLiteMaxRows,
// sized and faded by the full count as the static chart.
func scatterSpec(x, y []float64, o ChartOptions, width, height int) obj {
	xy := finitePoints(x, y, o.LogY)
	idx := sampleIndex(len(xy), VegaLiteMaxRows)
	rows := make([]any, len(idx))
	for i, j := range idx {
		rows[i] = obj{"x": vlNum(xy[j].X), "y": vlNum(xy[j].Y)}
	}
	size, opacity := 50, 1.0
	switch n := len(xy); {
	case n > 20000:
		size, opacity = 8, 0.45
	case n > 2000:
		size, opacity = 14, 0.55
	case n > 200:
		size, opacity = 28, 0.75
	}
	yEnc := obj{"field": "y", "type": "quantitative", "axis": vlValueAxis(o.YLabel), "scale": obj{"zero": false}}
	if o.LogY {
		yEnc["scale"] = obj{"type": "log"}
		yEnc["axis"] = vlLogAxis(yEnc["axis"].(obj))
	}
	s := vlBase(o.Title, thinnedNote("a random sample of ", len(idx), len(xy), "points"), width, height)
	s["data"] = vlRows(rows)
	s["transform"] = vlText("x", "y")
	s["params"] = []any{vlZoom("x", "y")}
	s["mark"] = obj{"type": "circle", "size": size, "opacity": opacity, "color": cssColor(SeriesColor(0))}
	s["encoding"] = obj{
		"x":       obj{"field": "x", "type": "quantitative", "axis": vlValueAxis(o.XLabel), "scale": obj{"zero": false}},
		"y":       yEnc,
		"tooltip": []any{vlTip("x_text", orDefault(o.XLabel, "x")), vlTip("y_text", orDefault(o.YLabel, "y"))},
	}
	return s
}

// histogramSpec is the histograms' spec: touching bars between bin edges; beyond
// VegaLiteMaxRows bins, neighbouring bins are merged.
func histogramSpec(edges, counts []float64, o ChartOptions, width, height int) obj {
	step := (len(counts) + VegaLiteMaxRows - 1) / VegaLiteMaxRows
	var rows []any
	for i := 0; i < len(counts); i += step {
		j := min(i+step, len(counts))
		c := 0.0
		for _, v := range counts[i:j] {
			c += v
		}
		rows = append(rows, obj{"lo": vlNum(edges[i]), "hi": vlNum(edges[j]), "count": vlNum(c)})
	}
	note := ""
	if step > 1 {
		note = "interactive view: " + FormatInt(int64(step)) + " bins merged into each bar"
	}
	s := vlBase(o.Title, note, width, height)
	s["data"] = vlRows(rows)
	s["transform"] = append(vlText("lo", "hi", "count"),
		obj{"calculate": "datum.lo_text + ' – ' + datum.hi_text", "as": "range"})
	s["params"] = []any{vlZoom("x")}
	s["mark"] = obj{"type": "rect", "color": cssColor(SeriesColor(0)), "stroke": "white", "strokeWidth": 0.5}
	s["encoding"] = obj{
		"x": obj{"field": "lo", "type": "quantitative", "axis": vlValueAxis(o.XLabel),
			"scale": obj{"domain": []float64{vlNum(edges[0]), vlNum(edges[len(edges)-1])}, "nice": false, "zero": false}},
		"x2":      obj{"field": "hi"},
		"y":       obj{"field": "count", "type": "quantitative", "axis": vlValueAxis(o.YLabel)},
		"y2":      obj{"datum": 0},
		"tooltip": []any{vlTip("range", orDefault(o.XLabel, "range")), vlTip("count_text", orDefault(o.YLabel, "count"))},
	}
	return s
}

// heatmapSpec is the heatmaps' spec: coloured cells (viridis, grey for NaN) with their
// labels when the static chart writes them; nil beyond VegaLiteMaxRows cells.
func heatmapSpec(xLabels, yLabels []string, values [][]float64, cellLabels [][]string, scale colorScale, lo, hi float64,
	annotate bool, o ChartOptions, width, height int) obj {
	if len(xLabels)*len(yLabels) > VegaLiteMaxRows {
		return nil
	}
	cmap := &viridis{min: lo, max: hi, alpha: 1}
	rows := make([]any, 0, len(xLabels)*len(yLabels))
	for r, yl := range yLabels {
		for c, xl := range xLabels {
			v := values[r][c]
			row := obj{"x": xl, "y": yl}
			if math.IsNaN(v) {
				row["v"], row["t"], row["tip"] = nil, "", "no value"
			} else {
				label := compactNumber(v)
				tip := formatCount(v)
				if cellLabels != nil {
					label, tip = cellLabels[r][c], cellLabels[r][c]
				}
				col, _ := cmap.At(v)
				row["v"], row["t"], row["tip"], row["ink"] = vlNum(v), label, tip, cssColor(contrastInk(col))
			}
			rows = append(rows, row)
		}
	}
	colour := obj{"field": "v", "type": "quantitative",
		"scale":  obj{"scheme": "viridis", "domain": []float64{vlNum(lo), vlNum(hi)}},
		"legend": obj{"title": scale.label, "orient": "right", "gradientLength": 200}}
	if scale.format != nil {
		colour["legend"].(obj)["format"] = ".0%"
	}
	colour["condition"] = obj{"test": "!isValid(datum.v)", "value": "#dddddd"}
	enc := obj{
		"x": obj{"field": "x", "type": "nominal", "sort": xLabels, "axis": obj{"title": vlTitle(o.XLabel), "ticks": false, "domain": false}},
		"y": obj{"field": "y", "type": "nominal", "sort": yLabels, "axis": obj{"title": vlTitle(o.YLabel), "ticks": false, "domain": false}},
	}
	enc["x"].(obj)["axis"].(obj)["labelAngle"] = slant(xLabels, width-160)
	cells := obj{"mark": obj{"type": "rect", "invalid": nil}, "encoding": obj{"x": enc["x"], "y": enc["y"], "color": colour,
		"tooltip": []any{vlTip("y", orDefault(o.YLabel, "row")), vlTip("x", orDefault(o.XLabel, "column")), vlTip("tip", scale.label)}}}
	layers := []any{cells}
	if annotate {
		layers = append(layers, obj{"mark": obj{"type": "text", "fontSize": 12},
			"encoding": obj{"x": enc["x"], "y": enc["y"], "text": obj{"field": "t"},
				"color": obj{"condition": obj{"test": "datum.ink == '#ffffff'", "value": "#ffffff"}, "value": "#000000"}}})
	}
	s := vlBase(o.Title, "", width, height)
	s["data"] = vlRows(rows)
	s["layer"] = layers
	return s
}

// funnelSpec is FunnelChart's spec: stages top to bottom, each bar labelled as the
// static chart labels it.
func funnelSpec(stages []string, counts []float64, labels []string, o ChartOptions, width, height int) obj {
	maxC := 0.0
	rows := make([]any, len(stages))
	for i := range stages {
		rows[i] = obj{"stage": stages[i], "count": vlNum(counts[i]), "label": labels[i]}
		maxC = math.Max(maxC, counts[i])
	}
	y := obj{"field": "stage", "type": "nominal", "sort": nil, "axis": obj{"title": vlTitle(o.YLabel), "ticks": false, "domain": false}}
	x := obj{"field": "count", "type": "quantitative", "axis": nil, "scale": obj{"domain": []float64{0, math.Max(maxC*1.55, 1)}}}
	s := vlBase(o.Title, "", width, height)
	s["data"] = vlRows(rows)
	s["layer"] = []any{
		obj{"mark": obj{"type": "bar", "color": cssColor(SeriesColor(0))}, "encoding": obj{"x": x, "y": y,
			"tooltip": []any{vlTip("stage", "stage"), vlTip("label", orDefault(o.XLabel, "count"))}}},
		obj{"mark": obj{"type": "text", "align": "left", "baseline": "middle", "dx": 4, "fontSize": 12, "color": vlInk},
			"encoding": obj{"x": x, "y": y, "text": obj{"field": "label"}}},
	}
	return s
}

// vlCurvePoints is the most points the curves of a chart over [0, 1]² keep between
// them: they are smooth, and a thousand points draw them as well as the static chart.
const vlCurvePoints = 1000

// vlSeriesNames names each row's series from its index i (rows carry the index, not
// the name, which would repeat in every row).
func vlSeriesNames(names []string) obj {
	raw, _ := json.Marshal(names)
	return obj{"calculate": string(raw) + "[datum.i]", "as": "series"}
}

// curveSpec is the spec of the charts over [0, 1]² (ROC, calibration, gains): one line
// per named curve, the dashed reference diagonal named ref, points drawn when dots.
func curveSpec(names []string, xs, ys [][]float64, ref string, percent, dots bool, o ChartOptions, width, height int) obj {
	per := max(100, vlCurvePoints/len(names))
	var rows []any
	total, kept := 0, 0
	for i := range names {
		idx := minMaxIndex(ys[i], per)
		total, kept = total+len(ys[i]), kept+len(idx)
		for _, j := range idx {
			rows = append(rows, obj{"i": i, "x": vlNum(xs[i][j]), "y": vlNum(ys[i][j])})
		}
	}
	colour := vlSeriesColor(names, map[string]string{ref: vlChanceC})
	x := obj{"field": "x", "type": "quantitative", "axis": vlUnitAxis(o.XLabel, percent), "scale": obj{"domain": []float64{0, 1}}}
	y := obj{"field": "y", "type": "quantitative", "axis": vlUnitAxis(o.YLabel, percent), "scale": obj{"domain": []float64{0, 1}}}
	fmtExpr := func(f string) string { return "format(datum." + f + ", '.3f')" }
	if percent {
		fmtExpr = func(f string) string { return "format(datum." + f + ", '.1%')" }
	}
	tips := []any{vlTip("series", "series"), vlTip("x_text", orDefault(o.XLabel, "x")), vlTip("y_text", orDefault(o.YLabel, "y"))}
	pointMark := obj{"type": "point", "filled": true, "size": 60, "opacity": 0}
	if dots {
		pointMark["opacity"] = 1
	}
	s := vlBase(o.Title, thinnedNote("", kept, total, "points (the lowest and highest of each stretch)"), width, height)
	s["layer"] = []any{
		obj{"data": obj{"values": []any{obj{"x": 0, "y": 0, "series": ref}, obj{"x": 1, "y": 1, "series": ref}}},
			"mark":     obj{"type": "line", "strokeDash": []int{5, 4}, "strokeWidth": 1.5},
			"encoding": obj{"x": x, "y": y, "color": colour}},
		obj{"data": vlRows(rows),
			"transform": []any{vlSeriesNames(names), obj{"calculate": fmtExpr("x"), "as": "x_text"}, obj{"calculate": fmtExpr("y"), "as": "y_text"}},
			"layer": []any{
				obj{"mark": obj{"type": "line", "strokeWidth": 2.5}, "params": []any{vlPick("series"), vlZoom("x", "y")},
					"encoding": obj{"x": x, "y": y, "color": colour, "opacity": vlPickOpacity()}},
				obj{"mark": pointMark, "encoding": obj{"x": x, "y": y, "color": colour, "tooltip": tips}},
			}},
	}
	return s
}

// withBaseline adds a dashed horizontal rule at y = value, labelled, to a bar spec.
func withBaseline(s obj, value float64, label string) obj {
	if s == nil {
		return nil
	}
	rule := obj{"data": obj{"values": []any{obj{"v": value, "label": label}}},
		"mark":     obj{"type": "rule", "strokeDash": []int{5, 4}, "color": vlInk, "strokeWidth": 1.2},
		"encoding": obj{"y": obj{"field": "v", "type": "quantitative"}, "tooltip": []any{vlTip("label", "line")}}}
	text := obj{"data": obj{"values": []any{obj{"v": value, "label": label}}},
		"mark":     obj{"type": "text", "align": "right", "baseline": "bottom", "x": "width", "dy": -3, "fontSize": 12, "color": vlInk},
		"encoding": obj{"y": obj{"field": "v", "type": "quantitative"}, "text": obj{"field": "label"}}}
	s["layer"] = append(s["layer"].([]any), rule, text)
	return s
}

// timeAxisOf describes the x axis of a time series over ts.
func timeAxisOf(ts []time.Time) *timeAxis {
	return &timeAxis{layout: timeLayout(ts), utc: len(ts) == 0 || ts[0].Location() == time.UTC}
}

// xyColumn returns the x (or, with y set, the y) values of xy.
func xyColumn(xy plotter.XYs, y bool) []float64 {
	out := make([]float64, len(xy))
	for i, p := range xy {
		out[i] = p.X
		if y {
			out[i] = p.Y
		}
	}
	return out
}
