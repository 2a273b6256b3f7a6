package display

import (
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultTableLimit is the number of rows a table shows when its Limit is 0.
const DefaultTableLimit = 20

// Cell width limits: longer values are cut with an ellipsis (the HTML keeps the full
// value, up to maxTitleRunes, in the cell's tooltip).
const (
	maxHTMLCellRunes = 80
	maxTextCellRunes = 40
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

// limit returns how many rows to render.
func (t *Table) limit() int {
	n := t.NumRows()
	switch {
	case t.Limit < 0:
		return n
	case t.Limit == 0:
		return min(n, DefaultTableLimit)
	default:
		return min(n, t.Limit)
	}
}

// Total returns the table's full row count: TotalRows when it is larger than the rows
// held, otherwise NumRows.
func (t *Table) Total() int64 {
	if t == nil {
		return 0
	}
	return max(t.TotalRows, int64(t.NumRows()))
}

// footer describes the rows shown: "showing 20 of 1,064,337 rows · 5 columns".
func (t *Table) footer() string {
	shown, total := int64(t.limit()), t.Total()
	cols := fmt.Sprintf("%d column%s", t.NumCols(), plural(int64(t.NumCols())))
	if shown < total {
		return fmt.Sprintf("showing %s of %s rows · %s", FormatInt(shown), FormatInt(total), cols)
	}
	return fmt.Sprintf("%s row%s · %s", FormatInt(total), plural(total), cols)
}

func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cellText returns row i of column c formatted for display, and whether it is NULL.
func cellText(c *Column, i int) (string, bool) {
	if c.IsNull(i) {
		return "NULL", true
	}
	return formatValue(c.Value(i)), false
}

// HTML renders the table as a self-contained, styled HTML fragment. Every value is
// escaped; numbers are right-aligned with thousands separators; NULL is shown greyed and
// italic, distinct from the empty string; cells longer than 80 characters are cut with
// an ellipsis and keep the full value in their tooltip.
func (t *Table) HTML() string {
	if t == nil {
		return "<div class=\"sluice-table\"><em>nil table</em></div>"
	}
	rows := t.limit()
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
		if isNumeric(c.Kind) {
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
			case isNumeric(c.Kind):
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
	b.WriteString(html.EscapeString(t.footer()))
	b.WriteString(`</div>`)
	if t.Note != "" {
		b.WriteString(`<div class="sl-note">`)
		b.WriteString(html.EscapeString(t.Note))
		b.WriteString(`</div>`)
	}
	b.WriteString("</div>")
	return b.String()
}

// String renders the table as aligned plain text (psql style) for terminals and logs:
// a header with names and types, numbers right-aligned, long values cut with an
// ellipsis, and the same footer as the HTML.
func (t *Table) String() string {
	if t == nil {
		return "<nil table>"
	}
	rows := t.limit()
	ncol := t.NumCols()
	cells := make([][]string, rows+2)
	cells[0] = make([]string, ncol)
	cells[1] = make([]string, ncol)
	widths := make([]int, ncol)
	for j, c := range t.Columns {
		cells[0][j] = fitWidth(safeText(c.Name), maxTextCellRunes)
		cells[1][j] = c.TypeName()
	}
	for i := 0; i < rows; i++ {
		row := make([]string, ncol)
		for j, c := range t.Columns {
			s, _ := cellText(c, i)
			row[j] = fitWidth(safeText(s), maxTextCellRunes)
		}
		cells[i+2] = row
	}
	for _, row := range cells {
		for j, s := range row {
			widths[j] = max(widths[j], textWidth(s))
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(safeText(t.Title))
		b.WriteByte('\n')
	}
	writeRow := func(row []string) {
		for j, s := range row {
			if j > 0 {
				b.WriteString(" | ")
			} else {
				b.WriteByte(' ')
			}
			pad := strings.Repeat(" ", widths[j]-textWidth(s))
			if isNumeric(t.Columns[j].Kind) {
				b.WriteString(pad + s)
			} else if j == len(row)-1 {
				b.WriteString(s)
			} else {
				b.WriteString(s + pad)
			}
		}
		b.WriteByte('\n')
	}
	if ncol > 0 {
		writeRow(cells[0])
		writeRow(cells[1])
		for j, w := range widths {
			if j > 0 {
				b.WriteByte('+')
			}
			b.WriteString(strings.Repeat("-", w+2))
		}
		b.WriteByte('\n')
		for _, row := range cells[2:] {
			writeRow(row)
		}
	}
	b.WriteString("(" + t.footer() + ")")
	if t.Note != "" {
		b.WriteString("\n" + safeText(t.Note))
	}
	return b.String()
}

// Bundle returns the table as text/html and text/plain.
func (t *Table) Bundle() Bundle {
	return Bundle{Data: map[string]any{MIMEHTML: t.HTML(), MIMEText: t.String()}}
}

// oneLine replaces line breaks and tabs so a value stays on one table line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	return strings.NewReplacer("\r\n", "↵", "\n", "↵", "\r", "↵", "\t", " ").Replace(s)
}

// textWidth estimates how many terminal columns s occupies: East Asian wide and
// full-width characters and most emoji take two, combining marks none.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x0300 && r <= 0x036F, r == 0x200B, r >= 0xFE00 && r <= 0xFE0F:
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1F64F, r >= 0x1F900 && r <= 0x1F9FF,
			r >= 0x20000 && r <= 0x3FFFD:
			w += 2
		default:
			w++
		}
	}
	return w
}

// safeText folds line breaks and replaces control and bidirectional-override characters,
// so a value can neither break the table's lines nor drive the terminal.
func safeText(s string) string {
	s = oneLine(s)
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// fitWidth cuts s to at most w terminal columns, marking the cut with an ellipsis.
func fitWidth(s string, w int) string {
	if textWidth(s) <= w {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := textWidth(string(r))
		if used+rw > w-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String() + "…"
}
