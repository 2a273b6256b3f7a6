package sandbox

import (
	"database/sql/driver"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// PostgreSQL's regular-expression functions DuckDB lacks or reads otherwise:
// regexp_match, regexp_matches (a set of text[], with 'g'), regexp_count and
// substring(s FROM pattern). Patterns are RE2's (Go's regexp), like DuckDB's.
func init() {
	for _, n := range []int{2, 3} {
		addPGFunc("regexp_match", &pgFunc{in: []duckdb.Type{tText, tText, tText}[:n], out: tList, fn: func(a []driver.Value) (any, error) {
			re, global, err := pgRegexp(a[1], a[2:])
			if err != nil {
				return nil, err
			}
			if global {
				return nil, fmt.Errorf("regexp_match() does not support the \"global\" option")
			}
			s, _ := argString(a[0])
			m := re.FindStringSubmatchIndex(s)
			if m == nil {
				return nil, nil
			}
			return matchGroups(s, m), nil
		}})
		addPGFunc("pg_regexp_matches", &pgFunc{in: []duckdb.Type{tText, tText, tText}[:n], out: tList, outList: tList, fn: func(a []driver.Value) (any, error) {
			re, global, err := pgRegexp(a[1], a[2:])
			if err != nil {
				return nil, err
			}
			s, _ := argString(a[0])
			limit := 1
			if global {
				limit = -1
			}
			out := []any{}
			for _, m := range re.FindAllStringSubmatchIndex(s, limit) {
				out = append(out, matchGroups(s, m))
			}
			return out, nil
		}})
	}
	for _, n := range []int{2, 3, 4} {
		addPGFunc("regexp_count", &pgFunc{in: []duckdb.Type{tText, tText, tInt, tText}[:n], out: tInt, fn: func(a []driver.Value) (any, error) {
			var flags []driver.Value
			if len(a) > 3 {
				flags = a[3:]
			}
			re, _, err := pgRegexp(a[1], flags)
			if err != nil {
				return nil, err
			}
			s, _ := argString(a[0])
			if len(a) > 2 {
				start, _ := argInt(a[2])
				if start < 1 {
					return nil, fmt.Errorf("invalid value for parameter \"start\": %d", start)
				}
				r := []rune(s)
				if int(start) > len(r)+1 {
					return int32(0), nil
				}
				s = string(r[start-1:])
			}
			return int32(len(re.FindAllStringIndex(s, -1))), nil
		}})
	}
	for _, n := range []int{2, 3} {
		addPGFunc("regexp_like", &pgFunc{in: []duckdb.Type{tText, tText, tText}[:n], out: tBool, fn: func(a []driver.Value) (any, error) {
			re, global, err := pgRegexp(a[1], a[2:])
			if err != nil {
				return nil, err
			}
			if global {
				return nil, fmt.Errorf("regexp_like() does not support the \"global\" option")
			}
			s, _ := argString(a[0])
			return re.MatchString(s), nil
		}})
	}
	// regexp_substr(s, pattern [, start [, n [, flags [, subexpr]]]]) and regexp_instr(s,
	// pattern [, start [, n [, endoption [, flags [, subexpr]]]]]).
	for n := 2; n <= 6; n++ {
		addPGFunc("regexp_substr", &pgFunc{in: []duckdb.Type{tText, tText, tInt, tInt, tText, tInt}[:n], out: tText, fn: func(a []driver.Value) (any, error) {
			m, s, err := nthMatch(a, 4, 5)
			if m == nil || err != nil {
				return nil, err
			}
			return s[m[0]:m[1]], nil
		}})
	}
	for n := 2; n <= 7; n++ {
		addPGFunc("regexp_instr", &pgFunc{in: []duckdb.Type{tText, tText, tInt, tInt, tInt, tText, tInt}[:n], out: tInt, fn: func(a []driver.Value) (any, error) {
			m, s, err := nthMatch(a, 5, 6)
			if err != nil {
				return nil, err
			}
			if m == nil {
				return int32(0), nil
			}
			pos := m[0]
			if len(a) > 4 {
				if end, _ := argInt(a[4]); end != 0 {
					pos = m[1]
				}
			}
			return int32(utf8.RuneCountInString(s[:pos]) + 1), nil
		}})
	}
	addPGFunc("pg_substring_regex", &pgFunc{in: []duckdb.Type{tText, tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		re, _, err := pgRegexp(a[1], nil)
		if err != nil {
			return nil, err
		}
		s, _ := argString(a[0])
		m := re.FindStringSubmatchIndex(s)
		switch {
		case m == nil:
			return nil, nil
		case len(m) > 2:
			// the first parenthesised group, as PostgreSQL returns it
			if m[2] < 0 {
				return nil, nil
			}
			return s[m[2]:m[3]], nil
		}
		return s[m[0]:m[1]], nil
	}})
}

// nthMatch finds the match regexp_substr and regexp_instr ask for: a[2] the start (1
// on), a[3] which match (1 on), a[flagsAt] the flags, a[subAt] the group (0: all). It
// returns the match's byte bounds in s (the whole string), or nil.
func nthMatch(a []driver.Value, flagsAt, subAt int) ([]int, string, error) {
	var flags []driver.Value
	if len(a) > flagsAt {
		flags = a[flagsAt : flagsAt+1]
	}
	re, _, err := pgRegexp(a[1], flags)
	if err != nil {
		return nil, "", err
	}
	s, _ := argString(a[0])
	start, nth, sub := int64(1), int64(1), int64(0)
	if len(a) > 2 {
		start, _ = argInt(a[2])
	}
	if len(a) > 3 {
		nth, _ = argInt(a[3])
	}
	if len(a) > subAt {
		sub, _ = argInt(a[subAt])
	}
	if start < 1 || nth < 1 || sub < 0 {
		return nil, "", fmt.Errorf("invalid value for parameter: %d", min(start, nth, sub))
	}
	off := 0
	for i := int64(1); i < start && off < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	ms := re.FindAllStringSubmatchIndex(s[off:], int(nth))
	if int64(len(ms)) < nth {
		return nil, s, nil
	}
	m := ms[nth-1]
	if int(sub)*2+1 >= len(m) || m[sub*2] < 0 {
		return nil, s, nil
	}
	return []int{m[sub*2] + off, m[sub*2+1] + off}, s, nil
}

// matchGroups returns a match's groups as text[] (the whole match when there are none).
func matchGroups(s string, m []int) []any {
	if len(m) == 2 {
		return []any{s[m[0]:m[1]]}
	}
	out := make([]any, 0, len(m)/2-1)
	for i := 2; i < len(m); i += 2 {
		if m[i] < 0 {
			out = append(out, nil)
		} else {
			out = append(out, s[m[i]:m[i+1]])
		}
	}
	return out
}

var (
	regexpCache  sync.Map // pattern with flags → *regexp.Regexp
	regexpCached atomic.Int64
)

// pgRegexp compiles a pattern with PostgreSQL's flags ('g' global, 'i' case
// insensitive, 'c' sensitive, 'n'/'m' newline-sensitive, 's' not, 'x' expanded); '.'
// matches a newline unless 'n' is given, as in PostgreSQL.
func pgRegexp(pat driver.Value, flags []driver.Value) (*regexp.Regexp, bool, error) {
	p, _ := argString(pat)
	p = pgsql.AREToRE2(p) // \y, \m, \Z, \b as PostgreSQL reads them
	f := ""
	if len(flags) > 0 {
		f, _ = argString(flags[0])
	}
	global, ci, newline, expanded := false, false, false, false
	for _, c := range f {
		switch c {
		case 'g':
			global = true
		case 'i':
			ci = true
		case 'c':
			ci = false
		case 'n', 'm':
			newline = true
		case 's':
			newline = false
		case 'x':
			expanded = true
		case 'p', 'w', 't', 'q', 'b', 'e':
		default:
			return nil, false, fmt.Errorf("invalid regular expression option: %q", c)
		}
	}
	if expanded {
		p = stripExpanded(p)
	}
	prefix := "(?s)"
	if newline {
		prefix = "(?m)"
	}
	if ci {
		prefix += "(?i)"
	}
	key := prefix + p
	if re, ok := regexpCache.Load(key); ok {
		return re.(*regexp.Regexp), global, nil
	}
	re, err := regexp.Compile(key)
	if err != nil {
		return nil, false, fmt.Errorf("invalid regular expression: %v", err)
	}
	if regexpCached.Add(1) <= 1000 { // patterns built per row must not fill memory
		regexpCache.Store(key, re)
	}
	return re, global, nil
}

// stripExpanded drops the white space and #-comments of an expanded pattern.
func stripExpanded(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			i++
			b.WriteByte(p[i])
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '#':
			for i < len(p) && p[i] != '\n' {
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
