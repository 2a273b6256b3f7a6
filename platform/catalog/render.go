package catalog

import (
	"fmt"
	"html"
	"strings"
)

// String summarizes the dataset on one line.
func (d *Dataset) String() string {
	return fmt.Sprintf("dataset %s: %d fields%s%s", d.Name, len(d.Fields), identityText(d), tagText(d))
}

// DisplayParts shows the dataset's catalog entry: its one-line summary above its schema
// (display.Composite).
func (d *Dataset) DisplayParts() []any { return []any{d.String(), d.Schema()} }

// preformatted is text shown as is (SQL): preformatted in HTML.
type preformatted string

// String returns the text.
func (p preformatted) String() string { return string(p) }

// HTML returns the text escaped in a <pre> block.
func (p preformatted) HTML() string { return "<pre>" + html.EscapeString(string(p)) + "</pre>" }

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
