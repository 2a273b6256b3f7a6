package display

import (
	"html"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// groupThousands inserts commas into the integer part of a formatted decimal number.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = s[:1], s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.Grow(len(s) + len(intPart)/3 + 1)
	b.WriteString(sign)
	head := len(intPart) % 3
	if head > 0 {
		b.WriteString(intPart[:head])
	}
	for i := head; i < len(intPart); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}

// trimZeros drops trailing fractional zeros (and a bare decimal point).
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

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
