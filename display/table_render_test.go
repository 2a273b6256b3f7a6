package display

import (
	"flag"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
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
	golden(t, "table.html", tb.HTML())
	golden(t, "table.txt", tb.String())

	tb.TotalRows = 1064337
	tb.Limit = 2
	golden(t, "table_truncated.txt", tb.String())
	if h := tb.HTML(); !strings.Contains(h, "showing 2 of 1,064,337 rows") {
		t.Errorf("truncated HTML lacks the footer:\n%s", h)
	}
}

func TestTableHTMLFormatting(t *testing.T) {
	h := sampleTable(t).HTML()
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
		`<td>2024-03-01 14:05:09.123 +02:00</td>`,
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
	h := tb.HTML()
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
	if got := strings.Count(tb.HTML(), "<tr>") - 1; got != DefaultTableLimit {
		t.Errorf("default limit shows %d rows, want %d", got, DefaultTableLimit)
	}
	if !strings.Contains(tb.String(), "showing 20 of 50 rows") {
		t.Errorf("footer wrong: %s", tb.String())
	}
	tb.Limit = -1
	if got := strings.Count(tb.HTML(), "<tr>") - 1; got != 50 {
		t.Errorf("Limit -1 shows %d rows, want all 50", got)
	}
	if !strings.Contains(tb.String(), "50 rows · 1 column") {
		t.Errorf("footer wrong: %s", tb.String())
	}
}

func TestTableFromRowsAndAppend(t *testing.T) {
	tb, err := TableFromRows([]string{"a", "b", "c"}, [][]any{{1, 2, "x"}, {nil, 2.5, nil}})
	if err != nil {
		t.Fatal(err)
	}
	kinds := []Kind{tb.Columns[0].Kind, tb.Columns[1].Kind, tb.Columns[2].Kind}
	if kinds[0] != KindInt || kinds[1] != KindFloat || kinds[2] != KindString {
		t.Fatalf("kinds = %v", kinds)
	}
	if !tb.Columns[0].IsNull(1) || tb.Columns[0].IsNull(0) {
		t.Error("NULL not recorded")
	}
	if err := tb.AppendRow(3, 4, "y"); err != nil {
		t.Fatal(err)
	}
	if err := tb.AppendRow("not a number", 1, "z"); err == nil {
		t.Fatal("appending a string to an int column succeeded")
	}
	if tb.NumRows() != 3 {
		t.Fatalf("a failed append changed the table: %d rows", tb.NumRows())
	}
	f, _ := tb.Float64s("b")
	if f[0] != 2 || f[1] != 2.5 || f[2] != 4 {
		t.Errorf("b = %v", f)
	}
	if _, err := TableFromRows([]string{"a", "b"}, [][]any{{1}}); err == nil {
		t.Error("short row accepted")
	}
}

func TestTableFromStructs(t *testing.T) {
	type trial struct {
		ID      int       `json:"trial"`
		Model   string    `json:"model"`
		AUC     float64   `json:"auc"`
		Best    bool      `json:"best"`
		At      time.Time `json:"at"`
		Depth   *int      `json:"depth"`
		Params  map[string]any
		private int
		Skip    string `json:"-"`
	}
	d := 6
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tb, err := TableFromStructs([]*trial{
		{ID: 1, Model: "gbm", AUC: 0.87, Best: true, At: at, Depth: &d, Params: map[string]any{"lr": 0.1}},
		nil,
		{ID: 2, Model: "lr", AUC: 0.81, At: at},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.ColumnNames(), ","); got != "trial,model,auc,best,at,depth,Params" {
		t.Fatalf("columns = %s", got)
	}
	if tb.NumRows() != 3 {
		t.Fatalf("rows = %d", tb.NumRows())
	}
	depth, _ := tb.Column("depth")
	if depth.Kind != KindInt || depth.IsNull(0) || !depth.IsNull(2) || !depth.IsNull(1) {
		t.Errorf("depth column = %+v", depth)
	}
	auc, _ := tb.Float64s("auc")
	if auc[0] != 0.87 || !math.IsNaN(auc[1]) {
		t.Errorf("auc = %v", auc)
	}
	if p, _ := tb.Column("Params"); p.TypeName() != "map[string]interface {}" {
		t.Errorf("Params type = %q", p.TypeName())
	}
	if !strings.Contains(tb.String(), `{"lr":0.1}`) {
		t.Errorf("text:\n%s", tb.String())
	}
	if _, err := TableFromStructs([]int{1}); err == nil {
		t.Error("slice of ints accepted")
	}
}

// TestTableHeaderReadsWhenSanitized strips the table's HTML the way front ends sanitize
// untrusted notebooks (no <style>, no classes, only the tags' text and line breaks) and
// checks each header still reads as its name, then its type, on separate lines.
func TestTableHeaderReadsWhenSanitized(t *testing.T) {
	h := sampleTable(t).HTML()
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
