package display

import (
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./display -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./display -run %s -update to accept):\n--- got ---\n%s\n--- want ---\n%s", name, t.Name(), got, want)
	}
}

// sampleTable mixes every kind, NULLs, empty strings, zeros and big numbers.
func sampleTable(t *testing.T) *Table {
	t.Helper()
	tb, err := TableFromRows([]string{"id", "name", "amount", "seen_at", "active", "attrs"}, [][]any{
		{1, "alice", 1234.5, time.Date(2024, 3, 1, 14, 5, 9, 0, time.UTC), true, map[string]any{"tier": "gold"}},
		{2, "", 0.0, time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC), false, nil},
		{nil, nil, nil, nil, nil, []any{1, "x"}},
		{1064337, "bob", -0.000123, time.Date(2024, 3, 1, 14, 5, 9, 123000000, time.FixedZone("", 7200)), true, "plain"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tb.Columns[0].Type = "int8"
	tb.Columns[3].Type = "timestamptz"
	tb.Title = "Profiles"
	tb.Note = "query took 1.2s"
	return tb
}

func TestTableGolden(t *testing.T) {
	tb := sampleTable(t)
	golden(t, "table.html", TableHTML(tb))
	golden(t, "table.txt", tb.String())

	tb.TotalRows = 1064337
	tb.Limit = 2
	golden(t, "table_truncated.txt", tb.String())
	if h := TableHTML(tb); !strings.Contains(h, "showing 2 of 1,064,337 rows") {
		t.Errorf("truncated HTML lacks the footer:\n%s", h)
	}
}

func TestTableHTMLFormatting(t *testing.T) {
	h := TableHTML(sampleTable(t))
	for _, want := range []string{
		`<th class="sl-num">id<br><span class="sl-type">int8</span></th>`, // types in header, numbers right
		`<span class="sl-type">timestamptz</span>`,
		`<td class="sl-num">1,064,337</td>`, // thousands separators
		`<td class="sl-num">1,234.5</td>`,
		`<td class="sl-num">0</td>`,                    // zero is a number, not NULL
		`<td class="sl-null">NULL</td>`,                // NULL is marked
		`<span class="sl-empty" title="empty string">`, // empty string is not NULL
		`<td>2024-03-01 14:05:09 UTC</td>`,             // readable timestamps
		`<td>2024-03-02</td>`,
		`<td>2024-03-01 12:05:09.123 UTC</td>`, // times are kept in UTC
		`4 rows · 6 columns`,
		`query took 1.2s`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestTableEscapesHostileValues(t *testing.T) {
	long := strings.Repeat("長い値", 200) + "<end>"
	hostile := []string{
		`<script>alert("x")</script>`,
		`" onmouseover="alert(1)`,
		`'single' & <b>bold</b>`,
		"line1\nline2\ttab",
		"emoji 🎉 and RTL \u202e text",
		long,
	}
	tb := NewTable(StringColumn(`<img src=x onerror=alert(1)>`, hostile))
	tb.Title = `<h1>title</h1>`
	tb.Note = `<i>note</i>`
	h := TableHTML(tb)
	// No value may introduce markup: every tag in the output is one the renderer writes.
	allowed := regexp.MustCompile(`^(<br>|</?(div|style|table|thead|tbody|tr|th|td|span)( (class|title)="[^"<>]*")*>)$`)
	for _, tag := range regexp.MustCompile(`<[^>]*>`).FindAllString(h, -1) {
		if !allowed.MatchString(tag) {
			t.Errorf("unexpected tag in output: %s", tag)
		}
	}
	for _, bad := range []string{"<script", "<img", "<b>", "<h1>", "<i>", `" onmouseover`} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains unescaped %q", bad)
		}
	}
	if !strings.Contains(h, html.EscapeString(`<script>alert("x")</script>`)) {
		t.Error("escaped script text missing")
	}
	// Long values are cut with an ellipsis and keep the full value in the tooltip.
	if !strings.Contains(h, `title="`+html.EscapeString(long)+`"`) {
		t.Error("long value's tooltip does not hold the full value")
	}
	if !strings.Contains(h, "…</span>") {
		t.Error("long value is not cut with an ellipsis")
	}
	// Line breaks stay inside one cell.
	if !strings.Contains(h, "line1↵line2 tab") {
		t.Error("line breaks are not folded")
	}
	txt := tb.String()
	for _, line := range strings.Split(txt, "\n") {
		if textWidth(line) > 44 {
			t.Errorf("text line too wide (%d): %q", textWidth(line), line)
		}
	}
	if strings.ContainsRune(txt, 0x202e) {
		t.Error("text keeps a bidi override character")
	}
	if strings.Count(txt, "\n") != 1+3+len(hostile)+1 {
		t.Errorf("text rendering has stray line breaks:\n%s", txt)
	}
}

func TestTableTextAlignsWideCharacters(t *testing.T) {
	tb := NewTable(StringColumn("name", []string{"日本語", "abc"}), IntColumn("n", []int64{1, 22}))
	lines := strings.Split(tb.String(), "\n")
	// header, types, rule, two rows: the separators must line up.
	col := -1
	for _, l := range lines[:5] {
		i := strings.IndexAny(l, "|+")
		w := textWidth(l[:i])
		if col >= 0 && w != col {
			t.Fatalf("columns misaligned:\n%s", strings.Join(lines, "\n"))
		}
		col = w
	}
}

func TestTableLimits(t *testing.T) {
	vals := make([]int64, 50)
	for i := range vals {
		vals[i] = int64(i)
	}
	tb := NewTable(IntColumn("n", vals))
	if got := strings.Count(TableHTML(tb), "<tr>") - 1; got != DefaultTableLimit {
		t.Errorf("default limit shows %d rows, want %d", got, DefaultTableLimit)
	}
	if !strings.Contains(tb.String(), "showing 20 of 50 rows") {
		t.Errorf("footer wrong: %s", tb.String())
	}
	tb.Limit = -1
	if got := strings.Count(TableHTML(tb), "<tr>") - 1; got != 50 {
		t.Errorf("Limit -1 shows %d rows, want all 50", got)
	}
	if !strings.Contains(tb.String(), "50 rows · 1 column") {
		t.Errorf("footer wrong: %s", tb.String())
	}
}

// TestTableHeaderReadsWhenSanitized strips the table's HTML the way front ends sanitize
// untrusted notebooks (no <style>, no classes, only the tags' text and line breaks) and
// checks each header still reads as its name, then its type, on separate lines.
func TestTableHeaderReadsWhenSanitized(t *testing.T) {
	h := TableHTML(sampleTable(t))
	h = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(h, "")
	head := h[strings.Index(h, "<thead>"):strings.Index(h, "</thead>")]
	head = strings.ReplaceAll(head, "<br>", "\n")
	head = strings.ReplaceAll(head, "</th>", " | ")
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(head, "")
	for _, want := range []string{"id\nint8 | ", "\ntimestamptz | "} {
		if !strings.Contains(text, want) {
			t.Errorf("sanitized header %q lacks %q", text, want)
		}
	}
}

// textWidth is the terminal width of s, for the alignment checks: East Asian wide
// characters take two columns.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && unicode.Is(unicode.Han, r) || r >= 0x3040 && r <= 0x30FF || r >= 0x1F300 && r <= 0x1F9FF {
			w += 2
		} else if !unicode.Is(unicode.Mn, r) {
			w++
		}
	}
	return w
}
