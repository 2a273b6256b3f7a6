package magics

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a SQL token.
type tokKind int

const (
	tkSpace    tokKind = iota // whitespace
	tkComment                 // -- line comment or /* block comment */ (nested)
	tkString                  // '…' with '' escapes; E'…' also with backslash escapes; B'', X'', N'', U&''
	tkDollar                  // $$…$$ or $tag$…$tag$
	tkQIdent                  // "quoted identifier" with "" escapes
	tkWord                    // keyword or unquoted identifier
	tkNumber                  // numeric literal
	tkParam                   // $1, $2…
	tkTemplate                // {{ Go expression [| filter] }}
	tkSemi                    // ;
	tkOpen                    // (
	tkClose                   // )
	tkOp                      // any other punctuation, :: included
)

// token is one lexed piece of SQL: its kind, its exact text, and its byte offset.
type token struct {
	kind tokKind
	text string
	pos  int
}

// significant reports whether the token matters to the statement's structure.
func (t token) significant() bool { return t.kind != tkSpace && t.kind != tkComment }

// isWord reports whether t is the unquoted word w (case-insensitive).
func (t token) isWord(w string) bool { return t.kind == tkWord && strings.EqualFold(t.text, w) }

// lexSQL splits sql into tokens whose texts concatenate back to sql. String literals,
// quoted identifiers, comments and dollar-quoted strings are single tokens, so nothing
// inside them is ever taken for a template, a parameter or a statement separator. A
// template {{…}} must be closed; unterminated quotes and comments run to the end of
// the text (the server reports them).
func lexSQL(sql string) ([]token, error) {
	var toks []token
	i := 0
	emit := func(k tokKind, end int) {
		toks = append(toks, token{kind: k, text: sql[i:end], pos: i})
		i = end
	}
	for i < len(sql) {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			j := i
			for j < len(sql) && strings.IndexByte(" \t\n\r\f", sql[j]) >= 0 {
				j++
			}
			emit(tkSpace, j)
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				emit(tkComment, len(sql))
			} else {
				emit(tkComment, i+j)
			}
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			depth, j := 0, i
			for j < len(sql) {
				if strings.HasPrefix(sql[j:], "/*") {
					depth++
					j += 2
				} else if strings.HasPrefix(sql[j:], "*/") {
					depth--
					j += 2
					if depth == 0 {
						break
					}
				} else {
					j++
				}
			}
			emit(tkComment, j)
		case c == '\'':
			emit(tkString, scanQuoted(sql, i, '\'', false))
		case (c == 'E' || c == 'e') && i+1 < len(sql) && sql[i+1] == '\'' && !wordBefore(sql, i):
			emit(tkString, scanQuoted(sql, i+1, '\'', true))
		case (c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && i+1 < len(sql) && sql[i+1] == '\'' && !wordBefore(sql, i):
			emit(tkString, scanQuoted(sql, i+1, '\'', false))
		case (c == 'U' || c == 'u') && strings.HasPrefix(sql[i+1:], "&'") && !wordBefore(sql, i):
			emit(tkString, scanQuoted(sql, i+2, '\'', false))
		case (c == 'U' || c == 'u') && strings.HasPrefix(sql[i+1:], "&\"") && !wordBefore(sql, i):
			emit(tkQIdent, scanQuoted(sql, i+2, '"', false))
		case c == '"':
			emit(tkQIdent, scanQuoted(sql, i, '"', false))
		case c == '$':
			if j := i + 1; j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
				for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
					j++
				}
				emit(tkParam, j)
			} else if tag, ok := dollarTag(sql[i:]); ok {
				end := strings.Index(sql[i+len(tag):], tag)
				if end < 0 {
					emit(tkDollar, len(sql))
				} else {
					emit(tkDollar, i+len(tag)+end+len(tag))
				}
			} else {
				emit(tkOp, i+1)
			}
		case c == '{' && strings.HasPrefix(sql[i:], "{{"):
			end, err := scanTemplate(sql, i)
			if err != nil {
				return nil, err
			}
			emit(tkTemplate, end)
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			j := i + 1
			for j < len(sql) && (sql[j] == '_' || sql[j] == '$' || sql[j] >= 'a' && sql[j] <= 'z' || sql[j] >= 'A' && sql[j] <= 'Z' || sql[j] >= '0' && sql[j] <= '9' || sql[j] >= 0x80) {
				j++
			}
			emit(tkWord, j)
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(sql) && sql[i+1] >= '0' && sql[i+1] <= '9':
			j := i
			for j < len(sql) && (sql[j] >= '0' && sql[j] <= '9' || sql[j] == '.' || sql[j] == '_' ||
				(sql[j] == 'e' || sql[j] == 'E') || ((sql[j] == '+' || sql[j] == '-') && (sql[j-1] == 'e' || sql[j-1] == 'E'))) {
				j++
			}
			emit(tkNumber, j)
		case c == ';':
			emit(tkSemi, i+1)
		case c == '(':
			emit(tkOpen, i+1)
		case c == ')':
			emit(tkClose, i+1)
		case c == ':' && strings.HasPrefix(sql[i:], "::"):
			emit(tkOp, i+2)
		default:
			emit(tkOp, i+1)
		}
	}
	return toks, nil
}

// wordBefore reports whether sql[i] continues an identifier (so "bE'" is not E'…').
func wordBefore(sql string, i int) bool {
	if i == 0 {
		return false
	}
	p := sql[i-1]
	return p == '_' || p == '$' || p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p >= '0' && p <= '9' || p >= 0x80
}

// scanQuoted returns the end of the quoted text starting at sql[start] == q: a doubled
// quote is an escaped quote, and with backslash=true so is \q (E'…' strings).
func scanQuoted(sql string, start int, q byte, backslash bool) int {
	j := start + 1
	for j < len(sql) {
		switch sql[j] {
		case '\\':
			if backslash {
				j += 2
				continue
			}
		case q:
			if j+1 < len(sql) && sql[j+1] == q {
				j += 2
				continue
			}
			return j + 1
		}
		j++
	}
	return len(sql)
}

// dollarTag returns the opening $tag$ at the start of s, if there is one.
func dollarTag(s string) (string, bool) {
	j := 1
	for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 0x80 || j > 1 && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j < len(s) && s[j] == '$' {
		return s[:j+1], true
	}
	return "", false
}

// scanTemplate returns the end of the {{…}} template starting at sql[start], matching
// braces and skipping Go string and rune literals inside the expression.
func scanTemplate(sql string, start int) (int, error) {
	depth := 0
	for j := start + 2; j < len(sql); j++ {
		switch c := sql[j]; c {
		case '"', '\'':
			k := j + 1
			for k < len(sql) && sql[k] != c && sql[k] != '\n' {
				if sql[k] == '\\' {
					k++
				}
				k++
			}
			j = k
		case '`':
			k := strings.IndexByte(sql[j+1:], '`')
			if k < 0 {
				j = len(sql)
			} else {
				j += k + 1
			}
		case '{':
			depth++
		case '}':
			if depth == 0 && j+1 < len(sql) && sql[j+1] == '}' {
				return j + 2, nil
			}
			if depth > 0 {
				depth--
			}
		}
	}
	line := 1 + strings.Count(sql[:start], "\n")
	return 0, usageErrorf("unclosed {{ at line %d: %q; a parameter is written {{expr}}", line, clip(sql[start:], 40))
}

// clip shortens s to n bytes with an ellipsis.
func clip(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 && i < n {
		return s[:i] + "…"
	}
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// statement is one SQL statement of a cell with the 1-based cell line it starts on.
type statement struct {
	text string
	line int
}

// splitStatements splits sql at top-level semicolons, dropping statements that hold only
// whitespace and comments. Comments stay with the statement that follows them.
func splitStatements(sql string) ([]statement, error) {
	toks, err := lexSQL(sql)
	if err != nil {
		return nil, err
	}
	var out []statement
	start := 0
	has := false
	flush := func(end int) {
		if has {
			text := strings.TrimSpace(sql[start:end])
			lead := len(sql[start:end]) - len(strings.TrimLeft(sql[start:end], " \t\r\n\f"))
			out = append(out, statement{text: text, line: 1 + strings.Count(sql[:start+lead], "\n")})
		}
	}
	for _, t := range toks {
		if t.kind == tkSemi {
			flush(t.pos)
			start, has = t.pos+1, false
			continue
		}
		if t.significant() {
			has = true
		}
	}
	flush(len(sql))
	return out, nil
}

// firstWord returns the upper-cased first significant word of a statement ("" when it
// starts with something else, such as a parenthesis).
func firstWord(toks []token) string {
	for _, t := range toks {
		if t.significant() {
			if t.kind == tkWord {
				return strings.ToUpper(t.text)
			}
			return ""
		}
	}
	return ""
}

// quoteIdent validates name as an identifier and double-quotes it; a dotted name is
// quoted part by part ("schema"."table").
func quoteIdent(parts []string) (string, error) {
	if len(parts) == 0 {
		return "", fmt.Errorf("empty identifier")
	}
	q := make([]string, len(parts))
	for i, p := range parts {
		switch {
		case p == "":
			return "", fmt.Errorf("empty identifier part in %q", strings.Join(parts, "."))
		case strings.ContainsRune(p, 0):
			return "", fmt.Errorf("identifier %q contains a NUL byte", p)
		case len(p) > 63:
			return "", fmt.Errorf("identifier %q is longer than 63 bytes", clip(p, 20))
		case !validUTF8(p):
			return "", fmt.Errorf("identifier %q is not valid UTF-8", p)
		}
		q[i] = `"` + strings.ReplaceAll(p, `"`, `""`) + `"`
	}
	return strings.Join(q, "."), nil
}

func validUTF8(s string) bool { return utf8.ValidString(s) }
