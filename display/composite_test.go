package display

import (
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/progress"
)

// parts is a Composite as packages below display write one.
type parts []any

func (p parts) DisplayParts() []any { return p }

// selfPart lists itself among its parts.
type selfPart struct{}

func (s selfPart) DisplayParts() []any { return []any{"me", s} }
func (selfPart) String() string        { return "self" }

func TestRenderComposite(t *testing.T) {
	tab := NewTable(StringColumn("name", []string{"a<b"}), IntColumn("n", []int64{1200}))
	cases := []struct {
		name       string
		v          Composite
		text, html string
	}{
		{"summary above a table", parts{"dataset x: 2 fields", tab},
			"dataset x: 2 fields\n" + tab.String(), "<p>dataset x: 2 fields</p>\n" + TableHTML(tab)},
		{"summary alone, escaped", parts{"a < b & c"}, "a < b & c", "<p>a &lt; b &amp; c</p>"},
		{"several lines are preformatted", parts{tab, "SELECT 1\nFROM t"},
			tab.String() + "\nSELECT 1\nFROM t", TableHTML(tab) + "\n<pre>SELECT 1\nFROM t</pre>"},
		{"a part's own HTML and text", parts{richValue{}, htmlOnly{}}, "rich value\n{}", "<i>rich</i>\n<b>hi</b>"},
		{"nil parts are left out", parts{nil, "only", nil}, "only", "<p>only</p>"},
		{"nested", parts{"outer", parts{"inner", tab}}, "outer\ninner\n" + tab.String(),
			"<p>outer</p>\n<p>inner</p>\n" + TableHTML(tab)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := Render(tc.v)
			if len(b.Data) != 2 {
				t.Errorf("MIME types %v, want text/plain and text/html", keys(b.Data))
			}
			if got := b.Data[MIMEText]; got != tc.text {
				t.Errorf("text/plain =\n%q\nwant\n%q", got, tc.text)
			}
			if got := b.Data[MIMEHTML]; got != tc.html {
				t.Errorf("text/html =\n%q\nwant\n%q", got, tc.html)
			}
		})
	}
	// A composite that contains itself ends, its innermost copy shown as plain text.
	b := Render(selfPart{})
	if text := b.Data[MIMEText].(string); strings.Count(text, "me") != maxPartsDepth || !strings.HasSuffix(text, "\nself") {
		t.Errorf("self-nested composite: %q", text)
	}
	// A Bundle method wins over DisplayParts, like over every other method.
	if b := Render(struct {
		bundlerAndHTML
		parts
	}{parts: parts{"x"}}); b.Data[MIMEMarkdown] != "from Bundle" {
		t.Errorf("Bundler and Composite: %v", b.Data)
	}
}

// The bars packages below display start through package progress are display's
// Progress, published as the kernel's publisher receives them.
func TestProgressStarterIsDisplays(t *testing.T) {
	rec := &recorder{}
	old := SetPublisher(rec)
	defer SetPublisher(old)
	bar := progress.Start("ingest into events", 10)
	p, ok := bar.(*Progress)
	if !ok {
		t.Fatalf("progress.Start = %T, want *display.Progress", bar)
	}
	bar.Add(10)
	bar.DoneWith("2 batches, 0 failed")
	if !strings.Contains(p.String(), "ingest into events: done, 10") || !strings.Contains(p.String(), "2 batches, 0 failed") {
		t.Errorf("final line %q", p.String())
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.msgs) < 2 || rec.msgs[0].update || !rec.msgs[len(rec.msgs)-1].update {
		t.Fatalf("published %d displays, want the bar shown then updated", len(rec.msgs))
	}
	if html, _ := rec.msgs[len(rec.msgs)-1].b.Data[MIMEHTML].(string); !strings.Contains(html, `data-state="done"`) {
		t.Errorf("final display is not the finished bar: %s", html)
	}
}
