package display

import (
	"errors"
	"fmt"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

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
	c := chartOf("line", desc, p, o, DefaultChartHeight)
	c.vl = func() obj { return lineSpec(x, names, ys, nil, o, c.width, c.height) }
	return c
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
	c := chartOf("line", desc, p, o, DefaultChartHeight)
	ta := timeAxisOf(times)
	c.vl = func() obj { return lineSpec(x, names, ys, ta, o, c.width, c.height) }
	return c
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
	if c, err := t.Column(xCol); err == nil && c.Kind() == KindTime {
		return TimeSeriesChart(c.Times(), names, ys, o)
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
		p.Y.Tick.Marker = logTicks{}
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
