package pgsql

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Dates PostgreSQL reads that the ISO and month-name readers of NormalizeDateTime do
// not: an era anywhere among the fields ('Mar 15 44 BC 10:00'), month names with
// years of other than four digits ('Mar 15 44' is 2044, 'Mar 15 44 BC' 44 BC), years
// beyond 9999. DuckDB would drop the BC of such a string (reading '10000-01-01 BC' as
// AD 10000), so a BC date this file cannot read, or one before PostgreSQL's first day
// (4714-11-24 BC), becomes a text DuckDB refuses: the error says "date out of range"
// (SQLSTATE 22008, errors.go) or "invalid date" (22007).

var (
	eraFieldRE  = regexp.MustCompile(`(?i)(^|\s)(bc|ad)(\s|$)`)
	monAnyRE    = regexp.MustCompile(`^([A-Za-z]+)\.?[ -]+(\d{1,2})(?:st|nd|rd|th)?,?[ -]+(\d+)`)
	dayMonAnyRE = regexp.MustCompile(`^(\d{1,2})[ -]+([A-Za-z]+)\.?,?[ -]+(\d+)`)
	isoLongRE   = regexp.MustCompile(`^(\d{5,})-(\d{1,2})-(\d{1,2})`)
)

// eraDateTime reads s (trimmed, kind date, timestamp or timestamptz) when it is one of
// the forms above; done is false for the others.
func eraDateTime(s, kind string) (out string, ok, done bool) {
	if kind != "date" && kind != "timestamp" && kind != "timestamptz" {
		return "", false, false
	}
	t, bc, era, trailing := s, false, false, false
	if loc := eraFieldRE.FindStringSubmatchIndex(t); loc != nil {
		era, bc, trailing = true, strings.EqualFold(t[loc[4]:loc[5]], "bc"), loc[1] == len(t)
		t = strings.TrimSpace(t[:loc[0]] + " " + t[loc[1]:])
		if loc[0] == 0 || eraFieldRE.MatchString(t) { // PostgreSQL wants a date first, one era
			return refuseDate(kind, "invalid", s)
		}
	}
	y, mo, d, rest, found, twoDigit := readLongDate(t)
	if !found {
		if bc {
			if y2, mo2, d2, rest2, ok := readDate(t); ok {
				if trailing { // NormalizeDateTime's own form, once in range
					return checkEra(y2, mo2, d2, true, kind, s)
				}
				return canonicalEra(y2, mo2, d2, rest2, true, kind, s)
			}
			return refuseDate(kind, "invalid", s)
		}
		if !era {
			return "", false, false // NormalizeDateTime's own readers
		}
		y2, mo2, d2, rest2, ok := readDate(t)
		if !ok {
			return "", false, false
		}
		return canonicalEra(y2, mo2, d2, rest2, false, kind, s)
	}
	if twoDigit && !bc {
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	}
	return canonicalEra(y, mo, d, rest, bc, kind, s)
}

// readLongDate reads a month-name date whose year has other than four digits, or an ISO
// date of a year beyond 9999; twoDigit says the year was written with one or two.
func readLongDate(t string) (y, mo, d int, rest string, ok, twoDigit bool) {
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	if m := monAnyRE.FindStringSubmatch(t); m != nil && len(m[3]) != 4 {
		if mon, known := monthByName[strings.ToLower(m[1])]; known && len(m[3]) <= 8 {
			return atoi(m[3]), mon, atoi(m[2]), t[len(m[0]):], true, len(m[3]) <= 2
		}
	}
	if m := dayMonAnyRE.FindStringSubmatch(t); m != nil && len(m[3]) != 4 {
		if mon, known := monthByName[strings.ToLower(m[2])]; known && len(m[3]) <= 8 {
			return atoi(m[3]), mon, atoi(m[1]), t[len(m[0]):], true, len(m[3]) <= 2
		}
	}
	if m := isoLongRE.FindStringSubmatch(t); m != nil && len(m[1]) <= 8 {
		return atoi(m[1]), atoi(m[2]), atoi(m[3]), t[len(m[0]):], true, false
	}
	return 0, 0, 0, t, false, false
}

// canonicalEra checks the date against PostgreSQL's range and writes it as
// NormalizeDateTime reads it ("YYYY-MM-DD rest [BC]").
func canonicalEra(y, mo, d int, rest string, bc bool, kind, s string) (string, bool, bool) {
	if out, ok, done := checkEra(y, mo, d, bc, kind, s); done {
		return out, ok, done
	}
	c := fmt.Sprintf("%04d-%02d-%02d%s", y, mo, d, rest)
	if y > 9999 {
		return c, true, true // DuckDB reads years beyond 9999 AD as PostgreSQL does
	}
	if bc {
		c += " BC"
	}
	out, ok := NormalizeDateTime(c, kind)
	if !ok {
		if bc {
			return refuseDate(kind, "invalid", s)
		}
		return "", false, true
	}
	return out, true, true
}

// checkEra refuses (done) a date PostgreSQL refuses: fields out of range, before
// 4714-11-24 BC, beyond its last year.
func checkEra(y, mo, d int, bc bool, kind, s string) (string, bool, bool) {
	if y < 1 || mo < 1 || mo > 12 || d < 1 {
		return refuseDate(kind, "field", s)
	}
	astro := y
	if bc {
		astro = 1 - y
	}
	if d > daysIn(astro, mo) {
		return refuseDate(kind, "field", s)
	}
	if bc && (y > 4714 || y == 4714 && (mo < 11 || mo == 11 && d < 24)) {
		return refuseDate(kind, "range", s)
	}
	if !bc && (kind == "date" && y > 5874897 || kind != "date" && y > 294276) {
		return refuseDate(kind, "range", s)
	}
	return "", false, false
}

// refuseDate returns a text DuckDB refuses to cast, whose error names PostgreSQL's.
func refuseDate(kind, why, s string) (string, bool, bool) {
	what := "date"
	if kind != "date" {
		what = "timestamp"
	}
	switch why {
	case "range":
		return fmt.Sprintf("%s out of range: %q", what, s), true, true
	case "field":
		return fmt.Sprintf("date/time field value out of range: %q", s), true, true
	}
	return fmt.Sprintf("invalid input syntax for type %s: %q", what, s), true, true
}
