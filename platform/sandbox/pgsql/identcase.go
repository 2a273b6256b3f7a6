package pgsql

import "strings"

// FoldIdentCase folds the names sql writes without quotes to lower case, as
// PostgreSQL's lexer does, when sql creates, alters or renames objects (CREATE, ALTER,
// SELECT … INTO) or is a query (whose subqueries' labels name what a * reads): DuckDB
// keeps a name as it was first written, so CREATE TABLE T (Code int) would otherwise
// make a table T with a column Code where PostgreSQL makes t and code. Quoted names, string constants, dollar-quoted bodies and comments keep their
// case; only ASCII letters fold (PostgreSQL's rule for UTF-8). Keywords fold too, which
// changes nothing. Any other statement, or one with no upper-case letter outside quotes,
// is returned as it is, without a copy.
func FoldIdentCase(sql string) string {
	if !foldsNames(sql) {
		return sql
	}
	var b []byte // a copy, made at the first letter to fold
	n := len(sql)
	for i := 0; i < n; {
		c := sql[i]
		switch {
		case c == '\'':
			escapes := i > 0 && (sql[i-1] == 'e' || sql[i-1] == 'E') && (i < 2 || !isWordByte(sql[i-2]))
			i = skipQuoted(sql, i, '\'', escapes)
		case c == '"':
			i = skipQuoted(sql, i, '"', false)
		case c == '-' && i+1 < n && sql[i+1] == '-':
			if j := strings.IndexByte(sql[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = n
			}
		case c == '/' && i+1 < n && sql[i+1] == '*':
			i = skipBlockComment(sql, i)
		case c == '$':
			i = skipDollar(sql, i)
		case c >= 'A' && c <= 'Z':
			if b == nil {
				b = []byte(sql)
			}
			b[i] = c + 'a' - 'A'
			i++
		default:
			i++
		}
	}
	if b == nil {
		return sql
	}
	return string(b)
}

// foldsNames reports whether sql (by its first word) is a statement whose names
// FoldIdentCase folds: CREATE, ALTER, WITH, and SELECT with INTO or a subquery.
func foldsNames(sql string) bool {
	i := 0
	for i < len(sql) {
		switch c := sql[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(':
			i++
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return false
			}
			i += j + 1
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			i = skipBlockComment(sql, i)
		default:
			j := i
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			switch w := sql[i:j]; {
			case strings.EqualFold(w, "create"), strings.EqualFold(w, "alter"):
				return true
			case strings.EqualFold(w, "with"):
				return true // a CTE's labels name the columns a * reads from it
			case strings.EqualFold(w, "select"):
				// SELECT … INTO names a table; a subquery's labels name the
				// columns a * reads from it
				return hasWordFold(sql[j:], "into") || hasWordFold(sql[j:], "select")
			}
			return false
		}
	}
	return false
}

// skipQuoted returns the index after the quoted text starting at sql[i] (a doubled
// quote stands for itself; with escapes, so does a backslash and what follows it).
func skipQuoted(sql string, i int, q byte, escapes bool) int {
	for j := i + 1; j < len(sql); j++ {
		switch sql[j] {
		case '\\':
			if escapes {
				j++
			}
		case q:
			if j+1 < len(sql) && sql[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(sql)
}

// skipBlockComment returns the index after the comment (which nests) at sql[i].
func skipBlockComment(sql string, i int) int {
	depth := 0
	for j := i; j+1 < len(sql); j++ {
		switch {
		case sql[j] == '/' && sql[j+1] == '*':
			depth++
			j++
		case sql[j] == '*' && sql[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(sql)
}

// skipDollar returns the index after the dollar-quoted text at sql[i] ($$…$$,
// $tag$…$tag$), or after the $ when it starts none (a parameter $1, a $ in a name).
func skipDollar(sql string, i int) int {
	if i > 0 && isWordByte(sql[i-1]) {
		return i + 1 // inside a name (a$b)
	}
	j := i + 1
	if j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
		return i + 1 // a parameter
	}
	for j < len(sql) && isWordByte(sql[j]) {
		j++
	}
	if j >= len(sql) || sql[j] != '$' {
		return i + 1
	}
	tag := sql[i : j+1]
	end := strings.Index(sql[j+1:], tag)
	if end < 0 {
		return len(sql)
	}
	return j + 1 + end + len(tag)
}

// hasWordFold reports whether sql holds word (lower case) as a word, in any case.
func hasWordFold(sql, word string) bool {
	for i := 0; i+len(word) <= len(sql); i++ {
		if c := sql[i] | 0x20; c == word[0] && (i == 0 || !isWordByte(sql[i-1])) && strings.EqualFold(sql[i:i+len(word)], word) &&
			(i+len(word) == len(sql) || !isWordByte(sql[i+len(word)])) {
			return true
		}
	}
	return false
}
