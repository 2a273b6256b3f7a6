package pgsql

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// PostgreSQL's input forms of intervals and of BC dates, which DuckDB's casts refuse
// ('1 day -02:00:00', '@ 1 hour ago', 'P1Y2M3DT4H5M6S', '1-2', '3 4:05:06') or read
// otherwise (DuckDB drops the BC of '0044-03-15 BC'). They are written in the forms
// DuckDB reads: "M months D days U microseconds" and years below 1 as DuckDB's
// astronomical years ('-0043-03-15' is 44 BC).

// stripEra takes a trailing era, BC or AD (any case, after a blank), off t.
func stripEra(t string) (string, bool) {
	if len(t) < 3 {
		return t, false
	}
	end := strings.ToLower(t[len(t)-2:])
	if (end != "bc" && end != "ad") || (t[len(t)-3] != ' ' && t[len(t)-3] != '\t') {
		return t, false
	}
	return strings.TrimRight(t[:len(t)-3], " \t"), end == "bc"
}

// duckDate writes the date of astronomical year y (0 is 1 BC) as DuckDB reads it.
func duckDate(y, mo, d int) string {
	if y < 0 {
		return fmt.Sprintf("-%04d-%02d-%02d", -y, mo, d)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// interval is an interval's three fields, as PostgreSQL keeps them.
type interval struct {
	months, days, micros int64
}

// add adds v of unit to its field, carrying a fraction down as PostgreSQL does (years
// to whole months, months to days of 30, weeks to days, days to microseconds).
func (iv *interval) add(v float64, unit string) {
	whole, frac := math.Modf(v)
	switch unit {
	case "year", "decade", "century", "millennium":
		mul := map[string]float64{"year": 12, "decade": 120, "century": 1200, "millennium": 12000}[unit]
		iv.months += int64(whole)*int64(mul) + int64(math.RoundToEven(frac*mul))
	case "month":
		iv.months += int64(whole)
		iv.fracDays(frac * 30)
	case "week":
		iv.days += int64(whole) * 7
		iv.fracDays(frac * 7)
	case "day":
		iv.days += int64(whole)
		iv.micros += int64(math.RoundToEven(frac * 86400e6))
	default:
		mul := map[string]float64{"hour": 3600e6, "minute": 60e6, "second": 1e6, "millisecond": 1e3, "microsecond": 1}[unit]
		iv.micros += int64(whole)*int64(mul) + int64(math.RoundToEven(frac*mul))
	}
}

func (iv *interval) fracDays(f float64) {
	whole, frac := math.Modf(f)
	iv.days += int64(whole)
	iv.micros += int64(math.RoundToEven(frac * 86400e6))
}

var (
	intervalUnits = map[string]string{}
	ivNumRE       = regexp.MustCompile(`^([+-]?(?:\d+\.?\d*|\.\d+))([a-z]*)$`)
	ivClockRE     = regexp.MustCompile(`^([+-]?)(\d+):(\d+)(?::(\d+))?(\.\d*)?$`)
	ivYearMonRE   = regexp.MustCompile(`^([+-]?)(\d+)-(\d+)$`)
	isoDesigRE    = regexp.MustCompile(`^([+-]?(?:\d+\.?\d*|\.\d+))([YMWDHS])`)
	isoAltRE      = regexp.MustCompile(`^P(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?$`)
)

func init() {
	for unit, names := range map[string]string{
		"microsecond": "microsecond microseconds microsecon us usec usecs useconds",
		"millisecond": "millisecond milliseconds millisecon ms msec msecs mseconds",
		"second":      "second seconds s sec secs",
		"minute":      "minute minutes m min mins",
		"hour":        "hour hours h hr hrs",
		"day":         "day days d",
		"week":        "week weeks w",
		"month":       "month months mon mons",
		"year":        "year years y yr yrs",
		"decade":      "decade decades dec decs",
		"century":     "century centuries c cent",
		"millennium":  "millennium millennia mil mils",
	} {
		for _, n := range strings.Fields(names) {
			intervalUnits[n] = unit
		}
	}
}

// NormalizeInterval writes s, PostgreSQL's input of an interval (its own output forms,
// '@ … ago', ISO 8601 'P…' and the SQL standard's 'Y-M' and 'D H:M:S'), as
// "M months D days U microseconds", which DuckDB reads. It reports false for what it
// does not read.
func NormalizeInterval(s string) (string, bool) {
	t := strings.TrimSpace(s)
	var iv interval
	var ok bool
	if strings.HasPrefix(t, "P") {
		iv, ok = isoInterval(t)
	} else {
		iv, ok = wordInterval(strings.ToLower(t))
	}
	if !ok || iv.months != int64(int32(iv.months)) || iv.days != int64(int32(iv.days)) {
		return "", false
	}
	return fmt.Sprintf("%d months %d days %d microseconds", iv.months, iv.days, iv.micros), true
}

// wordInterval reads PostgreSQL's postgres-style interval input.
func wordInterval(t string) (interval, bool) {
	var iv interval
	t = strings.TrimPrefix(t, "@")
	fields := strings.Fields(t)
	if len(fields) == 0 {
		return iv, false
	}
	ago := false
	if fields[len(fields)-1] == "ago" {
		ago, fields = true, fields[:len(fields)-1]
	}
	if len(fields) == 0 {
		return iv, false
	}
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if m := ivClockRE.FindStringSubmatch(f); m != nil {
			a, _ := strconv.ParseInt(m[2], 10, 64)
			b, _ := strconv.ParseInt(m[3], 10, 64)
			var us int64
			fr := 0.0
			if m[5] != "" && m[5] != "." {
				fr, _ = strconv.ParseFloat("0"+m[5], 64)
			}
			if m[4] != "" { // h:m:s[.f]
				c, _ := strconv.ParseInt(m[4], 10, 64)
				us = a*3600e6 + b*60e6 + c*1e6 + int64(math.RoundToEven(fr*1e6))
			} else if m[5] != "" { // m:s.f
				us = a*60e6 + b*1e6 + int64(math.RoundToEven(fr*1e6))
			} else { // h:m
				us = a*3600e6 + b*60e6
			}
			if m[1] == "-" {
				us = -us
			}
			iv.micros += us
			continue
		}
		if m := ivYearMonRE.FindStringSubmatch(f); m != nil {
			y, _ := strconv.ParseInt(m[2], 10, 64)
			mo, _ := strconv.ParseInt(m[3], 10, 64)
			v := y*12 + mo
			if m[1] == "-" {
				v = -v
			}
			iv.months += v
			continue
		}
		m := ivNumRE.FindStringSubmatch(f)
		if m == nil {
			return iv, false
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return iv, false
		}
		unitName := m[2]
		if unitName == "" && i+1 < len(fields) {
			if _, isUnit := intervalUnits[fields[i+1]]; isUnit {
				i++
				unitName = fields[i]
			}
		}
		unit := ""
		switch {
		case unitName != "":
			if unit = intervalUnits[unitName]; unit == "" {
				return iv, false
			}
		case i+1 < len(fields) && ivClockRE.MatchString(fields[i+1]):
			unit = "day" // '3 4:05:06'
		case i+1 == len(fields):
			unit = "second"
		default:
			return iv, false
		}
		iv.add(v, unit)
	}
	if ago {
		iv = interval{-iv.months, -iv.days, -iv.micros}
	}
	return iv, true
}

// isoInterval reads ISO 8601's interval forms: with designators (P1Y2M3DT4H5M6S, P1W)
// and the alternative PYYYY-MM-DDTHH:MM:SS.
func isoInterval(t string) (interval, bool) {
	var iv interval
	if m := isoAltRE.FindStringSubmatch(t); m != nil {
		for i, unit := range []string{"year", "month", "day", "hour", "minute", "second"} {
			if m[i+1] != "" {
				v, _ := strconv.ParseFloat(m[i+1], 64)
				iv.add(v, unit)
			}
		}
		return iv, true
	}
	rest, timePart := t[1:], false
	if rest == "" {
		return iv, false
	}
	for rest != "" {
		if rest[0] == 'T' && !timePart {
			timePart, rest = true, rest[1:]
			continue
		}
		m := isoDesigRE.FindStringSubmatch(rest)
		if m == nil {
			return iv, false
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return iv, false
		}
		var unit string
		switch d := m[2]; {
		case !timePart && d == "Y":
			unit = "year"
		case !timePart && d == "M":
			unit = "month"
		case !timePart && d == "W":
			unit = "week"
		case !timePart && d == "D":
			unit = "day"
		case timePart && d == "H":
			unit = "hour"
		case timePart && d == "M":
			unit = "minute"
		case timePart && d == "S":
			unit = "second"
		default:
			return iv, false
		}
		iv.add(v, unit)
		rest = rest[len(m[0]):]
	}
	return iv, true
}

// intervalStart reports whether t may start an interval mayBeInput would otherwise
// pass over: '@ …', 'P1D', '-1 day', '+04:00'.
func intervalStart(t string) bool {
	digit := func(i int) bool { return len(t) > i && t[i] >= '0' && t[i] <= '9' }
	switch t[0] {
	case '@':
		return true
	case 'P', 'p':
		return digit(1) || len(t) > 1 && (t[1] == 'T' || t[1] == 't')
	case '-', '+', '.':
		return digit(1)
	}
	return false
}

// suspectInterval reports whether s is an interval PostgreSQL reads and DuckDB may not
// read alike: a plain number is not (it is more likely not an interval at all), nor
// whole numbers of whole unit names ('1 day', '-2 hours 30 minutes'), which DuckDB
// reads as PostgreSQL does. s may be in lower case (the front end's quick check).
func suspectInterval(s string) bool {
	t := strings.TrimSpace(s)
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return false
	}
	if strings.HasPrefix(t, "p") {
		t = strings.ToUpper(t)
	}
	if _, ok := NormalizeInterval(t); !ok {
		return false
	}
	f := strings.Fields(strings.ToLower(t))
	if len(f)%2 != 0 {
		return true
	}
	for i := 0; i < len(f); i += 2 {
		if _, err := strconv.Atoi(f[i]); err != nil || !plainUnits[f[i+1]] {
			return true
		}
	}
	return false
}

var plainUnits = map[string]bool{"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "hour": true, "hours": true, "minute": true, "minutes": true, "second": true, "seconds": true}
