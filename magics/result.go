package magics

import (
	"github.com/sluice-dev/sluice/display"
)

// textResult is plain text shown as the cell's result.
type textResult string

// Bundle returns the text as text/plain.
func (t textResult) Bundle() display.Bundle { return display.Text(string(t)) }

// htmlResult is HTML shown as the cell's result (from %%html).
type htmlResult string

// Bundle returns the HTML with its source as the text/plain fallback.
func (h htmlResult) Bundle() display.Bundle {
	return display.Bundle{Data: map[string]any{display.MIMEHTML: string(h), display.MIMEText: string(h)}}
}

// markdownResult is Markdown shown as the cell's result (from %%markdown and %help).
type markdownResult struct {
	md, text string
}

// Bundle returns the Markdown with a plain-text fallback.
func (m markdownResult) Bundle() display.Bundle {
	text := m.text
	if text == "" {
		text = m.md
	}
	return display.Bundle{Data: map[string]any{display.MIMEMarkdown: m.md, display.MIMEText: text}}
}
