package display

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

func benchTable(rows int) *Table {
	r := rand.New(rand.NewSource(1))
	ids := make([]int64, rows)
	names := make([]string, rows)
	scores := make([]float64, rows)
	times := make([]time.Time, rows)
	nulls := make([]bool, rows)
	for i := range ids {
		ids[i] = int64(i) * 7919
		names[i] = fmt.Sprintf("profile-%06d <%s>", i, []string{"web", "email", "app"}[i%3])
		scores[i] = r.Float64()
		times[i] = time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC)
		nulls[i] = i%10 == 0
	}
	b := table.NewBuilder("score", "", table.KindFloat)
	for i, f := range scores {
		if nulls[i] {
			b.AppendNull()
		} else {
			b.AppendFloat(f)
		}
	}
	sc := b.Finish()
	t := NewTable(IntColumn("id", ids), StringColumn("name", names), sc, TimeColumn("seen_at", times))
	t.Limit = -1
	return t
}

// BenchmarkTableHTML1000 renders a 1,000-row, 4-column table (all rows) to HTML.
func BenchmarkTableHTML1000(b *testing.B) {
	t := benchTable(1000)
	b.ReportAllocs()
	for b.Loop() {
		_ = TableHTML(t)
	}
}

// BenchmarkTableText1000 renders the same table as aligned text.
func BenchmarkTableText1000(b *testing.B) {
	t := benchTable(1000)
	b.ReportAllocs()
	for b.Loop() {
		_ = t.String()
	}
}

// BenchmarkScatter100k builds and renders a 100,000-point scatter chart to PNG and SVG.
func BenchmarkScatter100k(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	x := make([]float64, 100000)
	y := make([]float64, 100000)
	for i := range x {
		x[i] = r.NormFloat64()
		y[i] = x[i] + r.NormFloat64()
	}
	b.ReportAllocs()
	for b.Loop() {
		c := ScatterChart(x, y, ChartOptions{Title: "100k"})
		if c.Err() != nil {
			b.Fatal(c.Err())
		}
		b.ReportMetric(float64(len(c.PNG())), "png-bytes")
		b.ReportMetric(float64(len(c.SVG())), "svg-bytes")
	}
}

// BenchmarkBarChart renders a typical 12-bar chart to PNG and SVG.
func BenchmarkBarChart(b *testing.B) {
	labels := make([]string, 12)
	vals := make([]float64, 12)
	for i := range labels {
		labels[i] = fmt.Sprintf("event.type%d", i)
		vals[i] = float64(i * 1000)
	}
	for b.Loop() {
		if c := BarChart(labels, vals, ChartOptions{Title: "t"}); c.Err() != nil {
			b.Fatal(c.Err())
		}
	}
}
