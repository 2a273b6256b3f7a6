package sandbox

import (
	"strings"
	"unicode"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// piece is one statement of a query string and where it starts (in characters).
type piece struct {
	sql    string
	offset int
}

// splitStatements splits a query string at top-level semicolons, leaving string
// literals, quoted identifiers, dollar-quoted strings and comments intact. Empty
// statements are dropped.
func splitStatements(q string) []piece {
	var out []piece
	start := 0
	emit := func(end int) {
		s := q[start:end]
		if strings.TrimSpace(stripComments(s)) != "" {
			out = append(out, piece{sql: s, offset: len([]rune(q[:start]))})
		}
	}
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			i = skipQuoted(q, i, c)
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			for i < len(q) && q[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			i = skipBlockComment(q, i)
		case c == '$':
			if tag, ok := dollarTag(q, i); ok {
				end := strings.Index(q[i+len(tag):], tag)
				if end < 0 {
					i = len(q)
				} else {
					i += len(tag) + end + len(tag)
				}
			} else {
				i++
			}
		case c == ';':
			emit(i)
			start = i + 1
			i++
		default:
			i++
		}
	}
	emit(len(q))
	return out
}

func skipQuoted(q string, i int, quote byte) int {
	i++
	for i < len(q) {
		if q[i] == quote {
			if i+1 < len(q) && q[i+1] == quote {
				i += 2
				continue
			}
			return i + 1
		}
		i++
	}
	return i
}

func skipBlockComment(q string, i int) int {
	depth := 0
	for i < len(q) {
		switch {
		case strings.HasPrefix(q[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(q[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return i
}

// dollarTag reports whether a dollar quote ($$ or $tag$) starts at i and returns it.
func dollarTag(q string, i int) (string, bool) {
	if i > 0 && (isIdent(rune(q[i-1]))) {
		return "", false
	}
	j := i + 1
	for j < len(q) && q[j] != '$' {
		if !isIdent(rune(q[j])) || unicode.IsDigit(rune(q[j])) && j == i+1 {
			return "", false
		}
		j++
	}
	if j >= len(q) {
		return "", false
	}
	return q[i : j+1], true
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// stripComments removes comments (keeping literals) so keywords can be read.
func stripComments(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			j := skipQuoted(q, i, c)
			b.WriteString(q[i:j])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			for i < len(q) && q[i] != '\n' {
				i++
			}
			b.WriteByte(' ')
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			i = skipBlockComment(q, i)
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// keywords returns the first n words of a statement, upper-cased, comments skipped.
func keywords(q string, n int) []string {
	fields := strings.FieldsFunc(stripComments(q), func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == ';' || r == ','
	})
	if len(fields) > n {
		fields = fields[:n]
	}
	for i := range fields {
		fields[i] = strings.ToUpper(fields[i])
	}
	return fields
}

// commandTag returns the PostgreSQL command tag verb for a statement, such as
// "CREATE TABLE" or "BEGIN".
func commandTag(q string) string {
	kw := keywords(q, 6)
	if len(kw) == 0 {
		return ""
	}
	switch kw[0] {
	case "CREATE", "DROP", "ALTER":
		rest := kw[1:]
		for len(rest) > 0 && (rest[0] == "OR" || rest[0] == "REPLACE" || rest[0] == "TEMP" || rest[0] == "TEMPORARY" || rest[0] == "UNIQUE" || rest[0] == "IF" || rest[0] == "NOT" || rest[0] == "EXISTS") {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			return kw[0] + " " + rest[0]
		}
	case "START":
		return "BEGIN"
	case "END":
		return "COMMIT"
	case "ABORT":
		return "ROLLBACK"
	case "WITH":
		if v := pgsql.WithVerb(q); v != "" {
			return v
		}
	}
	return kw[0]
}

// txVerb classifies transaction-control statements: "begin", "commit", "rollback" or "".
func txVerb(q string) string {
	kw := keywords(q, 2)
	if len(kw) == 0 {
		return ""
	}
	switch kw[0] {
	case "BEGIN":
		return "begin"
	case "START":
		if len(kw) > 1 && kw[1] == "TRANSACTION" {
			return "begin"
		}
	case "COMMIT", "END":
		return "commit"
	case "ROLLBACK", "ABORT":
		if len(kw) > 1 && kw[1] == "TO" {
			return ""
		}
		return "rollback"
	}
	return ""
}
