package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// PostgreSQL's to_char for dates, timestamps and intervals: its template patterns
// (YYYY, MM, DD, HH24, Month, Day, IW, TZ…), their FM/TH/TM modifiers and quoted
// text, as PostgreSQL 15 writes them in the C locale.

// dtFields are the fields a template reads.
type dtFields struct {
	year, month, day, hour, min, sec, usec int
	yday, wday                             int // day of the year (1…), day of the week (0 = Sunday)
	isoYear, isoWeek                       int
	julian                                 int
	tzName                                 string // the zone's abbreviation; "" for timestamp without time zone
	gmtoff                                 int    // seconds east of UTC
	interval                               bool
}

// timeFields reads the fields of t as it stands in its location; tz names the zone
// (abbreviation) or is empty for a timestamp without time zone.
func timeFields(t time.Time, withTZ bool) dtFields {
	f := dtFields{
		year: t.Year(), month: int(t.Month()), day: t.Day(),
		hour: t.Hour(), min: t.Minute(), sec: t.Second(), usec: t.Nanosecond() / 1000,
		yday: t.YearDay(), wday: int(t.Weekday()),
	}
	f.isoYear, f.isoWeek = t.ISOWeek()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	f.julian = int(d.Unix()/86400) + 2440588
	if withTZ {
		f.tzName, f.gmtoff = t.Zone()
	}
	return f
}

// intervalFields reads an interval as PostgreSQL's interval2tm does.
func intervalFields(months, days int32, micros int64) dtFields {
	f := dtFields{interval: true, year: int(months / 12), month: int(months % 12), day: int(days)}
	t := micros
	f.hour = int(t / 3600e6)
	t -= int64(f.hour) * 3600e6
	f.min = int(t / 60e6)
	t -= int64(f.min) * 60e6
	f.sec = int(t / 1e6)
	f.usec = int(t - int64(f.sec)*1e6)
	return f
}

// dtKeywords are the template patterns, longest first where one is a prefix of another.
var dtKeywords = []string{
	"A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "Day", "Dy", "D",
	"FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "FX", "HH24", "HH12", "HH", "IDDD", "ID", "IW",
	"IYYY", "IYY", "IY", "I", "J", "MI", "MM", "MONTH", "MON", "MS", "Month", "Mon", "OF",
	"P.M.", "PM", "Q", "RM", "SSSSS", "SSSS", "SS", "TZH", "TZM", "TZ", "US", "WW", "W",
	"Y,YYY", "YYYY", "YYY", "YY", "Y",
	"a.d.", "a.m.", "ad", "am", "b.c.", "bc", "cc", "day", "ddd", "dd", "dy", "d",
	"ff1", "ff2", "ff3", "ff4", "ff5", "ff6", "fx", "hh24", "hh12", "hh", "iddd", "id", "iw",
	"iyyy", "iyy", "iy", "i", "j", "mi", "mm", "month", "mon", "ms", "of", "p.m.", "pm", "q",
	"rm", "sssss", "ssss", "ss", "tzh", "tzm", "tz", "us", "ww", "w", "y,yyy", "yyyy", "yyy",
	"yy", "y",
}

// dtByFirst indexes dtKeywords by first byte, keeping their order.
var dtByFirst = func() map[byte][]string {
	m := map[byte][]string{}
	for _, k := range dtKeywords {
		m[k[0]] = append(m[k[0]], k)
	}
	return m
}()

var (
	dtMonthNames = []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	dtDayNames   = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	dtRomanMonth = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
)

// dtNode is one piece of a compiled template: a pattern with its modifiers, or text.
type dtNode struct {
	kw, lit    string
	fm, tm, th bool
	thUpper    bool
}

// compileDT reads a template into its pieces.
func compileDT(tmpl string) []dtNode {
	var nodes []dtNode
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			nodes = append(nodes, dtNode{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(tmpl); {
		// Prefix modifiers: FM (fill mode: no padding), TM (translation: names unpadded).
		fm, tm := false, false
		for {
			if strings.HasPrefix(tmpl[i:], "FM") || strings.HasPrefix(tmpl[i:], "fm") {
				fm, i = true, i+2
				continue
			}
			if strings.HasPrefix(tmpl[i:], "TM") || strings.HasPrefix(tmpl[i:], "tm") {
				tm, i = true, i+2
				continue
			}
			break
		}
		if i >= len(tmpl) {
			break
		}
		kw := ""
		for _, k := range dtByFirst[tmpl[i]] {
			if strings.HasPrefix(tmpl[i:], k) {
				kw = k
				break
			}
		}
		if kw == "" {
			c := tmpl[i]
			switch {
			case c == '"':
				// Quoted text: copied, with \" (and \\) standing for the character.
				for i++; i < len(tmpl) && tmpl[i] != '"'; i++ {
					if tmpl[i] == '\\' && i+1 < len(tmpl) {
						i++
					}
					lit.WriteByte(tmpl[i])
				}
				i++
			case c == '\\' && i+1 < len(tmpl) && tmpl[i+1] == '"':
				lit.WriteByte('"')
				i += 2
			default:
				lit.WriteByte(c)
				i++
			}
			continue
		}
		flush()
		i += len(kw)
		n := dtNode{kw: kw, fm: fm, tm: tm}
		// Suffix modifiers: TH/th (ordinal), SP (spell mode, not implemented by PostgreSQL).
		switch {
		case strings.HasPrefix(tmpl[i:], "TH"):
			n.th, n.thUpper, i = true, true, i+2
		case strings.HasPrefix(tmpl[i:], "th"):
			n.th, i = true, i+2
		}
		if strings.HasPrefix(tmpl[i:], "SP") {
			i += 2
		}
		nodes = append(nodes, n)
	}
	flush()
	return nodes
}

// tcTemplateCache keeps compiled templates (of both kinds), up to a bound: a query
// formats many rows with few templates.
type tcTemplateCache struct {
	mu sync.Mutex
	m  map[string]any
}

func (c *tcTemplateCache) get(tmpl string, compile func(string) any) any {
	c.mu.Lock()
	v, ok := c.m[tmpl]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = compile(tmpl)
	if len(tmpl) > 512 {
		return v // long templates are rare: compiled each time rather than kept
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) > 1000 {
		c.m = map[string]any{}
	}
	c.m[tmpl] = v
	c.mu.Unlock()
	return v
}

var dtTemplates tcTemplateCache

// dtToChar formats f with a PostgreSQL template.
func dtToChar(f dtFields, tmpl string) (string, error) {
	nodes := dtTemplates.get(tmpl, func(t string) any { return compileDT(t) }).([]dtNode)
	b := make([]byte, 0, len(tmpl)+8)
	for _, n := range nodes {
		if n.kw == "" {
			b = append(b, n.lit...)
			continue
		}
		s, num, err := f.field(n.kw, n.fm, n.tm)
		if err != nil {
			return "", err
		}
		b = append(b, s...)
		if n.th && num {
			b = append(b, ordinalSuffix(s, n.thUpper)...)
		}
	}
	return string(b), nil
}

// dtPad writes n with at least width digits unless fm.
func dtPad(n, width int, fm bool) string {
	d := strconv.Itoa(tcAbs(n))
	if !fm && len(d) < width {
		d = "0000000000"[:width-len(d)] + d
	}
	if n < 0 {
		return "-" + d
	}
	return d
}

// caseName writes a name in the case of the keyword (MONTH, Month, month), padded to
// width unless fm.
func caseName(name, kw string, width int, fm bool) string {
	switch {
	case kw == strings.ToUpper(kw):
		name = strings.ToUpper(name)
	case kw == strings.ToLower(kw):
		name = strings.ToLower(name)
	}
	if !fm && len(name) < width {
		name += strings.Repeat(" ", width-len(name))
	}
	return name
}

var errIntervalField = fmt.Errorf("invalid format specification for an interval value")

// field writes one pattern; num reports whether it is a number (TH applies).
func (f dtFields) field(kw string, fm, tm bool) (string, bool, error) {
	up := strings.ToUpper(kw)
	if f.interval {
		switch up {
		case "MONTH", "MON", "DAY", "DY", "RM", "D", "ID", "DDD", "IDDD", "W", "WW", "IW", "TZ", "TZH", "TZM", "OF":
			if !(up == "RM" && f.month != 0) {
				return "", false, errIntervalField
			}
		}
	}
	hour12 := f.hour % 12
	if hour12 == 0 {
		hour12 = 12
	}
	year := f.year
	switch up {
	case "A.D.", "B.C.":
		return caseName(map[bool]string{true: "A.D.", false: "B.C."}[year > 0], kw, 0, true), false, nil
	case "AD", "BC":
		return caseName(map[bool]string{true: "AD", false: "BC"}[year > 0], kw, 0, true), false, nil
	case "A.M.", "P.M.":
		return caseName(map[bool]string{true: "A.M.", false: "P.M."}[f.hour%24 < 12], kw, 0, true), false, nil
	case "AM", "PM":
		return caseName(map[bool]string{true: "AM", false: "PM"}[f.hour%24 < 12], kw, 0, true), false, nil
	case "HH", "HH12":
		return dtPad(hour12, 2, fm), true, nil
	case "HH24":
		return dtPad(f.hour, 2, fm), true, nil
	case "MI":
		return dtPad(f.min, 2, fm), true, nil
	case "SS":
		return dtPad(f.sec, 2, fm), true, nil
	case "MS":
		return dtPad(f.usec/1000, 3, fm), true, nil
	case "US":
		return dtPad(f.usec, 6, fm), true, nil
	case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6":
		n := int(up[2] - '0')
		v := f.usec
		for k := n; k < 6; k++ {
			v /= 10
		}
		return dtPad(v, n, fm), true, nil
	case "SSSS", "SSSSS":
		return strconv.Itoa(f.hour*3600 + f.min*60 + f.sec), true, nil
	case "TZ":
		if kw == "tz" {
			return strings.ToLower(f.tzName), false, nil
		}
		return strings.ToUpper(f.tzName), false, nil
	case "TZH":
		sign := '+'
		if f.gmtoff < 0 {
			sign = '-'
		}
		return fmt.Sprintf("%c%s", sign, dtPad(tcAbs(f.gmtoff)/3600, 2, fm)), false, nil
	case "TZM":
		return dtPad(tcAbs(f.gmtoff)%3600/60, 2, fm), false, nil
	case "OF":
		sign := '+'
		if f.gmtoff < 0 {
			sign = '-'
		}
		s := fmt.Sprintf("%c%s", sign, dtPad(tcAbs(f.gmtoff)/3600, 2, fm))
		if m := tcAbs(f.gmtoff) % 3600 / 60; m != 0 {
			s += fmt.Sprintf(":%02d", m)
		}
		return s, false, nil
	case "MONTH":
		if f.month < 1 {
			return "", false, nil
		}
		return caseName(dtMonthNames[f.month-1], kw, 9, fm || tm), false, nil
	case "MON":
		if f.month < 1 {
			return "", false, nil
		}
		return caseName(dtMonthNames[f.month-1][:3], kw, 0, true), false, nil
	case "MM":
		return dtPad(f.month, 2, fm), true, nil
	case "DAY":
		return caseName(dtDayNames[f.wday], kw, 9, fm || tm), false, nil
	case "DY":
		return caseName(dtDayNames[f.wday][:3], kw, 0, true), false, nil
	case "DDD":
		return dtPad(f.yday, 3, fm), true, nil
	case "IDDD":
		isoDow := f.wday
		if isoDow == 0 {
			isoDow = 7
		}
		return dtPad((f.isoWeek-1)*7+isoDow, 3, fm), true, nil
	case "DD":
		return dtPad(f.day, 2, fm), true, nil
	case "D":
		return strconv.Itoa(f.wday + 1), true, nil
	case "ID":
		if f.wday == 0 {
			return "7", true, nil
		}
		return strconv.Itoa(f.wday), true, nil
	case "WW":
		return dtPad((f.yday-1)/7+1, 2, fm), true, nil
	case "IW":
		return dtPad(f.isoWeek, 2, fm), true, nil
	case "W":
		return strconv.Itoa((f.day-1)/7 + 1), true, nil
	case "Q":
		if f.month == 0 {
			return "", false, nil
		}
		return strconv.Itoa((f.month-1)/3 + 1), true, nil
	case "CC":
		var cc int
		if f.interval {
			cc = year / 100
		} else if year > 0 {
			cc = (year-1)/100 + 1
		} else {
			cc = year/100 - 1
		}
		if cc <= 99 && cc >= -99 {
			return dtPad(cc, 2, fm), true, nil
		}
		return strconv.Itoa(cc), true, nil
	case "J":
		return strconv.Itoa(f.julian), true, nil
	case "RM":
		if f.month < 1 {
			return "", false, nil
		}
		r := dtRomanMonth[f.month-1]
		if kw == "rm" {
			r = strings.ToLower(r)
		}
		if !fm {
			r = fmt.Sprintf("%-4s", r)
		}
		return r, false, nil
	case "Y,YYY":
		year = tcAdjustYear(year, f.interval)
		return fmt.Sprintf("%d,%03d", year/1000, year%1000), true, nil
	case "YYYY", "IYYY":
		if up == "IYYY" {
			year = f.isoYear
		}
		return dtPad(tcAdjustYear(year, f.interval), 4, fm), true, nil
	case "YYY", "IYY":
		if up == "IYY" {
			year = f.isoYear
		}
		return dtPad(tcAdjustYear(year, f.interval)%1000, 3, fm), true, nil
	case "YY", "IY":
		if up == "IY" {
			year = f.isoYear
		}
		return dtPad(tcAdjustYear(year, f.interval)%100, 2, fm), true, nil
	case "Y", "I":
		if up == "I" {
			year = f.isoYear
		}
		return strconv.Itoa(tcAdjustYear(year, f.interval) % 10), true, nil
	case "FX":
		return "", false, nil
	}
	return kw, false, nil
}

func tcAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ordinalSuffix returns the suffix (st, nd, rd, th) of the number s ends with.
func ordinalSuffix(s string, upper bool) string {
	suf := "th"
	if n := len(s); n > 0 && s[n-1] >= '0' && s[n-1] <= '9' {
		last := s[n-1]
		teen := n > 1 && s[n-2] == '1'
		switch {
		case teen:
		case last == '1':
			suf = "st"
		case last == '2':
			suf = "nd"
		case last == '3':
			suf = "rd"
		}
	}
	if upper {
		return strings.ToUpper(suf)
	}
	return suf
}

// tcAdjustYear is the year PostgreSQL's to_char writes for astronomical year y: 44 for 44 BC
// (-43), as its ADJUST_YEAR does; an interval's years stay as they are.
func tcAdjustYear(y int, interval bool) int {
	if !interval && y <= 0 {
		return 1 - y
	}
	return y
}
