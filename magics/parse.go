package magics

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// segKind says what a piece of a line-magic cell is.
type segKind int

const (
	segGo    segKind = iota // Go source handed to Session.Eval
	segLine                 // a %line magic
	segShell                // a !command
)

// segment is one piece of a cell of line magics, in cell order.
type segment struct {
	kind   segKind
	text   string     // Go source (segGo) or the shell command (segShell)
	inv    Invocation // the call (segLine)
	assign string     // for "x := %magic args": the variable the result is stored in
	line   int        // 1-based line number of the segment's first line
}

// parsed is a whole cell: either one cell magic or a list of segments.
type parsed struct {
	cell *Invocation
	segs []segment
}

var assignRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*:?=\s*%([A-Za-z_][A-Za-z0-9_]*)(.*)$`)

// IsMagic reports whether Handle would take the cell: its first non-blank line starts with
// % or !, or a later line starts with % (never valid Go outside a raw string or comment).
func IsMagic(code string) bool {
	first := true
	var st goState
	for _, line := range strings.Split(code, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if first {
			if strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") || assignRE.MatchString(t) {
				return true
			}
			first = false
		} else if !st.inside() && (strings.HasPrefix(t, "%") || assignRE.MatchString(t)) {
			return true
		}
		st.feed(line)
	}
	return false
}

// parseCell splits code into a cell-magic invocation or a sequence of segments.
func parseCell(code string) (parsed, error) {
	lines := strings.Split(code, "\n")
	start := 0
	for start < len(lines) && strings.TrimSpace(lines[start]) == "" {
		start++
	}
	if start < len(lines) {
		t := strings.TrimLeftFunc(lines[start], unicode.IsSpace)
		if strings.HasPrefix(t, "%%") {
			name, args := splitName(t[2:])
			if !isWord(name) {
				return parsed{}, usageErrorf("line %d: %q is not a magic name; a cell magic is written %%%%name args", start+1, name)
			}
			inv := &Invocation{Name: name, Cell: true, Args: args, Body: strings.Join(lines[start+1:], "\n")}
			return parsed{cell: inv}, nil
		}
	}
	var p parsed
	var goBuf []string
	goLine := 0
	var st goState
	flush := func() {
		if len(goBuf) > 0 {
			src := strings.Join(goBuf, "\n")
			if strings.TrimSpace(src) != "" {
				p.segs = append(p.segs, segment{kind: segGo, text: src, line: goLine})
			}
			goBuf, goLine = nil, 0
		}
	}
	for i := start; i < len(lines); i++ {
		line := lines[i]
		t := strings.TrimSpace(line)
		if !st.inside() && !st.continues() {
			switch {
			case strings.HasPrefix(t, "%%"):
				return parsed{}, usageErrorf("line %d: cell magic %s must be on the first line of the cell", i+1, strings.Fields(t)[0])
			case strings.HasPrefix(t, "%"):
				flush()
				name, args := splitName(t[1:])
				if !isWord(name) {
					return parsed{}, usageErrorf("line %d: %q is not a magic name; a line magic is written %%name args", i+1, t)
				}
				p.segs = append(p.segs, segment{kind: segLine, inv: Invocation{Name: name, Args: args}, line: i + 1})
				continue
			case strings.HasPrefix(t, "!"):
				flush()
				p.segs = append(p.segs, segment{kind: segShell, text: strings.TrimSpace(t[1:]), line: i + 1})
				continue
			}
			if m := assignRE.FindStringSubmatch(t); m != nil {
				flush()
				p.segs = append(p.segs, segment{kind: segLine, inv: Invocation{Name: m[2], Args: strings.TrimSpace(m[3])}, assign: m[1], line: i + 1})
				continue
			}
		}
		if goBuf == nil {
			goLine = i + 1
		}
		goBuf = append(goBuf, line)
		st.feed(line)
	}
	flush()
	return p, nil
}

// splitName splits "name args" after the % signs. A trailing "?" on the name ("%sql?")
// asks for help and is returned as the argument "?".
func splitName(s string) (name, args string) {
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	name, rest := s[:i], s[i:]
	if strings.HasPrefix(rest, "?") && strings.TrimSpace(rest[1:]) == "" {
		return name, "?"
	}
	if rest != "" && !unicode.IsSpace(rune(rest[0])) {
		// "%foo-bar": keep the whole word so the error names it.
		j := strings.IndexFunc(rest, unicode.IsSpace)
		if j < 0 {
			j = len(rest)
		}
		return name + rest[:j], strings.TrimSpace(rest[j:])
	}
	return name, strings.TrimSpace(rest)
}

// goState follows Go source line by line far enough to tell whether the next line is
// still inside a raw string, a block comment or an open bracket, or continues an
// expression, so that a line starting with % or ! there is left to Go.
type goState struct {
	raw, comment bool
	depth        int
	last         byte // last significant byte of the previous line
}

func (s *goState) inside() bool { return s.raw || s.comment || s.depth > 0 }

// continues reports whether the previous line ended with a binary operator, a comma or
// a dot, so the next line continues its expression.
func (s *goState) continues() bool {
	switch s.last {
	case '&', '|', '+', '-', '*', '/', '%', '<', '>', '=', ',', '.', '^', '!', ':':
		return true
	}
	return false
}

func (s *goState) feed(line string) {
	last := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case s.raw:
			if c == '`' {
				s.raw = false
				last = c
			}
			continue
		case s.comment:
			if c == '*' && i+1 < len(line) && line[i+1] == '/' {
				s.comment = false
				i++
			}
			continue
		}
		switch c {
		case '`':
			s.raw = true
		case '"', '\'':
			j := i + 1
			for j < len(line) && line[j] != c {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '/':
			if i+1 < len(line) && line[i+1] == '/' {
				i = len(line)
				continue
			}
			if i+1 < len(line) && line[i+1] == '*' {
				s.comment = true
				i++
				continue
			}
		case '(', '[', '{':
			s.depth++
		case ')', ']', '}':
			if s.depth > 0 {
				s.depth--
			}
		}
		if c != ' ' && c != '\t' && c != '\r' {
			last = c
		}
	}
	if last == '+' && strings.HasSuffix(strings.TrimSpace(line), "++") || last == '-' && strings.HasSuffix(strings.TrimSpace(line), "--") {
		last = ';'
	}
	if !s.comment {
		s.last = last
	}
}

// splitArgs splits s into shell-like words: whitespace separates, single quotes keep
// text literally, double quotes allow \" and \\ escapes, a backslash outside quotes
// escapes the next byte.
func splitArgs(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' quote in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' && j+1 < len(s) && (s[j+1] == '"' || s[j+1] == '\\') {
					j++
				}
				cur.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated \" quote in %q", s)
			}
			i = j
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}
