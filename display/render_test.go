package display

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

type htmlOnly struct{}

func (htmlOnly) HTML() string { return "<b>hi</b>" }

type richValue struct{}

func (richValue) HTML() string     { return "<i>rich</i>" }
func (richValue) Markdown() string { return "*rich*" }
func (richValue) SVG() string      { return "<svg/>" }
func (richValue) String() string   { return "rich value" }

type bundlerAndHTML struct{}

func (bundlerAndHTML) Bundle() Bundle { return Markdown("from Bundle") }
func (bundlerAndHTML) HTML() string   { return "<p>ignored</p>" }

type pngValue struct{ data []byte }

func (p pngValue) PNG() []byte { return p.data }

type panicky struct{}

func (panicky) HTML() string { panic("boom") }

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRenderPrecedence(t *testing.T) {
	p := plot.New()
	l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	p.Add(l)
	img := image.NewGray(image.Rect(0, 0, 3, 2))
	pngData := testPNG(t, 7, 5)

	cases := []struct {
		name  string
		v     any
		mimes []string
		text  string
	}{
		{"bundler wins over HTML", bundlerAndHTML{}, []string{MIMEMarkdown, MIMEText}, "from Bundle"},
		{"table", NewTable(IntColumn("n", []int64{1})), []string{MIMEHTML, MIMEText}, ""},
		{"chart", BarChart([]string{"a"}, []float64{1}, ChartOptions{}), []string{MIMEPNG, MIMESVG, MIMEText, MIMEVegaLite}, ""},
		{"plot.Plot", p, []string{MIMEPNG, MIMESVG, MIMEText}, ""},
		{"all rich methods combined", richValue{}, []string{MIMEHTML, MIMEMarkdown, MIMESVG, MIMEText}, "rich value"},
		{"HTML only", htmlOnly{}, []string{MIMEHTML, MIMEText}, "{}"},
		{"PNGer", pngValue{pngData}, []string{MIMEPNG, MIMEText}, ""},
		{"image.Image", img, []string{MIMEPNG, MIMEText}, "[PNG image, 3×2]"},
		{"error", errors.New("it broke"), []string{MIMEText}, "it broke"},
		{"fmt fallback", 42, []string{MIMEText}, "42"},
		{"helper bundle", HTML("<p>x &amp; y</p>"), []string{MIMEHTML, MIMEText}, "x & y"},
		{"bundle pointer", &Bundle{Data: map[string]any{MIMEHTML: "<p>z</p>"}}, []string{MIMEHTML, MIMEText}, "z"},
		{"nil", nil, []string{MIMEText}, "<nil>"},
		{"panicking method", panicky{}, []string{MIMEText}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := Render(tc.v)
			if len(b.Data) != len(tc.mimes) {
				t.Errorf("got MIME types %v, want %v", keys(b.Data), tc.mimes)
			}
			for _, m := range tc.mimes {
				if _, ok := b.Data[m]; !ok {
					t.Errorf("missing %s (have %v)", m, keys(b.Data))
				}
			}
			if tc.text != "" && b.Data[MIMEText] != tc.text {
				t.Errorf("text/plain = %q, want %q", b.Data[MIMEText], tc.text)
			}
		})
	}
	if s := Render(panicky{}).Data[MIMEText].(string); !strings.Contains(s, "panicked: boom") {
		t.Errorf("panic not reported: %q", s)
	}
	if md := Render(pngValue{pngData}).Metadata[MIMEPNG].(map[string]any); md["width"] != 7 || md["height"] != 5 {
		t.Errorf("PNG metadata = %v", md)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestHelpers(t *testing.T) {
	if b := JSON(map[string]any{"a": []int{1, 2}}); b.Data[MIMEText] != "{\n  \"a\": [\n    1,\n    2\n  ]\n}" {
		t.Errorf("JSON text = %q", b.Data[MIMEText])
	} else if got := wireJSON(t, b.Data)[MIMEJSON].(map[string]any); len(got["a"].([]any)) != 2 {
		t.Errorf("JSON data = %v", got)
	}
	if b := JSON(make(chan int)); !strings.Contains(b.Data[MIMEText].(string), "display.JSON") {
		t.Errorf("unmarshalable JSON did not report an error: %v", b.Data)
	}
	if b := LaTeX(`$x^2$`); b.Data[MIMELaTeX] != `$x^2$` {
		t.Error("LaTeX")
	}
	if b := Markdown("# T"); b.Data[MIMEMarkdown] != "# T" || b.Data[MIMEText] != "# T" {
		t.Error("Markdown")
	}
	if b := SVG("<svg></svg>"); b.Data[MIMESVG] != "<svg></svg>" {
		t.Error("SVG")
	}
	b := PNG(testPNG(t, 10, 4)).WithSize(20, 8)
	if md := b.Metadata[MIMEPNG].(map[string]any); md["width"] != 20 || md["height"] != 8 {
		t.Errorf("WithSize metadata = %v", md)
	}
	if h := HTML("<style>p{}</style><p>Hello <b>world</b></p>"); h.Data[MIMEText] != "Hello world" {
		t.Errorf("HTML text = %q", h.Data[MIMEText])
	}
}

func TestFileByExtension(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		path string
		mime string
	}{
		{write("a.png", testPNG(t, 3, 3)), MIMEPNG},
		{write("a.svg", []byte("<svg/>")), MIMESVG},
		{write("a.html", []byte("<p>x</p>")), MIMEHTML},
		{write("a.md", []byte("# x")), MIMEMarkdown},
		{write("a.json", []byte(`{"k": 1}`)), MIMEJSON},
		{write("a.txt", []byte("plain")), MIMEText},
	} {
		if _, ok := File(tc.path).Data[tc.mime]; !ok {
			t.Errorf("File(%s) lacks %s", filepath.Base(tc.path), tc.mime)
		}
	}
	b := File(filepath.Join(dir, "missing.png"))
	if s := b.Data[MIMEText].(string); !strings.Contains(s, "missing.png") {
		t.Errorf("missing file error = %q", s)
	}
	if _, ok := File(write("bad.json", []byte("{"))).Data[MIMEJSON]; ok {
		t.Error("invalid JSON file shown as JSON")
	}
}

func TestShowHandleClearInput(t *testing.T) {
	r := &inputRecorder{}
	r.answers = []string{"alice", "s3cret"}
	withPublisher(t, r)

	if err := Show(HTML("<p>a</p>"), 7); err != nil {
		t.Fatal(err)
	}
	h := NewHandle()
	if err := h.Show("first"); err != nil {
		t.Fatal(err)
	}
	if err := h.Update("second"); err != nil {
		t.Fatal(err)
	}
	if err := Clear(true); err != nil {
		t.Fatal(err)
	}
	if len(r.msgs) != 4 {
		t.Fatalf("published %d messages, want 4", len(r.msgs))
	}
	if r.msgs[0].id != "" || r.msgs[0].update || r.msgs[1].b.Data[MIMEText] != "7" {
		t.Errorf("Show published %+v", r.msgs[:2])
	}
	if r.msgs[2].id != h.ID() || r.msgs[2].update || r.msgs[3].id != h.ID() || !r.msgs[3].update {
		t.Errorf("handle published %+v", r.msgs[2:])
	}
	if r.msgs[3].b.Data[MIMEText] != "second" {
		t.Errorf("update carried %v", r.msgs[3].b.Data)
	}
	if NewHandle().ID() == h.ID() {
		t.Error("display ids repeat")
	}
	if len(r.clears) != 1 || !r.clears[0] {
		t.Errorf("clears = %v", r.clears)
	}
	name, err := Input("name? ")
	if err != nil || name != "alice" {
		t.Errorf("Input = %q, %v", name, err)
	}
	pw, err := Password("password? ")
	if err != nil || pw != "s3cret" {
		t.Errorf("Password = %q, %v", pw, err)
	}
	if r.prompts[1] != "[password] password? " {
		t.Errorf("prompts = %q", r.prompts)
	}

	// A publisher that cannot ask for input says so.
	withPublisher(t, &recorder{})
	if _, err := Input("x"); err == nil || !strings.Contains(err.Error(), "cannot ask for input") {
		t.Errorf("Input without support: %v", err)
	}
}
