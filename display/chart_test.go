package display

import (
	"github.com/sluice-dev/sluice/table"

	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"
)

// checkChart decodes a chart's PNG and SVG and checks their sizes and that the PNG
// holds a real picture (not blank, several colours).
func checkChart(t *testing.T, name string, c *Chart) {
	t.Helper()
	if err := c.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w, h := c.Size()
	img, err := png.Decode(bytes.NewReader(c.PNG()))
	if err != nil {
		t.Fatalf("%s: PNG does not decode: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() != w*pngScale || b.Dy() != h*pngScale {
		t.Errorf("%s: PNG is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), w*pngScale, h*pngScale)
	}
	if ink, colours := inkStats(img); ink < 0.01 || colours < 3 {
		t.Errorf("%s: PNG looks blank: %.3f of pixels inked, %d colours", name, ink, colours)
	}
	var doc struct {
		XMLName xml.Name `xml:"svg"`
		Width   string   `xml:"width,attr"`
		Paths   []any    `xml:"g>path"`
	}
	if err := xml.Unmarshal([]byte(c.SVG()), &doc); err != nil {
		t.Fatalf("%s: SVG does not parse: %v", name, err)
	}
	if want := table.TrimZeros(formatTick(float64(w)*0.75, 2)) + "pt"; strings.ReplaceAll(doc.Width, ",", "") != strings.ReplaceAll(want, ",", "") {
		t.Errorf("%s: SVG width %q, want %q", name, doc.Width, want)
	}
	if strings.Count(c.SVG(), "<path") < 5 {
		t.Errorf("%s: SVG has almost no drawing", name)
	}
	b := c.Bundle()
	for _, m := range []string{MIMEPNG, MIMESVG, MIMEText} {
		if _, ok := b.Data[m]; !ok {
			t.Errorf("%s: bundle lacks %s", name, m)
		}
	}
	if md := b.Metadata[MIMEPNG].(map[string]any); md["width"] != w || md["height"] != h {
		t.Errorf("%s: PNG metadata %v, want %dx%d", name, md, w, h)
	}
}

// inkStats returns the share of non-white pixels and the number of distinct colours
// (sampled).
func inkStats(img image.Image) (float64, int) {
	b := img.Bounds()
	inked, total := 0, 0
	colours := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
			if len(colours) < 64 {
				colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			}
		}
	}
	return float64(inked) / float64(total), len(colours)
}

func TestChartsRender(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every chart")
	}
	for name, c := range sampleCharts(2000) {
		t.Run(name, func(t *testing.T) { checkChart(t, name, c) })
	}
}

func TestChartsFromTable(t *testing.T) {
	days := make([]time.Time, 30)
	visits := make([]int64, 30)
	kinds := make([]string, 30)
	for i := range days {
		days[i] = time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC)
		visits[i] = int64(1000 + 37*i)
		kinds[i] = []string{"web", "email", "app"}[i%3]
	}
	tb := NewTable(TimeColumn("day", days), IntColumn("visits", visits), StringColumn("channel", kinds))
	checkChart(t, "line from table", LineChartTable(tb, "day", []string{"visits"}, ChartOptions{Title: "Visits"}))
	checkChart(t, "bar from table", BarChartTable(tb.Head(5), "day", "visits", ChartOptions{}))
	checkChart(t, "heatmap from table", HeatmapChartTable(tb, "channel", "day", "visits", ChartOptions{}))
	checkChart(t, "histogram from table", HistogramChartTable(tb, "visits", ChartOptions{Bins: 5}))
	if c := BarChartTable(tb, "day", "nope", ChartOptions{}); c.Err() == nil || !strings.Contains(c.Err().Error(), `no column "nope"`) {
		t.Errorf("missing column: %v", c.Err())
	}
	if c := ScatterChartTable(tb, "channel", "visits", ChartOptions{}); c.Err() == nil {
		t.Error("scatter of a string column succeeded")
	}
}

func TestChartErrors(t *testing.T) {
	for name, c := range map[string]*Chart{
		"length mismatch":   BarChart([]string{"a", "b"}, []float64{1}, ChartOptions{}),
		"empty":             ScatterChart(nil, nil, ChartOptions{}),
		"NaN bar":           BarChart([]string{"a"}, []float64{math.NaN()}, ChartOptions{}),
		"ragged heatmap":    HeatmapChart([]string{"a", "b"}, []string{"r"}, [][]float64{{1}}, ChartOptions{}),
		"negative funnel":   FunnelChart([]string{"a"}, []float64{-1}, ChartOptions{}),
		"non-square matrix": ConfusionMatrixChart([]string{"a", "b"}, [][]float64{{1, 2}}, ChartOptions{}),
		"nil plot":          Plot(nil),
		"series count":      MultiLineChart([]float64{1}, []string{"a", "b"}, [][]float64{{1}}, ChartOptions{}),
	} {
		if c.Err() == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		b := c.Bundle()
		if len(b.Data) != 1 || !strings.HasPrefix(b.Data[MIMEText].(string), "chart error: ") {
			t.Errorf("%s: error chart bundle = %v", name, b.Data)
		}
	}
}

func TestBarOrdering(t *testing.T) {
	l, v := orderBars([]string{"a", "b", "c", "d"}, []float64{2, 9, 1, 5}, true, 3)
	if strings.Join(l, "") != "bda" || v[0] != 9 || v[2] != 2 {
		t.Errorf("sorted top 3 = %v %v", l, v)
	}
	l, _ = orderBars([]string{"a", "b", "c", "d"}, []float64{2, 9, 1, 5}, false, 2)
	if strings.Join(l, "") != "bd" {
		t.Errorf("unsorted top 2 keeps order: %v", l)
	}
}

func TestChartSave(t *testing.T) {
	c := BarChart([]string{"a", "b"}, []float64{1, 2}, ChartOptions{})
	dir := t.TempDir()
	for _, name := range []string{"c.png", "c.svg"} {
		if err := c.Save(dir + "/" + name); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Save(dir + "/c.gif"); err == nil {
		t.Error("unknown extension accepted")
	}
	if err := BarChart(nil, nil, ChartOptions{}).Save(dir + "/bad.png"); err == nil {
		t.Error("failed chart saved")
	}
}
