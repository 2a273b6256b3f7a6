package display

import (
	"math"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"
)

// TestLookCharts writes sample charts to $SLUICE_CHART_DIR for a human to look at.
func TestLookCharts(t *testing.T) {
	dir := os.Getenv("SLUICE_CHART_DIR")
	if dir == "" {
		t.Skip("set SLUICE_CHART_DIR to write sample charts")
	}
	for name, c := range sampleCharts(100000) {
		if err := c.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		os.WriteFile(dir+"/"+name+".png", c.PNG(), 0o644)
		os.WriteFile(dir+"/"+name+".svg", []byte(c.SVG()), 0o644)
	}
}

// sampleCharts returns one chart of every kind; the scatter has nScatter points.
func sampleCharts(nScatter int) map[string]*Chart {
	r := rand.New(rand.NewSource(1))
	events := []string{"web.webpagedetails.pageViews", "web.webinteraction.linkClicks", "commerce.productViews", "commerce.productListAdds", "commerce.purchases", "directMarketing.emailSent", "directMarketing.emailOpened", "directMarketing.emailClicked", "decisioning.propositionDisplay", "decisioning.propositionInteract", "decisioning.propositionDismiss", "application.login"}
	short := make([]string, len(events))
	for i, e := range events {
		short[i] = e[strings.LastIndex(e, ".")+1:]
	}
	counts := make([]float64, len(events))
	for i := range counts {
		counts[i] = math.Round(r.ExpFloat64() * 250000)
	}
	m := make([][]float64, len(events))
	for i := range m {
		m[i] = make([]float64, len(events))
		for j := range m[i] {
			m[i][j] = math.Round(r.Float64() * 50000)
		}
	}
	th := make([]string, 20)
	m20 := make([][]float64, 20)
	for i := range th {
		th[i] = FormatFloat(float64(i+1) * 0.05)
		m20[i] = make([]float64, 20)
		for j := range m20[i] {
			m20[i][j] = math.Round(1e6 * math.Exp(-float64(i+j)/10))
		}
	}
	n := 5000
	scores := make([]float64, n)
	actual := make([]bool, n)
	for i := range scores {
		actual[i] = r.Float64() < 0.2
		s := r.NormFloat64()
		if actual[i] {
			s += 1.3
		}
		scores[i] = 1 / (1 + math.Exp(-s+1))
	}
	xs := make([]float64, nScatter)
	ys := make([]float64, nScatter)
	for i := range xs {
		xs[i] = r.NormFloat64() * 1000
		ys[i] = xs[i]*0.5 + r.NormFloat64()*600
	}
	x := make([]float64, 50)
	y1 := make([]float64, 50)
	y2 := make([]float64, 50)
	for i := range x {
		x[i] = float64(i)
		y1[i] = 1000 + 400*math.Sin(float64(i)/5)
		y2[i] = 800 + 30*float64(i)
	}
	days := make([]time.Time, 70)
	daily := make([]float64, 70)
	for i := range days {
		days[i] = time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC)
		daily[i] = 20000 + 5000*math.Sin(float64(i)/7*2*math.Pi) + float64(i)*150
	}
	charts := map[string]*Chart{
		"grouped":    GroupedBarChart([]string{"0.0-0.1", "0.1-0.2", "0.2-0.3", "0.3-0.4", "0.4-0.5"}, []string{"above", "below"}, [][]float64{{100000, 80000, 52000, 31000, 12000}, {0, 20000, 48000, 69000, 88000}}, ChartOptions{Title: "Reach above and below"}),
		"hgrouped":   GroupedBarChart([]string{"accuracy", "AUC", "precision"}, []string{"train", "test"}, [][]float64{{0.91, 0.88, 0.7}, {0.89, 0.85, 0.66}}, ChartOptions{Title: "Train vs test", Horizontal: true}),
		"corr":       BarChart([]string{"emailSent", "emailOpened", "emailClicked", "productViews", "propositionInteract", "propositionDismiss", "linkClicks"}, []float64{0.12, 0.31, 0.44, 0.27, 0.08, -0.15, 0.19}, ChartOptions{Title: "Correlation with conversion", Sorted: true, ShowValues: true}),
		"hcorr":      HBarChart([]string{"emailSent", "emailOpened", "emailClicked", "productViews", "propositionInteract", "propositionDismiss", "linkClicks"}, []float64{0.12, 0.31, 0.44, 0.27, 0.08, -0.15, 0.19}, ChartOptions{Title: "Correlation with conversion", Sorted: true, ShowValues: true}),
		"timeseries": TimeSeriesChart(days, []string{"events"}, [][]float64{daily}, ChartOptions{Title: "Events per day", YLabel: "events"}),
		"bar":        BarChart(events, counts, ChartOptions{Title: "Events by type", YLabel: "events"}),
		"barlog":     BarChart(events, counts, ChartOptions{Title: "Events by type (log)", YLabel: "events", LogY: true, Sorted: true, ShowValues: true}),
		"hbarlog":    HBarChart(events, append([]float64{0}, counts[1:]...), ChartOptions{Title: "Events by type (log)", LogY: true, Sorted: true, ShowValues: true}),
		"barsort":    BarChart(events, counts, ChartOptions{Title: "Events by type", Sorted: true, Horizontal: true, ShowValues: true}),
		"heatmap":    HeatmapChart(events, events, m, ChartOptions{Title: "Co-occurrence of event types"}),
		"heat20":     HeatmapChart(th, th, m20, ChartOptions{Title: "Reach by threshold", XLabel: "propensity threshold", YLabel: "recency threshold"}),
		"heat07":     HeatmapChart(th, th, m20, ChartOptions{Title: "profiles with lower ≤ propensity < upper", XLabel: "upper", YLabel: "lower", Width: 760, Height: 640}),
		"heat02":     HeatmapChart(short, short, m, ChartOptions{Title: "P(B at or after A), same person", XLabel: "B (later event)", YLabel: "A (earlier event)", Width: 760, Height: 640}),
		"funnel":     FunnelChart([]string{"emailSent", "emailOpened", "emailClicked", "productViews", "purchases"}, []float64{1064337, 412000, 98000, 61000, 7300}, ChartOptions{Title: "Email funnel"}),
		"confm":      ConfusionMatrixChart([]string{"negative", "positive"}, [][]float64{{3650, 350}, {420, 580}}, ChartOptions{Title: "Confusion matrix"}),
		"featimp":    FeatureImportanceChart([]string{"purchases_30d", "pageViews_7d", "emailOpened_30d", "recency_days", "productViews_30d", "linkClicks_7d"}, []float64{0.31, 0.12, 0.22, 0.18, 0.09, 0.08}, ChartOptions{}),
		"scatter":    ScatterChart(xs, ys, ChartOptions{Title: FormatInt(int64(nScatter)) + " points", XLabel: "x", YLabel: "y"}),
		"hist":       HistogramChart(scores, ChartOptions{Title: "Score distribution", XLabel: "score"}),
		"zerobars":   BarChart([]string{"a", "none", "tiny", "b", "negative zero"}, []float64{500000, 0, 3, 120000, 0}, ChartOptions{Title: "Empty and tiny bars", ShowValues: true}),
		"lines":      MultiLineChart(x, []string{"sessions", "visitors"}, [][]float64{y1, y2}, ChartOptions{Title: "Daily traffic", XLabel: "day", YLabel: "count"}),
	}
	for name, c := range mlSampleCharts() {
		charts[name] = c
	}
	return charts
}
