package display

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/sluice-dev/sluice/table"
)

// Describe summarizes t (table.Describe) and renders the summary: one row per column
// with its counts, statistics and most frequent values, and a small histogram for each
// numeric column. A cell that ends with display.Describe(t) shows it.
func Describe(t *table.Table) Bundle { return SummaryBundle(t.Describe()) }

// SummaryBundle renders a table.Summary as text/html (SummaryHTML) and text/plain.
func SummaryBundle(s *table.Summary) Bundle {
	return Bundle{Data: map[string]any{MIMEHTML: SummaryHTML(s), MIMEText: s.String()}}
}

// SummaryHTML renders a table.Summary as a styled HTML table with an inline SVG
// histogram per numeric column. Every value is escaped.
func SummaryHTML(s *table.Summary) string {
	if s == nil {
		return "<div class=\"sluice-table\"><em>nil summary</em></div>"
	}
	var b strings.Builder
	b.WriteString(`<div class="sluice-table">`)
	b.WriteString(tableCSS)
	fmt.Fprintf(&b, `<div class="sl-title">%s rows, %d columns</div>`, table.FormatInt(int64(s.Rows)), len(s.Columns))
	b.WriteString(`<table class="sl-t"><thead><tr>`)
	heads := []string{"column", "count", "nulls", "distinct", "mean", "std", "min", "25%", "50%", "75%", "max", "top", "histogram"}
	for i, h := range heads {
		class := ""
		if i >= 1 && i <= 10 {
			class = ` class="sl-num"`
		}
		fmt.Fprintf(&b, "<th%s>%s</th>", class, h)
	}
	b.WriteString("</tr></thead><tbody>")
	for _, c := range s.Columns {
		b.WriteString("<tr>")
		fmt.Fprintf(&b, `<td>%s <span class="sl-type">%s</span></td>`, html.EscapeString(oneLine(c.Name)), html.EscapeString(c.Type))
		for _, n := range []int{c.Count, c.Nulls, c.Distinct} {
			fmt.Fprintf(&b, `<td class="sl-num">%s</td>`, table.FormatInt(int64(n)))
		}
		stats := []float64{c.Mean, c.Std, c.Min, c.Q1, c.Median, c.Q3, c.Max}
		for k, v := range stats {
			text := ""
			switch {
			case !math.IsNaN(v):
				text = table.FormatFloat(v)
			case k == 2 && c.MinText != "":
				text = c.MinText
			case k == 6 && c.MaxText != "":
				text = c.MaxText
			}
			if text == "" {
				b.WriteString(`<td class="sl-num sl-empty">–</td>`)
				continue
			}
			fmt.Fprintf(&b, `<td class="sl-num">%s</td>`, html.EscapeString(cut(oneLine(text))))
		}
		var tops []string
		for _, vc := range c.Top {
			tops = append(tops, fmt.Sprintf("%s (%s)", cut(oneLine(vc.Value)), table.FormatInt(int64(vc.Count))))
		}
		fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(strings.Join(tops, ", ")))
		fmt.Fprintf(&b, "<td>%s</td>", histogramSVG(c.HistEdges, c.HistCounts))
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table></div>")
	return b.String()
}

// cut shortens s to 30 runes with an ellipsis.
func cut(s string) string {
	r := []rune(s)
	if len(r) <= 30 {
		return s
	}
	return string(r[:29]) + "…"
}

// histogramSVG draws counts as a 100×24 bar chart; the tooltip of each bar gives its
// range and count. Empty when there are no counts.
func histogramSVG(edges []float64, counts []int64) string {
	if len(counts) == 0 {
		return ""
	}
	const w, h = 100.0, 24.0
	var top int64
	for _, n := range counts {
		top = max(top, n)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="sl-hist" width="%g" height="%g" viewBox="0 0 %g %g" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h)
	bw := w / float64(len(counts))
	for i, n := range counts {
		bh := 0.0
		if top > 0 {
			bh = math.Max(h*float64(n)/float64(top), 0)
		}
		if n > 0 && bh < 1 {
			bh = 1
		}
		title := fmt.Sprintf("%s – %s: %s", table.FormatFloat(edges[i]), table.FormatFloat(edges[min(i+1, len(edges)-1)]), table.FormatInt(n))
		fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="#4c78a8"><title>%s</title></rect>`,
			float64(i)*bw+0.5, h-bh, math.Max(bw-1, 0.5), bh, html.EscapeString(title))
	}
	b.WriteString("</svg>")
	return b.String()
}
