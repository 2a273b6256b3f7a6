package sandbox

import (
	"crypto/sha256"
	"crypto/sha512"
	"database/sql/driver"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// PostgreSQL's string functions DuckDB lacks (initcap, quote_*, encode/decode with a
// format, convert_to/from…) or has with other results (lpad with two arguments,
// string_to_array's empty fields and null string, to_hex of negative numbers, sha256
// of bytea).
func init() {
	addPGFunc("initcap", &pgFunc{in: []duckdb.Type{tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		return initcap(s), nil
	}})
	for _, n := range []int{1, 2} {
		addPGFunc("btrim", &pgFunc{in: []duckdb.Type{tText, tText}[:n], out: tText, fn: func(a []driver.Value) (any, error) {
			s, _ := argString(a[0])
			chars := " "
			if len(a) > 1 {
				chars, _ = argString(a[1])
			}
			return strings.Trim(s, chars), nil
		}})
	}
	addPGFunc("pg_quote_ident", &pgFunc{in: []duckdb.Type{tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		return pgsql.QuoteIdent(s), nil
	}})
	addPGFunc("pg_quote_literal", &pgFunc{in: []duckdb.Type{tAny}, out: tText, fn: func(a []driver.Value) (any, error) {
		return quoteLiteral(castText(a[0])), nil
	}})
	addPGFunc("pg_quote_nullable", &pgFunc{in: []duckdb.Type{tAny}, out: tText, nulls: true, fn: func(a []driver.Value) (any, error) {
		if a[0] == nil {
			return "NULL", nil
		}
		return quoteLiteral(castText(a[0])), nil
	}})
	addPGFunc("pg_encode", &pgFunc{in: []duckdb.Type{tBlob, tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		b, _ := a[0].([]byte)
		f, _ := argString(a[1])
		return encodeBytes(b, f)
	}})
	addPGFunc("pg_decode", &pgFunc{in: []duckdb.Type{tText, tText}, out: tBlob, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		f, _ := argString(a[1])
		return decodeBytes(s, f)
	}})
	addPGFunc("convert_to", &pgFunc{in: []duckdb.Type{tText, tText}, out: tBlob, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		enc, _ := argString(a[1])
		return convertTo(s, enc)
	}})
	addPGFunc("convert_from", &pgFunc{in: []duckdb.Type{tBlob, tText}, out: tText, fn: func(a []driver.Value) (any, error) {
		b, _ := a[0].([]byte)
		enc, _ := argString(a[1])
		return convertFrom(b, enc)
	}})
	for name, sum := range map[string]func([]byte) []byte{
		"pg_sha256": func(b []byte) []byte { h := sha256.Sum256(b); return h[:] },
		"sha224":    func(b []byte) []byte { h := sha256.Sum224(b); return h[:] },
		"sha384":    func(b []byte) []byte { h := sha512.Sum384(b); return h[:] },
		"sha512":    func(b []byte) []byte { h := sha512.Sum512(b); return h[:] },
	} {
		addPGFunc(name, &pgFunc{in: []duckdb.Type{tBlob}, out: tBlob, fn: func(a []driver.Value) (any, error) {
			b, _ := a[0].([]byte)
			return sum(b), nil
		}})
	}
	addPGFunc("pg_chr", &pgFunc{in: []duckdb.Type{tBig}, out: tText, fn: func(a []driver.Value) (any, error) {
		n, _ := argInt(a[0])
		switch {
		case n == 0:
			return nil, errors.New("null character not permitted")
		case n < 0:
			return nil, errors.New("character number must be positive")
		case n > unicode.MaxRune || n >= 0xD800 && n <= 0xDFFF:
			return nil, fmt.Errorf("requested character not valid for encoding: %d", n)
		}
		return string(rune(n)), nil
	}})
	addPGFunc("pg_to_hex", &pgFunc{in: []duckdb.Type{tAny}, out: tText, fn: func(a []driver.Value) (any, error) {
		switch x := a[0].(type) {
		case int32:
			return strconv.FormatUint(uint64(uint32(x)), 16), nil
		case int16:
			return strconv.FormatUint(uint64(uint32(int32(x))), 16), nil
		case int8:
			return strconv.FormatUint(uint64(uint32(int32(x))), 16), nil
		}
		n, ok := argInt(a[0])
		if !ok {
			return nil, fmt.Errorf("function to_hex(%T) does not exist", a[0])
		}
		return strconv.FormatUint(uint64(n), 16), nil
	}})
	for _, name := range []string{"pg_lpad", "pg_rpad"} {
		left := name == "pg_lpad"
		for _, n := range []int{2, 3} {
			addPGFunc(name, &pgFunc{in: []duckdb.Type{tText, tInt, tText}[:n], out: tText, fn: func(a []driver.Value) (any, error) {
				s, _ := argString(a[0])
				l, _ := argInt(a[1])
				fill := " "
				if len(a) > 2 {
					fill, _ = argString(a[2])
				}
				if l > maxPadLength {
					// PostgreSQL stops at 1 GB; the sandbox's Go memory has no limit of its own
					return nil, fmt.Errorf("requested length too large: %d characters (at most %d)", l, maxPadLength)
				}
				return padText(s, int(l), fill, left), nil
			}})
		}
	}
	for _, n := range []int{2, 3} {
		addPGFunc("pg_string_to_array", &pgFunc{in: []duckdb.Type{tText, tText, tText}[:n], out: tList, nulls: true,
			fn: func(a []driver.Value) (any, error) {
				if a[0] == nil {
					return nil, nil
				}
				s, _ := argString(a[0])
				var null *string
				if len(a) > 2 && a[2] != nil {
					ns, _ := argString(a[2])
					null = &ns
				}
				return stringToArray(s, a[1], null), nil
			}})
	}
	for _, n := range []int{2, 3} {
		addPGFunc("pg_array_to_string", &pgFunc{in: []duckdb.Type{tAny, tText, tText}[:n], out: tText, nulls: true,
			fn: arrayToString})
	}
}

// arrayToString joins an array's elements, nested ones too, as array_to_string does:
// NULLs are left out unless a null string is given.
func arrayToString(a []driver.Value) (any, error) {
	l, ok := a[0].([]any)
	if !ok || a[1] == nil {
		return nil, nil
	}
	sep, _ := argString(a[1])
	var null *string
	if len(a) > 2 && a[2] != nil {
		ns, _ := argString(a[2])
		null = &ns
	}
	var parts []string
	var walk func([]any)
	walk = func(l []any) {
		for _, e := range l {
			switch x := e.(type) {
			case nil:
				if null != nil {
					parts = append(parts, *null)
				}
			case []any:
				walk(x)
			default:
				parts = append(parts, pgText(x))
			}
		}
	}
	walk(l)
	return strings.Join(parts, sep), nil
}

// initcap upper-cases the first letter of each word and lower-cases the others; a
// word is a run of letters and digits.
func initcap(s string) string {
	var b strings.Builder
	prevAlnum := false
	for _, r := range s {
		if prevAlnum {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
		prevAlnum = unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return b.String()
}

// quoteLiteral quotes s as PostgreSQL's quote_literal does: doubled quotes, and an E”
// string with doubled backslashes when s holds a backslash.
func quoteLiteral(s string) string {
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	if strings.Contains(s, `\`) {
		return "E" + strings.ReplaceAll(q, `\`, `\\`)
	}
	return q
}

// castText is a value cast to text, as quote_literal casts it: booleans are true and
// false, and a time at midnight is taken for a date (DuckDB hands both over as times).
func castText(v any) string {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return strings.TrimSuffix(pgText(x), " 00:00:00")
		}
	}
	return pgText(v)
}

// pgText writes a value a Go function received as PostgreSQL's text form of it.
func pgText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "t"
		}
		return "f"
	case []byte:
		return `\x` + hex.EncodeToString(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case []any:
		var b strings.Builder
		b.WriteByte('{')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if e == nil {
				b.WriteString("NULL")
				continue
			}
			b.WriteString(arrayElem(pgText(e)))
		}
		b.WriteByte('}')
		return b.String()
	}
	if s, ok := textValue(v); ok {
		return s
	}
	return fmt.Sprint(v)
}

// textValue gives the sandbox's text form of a value (pgtext.go's encoders).
func textValue(v any) (string, bool) {
	switch x := v.(type) {
	case time.Time:
		b, _ := appendDateTime(nil, x.UTC())
		return string(b), true
	case duckdb.Interval:
		b, ok := intervalText(pgtype.Interval{Months: x.Months, Days: x.Days, Microseconds: x.Micros, Valid: true})
		return string(b), ok
	case duckdb.UUID:
		return x.String(), true
	case *duckdb.UUID:
		return x.String(), true
	case duckdb.Decimal:
		return x.String(), true
	}
	return "", false
}

// arrayElem quotes an array element's text as PostgreSQL's array output does.
func arrayElem(s string) string {
	if s == "" || strings.EqualFold(s, "null") || strings.ContainsAny(s, "{},\"\\ \t\n\r") {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return s
}

func encodeBytes(b []byte, format string) (any, error) {
	switch strings.ToLower(format) {
	case "hex":
		return hex.EncodeToString(b), nil
	case "base64":
		// PostgreSQL breaks base64 lines after 76 characters.
		s := base64.StdEncoding.EncodeToString(b)
		var out strings.Builder
		for len(s) > 76 {
			out.WriteString(s[:76])
			out.WriteByte('\n')
			s = s[76:]
		}
		out.WriteString(s)
		return out.String(), nil
	case "escape":
		var out strings.Builder
		for _, c := range b {
			switch {
			case c == '\\':
				out.WriteString(`\\`)
			case c == 0 || c >= 0x80:
				fmt.Fprintf(&out, `\%03o`, c)
			default:
				out.WriteByte(c)
			}
		}
		return out.String(), nil
	}
	return nil, fmt.Errorf("unrecognized encoding: %q", format)
}

func decodeBytes(s, format string) (any, error) {
	switch strings.ToLower(format) {
	case "hex":
		s = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, errors.New("invalid hexadecimal data")
		}
		return b, nil
	case "base64":
		s = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, errors.New("invalid base64 end sequence")
		}
		return b, nil
	case "escape":
		return pgsql.ByteaInput(s)
	}
	return nil, fmt.Errorf("unrecognized encoding: %q", format)
}

func convertTo(s, enc string) (any, error) {
	switch normEncoding(enc) {
	case "utf8", "sqlascii":
		return []byte(s), nil
	case "latin1":
		out := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xff {
				return nil, fmt.Errorf("character with byte sequence %q in encoding \"UTF8\" has no equivalent in encoding \"LATIN1\"", string(r))
			}
			out = append(out, byte(r))
		}
		return out, nil
	}
	return nil, fmt.Errorf("invalid destination encoding name %q", enc)
}

func convertFrom(b []byte, enc string) (any, error) {
	switch normEncoding(enc) {
	case "utf8", "sqlascii":
		if !utf8.Valid(b) {
			return nil, errors.New(`invalid byte sequence for encoding "UTF8"`)
		}
		return string(b), nil
	case "latin1":
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), nil
	}
	return nil, fmt.Errorf("invalid source encoding name %q", enc)
}

func normEncoding(e string) string {
	e = strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(e))
	if e == "iso88591" {
		return "latin1"
	}
	return e
}

// maxPadLength is the longest text lpad and rpad make.
const maxPadLength = 64 << 20

// padText pads or truncates s to n characters as lpad/rpad do.
func padText(s string, n int, fill string, left bool) string {
	r := []rune(s)
	if n <= 0 {
		return ""
	}
	if len(r) >= n || fill == "" {
		if len(r) > n {
			r = r[:n]
		}
		return string(r)
	}
	f := []rune(fill)
	p := make([]rune, 0, n-len(r))
	for i := 0; len(p) < n-len(r); i++ {
		p = append(p, f[i%len(f)])
	}
	if left {
		return string(p) + string(r)
	}
	return string(r) + string(p)
}

// stringToArray splits s as PostgreSQL's string_to_array does: a NULL delimiter splits
// into characters, an empty one gives s whole, an empty s no elements; fields equal to
// null become NULL.
func stringToArray(s string, delim driver.Value, null *string) any {
	if s == "" {
		return []any{}
	}
	var parts []string
	switch d, ok := argString(delim); {
	case !ok:
		for _, r := range s {
			parts = append(parts, string(r))
		}
	case d == "":
		parts = []string{s}
	default:
		parts = strings.Split(s, d)
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		if null != nil && p == *null {
			continue
		}
		out[i] = p
	}
	return out
}
