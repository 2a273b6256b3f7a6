package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// markdown renders Markdown cells as Jupyter does: HTML in them is kept (the run's
// error banner is HTML).
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()))

func htmlEscape(s string) string { return html.EscapeString(s) }

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// RunStatus is how a run ended, for the report's header.
type RunStatus struct {
	ExitCode int
	Err      error
}

// reportCSS lays the report out in two columns, prompts and content: the prompt keeps
// its width and the content takes the rest (min-width:0 lets a wide table scroll inside
// its output instead of widening the page).
const reportCSS = `
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1100px;margin:0 auto;padding:1em 1.5em 3em;color:#222;box-sizing:border-box}
header{border-bottom:1px solid #ddd;margin-bottom:1em}
h1.title{font-size:1.4em;margin:.4em 0;word-break:break-all}
.status{display:inline-block;padding:.3em .7em;border-radius:3px;font-weight:600;margin:.2em 0 .6em}
.status.ok{background:#e3f4e3;color:#1b5e20}.status.failed{background:#fde3e3;color:#b00}
.meta{color:#555;font-size:.9em;margin-left:.6em}
table.params{border-collapse:collapse;font-size:.9em;margin:.3em 0 .8em}
table.params th,table.params td{border:1px solid #ddd;padding:.2em .6em;text-align:left;font-family:monospace}
table.params th{font-family:inherit;background:#f4f4f4}
table.params td.given{font-weight:700}
nav.toc{font-size:.92em;margin:.3em 0 1em}nav.toc ol{margin:.2em 0;padding-left:1.6em}
nav.toc li.h2{margin-left:1em}nav.toc li.h3{margin-left:2em}nav.toc a.failed{color:#b00;font-weight:600}
.cell{margin:1em 0}
.input,.out{display:flex;gap:.5em;align-items:flex-start}
.out{margin-top:.3em}
.prompt{flex:0 0 5.5em;width:5.5em;color:#307fc1;font-family:monospace;font-size:.85em;padding-top:.5em;text-align:right}
.prompt .time{display:block;color:#888;font-size:.9em}
.cell.failed .prompt .time{color:#b00}
.out>.prompt{color:#bf5b3d}
pre.src{flex:1 1 auto;min-width:0;background:#f7f7f7;border:1px solid #e0e0e0;border-radius:3px;padding:.5em;overflow-x:auto;margin:0}
.cell.failed pre.src{border-color:#e99}
.out>.body{flex:1 1 auto;min-width:0;overflow-x:auto}
.body table{border-collapse:collapse}
pre{overflow-x:auto}
pre.stream{margin:0;padding:.3em 0}pre.stderr{background:#fdd;padding:.3em}
pre.error{background:#fdd;padding:.5em;white-space:pre-wrap}
.md{padding-left:6em}img,svg{max-width:100%;height:auto}
`

var headingTag = regexp.MustCompile(`(?s)<h([1-3]) id="([^"]*)">(.*?)</h[1-3]>`)
var tagText = regexp.MustCompile(`<[^>]*>`)

type tocEntry struct {
	level       int
	id, text    string
	failedEntry bool
}

// RenderHTML renders an executed notebook as one standalone HTML page: a header with the
// run's exit status, parameters and a table of contents (the Markdown headings and the
// cell that failed), then Markdown cells as HTML and code cells with their source, their
// time and every output inline (images as data URIs, HTML outputs as they are, text
// preformatted).
func RenderHTML(nb *Notebook, st RunStatus) []byte {
	title := "notebook"
	pm, _ := nb.Metadata["papermill"].(map[string]any)
	if p, ok := pm["input_path"].(string); ok {
		title = p
	}
	var body bytes.Buffer
	var toc []tocEntry
	for i, c := range nb.Cells {
		switch c.Type {
		case "markdown":
			var md bytes.Buffer
			if err := markdown.Convert([]byte(c.Source), &md, parser.WithContext(parser.NewContext())); err != nil {
				md.Reset()
				md.WriteString("<pre>" + html.EscapeString(c.Source) + "</pre>")
			}
			out := headingTag.ReplaceAllStringFunc(md.String(), func(h string) string {
				m := headingTag.FindStringSubmatch(h)
				id := fmt.Sprintf("c%d-%s", i, m[2])
				level := int(m[1][0] - '0')
				toc = append(toc, tocEntry{level: level, id: id, text: html.UnescapeString(tagText.ReplaceAllString(m[3], ""))})
				return fmt.Sprintf("<h%d id=\"%s\">%s</h%d>", level, id, m[3], level)
			})
			fmt.Fprintf(&body, "<div class=\"cell md\">%s</div>\n", out)
		case "code":
			n := " "
			if c.ExecutionCount != nil {
				n = fmt.Sprint(*c.ExecutionCount)
			}
			cls, timing := "cell", ""
			if cpm, ok := c.Metadata["papermill"].(map[string]any); ok {
				status, _ := cpm["status"].(string)
				if d, ok := cpm["duration"].(float64); ok {
					timing = fmt.Sprintf("%.2f s", d)
				} else if status == "skipped" || status == "pending" {
					timing = status
				}
				if status == "failed" {
					cls += " failed"
					timing += " ✗"
					toc = append(toc, tocEntry{id: fmt.Sprintf("cell-%d", i+1), text: fmt.Sprintf("In [%s] failed", n), failedEntry: true})
				}
			}
			fmt.Fprintf(&body, "<div class=\"%s\" id=\"cell-%d\"><div class=\"input\"><div class=\"prompt\">In [%s]:<span class=\"time\">%s</span></div><pre class=\"src\">%s</pre></div>\n",
				cls, i+1, n, html.EscapeString(timing), html.EscapeString(c.Source))
			for _, o := range c.Outputs {
				prompt := ""
				if o["output_type"] == "execute_result" {
					prompt = fmt.Sprintf("Out[%s]:", n)
				}
				fmt.Fprintf(&body, "<div class=\"out\"><div class=\"prompt\">%s</div><div class=\"body\">%s</div></div>\n", prompt, renderOutput(o))
			}
			body.WriteString("</div>\n")
		case "raw":
			fmt.Fprintf(&body, "<div class=\"cell\"><pre>%s</pre></div>\n", html.EscapeString(c.Source))
		}
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>%s</title>\n<style>%s</style></head><body>\n<header>\n<h1 class=\"title\">%s</h1>\n",
		html.EscapeString(title), reportCSS, html.EscapeString(title))
	writeStatus(&b, pm, st)
	writeParams(&b, pm)
	if len(toc) > 0 {
		b.WriteString("<nav class=\"toc\"><strong>Contents</strong><ol>\n")
		for _, e := range toc {
			cls := fmt.Sprintf("h%d", e.level)
			if e.failedEntry {
				fmt.Fprintf(&b, "<li><a class=\"failed\" href=\"#%s\">%s</a></li>\n", e.id, html.EscapeString(e.text))
				continue
			}
			fmt.Fprintf(&b, "<li class=\"%s\"><a href=\"#%s\">%s</a></li>\n", cls, e.id, html.EscapeString(e.text))
		}
		b.WriteString("</ol></nav>\n")
	}
	b.WriteString("</header>\n<main>\n")
	b.Write(body.Bytes())
	b.WriteString("</main>\n")
	writeVegaScripts(&b, body.Bytes())
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

// writeStatus writes the run's exit status, duration and start time.
func writeStatus(b *bytes.Buffer, pm map[string]any, st RunStatus) {
	cls, text := "ok", "exit 0: ok"
	if st.Err != nil {
		cls = "failed"
		msg, _, _ := strings.Cut(st.Err.Error(), "\n")
		text = fmt.Sprintf("exit %d: %s", st.ExitCode, msg)
	}
	fmt.Fprintf(b, "<div><span class=\"status %s\" id=\"exit-status\">%s</span>", cls, html.EscapeString(text))
	var meta []string
	if d, ok := pm["duration"].(float64); ok {
		meta = append(meta, fmt.Sprintf("%.1f s", d))
	}
	if s, ok := pm["start_time"].(string); ok {
		meta = append(meta, "started "+s)
	}
	if len(meta) > 0 {
		fmt.Fprintf(b, "<span class=\"meta\">%s</span>", html.EscapeString(strings.Join(meta, " · ")))
	}
	b.WriteString("</div>\n")
}

// writeParams writes the run's parameters: those given and the notebook's defaults.
func writeParams(b *bytes.Buffer, pm map[string]any) {
	given, _ := pm["parameters"].(map[string]any)
	defaults, _ := pm["default_parameters"].(map[string]any)
	names := map[string]bool{}
	for k := range given {
		names[k] = true
	}
	for k := range defaults {
		names[k] = true
	}
	if len(names) == 0 {
		return
	}
	sorted := make([]string, 0, len(names))
	for k := range names {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	b.WriteString("<table class=\"params\" id=\"parameters\"><tr><th>parameter</th><th>value</th><th>default</th><th>type</th></tr>\n")
	for _, k := range sorted {
		d, _ := defaults[k].(map[string]any)
		def, typ := fmt.Sprint(orDash(d["default"])), fmt.Sprint(orDash(d["type"]))
		value, cls := def, ""
		if v, ok := given[k]; ok {
			j, _ := json.Marshal(v)
			value, cls = string(j), " class=\"given\""
			if s, ok := v.(string); ok {
				value = s
			}
		}
		fmt.Fprintf(b, "<tr><td>%s</td><td%s>%s</td><td>%s</td><td>%s</td></tr>\n", html.EscapeString(k), cls, html.EscapeString(value), html.EscapeString(def), html.EscapeString(typ))
	}
	b.WriteString("</table>\n")
}

func orDash(v any) any {
	if v == nil || v == "" {
		return "–"
	}
	return v
}

func renderOutput(o map[string]any) string {
	switch o["output_type"] {
	case "stream":
		name, _ := o["name"].(string)
		text, _ := o["text"].(string)
		return fmt.Sprintf("<pre class=\"stream %s\">%s</pre>", html.EscapeString(name), html.EscapeString(ansi.ReplaceAllString(text, "")))
	case "error":
		var lines []string
		switch tb := o["traceback"].(type) {
		case []string:
			lines = tb
		case []any:
			for _, l := range tb {
				lines = append(lines, fmt.Sprint(l))
			}
		}
		text := strings.Join(lines, "\n")
		if text == "" {
			text = fmt.Sprintf("%v: %v", o["ename"], o["evalue"])
		}
		return "<pre class=\"error\">" + html.EscapeString(ansi.ReplaceAllString(text, "")) + "</pre>"
	case "execute_result", "display_data":
		data, _ := o["data"].(map[string]any)
		return renderBundle(data)
	}
	return ""
}

// renderBundle picks the richest representation a static page can show; a Vega-Lite
// chart is drawn interactively by the renderer the page inlines (see htmlvega.go).
func renderBundle(data map[string]any) string {
	str := func(k string) (string, bool) {
		s, ok := data[k].(string)
		return s, ok
	}
	if spec, ok := data[mimeVegaLite]; ok { // interactive, over the static picture
		static := ""
		if s, ok := str("image/png"); ok {
			static = `<img src="data:image/png;base64,` + strings.TrimSpace(s) + `">`
		}
		if out, ok := vegaChart(spec, static); ok {
			return out
		}
	}
	if s, ok := str("image/png"); ok {
		return `<img src="data:image/png;base64,` + strings.TrimSpace(s) + `">`
	}
	if s, ok := str("image/svg+xml"); ok {
		return s
	}
	if s, ok := str("image/jpeg"); ok {
		return `<img src="data:image/jpeg;base64,` + strings.TrimSpace(s) + `">`
	}
	if s, ok := str("text/html"); ok {
		return s
	}
	if s, ok := str("text/markdown"); ok {
		var md bytes.Buffer
		if markdown.Convert([]byte(s), &md) == nil {
			return md.String()
		}
	}
	if v, ok := data["application/json"]; ok {
		j, _ := json.MarshalIndent(v, "", "  ")
		return "<pre>" + html.EscapeString(string(j)) + "</pre>"
	}
	if s, ok := str("text/plain"); ok {
		return "<pre>" + html.EscapeString(s) + "</pre>"
	}
	return ""
}

// WriteHTML writes the standalone HTML rendering of nb, a run that ended with st, to
// path, atomically.
func WriteHTML(path string, nb *Notebook, st RunStatus) error {
	return writeAtomic(path, RenderHTML(nb, st))
}
