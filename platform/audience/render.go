package audience

import (
	"fmt"
	"html"
	"strings"

	"github.com/sluice-dev/sluice/display"
)

// card renders key/value rows as a small HTML table under a title, with text as the
// plain-text form.
func card(title string, rows [][2]string, text string) display.Bundle {
	var b strings.Builder
	fmt.Fprintf(&b, "<table><caption>%s</caption><tbody>", html.EscapeString(title))
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		fmt.Fprintf(&b, "<tr><th style=\"text-align:left\">%s</th><td style=\"text-align:left\">%s</td></tr>",
			html.EscapeString(r[0]), html.EscapeString(r[1]))
	}
	b.WriteString("</tbody></table>")
	return display.Bundle{Data: map[string]any{display.MIMEText: text, display.MIMEHTML: b.String()}}
}
