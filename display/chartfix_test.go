package display

import (
	"testing"

	"gonum.org/v1/plot"
)

// TestHeatmapSlantedLabelsClearCells checks that slanted column labels of a heatmap
// leave room above them: their ends must not reach under the bottom row of cells.
func TestHeatmapSlantedLabelsClearCells(t *testing.T) {
	th := make([]string, 20)
	m := make([][]float64, 20)
	for i := range th {
		th[i] = FormatFloat(float64(i+1) * 0.05)
		m[i] = make([]float64, 20)
		for j := range m[i] {
			m[i][j] = float64(i * j)
		}
	}
	c := HeatmapChart(th, th, m, ChartOptions{Width: 760, Height: 640})
	p := c.GonumPlot()
	if p.X.Tick.Label.Rotation == 0 {
		t.Fatal("20 columns in 760 px should slant their labels")
	}
	if rise := slantRise(p.X.Tick.Label); p.X.Padding < rise {
		t.Errorf("x axis padding %v < %v the slanted labels rise above their area", p.X.Padding, rise)
	}
	if len(c.PNG()) == 0 {
		t.Fatal(c.Err())
	}
}

// TestBarChartLogY checks bar charts honour LogY on their value axis.
func TestBarChartLogY(t *testing.T) {
	labels := []string{"a", "b", "c", "d"}
	values := []float64{1000, 7300, 1064337, 0}
	for _, horizontal := range []bool{false, true} {
		c := BarChart(labels, values, ChartOptions{LogY: true, Horizontal: horizontal, ShowValues: true})
		if err := c.Err(); err != nil {
			t.Fatal(err)
		}
		p := c.GonumPlot()
		ax := &p.Y
		if horizontal {
			ax = &p.X
		}
		if _, ok := ax.Scale.(floorLogScale); !ok {
			t.Errorf("horizontal=%v: value axis scale %T, want logarithmic", horizontal, ax.Scale)
		}
		if !(ax.Min > 0 && ax.Min < 1000 && ax.Max > 1064337) {
			t.Errorf("horizontal=%v: value axis [%v, %v] does not hold every positive bar", horizontal, ax.Min, ax.Max)
		}
		if len(c.PNG()) == 0 || c.Err() != nil {
			t.Fatalf("horizontal=%v: %v", horizontal, c.Err())
		}
	}
	if c := BarChart(labels[:1], []float64{0}, ChartOptions{LogY: true}); c.Err() == nil {
		t.Error("a log bar chart with no positive value should report an error")
	}
	var _ plot.Normalizer = floorLogScale{}
}
