package display

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rasterLimit is the point count above which scatter points are drawn as one embedded
// bitmap rather than one vector shape each: a 100k-point SVG would otherwise weigh
// megabytes in the notebook while looking the same.
const rasterLimit = 5000

// rasterPoints is a plot.Plotter that stamps anti-aliased discs into a bitmap at PNG
// resolution and draws that bitmap over the data area; axes and text stay vector.
type rasterPoints struct {
	xy     plotter.XYs
	color  color.Color
	radius vg.Length
}

// Plot implements plot.Plotter.
func (r *rasterPoints) Plot(c draw.Canvas, plt *plot.Plot) {
	const dotsPerPoint = 96.0 * pngScale / 72
	w := int(math.Ceil(float64(c.Max.X-c.Min.X) * dotsPerPoint))
	h := int(math.Ceil(float64(c.Max.Y-c.Min.Y) * dotsPerPoint))
	if w <= 0 || h <= 0 {
		return
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rad := float64(r.radius) * dotsPerPoint
	mask := discMask(rad)
	half := mask.Bounds().Dx() / 2
	src := image.NewUniform(r.color)
	trX, trY := plt.Transforms(&c)
	for _, p := range r.xy {
		x := float64(trX(p.X)-c.Min.X) * dotsPerPoint
		y := float64(c.Max.Y-trY(p.Y)) * dotsPerPoint
		px, py := int(math.Round(x))-half, int(math.Round(y))-half
		rect := image.Rect(px, py, px+mask.Bounds().Dx(), py+mask.Bounds().Dy())
		stddraw.DrawMask(img, rect, src, image.Point{}, mask, image.Point{}, stddraw.Over)
	}
	c.DrawImage(c.Rectangle, img)
}

// DataRange implements plot.DataRanger.
func (r *rasterPoints) DataRange() (xmin, xmax, ymin, ymax float64) {
	return plotter.XYRange(r.xy)
}

// GlyphBoxes implements plot.GlyphBoxer, so points at the edges are not cut off.
func (r *rasterPoints) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	xmin, xmax, ymin, ymax := r.DataRange()
	box := vg.Rectangle{Min: vg.Point{X: -r.radius, Y: -r.radius}, Max: vg.Point{X: r.radius, Y: r.radius}}
	out := make([]plot.GlyphBox, 0, 4)
	for _, p := range []plotter.XY{{X: xmin, Y: ymin}, {X: xmax, Y: ymax}} {
		out = append(out, plot.GlyphBox{X: plt.X.Norm(p.X), Y: plt.Y.Norm(p.Y), Rectangle: box})
	}
	return out
}

// discMask returns an anti-aliased disc of radius r pixels.
func discMask(r float64) *image.Alpha {
	size := int(math.Ceil(2*r)) + 2
	m := image.NewAlpha(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			d := math.Hypot(float64(x)+0.5-c, float64(y)+0.5-c)
			cover := math.Min(math.Max(r-d+0.5, 0), 1)
			m.SetAlpha(x, y, color.Alpha{A: uint8(cover * 255)})
		}
	}
	return m
}
