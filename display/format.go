package display

import (
	"html"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// FormatInt formats n with thousands separators: 1064337 → "1,064,337" (table.FormatInt).
func FormatInt(n int64) string { return table.FormatInt(n) }

// FormatFloat formats f readably (table.FormatFloat).
func FormatFloat(f float64) string { return table.FormatFloat(f) }

// FormatTime formats a timestamp readably (table.FormatTime).
func FormatTime(t time.Time) string { return table.FormatTime(t) }

// FormatBytes formats a byte count with binary units: 1536 → "1.5 KiB" (table.FormatBytes).
func FormatBytes(n int64) string { return table.FormatBytes(n) }

// FormatDuration formats a duration to a readable precision (table.FormatDuration).
func FormatDuration(d time.Duration) string { return table.FormatDuration(d) }

func htmlEscape(s string) string   { return html.EscapeString(s) }
func htmlUnescape(s string) string { return html.UnescapeString(s) }
