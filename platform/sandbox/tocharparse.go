package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PostgreSQL's to_date(text, text), to_timestamp(text, text) and to_number(text, text)
// for the common templates: the same patterns as to_char read back, separators in the
// template matching any separator in the input (PostgreSQL's non-FX mode).

// dtParsed is what a template read from the input.
type dtParsed struct {
	year, month, day, hour, min, sec, usec int
	yday, julian                           int
	pm, ampm, hasTZ, tzNeg                 bool
	tzSecs                                 int
}

// errDatetime is an input the template does not read (SQLSTATE 22007).
type errDatetime struct{ msg string }

func (e errDatetime) Error() string { return e.msg }

// parseDatetime reads s with the template.
func parseDatetime(s, tmpl string) (dtParsed, error) {
	p := dtParsed{year: 1, month: 1, day: 1}
	i := 0
	skipSpace := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	// readInt reads up to max digits (all digits when max is 0), after blanks, with an
	// optional sign.
	readInt := func(max int, what string) (int, error) {
		skipSpace()
		j, neg := i, false
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			neg, j = s[j] == '-', j+1
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' && (max == 0 || k-j < max) {
			k++
		}
		if k == j {
			return 0, errDatetime{fmt.Sprintf("invalid value %q for %q", tcInputHead(s[i:]), what)}
		}
		n, _ := strconv.Atoi(s[j:k])
		if neg {
			n = -n
		}
		i = k
		return n, nil
	}
	for t := 0; t < len(tmpl); {
		for strings.HasPrefix(tmpl[t:], "FM") || strings.HasPrefix(tmpl[t:], "fm") || strings.HasPrefix(tmpl[t:], "FX") || strings.HasPrefix(tmpl[t:], "fx") ||
			strings.HasPrefix(tmpl[t:], "TM") || strings.HasPrefix(tmpl[t:], "tm") {
			t += 2
		}
		if t >= len(tmpl) {
			break
		}
		kw := ""
		for _, k := range dtByFirst[tmpl[t]] {
			if strings.HasPrefix(tmpl[t:], k) {
				kw = k
				break
			}
		}
		if kw == "" {
			c := tmpl[t]
			switch {
			case c == '"':
				for t++; t < len(tmpl) && tmpl[t] != '"'; t++ {
					if tmpl[t] == '\\' && t+1 < len(tmpl) {
						t++
					}
					if i < len(s) {
						i++
					}
				}
				t++
			case c == ' ':
				skipSpace()
				t++
			default:
				// A separator matches one separator of the input; a letter or digit of
				// the input is left for the next pattern.
				if i < len(s) && !tcAlnum(s[i]) {
					i++
				}
				t++
			}
			continue
		}
		t += len(kw)
		if strings.HasPrefix(tmpl[t:], "TH") || strings.HasPrefix(tmpl[t:], "th") {
			t += 2
		}
		up := strings.ToUpper(kw)
		// A number field is read with all its digits when a separator follows it in
		// the template, else with its width.
		width := func(w int) int {
			if t >= len(tmpl) || !tcAlnum(tmpl[t]) {
				return 0
			}
			return w
		}
		var err error
		switch up {
		case "YYYY", "IYYY":
			p.year, err = readInt(width(4), kw)
		case "Y,YYY":
			var th, u int
			if th, err = readInt(0, kw); err == nil {
				if i < len(s) && s[i] == ',' {
					i++
				}
				u, err = readInt(3, kw)
				p.year = th*1000 + u
			}
		case "YYY", "IYY":
			p.year, err = readInt(width(3), kw)
			if p.year < 100 {
				p.year += 2000
			} else if p.year < 1000 {
				if p.year < 520 {
					p.year += 2000
				} else {
					p.year += 1000
				}
			}
		case "YY", "IY":
			p.year, err = readInt(width(2), kw)
			if p.year < 70 {
				p.year += 2000
			} else if p.year < 100 {
				p.year += 1900
			}
		case "Y", "I":
			p.year, err = readInt(1, kw)
			p.year += 2000
		case "MM":
			p.month, err = readInt(width(2), kw)
		case "DD":
			p.day, err = readInt(width(2), kw)
		case "DDD", "IDDD":
			p.yday, err = readInt(width(3), kw)
		case "HH", "HH12":
			p.hour, err = readInt(width(2), kw)
			if err == nil && (p.hour < 1 || p.hour > 12) {
				return p, errDatetime{fmt.Sprintf("hour \"%d\" is invalid for the 12-hour clock", p.hour)}
			}
			p.ampm = true
		case "HH24":
			p.hour, err = readInt(width(2), kw)
		case "MI":
			p.min, err = readInt(width(2), kw)
		case "SS":
			p.sec, err = readInt(width(2), kw)
		case "MS", "US", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6":
			digits := map[string]int{"MS": 3, "US": 6}[up]
			if digits == 0 {
				digits = int(up[2] - '0')
			}
			j := i
			var n int
			n, err = readInt(width(digits), kw)
			got := i - j
			for ; got < digits; got++ {
				n *= 10
			}
			if up == "MS" {
				p.usec += n * 1000
			} else {
				for ; digits < 6; digits++ {
					n *= 10
				}
				p.usec += n
			}
		case "SSSS", "SSSSS":
			var n int
			n, err = readInt(0, kw)
			p.hour, p.min, p.sec = n/3600, n%3600/60, n%60
		case "J":
			p.julian, err = readInt(0, kw)
		case "AM", "PM", "A.M.", "P.M.":
			skipSpace()
			ok := false
			for _, w := range []string{"A.M.", "P.M.", "AM", "PM"} {
				if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
					p.pm, ok, i = w[0] == 'P', true, i+len(w)
					break
				}
			}
			if !ok {
				return p, errDatetime{fmt.Sprintf("invalid value %q for %q", tcInputHead(s[i:]), kw)}
			}
			p.ampm = true
		case "MONTH", "MON":
			skipSpace()
			ok := false
			for m, name := range dtMonthNames {
				for _, w := range []string{name, name[:3]} {
					if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
						p.month, ok, i = m+1, true, i+len(w)
						break
					}
				}
				if ok {
					break
				}
			}
			if !ok {
				return p, errDatetime{fmt.Sprintf("invalid value %q for %q", tcInputHead(s[i:]), kw)}
			}
		case "DAY", "DY":
			skipSpace()
			for _, name := range dtDayNames {
				if w := name; len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
					i += len(w)
					break
				}
				if w := name[:3]; len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
					i += len(w)
					break
				}
			}
		case "TZH":
			skipSpace()
			p.tzNeg = i < len(s) && s[i] == '-'
			var h int
			h, err = readInt(width(2), kw)
			p.hasTZ, p.tzSecs = true, tcAbs(h)*3600
		case "TZM":
			var m int
			m, err = readInt(width(2), kw)
			p.hasTZ, p.tzSecs = true, p.tzSecs+m*60
		case "D", "ID", "W", "WW", "IW", "Q", "CC":
			_, err = readInt(width(len(kw)), kw) // read and ignored, as PostgreSQL does
		case "AD", "BC", "A.D.", "B.C.", "RM", "TZ", "OF":
			return p, errDatetime{fmt.Sprintf("formatting field %q is not supported by the sandbox's %s", kw, "to_timestamp")}
		}
		if err != nil {
			return p, err
		}
	}
	if p.ampm {
		if p.pm && p.hour < 12 {
			p.hour += 12
		} else if !p.pm && p.hour == 12 {
			p.hour = 0
		}
	}
	return p, nil
}

func tcAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func tcInputHead(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// errFieldRange is a field out of range (SQLSTATE 22008).
type errFieldRange struct{ msg string }

func (e errFieldRange) Error() string { return e.msg }

// date returns the date read.
func (p dtParsed) date() (time.Time, error) {
	if p.julian != 0 {
		return time.Unix(int64(p.julian-2440588)*86400, 0).UTC(), nil
	}
	if p.yday != 0 {
		return time.Date(p.year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, p.yday-1), nil
	}
	if p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 {
		return time.Time{}, errFieldRange{"date/time field value out of range"}
	}
	t := time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC)
	if t.Day() != p.day {
		return time.Time{}, errFieldRange{"date/time field value out of range"}
	}
	return t, nil
}

// timestamp returns the instant read, in loc unless the input named its offset.
func (p dtParsed) timestamp(loc *time.Location) (time.Time, error) {
	d, err := p.date()
	if err != nil {
		return d, err
	}
	if p.hour > 24 || p.min > 59 || p.sec > 60 || p.hour < 0 || p.min < 0 || p.sec < 0 {
		return time.Time{}, errFieldRange{"date/time field value out of range"}
	}
	if p.hasTZ {
		off := p.tzSecs
		if p.tzNeg {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), p.hour, p.min, p.sec, p.usec*1000, loc), nil
}

// parseToNumber reads s with a number template, as PostgreSQL's to_number does for the
// common templates: digits where the template has 9 or 0, the decimal point, group
// separators, a sign (-, +, <…> with PR, a trailing minus with S or MI), currency and
// other text skipped. It returns the number's text.
func parseToNumber(s, tmpl string) (string, error) {
	f, err := parseNumFormat(tmpl)
	if err != nil {
		return "", err
	}
	var intPart, frac strings.Builder
	neg, inFrac := false, false
	i := 0
	digit := func() {
		for i < len(s) && s[i] == ' ' && intPart.Len() == 0 && !inFrac {
			i++
		}
		if i < len(s) && (s[i] == '-' || s[i] == '+' || s[i] == '<') && intPart.Len() == 0 && !inFrac {
			neg = s[i] != '+'
			i++
		}
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if inFrac {
				frac.WriteByte(s[i])
			} else {
				intPart.WriteByte(s[i])
			}
			i++
		}
	}
	for _, n := range f.nodes {
		if n.key == "" {
			for range n.lit {
				if i < len(s) && !(s[i] >= '0' && s[i] <= '9') {
					i++
				}
			}
			continue
		}
		switch strings.ToUpper(n.key) {
		case "9", "0":
			digit()
		case ".", "D":
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if i < len(s) && s[i] == '.' {
				i++
			}
			inFrac = true
		case ",", "G":
			if i < len(s) && s[i] == ',' {
				i++
			}
		case "S", "MI", "PL", "SG":
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if i < len(s) && (s[i] == '-' || s[i] == '+') {
				neg = neg || s[i] == '-'
				i++
			}
		case "PR":
			if i < len(s) && s[i] == '>' {
				i++
			}
		case "L":
			for i < len(s) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '-' && s[i] != '.' {
				i++
			}
		}
	}
	if i < len(s) && s[i] == '-' && (f.lsign == 2 || f.minus) {
		neg = true
	}
	num := intPart.String()
	if num == "" {
		num = "0"
	}
	if frac.Len() > 0 {
		num += "." + frac.String()
	}
	if intPart.Len() == 0 && frac.Len() == 0 {
		return "", errDatetime{fmt.Sprintf("invalid input syntax for type numeric: %q", s)}
	}
	if neg {
		num = "-" + num
	}
	return num, nil
}
