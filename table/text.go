package table

import (
	"fmt"
	"strings"
	"unicode"
)

// DefaultLimit is the number of rows a table's preview shows when its Limit is 0.
const DefaultLimit = 20

// maxTextCellRunes is the widest a value is shown in the text form; longer values are
// cut with an ellipsis.
const maxTextCellRunes = 40

// PreviewRows returns how many rows a preview of the table shows (see Limit).
func (t *Table) PreviewRows() int {
	n := t.NumRows()
	switch {
	case t.Limit < 0:
		return n
	case t.Limit == 0:
		return min(n, DefaultLimit)
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

// Footer describes the rows a preview shows: "showing 20 of 1,064,337 rows · 5 columns".
func (t *Table) Footer() string {
	shown, total := int64(t.PreviewRows()), t.Total()
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

// String renders the table as aligned plain text (psql style) for terminals and logs:
// a header with names and types, numbers right-aligned, long values cut with an
// ellipsis, and the same footer as the HTML.
func (t *Table) String() string {
	if t == nil {
		return "<nil table>"
	}
	rows := t.PreviewRows()
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
			s := c.Text(i)
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
			if t.Columns[j].numeric() {
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
	b.WriteString("(" + t.Footer() + ")")
	if t.Note != "" {
		b.WriteString("\n" + safeText(t.Note))
	}
	return b.String()
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

// numeric reports whether the column's values are right-aligned.
func (c *Column) numeric() bool { return c.kind == KindInt || c.kind == KindFloat }
