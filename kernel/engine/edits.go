package engine

import (
	"sort"
	"strings"
)

// edit replaces cell[off:off+n] with text. Edits never add line breaks, so the rewritten
// source keeps the cell's line numbers and only columns move.
type edit struct {
	off, n int
	text   string
	// late orders insertions at one offset: a late insertion goes after the others (the
	// end of a function literal wrapped around a statement that is itself rewritten).
	late bool
}

// applyEdits returns src[start:end] with the edits that fall inside it applied, and the
// edits used, sorted by offset. Edits are relative to the whole cell.
func applyEdits(src string, start, end int, edits []edit) (string, []edit) {
	var in []edit
	for _, e := range edits {
		if e.off >= start && e.off+e.n <= end {
			in = append(in, e)
		}
	}
	// At one offset, insertions come before a replacement that starts there.
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].off != in[j].off {
			return in[i].off < in[j].off
		}
		if (in[i].n == 0) != (in[j].n == 0) {
			return in[i].n == 0
		}
		return !in[i].late && in[j].late
	})
	var b strings.Builder
	pos := start
	var used []edit
	for _, e := range in {
		if e.off < pos { // overlapping edit: keep the outer one
			continue
		}
		b.WriteString(src[pos:e.off])
		b.WriteString(e.text)
		pos = e.off + e.n
		used = append(used, e)
	}
	b.WriteString(src[pos:end])
	return b.String(), used
}

// mapBack converts an offset in rewritten text (which started at cell offset start) back
// to a cell offset.
func mapBack(rewritten int, start int, used []edit) int {
	delta := 0 // rewritten minus original so far
	for _, e := range used {
		rs := e.off + delta - start // where the edit starts in rewritten text
		if rewritten < rs {
			break
		}
		if rewritten < rs+len(e.text) {
			return e.off
		}
		delta += len(e.text) - e.n
	}
	return rewritten - delta + start
}

// lineCol returns the 1-based line and column (in bytes) of offset off in s.
func lineCol(s string, off int) (line, col int) {
	if off > len(s) {
		off = len(s)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(s[:off], "\n")
	col = off - strings.LastIndex(s[:off], "\n")
	return line, col
}

// offsetOf returns the byte offset of 1-based line and column in s.
func offsetOf(s string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return len(s)
		}
		off += i + 1
	}
	off += col - 1
	if off > len(s) {
		off = len(s)
	}
	return off
}
