package display

import (
	"github.com/sluice-dev/sluice/table"

	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default chart size in CSS pixels: readable at notebook width.
const (
	DefaultChartWidth  = 800
	DefaultChartHeight = 450
)

// pngScale is the PNG's pixel density relative to CSS pixels: 2 keeps charts crisp on
// high-density screens while the metadata asks the front end to show them at 1x size.
const pngScale = 2

// ChartOptions configure a chart. The zero value is a sensible default; fields that do
// not apply to a chart kind are ignored.
type ChartOptions struct {
	Title  string // shown above the chart
	XLabel string // horizontal axis label (default: the column name, when built from a table)
	YLabel string // vertical axis label
	Width  int    // CSS pixels; 0 means DefaultChartWidth
	Height int    // CSS pixels; 0 means DefaultChartHeight (bar charts grow with the bar count)

	Sorted     bool // bar charts: sort bars by value, largest first
	Horizontal bool // bar charts: draw horizontal bars
	Bins       int  // histograms and calibration charts: number of bins (default 20 / 10)
	LogY       bool // line, scatter and bar charts: logarithmic value axis (non-positive points are dropped, such bars stay empty)
	TopN       int  // bar and feature-importance charts: keep only the N largest bars

	// Series names the lines of a multi-line chart (defaults: the column names or
	// "series 1", "series 2"…).
	Series []string
	// ShowValues writes each bar's value at its end (funnels always do).
	ShowValues bool
	// ValueLabel names what a heatmap's colour stands for, beside its colour scale
	// (default: the value column's name, or "value").
	ValueLabel string
}

// Chart is a rendered-on-demand chart: it shows in a notebook as PNG and SVG together,
// with a Vega-Lite spec for front ends that draw it interactively (see MIMEVegaLite) and
// a text/plain description. A chart built from bad input carries the error (see
// Err) and displays it instead of a picture.
type Chart struct {
	kind   string
	desc   string
	width  int
	height int
	draw   func(dc draw.Canvas)
	p      *plot.Plot
	err    error

	vl func() obj // builds the Vega-Lite spec (nil: none)

	once sync.Once
	png  []byte
	svg  string
	spec obj
	rerr error
}

// Plot wraps a gonum plot built by hand, so it displays like every other chart.
func Plot(p *plot.Plot) *Chart {
	if p == nil {
		return errChart("plot", fmt.Errorf("display.Plot: nil plot"))
	}
	return &Chart{kind: "plot", desc: p.Title.Text, width: DefaultChartWidth, height: DefaultChartHeight, p: p,
		draw: func(dc draw.Canvas) { p.Draw(dc) }}
}

// NewPlot returns an empty gonum plot styled like the charts of this package (fonts,
// colours, round ticks with thousands separators); show it with Plot.
func NewPlot(o ChartOptions) *plot.Plot { return newPlot(o) }

// PlotSize is Plot with an explicit size in CSS pixels.
func PlotSize(p *plot.Plot, width, height int) *Chart {
	c := Plot(p)
	c.width, c.height = sizeOr(width, DefaultChartWidth), sizeOr(height, DefaultChartHeight)
	return c
}

func errChart(kind string, err error) *Chart {
	return &Chart{kind: kind, err: err, width: DefaultChartWidth, height: DefaultChartHeight}
}

func sizeOr(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Err reports why the chart could not be built or drawn, or nil.
func (c *Chart) Err() error {
	if c.err != nil {
		return c.err
	}
	c.render()
	return c.rerr
}

// Size returns the chart's display size in CSS pixels.
func (c *Chart) Size() (width, height int) { return c.width, c.height }

// GonumPlot returns the underlying gonum plot for further customisation before the chart
// is first displayed, or nil for composite charts (heatmaps) and failed charts.
func (c *Chart) GonumPlot() *plot.Plot { return c.p }

// PNG returns the chart as a PNG image at twice its display size (nil on error).
func (c *Chart) PNG() []byte {
	c.render()
	return c.png
}

// SVG returns the chart as an SVG document ("" on error).
func (c *Chart) SVG() string {
	c.render()
	return c.svg
}

// Save writes the chart to path as PNG or SVG, chosen by the extension (.png, .svg).
func (c *Chart) Save(path string) error {
	if err := c.Err(); err != nil {
		return fmt.Errorf("save chart %s: %w", path, err)
	}
	var data []byte
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		data = c.png
	case ".svg":
		data = []byte(c.svg)
	default:
		return fmt.Errorf("save chart %s: unknown extension; use .png or .svg", path)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("save chart: %w", err)
	}
	return nil
}

// String describes the chart in one line; it is the chart's text/plain form.
func (c *Chart) String() string {
	if err := c.Err(); err != nil {
		return "chart error: " + err.Error()
	}
	s := "[" + c.kind + " chart"
	if c.desc != "" {
		s += ": " + c.desc
	}
	return s + fmt.Sprintf(", %d×%d]", c.width, c.height)
}

// Bundle returns image/png, image/svg+xml, the Vega-Lite spec (MIMEVegaLite, for every
// chart kind of this package) and text/plain, with the display size in the image
// metadata. A failed chart returns its error as text/plain only.
func (c *Chart) Bundle() Bundle {
	if err := c.Err(); err != nil {
		return Text("chart error: " + err.Error())
	}
	size := map[string]any{"width": c.width, "height": c.height}
	b := Bundle{
		Data: map[string]any{
			MIMEPNG:  c.png,
			MIMESVG:  c.svg,
			MIMEText: c.String(),
		},
		Metadata: map[string]any{MIMEPNG: size, MIMESVG: size},
	}
	if c.spec != nil {
		b.Data[MIMEVegaLite] = c.spec
		b.Metadata[MIMEVegaLite] = vegaLiteMetadata
	}
	return b
}

// render draws the chart once, to PNG and SVG.
func (c *Chart) render() {
	if c.err != nil {
		return
	}
	c.once.Do(func() {
		defer func() {
			if r := recover(); r != nil { // gonum/plot panics on degenerate data
				c.rerr = fmt.Errorf("draw %s chart: %v", c.kind, r)
				c.png, c.svg, c.spec = nil, "", nil
			}
		}()
		if c.vl != nil {
			c.spec = c.vl()
		}
		w, h := pt(c.width), pt(c.height)

		img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96*pngScale), vgimg.UseBackgroundColor(color.White))
		c.draw(margins(draw.New(img)))
		var pb bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&pb, img.Image()); err != nil {
			c.rerr = fmt.Errorf("encode %s chart as PNG: %w", c.kind, err)
			return
		}
		c.png = pb.Bytes()

		sc := &measuredSVG{Canvas: vgsvg.New(w, h)}
		c.draw(margins(draw.New(sc)))
		var sb bytes.Buffer
		if _, err := sc.WriteTo(&sb); err != nil {
			c.rerr = fmt.Errorf("encode %s chart as SVG: %w", c.kind, err)
			return
		}
		c.svg = svgFontFallback.Replace(withTextLengths(sb.String(), sc.widths))
	})
}

// svgFontFallback gives browsers without the Liberation fonts metric-compatible
// fallbacks, and lets embedded bitmaps (colour scales, dense point layers) stretch to
// the rectangle they were drawn into, as they do in the PNG.
var svgFontFallback = strings.NewReplacer(
	"<image ", `<image preserveAspectRatio="none" `,
	"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;",
	"font-family:Liberation Mono;", "font-family:'Liberation Mono','Courier New',monospace;",
)

// margins leaves a little white space around every chart.
func margins(dc draw.Canvas) draw.Canvas { return draw.Crop(dc, 8, -12, 6, -8) }

// pt converts CSS pixels to vg points (96 px = 72 pt).
func pt(px int) vg.Length { return vg.Length(float64(px) * 0.75) }

// Okabe–Ito colour-blind-safe palette, ordered for series.
var okabeIto = []color.Color{
	rgb(0x0072B2), // blue
	rgb(0xE69F00), // orange
	rgb(0x009E73), // bluish green
	rgb(0xD55E00), // vermillion
	rgb(0x56B4E9), // sky blue
	rgb(0xCC79A7), // reddish purple
	rgb(0xF0E442), // yellow
	rgb(0x000000), // black
}

// SeriesColor returns the colour used for the i-th series of a chart (Okabe–Ito palette).
func SeriesColor(i int) color.Color { return okabeIto[((i%len(okabeIto))+len(okabeIto))%len(okabeIto)] }

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

var (
	inkColor  = rgb(0x333333)
	gridColor = color.RGBA{R: 0xe4, G: 0xe4, B: 0xe4, A: 0xff}
	sansFont  = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

func fontSize(size vg.Length) font.Font {
	f := sansFont
	f.Size = size
	return f
}

// newPlot returns a plot styled for notebooks: sans-serif text, comma-separated ticks.
func newPlot(o ChartOptions) *plot.Plot {
	p := plot.New()
	p.Title.Text = o.Title
	p.Title.TextStyle.Font = fontSize(14)
	p.Title.TextStyle.Color = color.Black
	p.Title.Padding = 8
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = fontSize(11)
		ax.Label.TextStyle.Color = inkColor
		ax.Tick.Label.Font = fontSize(10)
		ax.Tick.Label.Color = inkColor
		ax.Color = inkColor
		ax.Tick.Color = inkColor
		ax.Tick.Marker = niceTicks{}
		ax.Padding = 2
	}
	p.X.Label.Text = o.XLabel
	p.Y.Label.Text = o.YLabel
	p.Legend.TextStyle.Font = fontSize(10)
	p.Legend.TextStyle.Color = inkColor
	p.Legend.Top = true
	return p
}

// chartOf wraps a finished plot.
func chartOf(kind, desc string, p *plot.Plot, o ChartOptions, defHeight int) *Chart {
	return &Chart{kind: kind, desc: desc, p: p,
		width: sizeOr(o.Width, DefaultChartWidth), height: sizeOr(o.Height, defHeight),
		draw: func(dc draw.Canvas) { p.Draw(dc) }}
}

// commaTicks relabels another ticker's marks with thousands separators and a precision
// that matches the tick spacing.
type commaTicks struct{ inner plot.Ticker }

// Ticks implements plot.Ticker.
func (t commaTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := t.inner.Ticks(lo, hi)
	step := math.Inf(1)
	var prev float64
	first := true
	for _, tk := range ticks {
		if tk.Label == "" {
			continue
		}
		if !first {
			step = math.Min(step, math.Abs(tk.Value-prev))
		}
		prev, first = tk.Value, false
	}
	decimals := 0
	if step > 0 && !math.IsInf(step, 1) && step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
		if decimals > 6 {
			decimals = 6
		}
	}
	for i, tk := range ticks {
		if tk.Label == "" {
			continue
		}
		ticks[i].Label = formatTick(tk.Value, decimals)
	}
	return ticks
}

// niceTicks places about six labelled ticks at round values (steps of 1, 2, 2.5 or 5
// times a power of ten), with a minor tick between each pair, labelled with thousands
// separators.
type niceTicks struct{}

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return plot.DefaultTicks{}.Ticks(lo, math.Max(hi, lo+1))
	}
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	decimals := 0
	for decimals < 9 {
		f := step * math.Pow10(decimals)
		if math.Abs(f-math.Round(f)) < 1e-6*f {
			break
		}
		decimals++
	}
	var out []plot.Tick
	first := math.Ceil(lo/step-1e-9) * step
	if minor := first - step/2; minor >= lo {
		out = append(out, plot.Tick{Value: minor})
	}
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > hi+step*1e-9 {
			break
		}
		out = append(out, plot.Tick{Value: v, Label: formatTick(v, decimals)})
		if m := v + step/2; m <= hi {
			out = append(out, plot.Tick{Value: m})
		}
	}
	return out
}

// formatTick formats an axis value with thousands separators and short suffixes for
// very large magnitudes.
func formatTick(v float64, decimals int) string {
	a := math.Abs(v)
	switch {
	case a >= 1e12:
		return scaled(v, 1e12, 2, "T")
	case a >= 1e9:
		return scaled(v, 1e9, 2, "B")
	case a >= 1e7:
		return scaled(v, 1e6, 2, "M")
	}
	if a < 1e-12 {
		return "0"
	}
	return table.GroupThousands(fmt.Sprintf("%.*f", decimals, v))
}

// scaled formats v in units of unit with at most decimals decimals, then suffix:
// scaled(2.5e9, 1e9, 2, "B") is "2.5B". Tick labels and heatmap cells use it, each with
// its own thresholds and precision.
func scaled(v, unit float64, decimals int, suffix string) string {
	return table.TrimZeros(strconv.FormatFloat(v/unit, 'f', decimals, 64)) + suffix
}

// nominalTicks labels integer positions 0..n-1 with names (bars, heatmap cells).
type nominalTicks struct {
	names []string
	// reverse maps position i to names[n-1-i], so the first name is at the top.
	reverse bool
}

// Ticks implements plot.Ticker.
func (t nominalTicks) Ticks(lo, hi float64) []plot.Tick {
	n := len(t.names)
	out := make([]plot.Tick, 0, n)
	for i := range t.names {
		name := t.names[i]
		if t.reverse {
			name = t.names[n-1-i]
		}
		out = append(out, plot.Tick{Value: float64(i), Label: shorten(name, 28)})
	}
	return out
}

// unitTicks labels a [0, 1] axis every 0.2 with minor marks every 0.1.
type unitTicks struct{}

// Ticks implements plot.Ticker.
func (unitTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for i := 0; i <= 10; i++ {
		t := plot.Tick{Value: float64(i) / 10}
		if i%2 == 0 {
			t.Label = fmt.Sprintf("%.1f", t.Value)
		}
		out = append(out, t)
	}
	return out
}

// slantOverflow estimates how far slanted x tick labels reach left of the canvas, so the
// chart can be drawn with that much extra room.
func slantOverflow(p *plot.Plot, labels []string, dataWidth vg.Length) vg.Length {
	if p.X.Tick.Label.Rotation == 0 || len(labels) == 0 {
		return 0
	}
	slot := dataWidth / vg.Length(len(labels))
	need := vg.Length(0)
	for i, l := range labels {
		w := p.X.Tick.Label.Width(shorten(l, 28)) * 0.71
		if over := w - (55 + slot*(vg.Length(i)+0.5)); over > need {
			need = over
		}
	}
	return need
}

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
