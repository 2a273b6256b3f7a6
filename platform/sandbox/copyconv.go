package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jeroenrinzema/psql-wire/codes"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// COPY … FROM STDIN reads each value as PostgreSQL's input function for the column's
// type reads it, and hands DuckDB's CSV reader a text DuckDB casts to the same value:
// arrays in PostgreSQL's {…} become DuckDB's list text, bytea's \x… and escape forms
// DuckDB's blob escapes, PostgreSQL's interval forms months/days/microseconds, BC
// dates negative years; what PostgreSQL refuses (an integer "1.5", which DuckDB would
// round) is refused with PostgreSQL's SQLSTATE before DuckDB sees it.

// fieldConv appends to dst the DuckDB text for src, a value in PostgreSQL's text input
// form, or returns the error PostgreSQL's input function gives.
type fieldConv func(dst, src []byte) ([]byte, error)

// inputError is the error of a value an input function refuses.
func inputError(code codes.Code, format string, args ...any) error {
	return &sqlError{code: code, msg: fmt.Sprintf(format, args...)}
}

func syntaxError(typ string, src []byte) error {
	return inputError(codes.InvalidTextRepresentation, "invalid input syntax for type %s: %q", typ, src)
}

// convFor returns the conversion of a column of DuckDB type typ (as duckdb_columns
// spells it); text passes through after the encoding check.
func convFor(typ string) fieldConv {
	if strings.HasSuffix(typ, "[]") {
		elem := strings.TrimSuffix(typ, "[]")
		depth := 1
		for strings.HasSuffix(elem, "[]") {
			elem, depth = strings.TrimSuffix(elem, "[]"), depth+1
		}
		return arrayConv(convFor(elem), depth)
	}
	switch {
	case typ == "BOOLEAN":
		return boolConv
	case typ == "TINYINT":
		return intConv("smallint", 8)
	case typ == "SMALLINT":
		return intConv("smallint", 16)
	case typ == "INTEGER":
		return intConv("integer", 32)
	case typ == "BIGINT":
		return intConv("bigint", 64)
	case typ == "FLOAT":
		return floatConv("real", 32)
	case typ == "DOUBLE":
		return floatConv("double precision", 64)
	case strings.HasPrefix(typ, "DECIMAL"), typ == "HUGEINT", typ == "UBIGINT":
		return numericConv
	case typ == "BLOB":
		return byteaConv
	case typ == "DATE":
		return dateConv
	case typ == "TIMESTAMP", typ == "TIMESTAMP WITH TIME ZONE":
		return timestampConv
	case typ == "INTERVAL":
		return intervalConv
	case typ == "UUID":
		return uuidConv
	case typ == "JSON":
		return jsonConv
	}
	return textConv
}

// pgSpace reports the blanks PostgreSQL's input functions skip (isspace).
func pgSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && pgSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && pgSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// textConv checks that a text value is UTF-8 without NUL bytes (22021).
func textConv(dst, src []byte) ([]byte, error) {
	if err := checkEncoding(src); err != nil {
		return nil, err
	}
	return append(dst, src...), nil
}

func checkEncoding(src []byte) error {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return inputError(codes.CharacterNotInRepertoire, `invalid byte sequence for encoding "UTF8": 0x00`)
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return inputError(codes.CharacterNotInRepertoire, `invalid byte sequence for encoding "UTF8": 0x%02x`, src[i])
			}
			i += n
		}
	}
	return nil
}

// boolConv reads PostgreSQL's boolean spellings (t, true, y, yes, on, 1 and their
// prefixes…).
func boolConv(dst, src []byte) ([]byte, error) {
	s := strings.ToLower(string(trimSpace(src)))
	prefix := func(word string) bool { return len(s) > 0 && strings.HasPrefix(word, s) }
	switch {
	case prefix("true"), prefix("yes"), s == "1", len(s) >= 2 && prefix("on"):
		return append(dst, "true"...), nil
	case prefix("false"), prefix("no"), s == "0", len(s) >= 2 && prefix("off"):
		return append(dst, "false"...), nil
	}
	return nil, syntaxError("boolean", src)
}

// intConv reads an integer as int2in/int4in/int8in: blanks, a sign and digits only.
func intConv(name string, bits int) fieldConv {
	return func(dst, src []byte) ([]byte, error) {
		s := trimSpace(src)
		digits := s
		if len(digits) > 0 && (digits[0] == '+' || digits[0] == '-') {
			digits = digits[1:]
		}
		if len(digits) == 0 {
			return nil, syntaxError(name, src)
		}
		for _, c := range digits {
			if c < '0' || c > '9' {
				return nil, syntaxError(name, src)
			}
		}
		if _, err := strconv.ParseInt(string(s), 10, bits); err != nil {
			return nil, inputError(codes.NumericValueOutOfRange, "value %q is out of range for type %s", src, name)
		}
		return append(dst, s...), nil
	}
}

// floatConv reads a float as float4in/float8in (strtod's syntax, NaN and Infinity).
func floatConv(name string, bits int) fieldConv {
	return func(dst, src []byte) ([]byte, error) {
		s := trimSpace(src)
		if bytes.ContainsRune(s, '_') {
			return nil, syntaxError(name, src)
		}
		f, err := strconv.ParseFloat(string(s), bits)
		if err != nil {
			var ne *strconv.NumError
			if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
				return nil, inputError(codes.NumericValueOutOfRange, "%q is out of range for type %s", src, name)
			}
			return nil, syntaxError(name, src)
		}
		switch {
		case f != f:
			return append(dst, "nan"...), nil
		case math.IsInf(f, 1):
			return append(dst, "inf"...), nil
		case math.IsInf(f, -1):
			return append(dst, "-inf"...), nil
		case bytes.IndexAny(s, "xXpP") >= 0:
			return strconv.AppendFloat(dst, f, 'g', -1, bits), nil // hexadecimal
		}
		return append(dst, s...), nil
	}
}

// numericConv checks numeric's syntax (digits, point, exponent, NaN, Infinity).
func numericConv(dst, src []byte) ([]byte, error) {
	s := trimSpace(src)
	switch strings.ToLower(string(s)) {
	case "nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf":
		return append(dst, s...), nil
	}
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits > 0 && i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for ; k < len(s) && s[k] >= '0' && s[k] <= '9'; k++ {
		}
		if k > j {
			i = k
		}
	}
	if digits == 0 || i != len(s) {
		return nil, syntaxError("numeric", src)
	}
	return append(dst, s...), nil
}

// byteaConv reads bytea's hex (\x0102) and escape (a\\b\001) forms and writes DuckDB's
// blob text: printable ASCII as it is, every other byte and the backslash as \xHH.
func byteaConv(dst, src []byte) ([]byte, error) {
	const hexDigits = "0123456789ABCDEF"
	put := func(c byte) {
		if c >= 0x20 && c < 0x7f && c != '\\' {
			dst = append(dst, c)
			return
		}
		dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
	}
	if len(src) >= 2 && src[0] == '\\' && src[1] == 'x' {
		for i := 2; i < len(src); {
			if pgSpace(src[i]) {
				i++
				continue
			}
			hi, ok := pgsql.HexDigit(src[i])
			if !ok {
				return nil, inputError(codes.InvalidParameterValue, "invalid hexadecimal digit: %q", src[i:i+1])
			}
			if i+1 >= len(src) {
				return nil, inputError(codes.InvalidParameterValue, "invalid hexadecimal data: odd number of digits")
			}
			lo, ok := pgsql.HexDigit(src[i+1])
			if !ok {
				return nil, inputError(codes.InvalidParameterValue, "invalid hexadecimal digit: %q", src[i+1:i+2])
			}
			put(hi<<4 | lo)
			i += 2
		}
		return dst, nil
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '\\' {
			put(c)
			continue
		}
		switch {
		case i+1 < len(src) && src[i+1] == '\\':
			put('\\')
			i++
		case i+3 < len(src) && src[i+1] >= '0' && src[i+1] <= '3' && isOct(src[i+2]) && isOct(src[i+3]):
			put((src[i+1]-'0')<<6 | (src[i+2]-'0')<<3 | (src[i+3] - '0'))
			i += 3
		default:
			return nil, syntaxError("bytea", src)
		}
	}
	return dst, nil
}

func isOct(c byte) bool { return c >= '0' && c <= '7' }

// dateConv writes a BC date ("2024-01-01 BC", which DuckDB would read as AD) with
// DuckDB's negative year (year 1 BC is year 0), and 20240102 as 2024-01-02.
func dateConv(dst, src []byte) ([]byte, error) {
	s := trimSpace(src)
	if len(s) == 8 && isDigits(s) {
		// ISO 8601's basic form, 20240102.
		return fmt.Appendf(dst, "%s-%s-%s", s[:4], s[4:6], s[6:]), nil
	}
	return bcYear(dst, isoDate(s))
}

var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2,
	"march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10,
	"november": 11, "december": 12}

// isoDate rewrites the date forms PostgreSQL reads with DateStyle ISO, MDY and DuckDB
// does not ("1/8/1999", "January 8, 1999", "8-Jan-1999", "1999/01/08") as ISO's
// Y-M-D, keeping what follows the date (a time, a zone, BC); other values are kept.
func isoDate(s []byte) []byte {
	if len(s) < 5 || isDigits(s[:4]) && s[4] == '-' || s[0] == '-' || s[0] == '+' {
		return s
	}
	fields := strings.Fields(string(s))
	var parts []string
	n := 0
	for ; n < len(fields) && len(parts) < 3; n++ {
		f := fields[n]
		if strings.ContainsRune(f, ':') {
			break
		}
		for _, p := range strings.FieldsFunc(f, func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == ',' }) {
			parts = append(parts, strings.ToLower(p))
		}
	}
	if len(parts) != 3 {
		return s
	}
	var nums []string
	month := 0
	for _, p := range parts {
		if m, ok := monthNames[p]; ok && month == 0 {
			month = m
		} else if isDigits([]byte(p)) {
			nums = append(nums, p)
		} else {
			return s
		}
	}
	var y, m, d string
	switch {
	case month != 0 && len(nums) == 2:
		m, d, y = strconv.Itoa(month), nums[0], nums[1]
		if len(nums[0]) > 2 {
			y, d = nums[0], nums[1]
		}
	case month == 0 && len(nums) == 3 && len(nums[0]) > 2:
		y, m, d = nums[0], nums[1], nums[2]
	case month == 0 && len(nums) == 3:
		m, d, y = nums[0], nums[1], nums[2]
	default:
		return s
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if len(y) <= 2 {
		yi += 1900
		if yi < 1970 {
			yi += 100
		}
	}
	if mi < 1 || mi > 12 || di < 1 || di > 31 {
		return s
	}
	out := fmt.Appendf(nil, "%04d-%02d-%02d", yi, mi, di)
	for _, f := range fields[n:] {
		out = append(append(out, ' '), f...)
	}
	return out
}

func isDigits(s []byte) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// timestampConv moves a BC to the year and joins an offset written after a blank
// ("… 00:00:00 +05", which DuckDB takes for a zone name) to the time.
func timestampConv(dst, src []byte) ([]byte, error) {
	s := trimSpace(src)
	if i := bytes.LastIndexByte(s, ' '); i > 0 && i+1 < len(s) && (s[i+1] == '+' || s[i+1] == '-') && isOffset(s[i+2:]) {
		j := i
		for j > 0 && s[j-1] == ' ' {
			j--
		}
		s = append(append([]byte(nil), s[:j]...), s[i+1:]...)
	}
	return bcYear(dst, isoDate(s))
}

// isOffset reports whether s is a zone offset's digits: hh, hhmm, hh:mm, hh:mm:ss.
func isOffset(s []byte) bool {
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n++
		case c == ':':
		default:
			return false
		}
	}
	return n >= 1 && n <= 6
}

// bcYear rewrites "Y-M-D… BC" as "-(Y-1)-M-D…"; other values are kept.
func bcYear(dst, s []byte) ([]byte, error) {
	if len(s) < 3 || !strings.EqualFold(string(s[len(s)-2:]), "bc") || !pgSpace(s[len(s)-3]) {
		return append(dst, s...), nil
	}
	s = trimSpace(s[:len(s)-2])
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	y, err := strconv.Atoi(string(s[:i]))
	if err != nil || i == len(s) || s[i] != '-' || y < 1 {
		return nil, inputError(codes.InvalidDatetimeFormat, "invalid input syntax for type date: %q", s)
	}
	if y > 1 {
		dst = append(dst, '-')
	}
	dst = fmt.Appendf(dst, "%04d", y-1)
	return append(dst, s[i:]...), nil
}

// uuidConv reads a UUID as uuid_in does: 32 hex digits, a hyphen allowed after any
// group of four, the whole optionally in braces; no blanks.
func uuidConv(dst, src []byte) ([]byte, error) {
	s := src
	if len(s) > 0 && s[0] == '{' {
		if s[len(s)-1] != '}' {
			return nil, syntaxError("uuid", src)
		}
		s = s[1 : len(s)-1]
	}
	var hex []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' && len(hex) > 0 && len(hex)%4 == 0 && len(hex) < 32 && i+1 < len(s) && s[i+1] != '-' {
			continue
		}
		if _, ok := pgsql.HexDigit(c); !ok {
			return nil, syntaxError("uuid", src)
		}
		hex = append(hex, c|0x20)
	}
	if len(hex) != 32 {
		return nil, syntaxError("uuid", src)
	}
	return fmt.Appendf(dst, "%s-%s-%s-%s-%s", hex[:8], hex[8:12], hex[12:16], hex[16:20], hex[20:]), nil
}

// jsonConv checks json text (kept as written, as PostgreSQL's json keeps it).
func jsonConv(dst, src []byte) ([]byte, error) {
	if err := checkEncoding(src); err != nil {
		return nil, err
	}
	if !json.Valid(src) {
		return nil, syntaxError("json", src)
	}
	return append(dst, src...), nil
}
