package sandbox

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	pg "github.com/pganalyze/pg_query_go/v6"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// PostgreSQL's format() (DuckDB's format reads {} placeholders and returns a
// PostgreSQL format string unchanged): the front end rewrites format(f, a, b) into
// sluice_format(f, typeof(a), a, typeof(b), b), so that each value is written in
// PostgreSQL's text form for its type (t/f, {1,2}, 2024-01-01 00:00:00+00). The
// SIMILAR TO pattern of a column or parameter goes through sluice_similar_escape.

// registerFormat adds sluice_format, sluice_text and sluice_similar_escape.
func registerFormat(c *sql.Conn) error {
	anyT, err := duckdb.NewTypeInfo(duckdb.TYPE_ANY)
	if err != nil {
		return err
	}
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	if err := duckdb.RegisterScalarUDF(c, pgsql.FormatFunc, formatFunc{in: []duckdb.TypeInfo{text}, variadic: anyT, out: text}); err != nil {
		return err
	}
	if err := duckdb.RegisterScalarUDF(c, pgsql.TextFunc, textFunc{in: []duckdb.TypeInfo{text, anyT}, out: text}); err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, pgsql.SimilarEscapeFunc, similarEscapeFunc{in: []duckdb.TypeInfo{text, text}, out: text})
}

type textFunc struct {
	in  []duckdb.TypeInfo
	out duckdb.TypeInfo
}

// Config declares sluice_text(typeof(x), x) → x in PostgreSQL's text form.
func (f textFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out}
}

// Executor writes one value.
func (f textFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		typ, _ := values[0].(string)
		return formatValueText(typ, values[1]), nil
	}}
}

type formatFunc struct {
	in       []duckdb.TypeInfo
	variadic duckdb.TypeInfo
	out      duckdb.TypeInfo
}

// Config declares sluice_format(text, any…) → text; NULL arguments reach the function.
func (f formatFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, VariadicTypeInfo: f.variadic, ResultTypeInfo: f.out, SpecialNullHandling: true}
}

// Executor formats one row.
func (f formatFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		if values[0] == nil {
			return nil, nil
		}
		fs, _ := values[0].(string)
		var args []*string
		for i := 1; i+1 < len(values); i += 2 {
			typ, _ := values[i].(string)
			if values[i+1] == nil {
				args = append(args, nil)
				continue
			}
			s := formatValueText(typ, values[i+1])
			args = append(args, &s)
		}
		return pgFormat(fs, args)
	}}
}

type similarEscapeFunc struct {
	in  []duckdb.TypeInfo
	out duckdb.TypeInfo
}

// Config declares sluice_similar_escape(pattern, escape) → regular expression.
func (f similarEscapeFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out}
}

// Executor translates one pattern.
func (f similarEscapeFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		p, _ := values[0].(string)
		e, _ := values[1].(string)
		return pgsql.SimilarToRegexp(p, e)
	}}
}

// formatError is an error PostgreSQL's format() raises (22023, 22004 for %I of NULL).
func formatError(msg string) error { return fmt.Errorf("%s", msg) }

// pgFormat is PostgreSQL's format(fs, args…): %s, %I, %L and %%, with an argument
// position (%2$s), the - flag and a width (%-10s, %*s, %*1$s).
func pgFormat(fs string, args []*string) (any, error) {
	var b strings.Builder
	next := 0
	readNum := func(s string, i int) (int, int, bool) {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return 0, i, false
		}
		n, err := strconv.Atoi(s[i:j])
		if err != nil || n > 1<<30 {
			return 0, i, false
		}
		return n, j, true
	}
	arg := func(pos int) (*string, error) {
		if pos >= len(args) {
			return nil, formatError("too few arguments for format()")
		}
		return args[pos], nil
	}
	for i := 0; i < len(fs); i++ {
		c := fs[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(fs) {
			return nil, formatError("unterminated format() type specifier")
		}
		if fs[i] == '%' {
			b.WriteByte('%')
			continue
		}
		// %n$
		if n, j, ok := readNum(fs, i); ok && j < len(fs) && fs[j] == '$' {
			if n == 0 {
				return nil, formatError("format specifies argument 0, but arguments are numbered from 1")
			}
			next, i = n-1, j+1
		}
		left := false
		for i < len(fs) && fs[i] == '-' {
			left, i = true, i+1
		}
		width := 0
		if i < len(fs) && fs[i] == '*' {
			i++
			pos := next
			if n, j, ok := readNum(fs, i); ok && j < len(fs) && fs[j] == '$' {
				if n == 0 {
					return nil, formatError("format specifies argument 0, but arguments are numbered from 1")
				}
				pos, i = n-1, j+1
			} else {
				next++
			}
			w, err := arg(pos)
			if err != nil {
				return nil, err
			}
			if w != nil {
				n, err := strconv.Atoi(strings.TrimSpace(*w))
				if err != nil {
					return nil, formatError("invalid input syntax for type integer: " + strconv.Quote(*w))
				}
				if n < 0 {
					left, n = true, -n
				}
				width = n
			}
			if pos >= next {
				next = pos + 1
			}
		} else if n, j, ok := readNum(fs, i); ok {
			width, i = n, j
		}
		if i >= len(fs) {
			return nil, formatError("unterminated format() type specifier")
		}
		conv := fs[i]
		if conv != 's' && conv != 'I' && conv != 'L' {
			r, _ := utf8.DecodeRuneInString(fs[i:])
			return nil, formatError(fmt.Sprintf("unrecognized format() type specifier \"%c\"", r))
		}
		v, err := arg(next)
		if err != nil {
			return nil, err
		}
		next++
		var s string
		switch conv {
		case 's':
			if v != nil {
				s = *v
			}
		case 'I':
			if v == nil {
				return nil, formatError("null values cannot be formatted as an SQL identifier")
			}
			s = fmtQuoteIdent(*v)
		case 'L':
			s = "NULL"
			if v != nil {
				s = fmtQuoteLiteral(*v)
			}
		}
		if pad := width - utf8.RuneCountInString(s); pad > 0 {
			if left {
				s += strings.Repeat(" ", pad)
			} else {
				s = strings.Repeat(" ", pad) + s
			}
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// fmtQuoteIdent is PostgreSQL's quote_ident: the name as it is when it is lower case
// letters, digits and underscores not starting with a digit and not a keyword
// PostgreSQL reserves in any way, else in double quotes with quotes doubled.
func fmtQuoteIdent(s string) string {
	safe := s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] == '_')
	for i := 0; safe && i < len(s); i++ {
		c := s[i]
		safe = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
	}
	if safe {
		if res, err := pg.Scan(s); err == nil && len(res.Tokens) == 1 {
			k := res.Tokens[0].KeywordKind
			safe = k == pg.KeywordKind_NO_KEYWORD || k == pg.KeywordKind_UNRESERVED_KEYWORD
		}
	}
	if safe {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// fmtQuoteLiteral is PostgreSQL's quote_literal: quotes doubled, and a string holding a
// backslash written E'…' with the backslashes doubled.
func fmtQuoteLiteral(s string) string {
	q := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	if strings.Contains(s, `\`) {
		return "E" + strings.ReplaceAll(q, `\`, `\\`)
	}
	return q
}

// formatValueText writes v, a value of DuckDB type typ (typeof's name), in
// PostgreSQL's text output form.
func formatValueText(typ string, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "t"
		}
		return "f"
	case float64:
		return string(pgFloat(x, 64, 15))
	case float32:
		return string(pgFloat(float64(x), 32, 6))
	case *big.Int:
		return x.String()
	case duckdb.Decimal:
		s := numericText(x.Value, -int32(x.Scale))
		if typ == "DECIMAL(38,12)" && strings.Contains(s, ".") { // unbounded numeric: no trailing zeros
			s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
		}
		if x.Value.Sign() < 0 {
			s = "-" + s
		}
		return s
	case []byte:
		return `\x` + fmt.Sprintf("%x", x)
	case duckdb.Interval:
		b, _ := intervalText(pgtype.Interval{Months: x.Months, Days: x.Days, Microseconds: x.Micros, Valid: true})
		return string(b)
	case time.Time:
		switch {
		case typ == "DATE":
			y := x.Year()
			if y <= 0 {
				return fmt.Sprintf("%04d-%02d-%02d BC", 1-y, int(x.Month()), x.Day())
			}
			return x.Format("2006-01-02")
		case strings.HasPrefix(typ, "TIME WITH") || typ == "TIMETZ":
			return string(appendClock(nil, int64(x.Hour()), x.Minute(), x.Second(), x.Nanosecond()/1000)) + x.Format("-07")
		case strings.HasPrefix(typ, "TIME"):
			if strings.HasPrefix(typ, "TIMESTAMP WITH") || typ == "TIMESTAMPTZ" {
				b, _ := timestamptzText(x)
				return string(b)
			}
			if strings.HasPrefix(typ, "TIMESTAMP") {
				b, bc := appendDateTime(nil, x)
				if bc {
					b = append(b, " BC"...)
				}
				return string(b)
			}
			return string(appendClock(nil, int64(x.Hour()), x.Minute(), x.Second(), x.Nanosecond()/1000))
		}
		b, _ := appendDateTime(nil, x)
		return string(b)
	case []any:
		elem := strings.TrimSuffix(typ, "[]")
		parts := make([]string, len(x))
		for i, e := range x {
			if e == nil {
				parts[i] = "NULL"
				continue
			}
			parts[i] = arrayElemText(formatValueText(elem, e))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// arrayElemText quotes an array element as PostgreSQL's array output does.
func arrayElemText(s string) string {
	if s != "" && !strings.EqualFold(s, "null") && !strings.ContainsAny(s, "{},\"\\ \t\n\r\v\f") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
