package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// PostgreSQL's regular expressions let . and [^…] match a new line unless a flag (n,
// p, w, m) says otherwise; DuckDB's (RE2) do not, so E'a\nb' ~ 'a.b' was false; and
// some escapes differ (AREToRE2), applied to literal patterns. The operators ~ ~* !~ !~* and regexp_replace, regexp_split_to_array and
// regexp_split_to_table (run by DuckDB, the last as unnest(regexp_split_to_array(…)))
// get RE2's s flag; the Go functions
// (pgfuncs_regex.go) set it themselves.

// dotAllPattern prefixes the pattern of a regex match operator with (?s), in place.
func dotAllPattern(e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Lexpr == nil || e.Rexpr == nil || e.Location == generated {
		return false
	}
	switch strName(e.Name[0]) {
	case "~", "~*", "!~", "!~*":
	default:
		return false
	}
	if s := e.Rexpr.GetAConst().GetSval(); s != nil {
		if strings.HasPrefix(s.Sval, "(?s)") {
			return false
		}
		p := AREToRE2(s.Sval)
		if strings.Contains(p, ".") {
			p = "(?s)" + p // only . reads otherwise
		}
		if p == s.Sval {
			return false
		}
		s.Sval = p
		return true
	}
	if hasParam(e.Rexpr) {
		return false // DuckDB types the parameter from the operator
	}
	e.Rexpr = pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("||")},
		pg.MakeAConstStrNode("(?s)", -1), e.Rexpr, generated)
	return true
}

// regexFlags gives regexp_replace(s, p, r [, flags]) and regexp_split_to_array/_table(s,
// p [, flags]) RE2's s flag unless their flags ask for newline-sensitive matching, and
// writes regexp_replace's literal replacement in RE2's escapes: PostgreSQL's \& is the
// whole match (RE2's \0), and a backslash before anything but a digit 1-9, & or a
// backslash stands for itself.
func regexFlags(n *pg.Node, fc *pg.FuncCall) bool {
	name := fnName(fc)
	nargs := 3
	switch name {
	case "regexp_replace":
	case "regexp_split_to_array", "regexp_split_to_table":
		nargs = 2
	default:
		return false
	}
	if fc.Location == generated || len(fc.Args) < nargs || len(fc.Args) > nargs+1 {
		return false
	}
	changed := false
	if s := fc.Args[1].GetAConst().GetSval(); s != nil {
		if p := AREToRE2(s.Sval); p != s.Sval {
			s.Sval, changed = p, true
		}
	}
	if name == "regexp_replace" {
		if s := fc.Args[2].GetAConst().GetSval(); s != nil {
			if r := re2Replacement(s.Sval); r != s.Sval {
				s.Sval, changed = r, true
			}
		}
	}
	if name == "regexp_split_to_table" {
		// DuckDB's is a macro of two arguments, and no table function.
		fc.Funcname = []*pg.Node{pg.MakeStrNode("regexp_split_to_array")}
		n.Node = funcCall("unnest", &pg.Node{Node: n.Node}).Node
		changed = true
	}
	if len(fc.Args) == nargs {
		fc.Args = append(fc.Args, pg.MakeAConstStrNode("s", -1))
		return true
	}
	f := fc.Args[nargs].GetAConst().GetSval()
	if f == nil || strings.ContainsAny(f.Sval, "nmpws") {
		return changed
	}
	f.Sval += "s"
	return true
}

// re2Replacement writes PostgreSQL's replacement text in RE2's rewrite syntax.
func re2Replacement(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			if c == '\\' {
				b.WriteString(`\\`)
			} else {
				b.WriteByte(c)
			}
			continue
		}
		switch d := s[i+1]; {
		case d >= '1' && d <= '9':
			b.WriteByte('\\')
			b.WriteByte(d)
			i++
		case d == '&':
			b.WriteString(`\0`)
			i++
		case d == '\\':
			b.WriteString(`\\`)
			i++
		default:
			b.WriteString(`\\`)
		}
	}
	return b.String()
}

// AREToRE2 writes the escapes of PostgreSQL's regular expressions (ARE) that RE2 reads
// otherwise or not at all: \y and \Y (word boundary or not: RE2's \b and \B), \m and \M
// (start and end of a word: \b, the same where a word character follows or precedes),
// \Z (end of string: \z), and \b, which is a backspace in PostgreSQL (RE2: a word
// boundary). Bracket expressions are copied as they are.
func AREToRE2(p string) string {
	if !strings.Contains(p, `\`) {
		return p
	}
	var b strings.Builder
	inBracket := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case inBracket:
			if c == '\\' && i+1 < len(p) {
				b.WriteByte(c)
				i++
				c = p[i]
			} else if c == ']' {
				inBracket = false
			}
			b.WriteByte(c)
		case c == '[':
			inBracket = true
			b.WriteByte(c)
			if i+1 < len(p) && p[i+1] == '^' {
				i++
				b.WriteByte('^')
			}
			if i+1 < len(p) && p[i+1] == ']' { // a ] first is a member
				i++
				b.WriteByte(']')
			}
		case c == '\\' && i+1 < len(p):
			i++
			switch p[i] {
			case 'y', 'm', 'M':
				b.WriteString(`\b`)
			case 'Y':
				b.WriteString(`\B`)
			case 'Z':
				b.WriteString(`\z`)
			case 'b':
				b.WriteString(`\x08`)
			default:
				b.WriteByte('\\')
				b.WriteByte(p[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
