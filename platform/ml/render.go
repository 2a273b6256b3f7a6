package ml

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"image/png"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/sluice-dev/sluice/display"
)

// Chart is a rendered gonum plot: a PNG (at twice the display size) and an SVG, shown
// inline by the kernel through Bundle.
type Chart struct {
	Title  string
	Width  int // display width in CSS pixels
	Height int // display height in CSS pixels
	PNG    []byte
	SVG    string
	Err    error
}

// String describes the chart in one line.
func (c *Chart) String() string {
	if c.Err != nil {
		return "chart error: " + c.Err.Error()
	}
	return fmt.Sprintf("[chart: %s, %d×%d]", c.Title, c.Width, c.Height)
}

// Bundle returns image/png, image/svg+xml and text/plain with the display size as
// metadata; a chart that failed to draw returns its error as text.
func (c *Chart) Bundle() display.Bundle {
	if c.Err != nil {
		return display.Text(c.String())
	}
	size := map[string]any{"width": c.Width, "height": c.Height}
	return display.Bundle{
		Data:     map[string]any{display.MIMEPNG: c.PNG, display.MIMESVG: c.SVG, display.MIMEText: c.String()},
		Metadata: map[string]any{display.MIMEPNG: size, display.MIMESVG: size},
	}
}

// renderPlot draws p at width×height CSS pixels to PNG and SVG.
func renderPlot(p *plot.Plot, width, height int) (c *Chart) {
	c = &Chart{Title: p.Title.Text, Width: width, Height: height}
	defer func() {
		if r := recover(); r != nil { // gonum/plot panics on degenerate data
			c.Err = fmt.Errorf("draw chart %q: %v", c.Title, r)
		}
	}()
	w, h := vg.Length(float64(width)*0.75), vg.Length(float64(height)*0.75)
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(192), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(img))
	var pb bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&pb, img.Image()); err != nil {
		c.Err = fmt.Errorf("encode chart %q as PNG: %w", c.Title, err)
		return c
	}
	c.PNG = pb.Bytes()
	sc := vgsvg.New(w, h)
	p.Draw(draw.New(sc))
	var sb bytes.Buffer
	if _, err := sc.WriteTo(&sb); err != nil {
		c.Err = fmt.Errorf("encode chart %q as SVG: %w", c.Title, err)
		return c
	}
	c.SVG = sb.String()
	return c
}

// newPlot returns a plot with a title, axis labels and readable font sizes.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = font.Length(13)
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.X.Label.TextStyle.Font.Size = font.Length(11)
	p.Y.Label.TextStyle.Font.Size = font.Length(11)
	p.X.Tick.Label.Font.Size = font.Length(10)
	p.Y.Tick.Label.Font.Size = font.Length(10)
	p.Legend.TextStyle.Font.Size = font.Length(10)
	return p
}

// palette is the Okabe–Ito colour-blind-safe palette.
var palette = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xff}, color.RGBA{0xE6, 0x9F, 0x00, 0xff}, color.RGBA{0x00, 0x9E, 0x73, 0xff},
	color.RGBA{0xD5, 0x5E, 0x00, 0xff}, color.RGBA{0xCC, 0x79, 0xA7, 0xff}, color.RGBA{0x56, 0xB4, 0xE9, 0xff},
}

// tableBundle renders t through display's own table rendering when it has one, and
// otherwise as a plain HTML table with a text/plain form.
func tableBundle(t *display.Table) display.Bundle {
	if b, ok := any(t).(display.Bundler); ok {
		return b.Bundle()
	}
	var h, txt strings.Builder
	h.WriteString("<div>")
	if t.Title != "" {
		fmt.Fprintf(&h, "<div><b>%s</b></div>", html.EscapeString(t.Title))
		txt.WriteString(t.Title + "\n")
	}
	h.WriteString("<table><thead><tr>")
	for _, c := range t.Columns {
		fmt.Fprintf(&h, "<th>%s</th>", html.EscapeString(c.Name))
	}
	txt.WriteString(strings.Join(t.ColumnNames(), "\t") + "\n")
	h.WriteString("</tr></thead><tbody>")
	limit := t.Limit
	if limit <= 0 {
		limit = 20
	}
	n := min(t.NumRows(), limit)
	for i := 0; i < n; i++ {
		h.WriteString("<tr>")
		cells := make([]string, len(t.Columns))
		for j, c := range t.Columns {
			cells[j] = cellText(c.Value(i))
			fmt.Fprintf(&h, "<td>%s</td>", html.EscapeString(cells[j]))
		}
		h.WriteString("</tr>")
		txt.WriteString(strings.Join(cells, "\t") + "\n")
	}
	h.WriteString("</tbody></table>")
	if t.NumRows() > n {
		fmt.Fprintf(&h, "<div>showing %d of %d rows</div>", n, t.NumRows())
	}
	if t.Note != "" {
		fmt.Fprintf(&h, "<div>%s</div>", html.EscapeString(t.Note))
	}
	h.WriteString("</div>")
	return display.Bundle{Data: map[string]any{display.MIMEHTML: h.String(), display.MIMEText: strings.TrimRight(txt.String(), "\n")}}
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case float64:
		if math.IsNaN(x) {
			return "NaN"
		}
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return fmt.Sprintf("%.0f", x)
		}
		return fmt.Sprintf("%.4g", x)
	default:
		return fmt.Sprint(x)
	}
}
