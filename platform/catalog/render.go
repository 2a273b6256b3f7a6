package catalog

import (
	"fmt"
	"html"
	"strings"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// tableBundle renders t through display's table rendering with summary as the first
// line of the plain text and a paragraph above the HTML table.
func tableBundle(t *table.Table, summary string) display.Bundle {
	b := display.TableBundle(t)
	if summary != "" {
		b.Data[display.MIMEText] = summary + "\n" + b.Data[display.MIMEText].(string)
		b.Data[display.MIMEHTML] = "<p>" + html.EscapeString(summary) + "</p>\n" + b.Data[display.MIMEHTML].(string)
	}
	return b
}

// htmlTable renders t with display's HTML table renderer.
func htmlTable(t *table.Table) string { return display.TableHTML(t) }

// HTML renders the dataset's catalog entry: its schema with name, identity and tags.
func (d *Dataset) HTML() string {
	return fmt.Sprintf("<p><b>%s</b> — %d fields%s%s</p>\n%s", html.EscapeString(d.Name), len(d.Fields),
		html.EscapeString(identityText(d)), html.EscapeString(tagText(d)), htmlTable(d.Schema()))
}

// String summarizes the dataset on one line.
func (d *Dataset) String() string {
	return fmt.Sprintf("dataset %s: %d fields%s%s", d.Name, len(d.Fields), identityText(d), tagText(d))
}

// Bundle renders the dataset's catalog entry as a table plus a one-line summary.
func (d *Dataset) Bundle() display.Bundle { return tableBundle(d.Schema(), d.String()) }

func identityText(d *Dataset) string {
	if d.IdentityField == "" {
		return ""
	}
	return ", identity " + d.IdentityField
}

func tagText(d *Dataset) string {
	if len(d.Tags) == 0 {
		return ""
	}
	return ", tags " + strings.Join(d.Tags, ", ")
}
