package sandbox

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"github.com/jeroenrinzema/psql-wire/codes"
)

// arrayConv reads PostgreSQL's array text ({1,2}, {"a b",NULL}, {{1,2},{3,4}}) for a
// DuckDB list column of depth levels, each element through elem, and writes DuckDB's
// list text with every element quoted ("…" with \ and " escaped) so that DuckDB keeps
// it as it is. DuckDB's own list text ([1,2]) passes unchanged, as the sandbox read it
// before.
func arrayConv(elem fieldConv, depth int) fieldConv {
	return func(dst, src []byte) ([]byte, error) {
		s := trimSpace(src)
		if len(s) > 0 && s[0] == '[' && !isArrayBounds(s) {
			return textConv(dst, s)
		}
		p := arrayParser{src: src, elem: elem}
		var err error
		if s, err = p.bounds(s); err != nil {
			return nil, err
		}
		if len(s) == 0 || s[0] != '{' {
			return nil, p.malformed()
		}
		rest, err := p.parse(s, 0)
		if err != nil {
			return nil, err
		}
		if len(trimSpace(rest)) != 0 {
			return nil, p.malformed()
		}
		if p.depth != depth && !p.empty {
			return nil, inputError(codes.FeatureNotSupported,
				"the sandbox's array column holds %d-dimensional arrays, not %d-dimensional ones: %q", depth, p.depth, src)
		}
		if p.empty {
			return append(dst, "[]"...), nil
		}
		return append(dst, p.out...), nil
	}
}

// maxArrayDims is PostgreSQL's limit on an array's dimensions (MAXDIM).
const maxArrayDims = 6

// isArrayBounds reports whether s starts with dimension decoration ([1:2]={…}).
func isArrayBounds(s []byte) bool {
	i := bytes.IndexByte(s, ']')
	return i > 0 && bytes.IndexByte(s[:i], ':') > 0 && bytes.Contains(s, []byte("="))
}

type arrayParser struct {
	src   []byte
	elem  fieldConv
	out   []byte
	depth int    // levels of braces seen
	leaf  int    // the level (from 1) that holds elements, 0 before the first
	dims  []int  // element count per level, from the first sub-array
	empty bool   // {}
	buf   []byte // an element's text
	tmp   []byte // its DuckDB text
	count []int  // elements at each open level
}

func (p *arrayParser) malformed() error {
	return inputError(codes.InvalidTextRepresentation, "malformed array literal: %q", p.src)
}

// bounds skips dimension decoration whose lower bounds are 1 (DuckDB lists start at
// 1); others cannot be kept.
func (p *arrayParser) bounds(s []byte) ([]byte, error) {
	if len(s) == 0 || s[0] != '[' {
		return s, nil
	}
	for len(s) > 0 && s[0] == '[' {
		end := bytes.IndexByte(s, ']')
		if end < 0 {
			return nil, p.malformed()
		}
		lb, _, ok := strings.Cut(string(s[1:end]), ":")
		if !ok {
			return nil, p.malformed()
		}
		if n, err := strconv.Atoi(strings.TrimSpace(lb)); err != nil || n != 1 {
			return nil, inputError(codes.FeatureNotSupported, "arrays whose lower bound is not 1 are not supported by the sandbox: %q", p.src)
		}
		s = trimSpace(s[end+1:])
	}
	if len(s) == 0 || s[0] != '=' {
		return nil, p.malformed()
	}
	return trimSpace(s[1:]), nil
}

// parse reads one {…} at level (s starts with '{') and returns what follows it.
func (p *arrayParser) parse(s []byte, level int) ([]byte, error) {
	if level+1 > p.depth {
		if level != p.depth {
			return nil, p.malformed()
		}
		p.depth = level + 1
		if p.depth > maxArrayDims {
			return nil, inputError(codes.ProgramLimitExceeded, "number of array dimensions (%d) exceeds the maximum allowed (%d)", p.depth, maxArrayDims)
		}
	}
	if len(p.count) <= level {
		p.count = append(p.count, 0)
	}
	p.count[level] = 0
	p.out = append(p.out, '[')
	s = trimSpace(s[1:])
	if len(s) > 0 && s[0] == '}' {
		if level == 0 {
			p.empty = true
		}
		return p.closeLevel(s[1:], level)
	}
	for {
		s = trimSpace(s)
		if len(s) == 0 {
			return nil, p.malformed()
		}
		if p.count[level] > 0 {
			p.out = append(p.out, ',', ' ')
		}
		p.count[level]++
		var err error
		if s[0] == '{' {
			if p.leaf > 0 && p.leaf <= level+1 {
				return nil, p.malformed()
			}
			if s, err = p.parse(s, level+1); err != nil {
				return nil, err
			}
		} else {
			if p.leaf == 0 {
				p.leaf = level + 1
			} else if p.leaf != level+1 {
				return nil, p.malformed()
			}
			if s, err = p.element(s); err != nil {
				return nil, err
			}
		}
		s = trimSpace(s)
		if len(s) == 0 {
			return nil, p.malformed()
		}
		switch s[0] {
		case ',':
			s = s[1:]
		case '}':
			return p.closeLevel(s[1:], level)
		default:
			return nil, p.malformed()
		}
	}
}

// closeLevel ends a {…}, checking that sub-arrays of one level have one length.
func (p *arrayParser) closeLevel(rest []byte, level int) ([]byte, error) {
	n := p.count[level]
	for len(p.dims) <= level {
		p.dims = append(p.dims, -1)
	}
	if p.dims[level] < 0 {
		p.dims[level] = n
	} else if p.dims[level] != n {
		return nil, p.dimsError()
	}
	if p.empty && level > 0 {
		return nil, p.dimsError()
	}
	p.out = append(p.out, ']')
	return rest, nil
}

func (p *arrayParser) dimsError() error {
	return inputError(codes.InvalidTextRepresentation, "malformed array literal: %q (multidimensional arrays must have sub-arrays with matching dimensions)", p.src)
}

// element reads one element (quoted or not, NULL unquoted) and appends it quoted.
func (p *arrayParser) element(s []byte) ([]byte, error) {
	p.buf = p.buf[:0]
	quoted, escaped := false, false
	i := 0
	if s[0] == '"' {
		quoted = true
		for i = 1; ; i++ {
			if i >= len(s) {
				return nil, p.malformed()
			}
			c := s[i]
			if c == '\\' {
				i++
				if i >= len(s) {
					return nil, p.malformed()
				}
				p.buf = append(p.buf, s[i])
				continue
			}
			if c == '"' {
				i++
				break
			}
			p.buf = append(p.buf, c)
		}
	} else {
		trail := 0 // blanks at the end, dropped unless escaped
		for ; i < len(s); i++ {
			c := s[i]
			if c == ',' || c == '}' {
				break
			}
			if c == '{' || c == '"' {
				return nil, p.malformed()
			}
			if c == '\\' {
				i++
				if i >= len(s) {
					return nil, p.malformed()
				}
				p.buf, escaped, trail = append(p.buf, s[i]), true, 0
				continue
			}
			p.buf = append(p.buf, c)
			if pgSpace(c) {
				trail++
			} else {
				trail = 0
			}
		}
		p.buf = p.buf[:len(p.buf)-trail]
		if len(p.buf) == 0 {
			return nil, p.malformed()
		}
	}
	if !quoted && !escaped && strings.EqualFold(string(p.buf), "null") {
		p.out = append(p.out, "NULL"...)
		return s[i:], nil
	}
	v, err := p.elem(p.tmp[:0], p.buf)
	if err != nil {
		return nil, err
	}
	p.tmp = v
	p.out = append(p.out, '"')
	for _, c := range v {
		if c == '"' || c == '\\' {
			p.out = append(p.out, '\\')
		}
		p.out = append(p.out, c)
	}
	p.out = append(p.out, '"')
	return s[i:], nil
}

// intervalConv reads PostgreSQL's interval input ("1 day 02:00:00", "-1 mons",
// "1 year 2 mons -3 days +04:05:06.5", "@ 1 hour ago", "P1Y2M3DT4H5M6S", "1.5 days")
// and writes DuckDB's "N months N days N microseconds".
func intervalConv(dst, src []byte) ([]byte, error) {
	iv, ok := parseInterval(strings.ToLower(string(trimSpace(src))))
	if !ok {
		return nil, inputError(codes.InvalidDatetimeFormat, "invalid input syntax for type interval: %q", src)
	}
	dst = strconv.AppendInt(dst, iv.months, 10)
	dst = append(dst, " months "...)
	dst = strconv.AppendInt(dst, iv.days, 10)
	dst = append(dst, " days "...)
	dst = strconv.AppendInt(dst, iv.micros, 10)
	return append(dst, " microseconds"...), nil
}

type interval struct{ months, days, micros int64 }

// add adds n units (a unit in months, days or microseconds), carrying fractions down
// as PostgreSQL does (a month is 30 days, a day 24 hours).
func (iv *interval) add(n float64, months, days, micros float64) {
	if months != 0 {
		m := n * months
		whole := math.Trunc(m)
		iv.months += int64(whole)
		n, days, months = (m-whole)*30, 1, 0
	}
	if days != 0 {
		d := n * days
		whole := math.Trunc(d)
		iv.days += int64(whole)
		n, micros = (d-whole)*86400e6, 1
	}
	iv.micros += int64(math.Round(n * micros))
}

var intervalUnits = map[string][3]float64{ // months, days, microseconds
	"microsecond": {0, 0, 1}, "microseconds": {0, 0, 1}, "usec": {0, 0, 1}, "usecs": {0, 0, 1}, "us": {0, 0, 1},
	"millisecond": {0, 0, 1e3}, "milliseconds": {0, 0, 1e3}, "msec": {0, 0, 1e3}, "msecs": {0, 0, 1e3}, "ms": {0, 0, 1e3},
	"second": {0, 0, 1e6}, "seconds": {0, 0, 1e6}, "sec": {0, 0, 1e6}, "secs": {0, 0, 1e6}, "s": {0, 0, 1e6},
	"minute": {0, 0, 60e6}, "minutes": {0, 0, 60e6}, "min": {0, 0, 60e6}, "mins": {0, 0, 60e6}, "m": {0, 0, 60e6},
	"hour": {0, 0, 3600e6}, "hours": {0, 0, 3600e6}, "hr": {0, 0, 3600e6}, "hrs": {0, 0, 3600e6}, "h": {0, 0, 3600e6},
	"day": {0, 1, 0}, "days": {0, 1, 0}, "d": {0, 1, 0},
	"week": {0, 7, 0}, "weeks": {0, 7, 0}, "w": {0, 7, 0},
	"month": {1, 0, 0}, "months": {1, 0, 0}, "mon": {1, 0, 0}, "mons": {1, 0, 0},
	"year": {12, 0, 0}, "years": {12, 0, 0}, "yr": {12, 0, 0}, "yrs": {12, 0, 0}, "y": {12, 0, 0},
	"decade": {120, 0, 0}, "decades": {120, 0, 0}, "dec": {120, 0, 0}, "decs": {120, 0, 0},
	"century": {1200, 0, 0}, "centuries": {1200, 0, 0}, "cent": {1200, 0, 0}, "c": {1200, 0, 0},
	"millennium": {12000, 0, 0}, "millennia": {12000, 0, 0}, "mil": {12000, 0, 0}, "mils": {12000, 0, 0},
}

func parseInterval(s string) (interval, bool) {
	var iv interval
	if strings.HasPrefix(s, "p") {
		return parseISOInterval(s[1:])
	}
	s = strings.TrimPrefix(s, "@")
	toks := intervalTokens(s)
	if len(toks) == 0 {
		return iv, false
	}
	ago := false
	if toks[len(toks)-1] == "ago" {
		ago, toks = true, toks[:len(toks)-1]
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if strings.ContainsRune(t, ':') {
			us, ok := parseClock(t)
			if !ok {
				return iv, false
			}
			iv.micros += us
			continue
		}
		if ym := strings.IndexByte(t[1:], '-'); ym >= 0 {
			// SQL standard year-month: 1-2
			y, err1 := strconv.ParseInt(t[:ym+1], 10, 64)
			m, err2 := strconv.ParseInt(t[ym+2:], 10, 64)
			if err1 != nil || err2 != nil {
				return iv, false
			}
			if y < 0 {
				m = -m
			}
			iv.months += y*12 + m
			continue
		}
		n, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return iv, false
		}
		if i+1 < len(toks) {
			if u, ok := intervalUnits[toks[i+1]]; ok {
				iv.add(n, u[0], u[1], u[2])
				i++
				continue
			}
			if strings.ContainsRune(toks[i+1], ':') {
				iv.add(n, 0, 1, 0) // "3 04:05:06": days before a time
				continue
			}
			return iv, false
		}
		iv.add(n, 0, 0, 1e6) // a bare number is seconds
	}
	if ago {
		iv = interval{-iv.months, -iv.days, -iv.micros}
	}
	return iv, true
}

// intervalTokens splits at blanks and between a number and its unit ("1day").
func intervalTokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		i := 0
		for i < len(f) && (f[i] >= '0' && f[i] <= '9' || f[i] == '.' || f[i] == '-' || f[i] == '+' || f[i] == ':') {
			i++
		}
		if i > 0 && i < len(f) && f[i] >= 'a' && f[i] <= 'z' {
			out = append(out, f[:i], f[i:])
			continue
		}
		out = append(out, f)
	}
	return out
}

// parseClock reads [-+]h:mm[:ss[.ffffff]] as microseconds.
func parseClock(t string) (int64, bool) {
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimLeft(t, "+-")
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	h, err1 := strconv.ParseInt(parts[0], 10, 64)
	m, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil || m > 59 {
		return 0, false
	}
	us := h*3600e6 + m*60e6
	if len(parts) == 3 {
		sec, err := strconv.ParseFloat(parts[2], 64)
		if err != nil || sec >= 60 {
			return 0, false
		}
		us += int64(math.Round(sec * 1e6))
	}
	if neg {
		us = -us
	}
	return us, true
}

// parseISOInterval reads ISO 8601's designators after the P: 1Y2M3DT4H5M6.5S, 2W.
func parseISOInterval(s string) (interval, bool) {
	var iv interval
	inTime := false
	for len(s) > 0 {
		if s[0] == 't' {
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == '-' || s[i] == '+') {
			i++
		}
		if i == 0 || i == len(s) {
			return iv, false
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return iv, false
		}
		switch u := s[i]; {
		case u == 'y' && !inTime:
			iv.add(n, 12, 0, 0)
		case u == 'm' && !inTime:
			iv.add(n, 1, 0, 0)
		case u == 'w' && !inTime:
			iv.add(n, 0, 7, 0)
		case u == 'd' && !inTime:
			iv.add(n, 0, 1, 0)
		case u == 'h' && inTime:
			iv.add(n, 0, 0, 3600e6)
		case u == 'm' && inTime:
			iv.add(n, 0, 0, 60e6)
		case u == 's' && inTime:
			iv.add(n, 0, 0, 1e6)
		default:
			return iv, false
		}
		s = s[i+1:]
	}
	return iv, true
}
