package display

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Cell width limits: longer values are cut with an ellipsis (the HTML keeps the full
// value, up to maxTitleRunes, in the cell's tooltip).
const (
	maxHTMLCellRunes = 80
	maxTitleRunes    = 4000
)

// tableCSS styles tables compactly. It is scoped to .sluice-table so it does not leak,
// and its selectors are specific enough (element, class, element, class) to win over
// classic Notebook's and JupyterLab's own table rules, such as JupyterLab's
// ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td {text-align: right}".
const tableCSS = `<style>
.sluice-table{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:12px;line-height:1.35;color:#222;max-width:100%;overflow-x:auto;margin:2px 0}
div.sluice-table table.sl-t{border-collapse:collapse;border:none;margin:0;table-layout:auto;width:auto;font-size:12px}
div.sluice-table table.sl-t th,div.sluice-table table.sl-t td{padding:3px 10px;border:none;border-bottom:1px solid #e6e6e6;text-align:left;vertical-align:top;white-space:nowrap;max-width:none;line-height:1.35;unicode-bidi:isolate}
div.sluice-table table.sl-t thead th{border-bottom:2px solid #bbb;font-weight:600;background:#fafafa;position:sticky;top:0}
div.sluice-table table.sl-t th.sl-num,div.sluice-table table.sl-t td.sl-num{text-align:right;font-variant-numeric:tabular-nums}
div.sluice-table table.sl-t tbody tr{background:#fff}
div.sluice-table table.sl-t tbody tr:nth-child(even){background:#f8f9fb}
div.sluice-table table.sl-t tbody tr:hover{background:#eef3fb}
.sluice-table .sl-type{font-weight:400;font-size:10px;color:#888;font-family:SFMono-Regular,Menlo,Consolas,monospace}
div.sluice-table table.sl-t td.sl-null{color:#aaa;font-style:italic;font-size:11px}
.sluice-table .sl-empty{color:#ccc}
.sluice-table .sl-title{font-weight:600;font-size:13px;margin:2px 0 4px}
.sluice-table .sl-foot{color:#666;font-size:11px;margin-top:4px}
.sluice-table .sl-note{color:#666;font-size:11px;margin-top:1px}
</style>`

// cellText returns row i of column c formatted for display, and whether it is NULL.
func cellText(c *Column, i int) (string, bool) {
	if c.IsNull(i) {
		return "NULL", true
	}
	return c.Text(i), false
}

// isNumeric reports whether the values of column c are right-aligned.
func isNumeric(c *Column) bool { return c.Kind() == KindInt || c.Kind() == KindFloat }

// TableHTML renders t as a self-contained, styled HTML fragment. Every value is
// escaped; numbers are right-aligned with thousands separators; NULL is shown greyed and
// italic, distinct from the empty string; cells longer than 80 characters are cut with
// an ellipsis and keep the full value in their tooltip.
func TableHTML(t *Table) string {
	if t == nil {
		return "<div class=\"sluice-table\"><em>nil table</em></div>"
	}
	rows := t.PreviewRows()
	var b strings.Builder
	b.Grow(512 + rows*t.NumCols()*40)
	b.WriteString(`<div class="sluice-table">`)
	b.WriteString(tableCSS)
	if t.Title != "" {
		b.WriteString(`<div class="sl-title">`)
		b.WriteString(html.EscapeString(t.Title))
		b.WriteString(`</div>`)
	}
	b.WriteString("<table class=\"sl-t\">\n<thead><tr>")
	for _, c := range t.Columns {
		if isNumeric(c) {
			b.WriteString(`<th class="sl-num">`)
		} else {
			b.WriteString(`<th>`)
		}
		b.WriteString(html.EscapeString(c.Name))
		// A <br>, not CSS, puts the type under the name: front ends that sanitize the HTML
		// of untrusted notebooks drop the <style>, and "name type" must not run together.
		b.WriteString(`<br><span class="sl-type">`)
		b.WriteString(html.EscapeString(c.TypeName()))
		b.WriteString("</span></th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for i := 0; i < rows; i++ {
		b.WriteString("<tr>")
		for _, c := range t.Columns {
			s, null := cellText(c, i)
			switch {
			case null:
				b.WriteString(`<td class="sl-null">NULL</td>`)
				continue
			case isNumeric(c):
				b.WriteString(`<td class="sl-num">`)
			default:
				b.WriteString(`<td>`)
			}
			if s == "" {
				b.WriteString(`<span class="sl-empty" title="empty string">&#8203;</span></td>`)
				continue
			}
			if utf8.RuneCountInString(s) > maxHTMLCellRunes {
				full := s
				if utf8.RuneCountInString(full) > maxTitleRunes {
					full = string([]rune(full)[:maxTitleRunes]) + "…"
				}
				b.WriteString(`<span title="`)
				b.WriteString(html.EscapeString(full))
				b.WriteString(`">`)
				b.WriteString(html.EscapeString(oneLine(shorten(s, maxHTMLCellRunes))))
				b.WriteString(`</span></td>`)
				continue
			}
			b.WriteString(html.EscapeString(oneLine(s)))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n")
	b.WriteString(`<div class="sl-foot">`)
	b.WriteString(html.EscapeString(t.Footer()))
	b.WriteString(`</div>`)
	if t.Note != "" {
		b.WriteString(`<div class="sl-note">`)
		b.WriteString(html.EscapeString(t.Note))
		b.WriteString(`</div>`)
	}
	b.WriteString("</div>")
	return b.String()
}

// TableBundle returns t as text/html and text/plain (its String form); Render uses it
// for a table that is a cell's value.
func TableBundle(t *Table) Bundle {
	return Bundle{Data: map[string]any{MIMEHTML: TableHTML(t), MIMEText: t.String()}}
}

// oneLine replaces line breaks and tabs so a value stays on one table line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵", "\t", " ").Replace(s)
}
