package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

func htmlEscape(s string) string { return html.EscapeString(s) }

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

// RenderHTML renders an executed notebook as one standalone HTML page: Markdown cells
// as HTML, code cells with their source, and every output inline (images as data URIs,
// HTML outputs as they are, text preformatted).
func RenderHTML(nb *Notebook) []byte {
	var b bytes.Buffer
	title := "notebook"
	if pm, ok := nb.Metadata["papermill"].(map[string]any); ok {
		if p, ok := pm["input_path"].(string); ok {
			title = p
		}
	}
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s</title>
<style>
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
.cell{margin:1em 0}
.input{display:flex}.prompt{width:5.5em;flex:none;color:#307fc1;font-family:monospace;font-size:.85em;padding-top:.5em}
.out .prompt{color:#bf5b3d}
pre.src{flex:1;background:#f7f7f7;border:1px solid #e0e0e0;border-radius:3px;padding:.5em;overflow-x:auto;margin:0}
.out{display:flex;margin-top:.3em}.out>div{flex:1;overflow-x:auto}
pre.stream{margin:0;padding:.3em 0}pre.stderr{background:#fdd;padding:.3em}
pre.error{background:#fdd;padding:.5em;white-space:pre-wrap}
.md{padding-left:5.5em}img{max-width:100%%}
</style></head><body>
`, html.EscapeString(title))
	for _, c := range nb.Cells {
		switch c.Type {
		case "markdown":
			var md bytes.Buffer
			if err := markdown.Convert([]byte(c.Source), &md); err != nil {
				md.WriteString("<pre>" + html.EscapeString(c.Source) + "</pre>")
			}
			fmt.Fprintf(&b, "<div class=\"cell md\">%s</div>\n", md.String())
		case "code":
			n := " "
			if c.ExecutionCount != nil {
				n = fmt.Sprint(*c.ExecutionCount)
			}
			fmt.Fprintf(&b, "<div class=\"cell\"><div class=\"input\"><div class=\"prompt\">In [%s]:</div><pre class=\"src\">%s</pre></div>\n", n, html.EscapeString(c.Source))
			for _, o := range c.Outputs {
				prompt := ""
				if o["output_type"] == "execute_result" {
					prompt = fmt.Sprintf("Out[%s]:", n)
				}
				fmt.Fprintf(&b, "<div class=\"out\"><div class=\"prompt\">%s</div><div>%s</div></div>\n", prompt, renderOutput(o))
			}
			b.WriteString("</div>\n")
		case "raw":
			fmt.Fprintf(&b, "<div class=\"cell\"><pre>%s</pre></div>\n", html.EscapeString(c.Source))
		}
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
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

// renderBundle picks the richest representation a static page can show.
func renderBundle(data map[string]any) string {
	str := func(k string) (string, bool) {
		s, ok := data[k].(string)
		return s, ok
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

// WriteHTML writes the standalone HTML rendering of nb to path, atomically.
func WriteHTML(path string, nb *Notebook) error {
	return writeAtomic(path, RenderHTML(nb))
}
