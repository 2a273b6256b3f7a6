package audience

import (
	"fmt"
	"html"
	"strings"
)

// card renders key/value rows as a small HTML table under a title; rows with an empty
// value are left out.
func card(title string, rows [][2]string) string {
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
	return b.String()
}
