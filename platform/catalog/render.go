package catalog

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/display"
)

// tableBundle renders t (through display's own table rendering when it offers one)
// with summary as the plain-text first line.
func tableBundle(t *display.Table, summary string) display.Bundle {
	var b display.Bundle
	if r, ok := any(t).(display.Bundler); ok {
		b = r.Bundle()
	}
	if b.Data == nil {
		b.Data = map[string]any{}
	}
	if _, ok := b.Data[display.MIMEHTML]; !ok {
		b.Data[display.MIMEHTML] = htmlTable(t)
	}
	text, _ := b.Data[display.MIMEText].(string)
	if text == "" {
		text = plainTable(t)
	}
	if summary != "" {
		b.Data[display.MIMEText] = summary + "\n" + text
		b.Data[display.MIMEHTML] = "<p>" + html.EscapeString(summary) + "</p>\n" + b.Data[display.MIMEHTML].(string)
	} else {
		b.Data[display.MIMEText] = text
	}
	return b
}

// htmlTable renders t as a plain HTML table (display's renderer is preferred when the
// Table type offers HTML).
func htmlTable(t *display.Table) string {
	if r, ok := any(t).(display.HTMLer); ok {
		return r.HTML()
	}
	var b strings.Builder
	b.WriteString("<table>")
	if t.Title != "" {
		fmt.Fprintf(&b, "<caption>%s</caption>", html.EscapeString(t.Title))
	}
	b.WriteString("<thead><tr>")
	for _, c := range t.Columns {
		fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(c.Name))
	}
	b.WriteString("</tr></thead><tbody>")
	for r := 0; r < t.NumRows(); r++ {
		b.WriteString("<tr>")
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(cellText(c, r)))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	if t.Note != "" {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(t.Note))
	}
	return b.String()
}

// plainTable renders t as aligned text.
func plainTable(t *display.Table) string {
	if r, ok := any(t).(fmt.Stringer); ok {
		return r.String()
	}
	widths := make([]int, len(t.Columns))
	cells := make([][]string, t.NumRows())
	for i, c := range t.Columns {
		widths[i] = len(c.Name)
	}
	for r := range cells {
		cells[r] = make([]string, len(t.Columns))
		for i, c := range t.Columns {
			s := cellText(c, r)
			cells[r][i] = s
			widths[i] = max(widths[i], len(s))
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	for i, c := range t.Columns {
		fmt.Fprintf(&b, "%-*s  ", widths[i], c.Name)
	}
	b.WriteString("\n")
	for _, row := range cells {
		for i, s := range row {
			fmt.Fprintf(&b, "%-*s  ", widths[i], s)
		}
		b.WriteString("\n")
	}
	if t.Note != "" {
		b.WriteString(t.Note + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func cellText(c *display.Column, r int) string {
	v := c.Value(r)
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.Format("2006-01-02 15:04:05")
	case float64:
		return fmt.Sprintf("%.6g", x)
	}
	return fmt.Sprint(v)
}

// HTML renders the dataset's catalog entry: its schema with name, identity and tags.
func (d *Dataset) HTML() string {
	return fmt.Sprintf("<p><b>%s</b> — %d fields%s%s</p>\n%s", html.EscapeString(d.Name), len(d.Fields),
		html.EscapeString(identityText(d)), html.EscapeString(tagText(d)), htmlTable(d.Schema()))
}

// String summarizes the dataset on one line.
func (d *Dataset) String() string {
	return fmt.Sprintf("dataset %s: %d fields%s%s", d.Name, len(d.Fields), identityText(d), tagText(d))
}

// Bundle renders the dataset's catalog entry as a table plus a one-line summary.
func (d *Dataset) Bundle() display.Bundle { return tableBundle(d.Schema(), d.String()) }

func identityText(d *Dataset) string {
	if d.IdentityField == "" {
		return ""
	}
	return ", identity " + d.IdentityField
}

func tagText(d *Dataset) string {
	if len(d.Tags) == 0 {
		return ""
	}
	return ", tags " + strings.Join(d.Tags, ", ")
}
