package qs

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sluice-dev/sluice/internal/csvtext"
	"github.com/sluice-dev/sluice/table"
)

// copyTable streams t to the server as COPY table (columns) FROM STDIN in CSV format,
// which both PostgreSQL and the sandbox read (the sandbox hands it to DuckDB's CSV reader
// untouched). NULL is an unquoted empty field; every string is quoted, so an empty string
// stays distinct from NULL.
func copyTable(ctx context.Context, conn *pgconn.PgConn, c *Client, table string, columns []string, t *table.Table) (int64, error) {
	if t == nil || len(t.Columns) == 0 {
		return 0, fmt.Errorf("copy into %s: the table has no columns", table)
	}
	for i, col := range t.Columns {
		if col == nil {
			return 0, fmt.Errorf("copy into %s: column %d of the table is nil", table, i)
		}
		if col.Len() != t.Columns[0].Len() {
			return 0, fmt.Errorf("copy into %s: column %s has %d rows, column %s has %d", table, col.Name, col.Len(), t.Columns[0].Name, t.Columns[0].Len())
		}
	}
	if columns == nil {
		columns = t.ColumnNames()
	}
	if len(columns) != len(t.Columns) {
		return 0, fmt.Errorf("copy into %s: %d target columns for %d table columns", table, len(columns), len(t.Columns))
	}
	quoted := make([]string, len(columns))
	for i, col := range columns {
		quoted[i] = QuoteIdent(col)
	}
	sql := fmt.Sprintf("COPY %s (%s) FROM STDIN WITH (FORMAT csv)", quoteTable(table), strings.Join(quoted, ", "))
	arrays, err := arrayColumns(ctx, conn, c, table, columns, t)
	if err != nil {
		return 0, fmt.Errorf("copy into %s: %w", table, err)
	}
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(protectedCopyCSV(pw, t, arrays))
	}()
	tag, err := conn.CopyFrom(ctx, pr, sql)
	pr.Close()
	if err != nil {
		return 0, fmt.Errorf("copy into %s: %w", table, c.wrapCtx(ctx, err, sql))
	}
	return tag.RowsAffected(), nil
}

// protectedCopyCSV runs writeCopyCSV in copyTable's writer goroutine, where a panic
// (a value's String method, say) would end the process: it becomes the COPY's error,
// which the server sees as a failed COPY and the caller as copyTable's error.
func protectedCopyCSV(w io.Writer, t *table.Table, arrays []bool) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("encoding a row for COPY panicked: %v", v)
		}
	}()
	return writeCopyCSV(w, t, arrays)
}

// writeCopyCSV writes t's rows as CSV for COPY … (FORMAT csv).
func writeCopyCSV(w io.Writer, t *table.Table, arrays []bool) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	rows := t.NumRows()
	var buf []byte
	for r := 0; r < rows; r++ {
		buf = buf[:0]
		for i, col := range t.Columns {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendCopyValue(buf, col, r, arrays != nil && arrays[i])
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendCopyValue(buf []byte, col *table.Column, r int, array bool) []byte {
	if col.IsNull(r) {
		return buf
	}
	switch col.Kind() {
	case table.KindInt:
		return strconv.AppendInt(buf, col.IntAt(r), 10)
	case table.KindFloat:
		return csvtext.AppendFloat(buf, col.FloatAt(r))
	case table.KindBool:
		if col.BoolAt(r) {
			return append(buf, "true"...)
		}
		return append(buf, "false"...)
	case table.KindTime:
		return appendTimestamp(buf, col.TimeAt(r))
	case table.KindString:
		return csvtext.AppendQuoted(buf, col.StringAt(r))
	}
	if array {
		if lit, ok := arrayLiteral(col.Value(r)); ok {
			return csvtext.AppendQuoted(buf, lit)
		}
	}
	if col.Value(r) == nil {
		return buf
	}
	return csvtext.AppendQuoted(buf, FormatValue(col.Value(r)))
}

// timestampLayout is how COPY writes times: UTC, microseconds without trailing zeros.
const timestampLayout = "2006-01-02 15:04:05.999999Z07:00"

// appendTimestamp appends t in UTC as timestampLayout does, without time.Format's
// layout interpretation for the usual four-digit years (COPY writes one per row).
func appendTimestamp(buf []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 1 || year > 9999 {
		return t.AppendFormat(buf, timestampLayout)
	}
	hour, minute, sec := t.Clock()
	two := func(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	buf = append(buf, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-')
	buf = two(buf, int(month))
	buf = append(buf, '-')
	buf = two(buf, day)
	buf = append(buf, ' ')
	buf = two(buf, hour)
	buf = append(buf, ':')
	buf = two(buf, minute)
	buf = append(buf, ':')
	buf = two(buf, sec)
	if us := t.Nanosecond() / 1000; us > 0 {
		var frac [7]byte
		frac[0] = '.'
		for i := 6; i >= 1; i-- {
			frac[i] = byte('0' + us%10)
			us /= 10
		}
		n := 7
		for frac[n-1] == '0' {
			n--
		}
		buf = append(buf, frac[:n]...)
	}
	return append(buf, 'Z')
}

// FormatValue renders a Go value as PostgreSQL input text: strings as they are, times in
// ISO form, maps and slices as JSON, everything else with fmt.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05.999999Z07:00")
	case fmt.Stringer:
		return x.String()
	case map[string]any, []any, []string, []int64, []float64, []int, []bool:
		b, err := json.Marshal(x)
		if err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

// QuoteIdent quotes an SQL identifier with double quotes, doubling any inside.
func QuoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteTable quotes each part of a possibly schema-qualified table name, leaving parts
// that are already well-formed quoted identifiers alone (dots inside them included). A
// name that does not split that way is quoted whole, so it can only name a table.
func quoteTable(name string) string {
	var parts []string
	for i := 0; i <= len(name); {
		if i < len(name) && name[i] == '"' {
			j := i + 1
			for j < len(name) && (name[j] != '"' || j+1 < len(name) && name[j+1] == '"') {
				if name[j] == '"' {
					j++ // a doubled quote
				}
				j++
			}
			if j >= len(name) || j == i+1 || j+1 < len(name) && name[j+1] != '.' {
				return QuoteIdent(name)
			}
			parts = append(parts, name[i:j+1])
			i = j + 2
			continue
		}
		j := strings.IndexByte(name[i:], '.')
		if j < 0 {
			j = len(name) - i
		}
		parts = append(parts, QuoteIdent(name[i:i+j]))
		i += j + 1
	}
	return strings.Join(parts, ".")
}

// arrayColumns tells which KindAny columns load into PostgreSQL array columns, whose
// input syntax is {…} rather than the JSON-style […] DuckDB reads. It asks the catalog
// only when there is such a column and the service is PostgreSQL.
func arrayColumns(ctx context.Context, conn *pgconn.PgConn, c *Client, rel string, columns []string, t *table.Table) ([]bool, error) {
	if c.dialect != "postgres" {
		return nil, nil
	}
	anyCol := false
	for _, col := range t.Columns {
		anyCol = anyCol || col.Kind() == table.KindAny
	}
	if !anyCol {
		return nil, nil
	}
	schema, name := "", rel
	if i := strings.LastIndexByte(rel, '.'); i >= 0 {
		schema, name = rel[:i], rel[i+1:]
	}
	q := "SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND data_type = 'ARRAY' AND " +
		"($2 = '' AND table_schema = current_schema() OR table_schema = $2)"
	res := conn.ExecParams(ctx, q, [][]byte{[]byte(strings.Trim(name, `"`)), []byte(strings.Trim(schema, `"`))}, nil, nil, nil).Read()
	if res.Err != nil {
		return nil, c.wrap(res.Err, q)
	}
	isArray := map[string]bool{}
	for _, row := range res.Rows {
		isArray[string(row[0])] = true
	}
	out := make([]bool, len(columns))
	for i, name := range columns {
		out[i] = isArray[name]
	}
	return out, nil
}

// arrayLiteral renders a slice as a PostgreSQL array literal such as {1,2} or
// {"a","b c",NULL}.
func arrayLiteral(v any) (string, bool) {
	var elems []any
	switch x := v.(type) {
	case []any:
		elems = x
	case []string:
		for _, e := range x {
			elems = append(elems, e)
		}
	case []int64:
		for _, e := range x {
			elems = append(elems, e)
		}
	case []float64:
		for _, e := range x {
			elems = append(elems, e)
		}
	case []bool:
		for _, e := range x {
			elems = append(elems, e)
		}
	default:
		return "", false
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range elems {
		if i > 0 {
			b.WriteByte(',')
		}
		switch x := e.(type) {
		case nil:
			b.WriteString("NULL")
		case []any, []string, []int64, []float64, []bool:
			inner, _ := arrayLiteral(x)
			b.WriteString(inner)
		case float64:
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		case bool:
			if x {
				b.WriteString("t")
			} else {
				b.WriteString("f")
			}
		case int64, int, int32:
			fmt.Fprint(&b, x)
		default:
			b.WriteByte('"')
			b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(FormatValue(x)))
			b.WriteByte('"')
		}
	}
	b.WriteByte('}')
	return b.String(), true
}
