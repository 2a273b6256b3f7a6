package display

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatmapChart draws a matrix as coloured cells with a colour-scale legend: values[i][j]
// is the cell in row yLabels[i] (top to bottom) and column xLabels[j]. Cells are
// annotated with their values when they are large enough to hold them; NaN cells are
// grey.
func HeatmapChart(xLabels, yLabels []string, values [][]float64, o ChartOptions) *Chart {
	scale := colorScale{label: o.ValueLabel}
	if scale.label == "" {
		scale.label = "value"
	}
	return heatmap("heatmap", xLabels, yLabels, values, nil, scale, o)
}

// colorScale is how a heatmap's colour scale is labelled: what colour stands for, and
// how its ticks are written (nil: as counts).
type colorScale struct {
	label  string
	format func(float64) string
}

// HeatmapChartTable pivots a long table into a heatmap: one cell per (xCol, yCol) pair
// holding valueCol (summed when a pair repeats). Rows and columns keep first-seen order.
func HeatmapChartTable(t *Table, xCol, yCol, valueCol string, o ChartOptions) *Chart {
	xs, err := tableStrings(t, xCol)
	if err != nil {
		return errChart("heatmap", fmt.Errorf("heatmap: %w", err))
	}
	ys, err := tableStrings(t, yCol)
	if err != nil {
		return errChart("heatmap", fmt.Errorf("heatmap: %w", err))
	}
	vs, err := tableFloats(t, valueCol)
	if err != nil {
		return errChart("heatmap", fmt.Errorf("heatmap: %w", err))
	}
	xi, yi := map[string]int{}, map[string]int{}
	var xl, yl []string
	for i := range xs {
		if _, ok := xi[xs[i]]; !ok {
			xi[xs[i]] = len(xl)
			xl = append(xl, xs[i])
		}
		if _, ok := yi[ys[i]]; !ok {
			yi[ys[i]] = len(yl)
			yl = append(yl, ys[i])
		}
	}
	m := make([][]float64, len(yl))
	for r := range m {
		m[r] = make([]float64, len(xl))
		for c := range m[r] {
			m[r][c] = math.NaN()
		}
	}
	for i := range xs {
		cell := &m[yi[ys[i]]][xi[xs[i]]]
		if math.IsNaN(vs[i]) {
			continue
		}
		if math.IsNaN(*cell) {
			*cell = 0
		}
		*cell += vs[i]
	}
	defaultLabels(&o, xCol, yCol)
	if o.ValueLabel == "" {
		o.ValueLabel = valueCol
	}
	return HeatmapChart(xl, yl, m, o)
}

// ConfusionMatrixChart draws a confusion matrix: counts[i][j] is the number of examples
// of actual class classes[i] predicted as classes[j]. Cells show the count and the share
// of the actual class; colour follows that share (the row's share), as its scale says.
func ConfusionMatrixChart(classes []string, counts [][]float64, o ChartOptions) *Chart {
	n := len(classes)
	if n == 0 || len(counts) != n {
		return errChart("confusion matrix", fmt.Errorf("confusion matrix: %d classes but %d rows; it must be square", n, len(counts)))
	}
	share := make([][]float64, n)
	labels := make([][]string, n)
	for i, row := range counts {
		if len(row) != n {
			return errChart("confusion matrix", fmt.Errorf("confusion matrix: row %d has %d cells, want %d", i, len(row), n))
		}
		total := 0.0
		for _, v := range row {
			total += v
		}
		share[i] = make([]float64, n)
		labels[i] = make([]string, n)
		for j, v := range row {
			share[i][j] = 0
			if total > 0 {
				share[i][j] = v / total
			}
			labels[i][j] = formatCount(v) + "\n" + percent(share[i][j])
		}
	}
	if o.XLabel == "" {
		o.XLabel = "predicted"
	}
	if o.YLabel == "" {
		o.YLabel = "actual"
	}
	if o.Width == 0 {
		o.Width = 640
	}
	if o.Height == 0 {
		o.Height = max(420, 60*n+160)
	}
	scale := colorScale{label: "share of the actual class (row)", format: shareLabel}
	return heatmap("confusion matrix", classes, classes, share, labels, scale, o)
}

// heatmap builds a heatmap chart; cellLabels (optional) replace the value annotations.
func heatmap(kind string, xLabels, yLabels []string, values [][]float64, cellLabels [][]string, scale colorScale, o ChartOptions) *Chart {
	nx, ny := len(xLabels), len(yLabels)
	if nx == 0 || ny == 0 {
		return errChart(kind, fmt.Errorf("%s: no rows or columns given", kind))
	}
	if len(values) != ny {
		return errChart(kind, fmt.Errorf("%s: %d rows of values for %d row labels", kind, len(values), ny))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, row := range values {
		if len(row) != nx {
			return errChart(kind, fmt.Errorf("%s: row %d has %d values for %d column labels", kind, i, len(row), nx))
		}
		for _, v := range row {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		return errChart(kind, errors.New(kind+": every value is NaN"))
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	width := sizeOr(o.Width, DefaultChartWidth)
	height := sizeOr(o.Height, min(max(DefaultChartHeight, 24*ny+170), 1200))

	grid := matrixGrid{v: values}
	cmap := &viridis{min: lo, max: hi, alpha: 1}
	hm := plotter.NewHeatMap(grid, cmap.Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}

	p := newPlot(o)
	p.Add(hm)
	p.X.Tick.Marker = nominalTicks{names: xLabels}
	p.Y.Tick.Marker = nominalTicks{names: yLabels, reverse: true}
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Width, p.Y.Width = 0, 0
	slantIfCrowded(p, xLabels, width-160)

	// Annotate cells that are big enough to hold a number.
	const barW = 92 // points reserved for the colour scale
	cellW := (pt(width) - barW - 120) / vg.Length(nx)
	cellH := (pt(height) - 110) / vg.Length(ny)
	annotate := cellW >= 19 && cellH >= 10
	if annotate {
		fs := vg.Length(9)
		switch {
		case cellLabels != nil:
			fs = 11
		case cellW < 24:
			fs = 7
		case cellW < 30:
			fs = 8
		}
		var xys plotter.XYs
		var texts []string
		var styles []text.Style
		for r := 0; r < ny; r++ {
			for c := 0; c < nx; c++ {
				v := values[r][c]
				if math.IsNaN(v) {
					continue
				}
				s := compactNumber(v)
				if cellLabels != nil {
					s = cellLabels[r][c]
				}
				xys = append(xys, plotter.XY{X: float64(c), Y: float64(ny - 1 - r)})
				texts = append(texts, s)
				col, _ := cmap.At(v)
				styles = append(styles, text.Style{Font: fontSize(fs), Color: contrastInk(col),
					XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: p.TextHandler})
			}
		}
		if len(xys) > 0 {
			if l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts}); err == nil {
				l.TextStyle = styles
				p.Add(l)
			}
		}
	}

	// The colour scale is a second plot drawn beside the data area.
	cb := newPlot(ChartOptions{})
	cb.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true, Colors: 256})
	cb.HideX()
	cb.X.Padding, cb.Y.Padding = 0, 0
	cb.Y.Tick.Label.Font = fontSize(9)
	cb.Y.Tick.Marker = endTicks{format: scale.format}
	cb.Y.Label.Text = scale.label
	cb.Y.Label.TextStyle.Font = fontSize(9)
	cb.Y.Label.Padding = 2

	over := slantOverflow(p, xLabels, pt(width)-barW-150)
	desc := fmt.Sprintf("%d×%d cells", ny, nx)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	vl := func() obj {
		return heatmapSpec(xLabels, yLabels, values, cellLabels, scale, lo, hi, annotate, o, width, height)
	}
	return &Chart{kind: kind, desc: desc, width: width, height: height, p: p, vl: vl, draw: func(dc draw.Canvas) {
		main := draw.Crop(dc, over, -barW, 0, 0)
		p.Draw(main)
		da := p.DataCanvas(main)
		// The top end's label stands half above the scale's end: the canvas reaches that
		// far above the data area so the scale spans it exactly.
		half := cb.Y.Tick.Label.Height("0") / 2
		side := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: dc.Max.X - barW + 6, Y: da.Min.Y},
			Max: vg.Point{X: dc.Max.X - 6, Y: da.Max.Y + half},
		}}
		cb.Draw(side)
	}}
}

// slantRise is how far the right end of a label drawn with style st (rotated, centred
// vertically on its anchor) reaches above the top of the axis's tick label area.
func slantRise(st text.Style) vg.Length {
	h := st.Height("0")
	return h/2*vg.Length(math.Abs(math.Cos(st.Rotation))) + st.FontExtents().Descent
}

// matrixGrid adapts a row-major matrix (row 0 at the top) to plotter.GridXYZ.
type matrixGrid struct{ v [][]float64 }

// Dims, Z, X and Y implement plotter.GridXYZ.
func (g matrixGrid) Dims() (c, r int)   { return len(g.v[0]), len(g.v) }
func (g matrixGrid) Z(c, r int) float64 { return g.v[len(g.v)-1-r][c] }
func (g matrixGrid) X(c int) float64    { return float64(c) }
func (g matrixGrid) Y(r int) float64    { return float64(r) }

// compactNumber formats a cell value in at most about five characters.
func compactNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return scaled(v, 1e9, 1, "B")
	case a >= 1e6:
		return scaled(v, 1e6, 1, "M")
	case a >= 1e5:
		return scaled(v, 1e3, 0, "k")
	case a >= 1e4:
		return scaled(v, 1e3, 1, "k")
	case a >= 100 || v == math.Trunc(v):
		return FormatInt(int64(math.Round(v)))
	case a >= 1:
		return scaled(v, 1, 1, "")
	default:
		return scaled(v, 1, 2, "")
	}
}

// contrastInk returns black or white, whichever reads better on background c.
func contrastInk(c color.Color) color.Color {
	if c == nil {
		return color.Black
	}
	r, g, b, _ := c.RGBA()
	lum := 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
	if lum/0xffff > 0.45 {
		return color.Black
	}
	return color.White
}

// viridisStops are ten evenly spaced colours of the viridis colour map (perceptually
// uniform and readable with colour-vision deficiencies).
var viridisStops = []color.RGBA{
	rgb(0x440154), rgb(0x482878), rgb(0x3e4989), rgb(0x31688e), rgb(0x26828e),
	rgb(0x1f9e89), rgb(0x35b779), rgb(0x6ece58), rgb(0xb5de2b), rgb(0xfde725),
}

// viridis is a palette.ColorMap interpolating viridisStops over [min, max].
type viridis struct{ min, max, alpha float64 }

var _ palette.ColorMap = (*viridis)(nil)

// At returns the colour of x; it, Max, SetMax, Min, SetMin, Alpha, SetAlpha and Palette
// implement palette.ColorMap.
func (v *viridis) At(x float64) (color.Color, error) {
	if math.IsNaN(x) {
		return nil, palette.ErrNaN
	}
	if x < v.min {
		return nil, palette.ErrUnderflow
	}
	if x > v.max {
		return nil, palette.ErrOverflow
	}
	f := 0.0
	if v.max > v.min {
		f = (x - v.min) / (v.max - v.min)
	}
	pos := f * float64(len(viridisStops)-1)
	i := min(int(pos), len(viridisStops)-2)
	t := pos - float64(i)
	a, b := viridisStops[i], viridisStops[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p)*(1-t) + float64(q)*t)) }
	return color.NRGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: uint8(math.Round(v.alpha * 255))}, nil
}

func (v *viridis) Max() float64       { return v.max }
func (v *viridis) SetMax(x float64)   { v.max = x }
func (v *viridis) Min() float64       { return v.min }
func (v *viridis) SetMin(x float64)   { v.min = x }
func (v *viridis) Alpha() float64     { return v.alpha }
func (v *viridis) SetAlpha(a float64) { v.alpha = a }
func (v *viridis) Palette(n int) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		x := v.min
		if n > 1 {
			x = v.min + (v.max-v.min)*float64(i)/float64(n-1)
		}
		cs[i], _ = v.At(x)
	}
	return colorList(cs)
}

type colorList []color.Color

// Colors implements palette.Palette.
func (c colorList) Colors() []color.Color { return c }
