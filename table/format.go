package table

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// GroupThousands inserts commas into the integer part of a formatted decimal number:
// "1234567.5" → "1,234,567.5".
func GroupThousands(s string) string {
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

// TrimZeros drops trailing fractional zeros (and a bare decimal point): "2.50" → "2.5".
func TrimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// FormatInt formats n with thousands separators: 1064337 → "1,064,337".
func FormatInt(n int64) string { return GroupThousands(strconv.FormatInt(n, 10)) }

// FormatFloat formats f readably: thousands separators, about six significant digits,
// no trailing zeros, scientific notation only for very large or very small magnitudes.
func FormatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	case f == 0:
		return "0"
	}
	a := math.Abs(f)
	if a >= 1e15 || a < 1e-5 {
		return strconv.FormatFloat(f, 'g', 6, 64)
	}
	decimals := 5 - int(math.Floor(math.Log10(a)))
	decimals = min(max(decimals, 0), 6)
	return GroupThousands(TrimZeros(strconv.FormatFloat(f, 'f', decimals, 64)))
}

// FormatTime formats a timestamp readably: a date alone at UTC midnight, otherwise date
// and time to the second (milliseconds when present) with the zone.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return "0001-01-01"
	}
	_, off := t.Zone()
	if off == 0 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	layout := "2006-01-02 15:04:05"
	if t.Nanosecond()%int(time.Millisecond) != 0 {
		layout += ".000000"
	} else if t.Nanosecond() != 0 {
		layout += ".000"
	}
	if off == 0 {
		return t.Format(layout) + " UTC"
	}
	return t.Format(layout + " -07:00")
}

// FormatBytes formats a byte count with binary units: 1536 → "1.5 KiB".
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit && n > -unit {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n), 0
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	for f /= unit; math.Abs(f) >= unit && i < len(units)-1; i++ {
		f /= unit
	}
	return TrimZeros(fmt.Sprintf("%.1f", f)) + " " + units[i]
}

// FormatDuration formats a duration to a readable precision: "850ms", "12.3s", "4m05s",
// "2h03m".
func FormatDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "-" + FormatDuration(-d)
	case d < time.Millisecond:
		return d.String()
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < time.Minute:
		return TrimZeros(fmt.Sprintf("%.1f", d.Seconds())) + "s"
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	default:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
}

// FormatValue formats one cell value for display: numbers with thousands separators,
// times readably, JSON documents and arrays as JSON, bytes as hex; nil is "NULL".
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case int64:
		return FormatInt(x)
	case int:
		return FormatInt(int64(x))
	case int32:
		return FormatInt(int64(x))
	case float64:
		return FormatFloat(x)
	case float32:
		return FormatFloat(float64(x))
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return FormatTime(x)
	case time.Duration:
		return x.String()
	case []byte:
		if len(x) > 64 {
			return fmt.Sprintf("\\x%x… (%s)", x[:32], FormatBytes(int64(len(x))))
		}
		return fmt.Sprintf("\\x%x", x)
	case fmt.Stringer:
		return x.String()
	case map[string]any, []any, json.RawMessage:
		if b, err := json.Marshal(x); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}
