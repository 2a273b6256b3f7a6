package display

import (
	"encoding/csv"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// MIMEVegaLite is the MIME type of Vega-Lite 5 specs: JupyterLab, VS Code and the HTML
// reports of `sluice run --html` draw them as interactive charts (tooltips, zoom and pan,
// legend selection); other front ends show the chart's PNG or SVG.
const MIMEVegaLite = "application/vnd.vegalite.v5+json"

// VegaLiteMaxRows is the most data rows a chart's Vega-Lite spec carries, so a notebook
// stays small whatever the chart's size: beyond it a scatter keeps a uniform random
// sample (the same one every time), lines keep the lowest and highest point of each of
// VegaLiteMaxRows/2 stretches of x per series (peaks survive), histograms merge
// neighbouring bins, bar charts keep the first bars, and a heatmap with more cells than
// this has no interactive form (it shows as PNG and SVG). The static PNG and SVG always
// draw every point.
const VegaLiteMaxRows = 5000

// obj is a JSON object of a Vega-Lite spec.
type obj = map[string]any

// VegaLite returns the chart's Vega-Lite 5 spec (the value of its MIMEVegaLite output),
// or nil for a failed chart or one drawn by hand with Plot that was given none.
func (c *Chart) VegaLite() map[string]any {
	if c.Err() != nil {
		return nil
	}
	return c.spec
}

// WithVegaLite gives a chart drawn by hand (Plot) an interactive form: spec is a
// Vega-Lite 5 spec shown next to the PNG and SVG. Call it before the chart is displayed.
func (c *Chart) WithVegaLite(spec map[string]any) *Chart {
	c.vl = func() obj { return spec }
	return c
}

// vegaLiteMetadata asks JupyterLab's renderer for SVG output (crisp, and its marks can
// be found by tests) and an actions menu without the links that leave the page.
var vegaLiteMetadata = obj{"embed_options": obj{"renderer": "svg",
	"actions": obj{"export": true, "source": false, "compiled": false, "editor": false}}}

const (
	vlFont    = "Liberation Sans, Arial, Helvetica, sans-serif"
	vlInk     = "#333333"
	vlGrid    = "#e4e4e4"
	vlDimmed  = 0.15 // opacity of series not picked in the legend
	vlNegBar  = 3    // series colour of negative bars (vermillion), as signedBars
	vlChanceC = "#888888"
)

// vlBase starts a spec: the chart's size (the whole chart, as the PNG), title and the
// look of the static charts (fonts, ink, grid, Okabe–Ito series colours).
func vlBase(title, subtitle string, width, height int) obj {
	s := obj{
		"$schema":    "https://vega.github.io/schema/vega-lite/v5.json",
		"width":      width,
		"height":     height,
		"autosize":   obj{"type": "fit", "contains": "padding"},
		"background": "white",
		"padding":    obj{"left": 10, "right": 14, "top": 8, "bottom": 8},
		"config":     vlConfig(),
	}
	if title != "" || subtitle != "" {
		t := obj{"text": title}
		if subtitle != "" {
			t["subtitle"] = subtitle
		}
		s["title"] = t
	}
	return s
}

func vlConfig() obj {
	return obj{
		"font": vlFont,
		"title": obj{"fontSize": 18, "fontWeight": "normal", "color": "#000000", "anchor": "middle",
			"subtitleFontSize": 12, "subtitleColor": "#666666"},
		"axis": obj{"labelFontSize": 13, "titleFontSize": 14, "titleFontWeight": "normal",
			"labelColor": vlInk, "titleColor": vlInk, "domainColor": vlInk, "tickColor": vlInk,
			"gridColor": vlGrid, "gridWidth": 0.8, "labelLimit": 220},
		"legend": obj{"labelFontSize": 13, "titleFontSize": 13, "labelColor": vlInk, "titleColor": vlInk,
			"labelLimit": 360},
		"range": obj{"category": vlPalette()},
		"view":  obj{"stroke": nil},
	}
}

// vlPalette is the Okabe–Ito palette as CSS colours, in series order.
func vlPalette() []string {
	out := make([]string, len(okabeIto))
	for i, c := range okabeIto {
		out[i] = cssColor(c)
	}
	return out
}

func cssColor(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// vlTickExpr is a Vega expression that writes the number v as formatTick writes axis
// labels: thousands separators, M, B and T for large magnitudes.
func vlTickExpr(v string) string {
	return fmt.Sprintf("abs(%[1]s) >= 1e12 ? format(%[1]s / 1e12, '.2~f') + 'T' : abs(%[1]s) >= 1e9 ? format(%[1]s / 1e9, '.2~f') + 'B' : "+
		"abs(%[1]s) >= 1e7 ? format(%[1]s / 1e6, '.2~f') + 'M' : format(%[1]s, ',~f')", v)
}

// vlCountExpr is a Vega expression that writes the number v as formatCount does: whole
// numbers with separators, small ones with three decimals, others to six significant
// digits.
func vlCountExpr(v string) string {
	return fmt.Sprintf("(!isValid(%[1]s) ? '' : %[1]s == floor(%[1]s) && abs(%[1]s) < 1e15 ? format(%[1]s, ',d') : "+
		"abs(%[1]s) < 1 ? format(%[1]s, '.3~f') : format(%[1]s, ',.6~r'))", v)
}

// vlText adds a transform that writes field as text (as formatCount) into field_text,
// for tooltips and labels.
func vlText(fields ...string) []any {
	out := make([]any, len(fields))
	for i, f := range fields {
		out[i] = obj{"calculate": vlCountExpr("datum." + f), "as": f + "_text"}
	}
	return out
}

// vlTitle is an axis or legend title: null hides it, as the static chart shows none.
func vlTitle(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// vlValueAxis is a quantitative axis labelled like the static charts.
func vlValueAxis(title string) obj {
	return obj{"title": vlTitle(title), "labelExpr": vlTickExpr("datum.value"), "grid": true, "tickCount": 6}
}

// vlLogAxis labels a logarithmic axis at the powers of ten only (as logTicks does over
// many decades), keeping the other ticks unlabelled.
func vlLogAxis(axis obj) obj {
	out := obj{}
	for k, v := range axis {
		out[k] = v
	}
	out["labelExpr"] = "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? " + vlTickExpr("datum.value") + " : ''"
	return out
}

// vlUnitAxis labels a [0, 1] axis every 0.2, in percent when percent is set.
func vlUnitAxis(title string, percent bool) obj {
	a := obj{"title": vlTitle(title), "values": []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, "format": ".1f", "grid": true}
	if percent {
		a["format"] = ".0%"
	}
	return a
}

// vlTip is one tooltip line: field shown under title.
func vlTip(field, title string) obj {
	return obj{"field": field, "type": "nominal", "title": title}
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// vlZoom is zoom (wheel) and pan (drag) on the given continuous channels.
func vlZoom(channels ...string) obj {
	return obj{"name": "zoom", "select": obj{"type": "interval", "encodings": channels}, "bind": "scales"}
}

// vlPick selects series by clicking their legend entries (shift-click adds); the others
// fade.
func vlPick(field string) obj {
	return obj{"name": "pick", "select": obj{"type": "point", "fields": []string{field}}, "bind": "legend"}
}

func vlPickOpacity() obj {
	return obj{"condition": obj{"param": "pick", "value": 1}, "value": vlDimmed}
}

// vlSeriesColor colours by the series field with the palette in names' order.
func vlSeriesColor(names []string, extra map[string]string) obj {
	dom := append([]string(nil), names...)
	rng := make([]string, 0, len(dom))
	for i := range names {
		rng = append(rng, cssColor(SeriesColor(i)))
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		dom = append(dom, k)
		rng = append(rng, extra[k])
	}
	return obj{"field": "series", "type": "nominal", "sort": dom,
		"scale":  obj{"domain": dom, "range": rng},
		"legend": obj{"title": nil, "orient": "top"}}
}

// vlNum rounds v to 7 significant digits: as exact as any label shows, and short in JSON.
func vlNum(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 7, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// sampleIndex returns k indices of 0..n-1 in increasing order, a uniform random sample
// that is the same for the same n and k (all of them when n ≤ k).
func sampleIndex(n, k int) []int {
	if n <= k {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	r := rand.New(rand.NewPCG(uint64(n), uint64(k)))
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	for i := k; i < n; i++ { // reservoir sampling
		if j := r.IntN(i + 1); j < k {
			idx[j] = i
		}
	}
	sort.Ints(idx)
	return idx
}

// minMaxIndex thins the points of one line to at most about k: in each of k/2 equal
// stretches of the index it keeps the points with the lowest and highest y, in order,
// so peaks and dips survive. The first and last points are kept.
func minMaxIndex(y []float64, k int) []int {
	n := len(y)
	if n <= k || k < 4 {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	buckets := k/2 - 1
	out := []int{0}
	for b := 0; b < buckets; b++ {
		lo, hi := 1+b*(n-2)/buckets, 1+(b+1)*(n-2)/buckets
		if lo >= hi {
			continue
		}
		mn, mx := lo, lo
		for i := lo; i < hi; i++ {
			if y[i] < y[mn] {
				mn = i
			}
			if y[i] > y[mx] {
				mx = i
			}
		}
		if mn > mx {
			mn, mx = mx, mn
		}
		out = append(out, mn)
		if mx != mn {
			out = append(out, mx)
		}
	}
	return append(out, n-1)
}

// thinnedNote is the subtitle that says an interactive view shows part of the data:
// "interactive view: <what> <kept> of <total> <unit>".
func thinnedNote(what string, kept, total int, unit string) string {
	if kept >= total {
		return ""
	}
	return fmt.Sprintf("interactive view: %s%s of %s %s", what, FormatInt(int64(kept)), FormatInt(int64(total)), unit)
}

// vlRows packs data rows into a spec's data as inline CSV: a JSON array of objects would
// repeat every field name in every row, and notebooks store JSON outputs indented, one
// field a line, so CSV keeps a chart's data three to five times smaller on disk. Fields
// holding only numbers (or nil, written empty and read as null) are parsed as numbers;
// the others stay strings.
func vlRows(rows []any) obj {
	var fields []string
	numeric := map[string]bool{}
	for _, r := range rows {
		for k, v := range r.(obj) {
			if _, seen := numeric[k]; !seen {
				fields = append(fields, k)
				numeric[k] = true
			}
			switch v.(type) {
			case float64, int, nil:
			default:
				numeric[k] = false
			}
		}
	}
	sort.Strings(fields)
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(fields)
	rec := make([]string, len(fields))
	for _, r := range rows {
		row := r.(obj)
		for i, f := range fields {
			rec[i] = csvValue(row[f])
		}
		_ = w.Write(rec)
	}
	w.Flush()
	parse := obj{}
	for _, f := range fields {
		if numeric[f] {
			parse[f] = "number"
		}
	}
	return obj{"values": b.String(), "format": obj{"type": "csv", "parse": parse}}
}

// csvValue writes one CSV field: numbers as JSON writes them, nil as empty.
func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(x)
	case float64:
		if a := math.Abs(x); a != 0 && (a < 1e-6 || a >= 1e21) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}
