package pgsql

import (
	"sort"
	"strconv"
	"strings"
)

// jsonb's normal text. DuckDB's jsonb is an alias of its JSON type, which keeps a value's
// text as written, so the sandbox stores every jsonb value in the text PostgreSQL's
// jsonb_out writes: then equality, GROUP BY, DISTINCT, UNION and joins, which DuckDB
// does on the text, agree with PostgreSQL's. NormalizeJSONB reads json text by
// PostgreSQL's rules for jsonb input and writes that text:
//
//   - objects' keys shorter first, then bytewise; of duplicate keys the last is kept;
//   - `{"a": 1, "b": [1, 2]}`: ", " between elements, ": " after keys;
//   - numbers as numeric writes them (1e2 is 100, 1.50 stays 1.50, -0 is 0);
//   - strings with their escapes resolved and written again as PostgreSQL escapes them
//     (only `"`, `\`, and control characters); \u0000 is refused (22P05).

// JSONBError is an error of jsonb input, with its SQLSTATE.
type JSONBError struct {
	Code, Msg, Detail string
}

func (e *JSONBError) Error() string {
	if e.Detail != "" {
		return e.Msg + " (" + e.Detail + ")"
	}
	return e.Msg
}

// maxJSONBDepth bounds the nesting NormalizeJSONB reads (PostgreSQL stops at its stack
// depth limit).
const maxJSONBDepth = 15000

// NormalizeJSONB returns jsonb's normal text of the json text s.
func NormalizeJSONB(s string) (string, error) {
	p := &jsonbParser{s: s}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return "", err
	}
	p.space()
	if p.i < len(p.s) {
		return "", p.syntax()
	}
	var b strings.Builder
	b.Grow(len(s))
	writeJSONB(&b, v)
	return b.String(), nil
}

// jsonbValue is a parsed jsonb value: nil (null), bool, jsonbNumber, string, []any or
// *jsonbObject.
type jsonbNumber string // its normal text

type jsonbObject struct {
	keys []string
	vals []any
}

type jsonbParser struct {
	s string
	i int
}

func (p *jsonbParser) syntax() error {
	return &JSONBError{Code: "22P02", Msg: "invalid input syntax for type json"}
}

func (p *jsonbParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonbParser) value(depth int) (any, error) {
	if depth > maxJSONBDepth {
		return nil, &JSONBError{Code: "54001", Msg: "stack depth limit exceeded"}
	}
	if p.i >= len(p.s) {
		return nil, p.syntax()
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.i++
		o := &jsonbObject{}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return o, nil
		}
		for {
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				return nil, p.syntax()
			}
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, p.syntax()
			}
			p.i++
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			o.keys, o.vals = append(o.keys, k), append(o.vals, v)
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				o.normalize()
				return o, nil
			}
			return nil, p.syntax()
		}
	case c == '[':
		p.i++
		arr := []any{}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return arr, nil
		}
		for {
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				return arr, nil
			}
			return nil, p.syntax()
		}
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, w := range []struct {
		word string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(p.s[p.i:], w.word) && !p.wordAt(p.i+len(w.word)) {
			p.i += len(w.word)
			return w.v, nil
		}
	}
	return nil, p.syntax()
}

// wordAt reports whether a letter or digit continues a word at i (truex is no literal).
func (p *jsonbParser) wordAt(i int) bool {
	if i >= len(p.s) {
		return false
	}
	c := p.s[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// str reads a string at p.i (its opening quote), resolving its escapes.
func (p *jsonbParser) str() (string, error) {
	p.i++
	var b strings.Builder
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			b.WriteString(p.s[start:p.i])
			p.i++
			return b.String(), nil
		case c < 0x20:
			return "", &JSONBError{Code: "22P02", Msg: "invalid input syntax for type json",
				Detail: "Character with value 0x" + strconv.FormatInt(int64(c)|0x100, 16)[1:] + " must be escaped."}
		case c != '\\':
			p.i++
			continue
		}
		b.WriteString(p.s[start:p.i])
		p.i++
		if p.i >= len(p.s) {
			return "", p.syntax()
		}
		e := p.s[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, err := p.hex4()
			if err != nil {
				return "", err
			}
			switch {
			case r == 0:
				return "", &JSONBError{Code: "22P05", Msg: "unsupported Unicode escape sequence",
					Detail: `\u0000 cannot be converted to text.`}
			case r >= 0xD800 && r <= 0xDBFF:
				if !strings.HasPrefix(p.s[p.i:], `\u`) {
					return "", surrogateError("Unicode low surrogate must follow a high surrogate.")
				}
				p.i += 2
				lo, err := p.hex4()
				if err != nil {
					return "", err
				}
				if lo < 0xDC00 || lo > 0xDFFF {
					return "", surrogateError("Unicode low surrogate must follow a high surrogate.")
				}
				r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
			case r >= 0xDC00 && r <= 0xDFFF:
				return "", surrogateError("Unicode low surrogate must follow a high surrogate.")
			}
			b.WriteRune(r)
		default:
			return "", &JSONBError{Code: "22P02", Msg: "invalid input syntax for type json",
				Detail: `Escape sequence "\` + string(e) + `" is invalid.`}
		}
		start = p.i
	}
	return "", p.syntax()
}

func surrogateError(detail string) error {
	return &JSONBError{Code: "22P02", Msg: "invalid input syntax for type json", Detail: detail}
}

// hex4 reads the four hexadecimal digits of a \u escape.
func (p *jsonbParser) hex4() (rune, error) {
	if p.i+4 > len(p.s) {
		return 0, &JSONBError{Code: "22P02", Msg: "invalid input syntax for type json",
			Detail: `"\u" must be followed by four hexadecimal digits.`}
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		d, ok := HexDigit(c)
		if !ok {
			return 0, &JSONBError{Code: "22P02", Msg: "invalid input syntax for type json",
				Detail: `"\u" must be followed by four hexadecimal digits.`}
		}
		r = r<<4 | rune(d)
	}
	p.i += 4
	return r, nil
}

// number reads a json number and gives its text as numeric writes it.
func (p *jsonbParser) number() (any, error) {
	neg := false
	if p.s[p.i] == '-' {
		neg = true
		p.i++
	}
	digits := func() string {
		j := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		return p.s[j:p.i]
	}
	intPart := digits()
	if intPart == "" || len(intPart) > 1 && intPart[0] == '0' {
		return nil, p.syntax()
	}
	frac := ""
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if frac = digits(); frac == "" {
			return nil, p.syntax()
		}
	}
	exp := 0
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		sign := 1
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			if p.s[p.i] == '-' {
				sign = -1
			}
			p.i++
		}
		e := digits()
		if e == "" {
			return nil, p.syntax()
		}
		n, err := strconv.Atoi(e)
		if err != nil || n > 2*numericMaxDigits {
			return nil, errNumericOverflow // beyond what numeric holds, whatever the digits
		}
		exp = sign * n
	}
	if p.wordAt(p.i) {
		return nil, p.syntax()
	}
	scale := len(frac) - exp
	if scale > numericMaxScale {
		return nil, errNumericOverflow // the text keeps scale decimals
	}
	text := jsonbNumberText(neg, intPart+frac, scale)
	whole, fraction, _ := strings.Cut(strings.TrimPrefix(text, "-"), ".")
	if len(whole) > numericMaxDigits || len(fraction) > numericMaxScale {
		return nil, errNumericOverflow
	}
	return jsonbNumber(text), nil
}

// numeric's limits: digits before the point (its weight) and after it (its display
// scale); beyond them PostgreSQL refuses the value with 22003.
const (
	numericMaxDigits = 131072
	numericMaxScale  = 16383
)

var errNumericOverflow = &JSONBError{Code: "22003", Msg: "value overflows numeric format"}

// jsonbNumberText writes the number whose digits are digits and whose value is
// digits × 10^-scale as numeric does: scale decimals (none when scale < 0), no sign on zero.
func jsonbNumberText(neg bool, digits string, scale int) string {
	if scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	whole, frac := strings.TrimLeft(digits[:len(digits)-scale], "0"), digits[len(digits)-scale:]
	if whole == "" {
		whole = "0"
	}
	if neg && (whole != "0" || strings.Trim(frac, "0") != "") {
		whole = "-" + whole
	}
	if scale == 0 {
		return whole
	}
	return whole + "." + frac
}

// normalize keeps the last of duplicate keys and orders the keys as jsonb does.
func (o *jsonbObject) normalize() {
	last := make(map[string]int, len(o.keys))
	for i, k := range o.keys {
		last[k] = i
	}
	idx := make([]int, 0, len(last))
	for i, k := range o.keys {
		if last[k] == i {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		ka, kb := o.keys[idx[a]], o.keys[idx[b]]
		if len(ka) != len(kb) {
			return len(ka) < len(kb)
		}
		return ka < kb
	})
	keys, vals := make([]string, len(idx)), make([]any, len(idx))
	for i, j := range idx {
		keys[i], vals[i] = o.keys[j], o.vals[j]
	}
	o.keys, o.vals = keys, vals
}

func writeJSONB(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case jsonbNumber:
		b.WriteString(string(x))
	case string:
		WriteJSONString(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJSONB(b, e)
		}
		b.WriteByte(']')
	case *jsonbObject:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			WriteJSONString(b, k)
			b.WriteString(": ")
			writeJSONB(b, x.vals[i])
		}
		b.WriteByte('}')
	}
}

// WriteJSONString writes s as a json string the way PostgreSQL's escape_json does:
// `"` and `\` escaped, \b \f \n \r \t by name, other control characters as \u00XX,
// everything else as it is.
func WriteJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch c {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '\b':
			esc = `\b`
		case '\f':
			esc = `\f`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		default:
			if c >= 0x20 {
				continue
			}
			esc = `\u00` + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
