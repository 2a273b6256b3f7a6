package storage

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/internal/csvtext"
	"github.com/sluice-dev/sluice/table"
)

// CSVWriter streams tables into one CSV file with a header row. The first table
// fixes the columns.
type CSVWriter struct {
	fileWriter
	gz   *gzip.Writer
	bw   *bufio.Writer
	cols []string
	gzip bool
	line []byte
}

// NewCSVWriter starts the CSV file p; Options.Compression "gzip" compresses it.
// Nothing is visible under p until Close succeeds; Abort discards the file.
func (s *Store) NewCSVWriter(ctx context.Context, p string, opts Options) (*CSVWriter, error) {
	if _, err := cleanKey(p); err != nil {
		return nil, err
	}
	if _, err := opts.codec(); err != nil {
		return nil, err
	}
	return &CSVWriter{fileWriter: fileWriter{store: s, ctx: ctx, path: p, format: "CSV"}, gzip: strings.EqualFold(opts.Compression, "gzip")}, nil
}

// Write appends the rows of t (the header is written before the first table).
func (cw *CSVWriter) Write(t *table.Table) error {
	if err := cw.check(t); err != nil {
		return err
	}
	if cw.obj == nil {
		obj, err := cw.store.newObjectWriter(cw.ctx, cw.path, "text/csv")
		if err != nil {
			return err
		}
		cw.obj = obj
		var w io.Writer = obj
		if cw.gzip {
			cw.gz = gzip.NewWriter(obj)
			w = cw.gz
		}
		cw.bw = bufio.NewWriterSize(w, 64<<10)
		cw.cols = t.ColumnNames()
		line := cw.line[:0]
		for i, name := range cw.cols {
			if i > 0 {
				line = append(line, ',')
			}
			line = appendCSVField(line, name, false)
		}
		line = append(line, '\n')
		if _, err := cw.bw.Write(line); err != nil {
			return fmt.Errorf("storage: write %s: %w", cw.path, err)
		}
	}
	if len(t.Columns) != len(cw.cols) {
		return fmt.Errorf("storage: %s: table has %d columns, the file has %d", cw.path, len(t.Columns), len(cw.cols))
	}
	for i, c := range t.Columns {
		if c.Name != cw.cols[i] {
			return fmt.Errorf("storage: %s: column %d is %s, the file has %s", cw.path, i, c.Name, cw.cols[i])
		}
	}
	n := t.NumRows()
	for i := 0; i < n; i++ {
		line := cw.line[:0]
		for k, c := range t.Columns {
			if k > 0 {
				line = append(line, ',')
			}
			if c.IsNull(i) {
				continue // NULL: an empty, unquoted field
			}
			switch c.Kind() {
			case table.KindString:
				line = appendCSVField(line, c.StringAt(i), true)
			case table.KindInt:
				line = strconv.AppendInt(line, c.IntAt(i), 10)
			case table.KindFloat:
				line = csvtext.AppendFloat(line, c.FloatAt(i))
			case table.KindBool:
				line = strconv.AppendBool(line, c.BoolAt(i))
			case table.KindTime:
				if isDate(c) {
					line = c.TimeAt(i).UTC().AppendFormat(line, time.DateOnly)
				} else {
					line = c.TimeAt(i).UTC().AppendFormat(line, time.RFC3339Nano)
				}
			default:
				b, err := json.Marshal(c.Value(i))
				if err != nil {
					return fmt.Errorf("storage: %s: column %s row %d: %w", cw.path, c.Name, i, err)
				}
				line = appendCSVField(line, string(b), true)
			}
		}
		line = append(line, '\n')
		cw.line = line
		if _, err := cw.bw.Write(line); err != nil {
			return fmt.Errorf("storage: write %s: %w", cw.path, err)
		}
	}
	cw.rows += int64(n)
	if err := cw.ctx.Err(); err != nil {
		return fmt.Errorf("storage: write %s: %w", cw.path, err)
	}
	return nil
}

// appendCSVField appends s, quoted when it needs to be, or when it is empty and
// emptyQuoted (so that an empty string differs from NULL).
func appendCSVField(b []byte, s string, emptyQuoted bool) []byte {
	if s == "" {
		if emptyQuoted {
			return append(b, `""`...)
		}
		return b
	}
	if !strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[len(s)-1] != ' ' {
		return append(b, s...)
	}
	return csvtext.AppendQuoted(b, s)
}

// Close finishes the file and makes it visible; it returns the file's size. A writer
// that never received a table writes nothing and returns an error.
func (cw *CSVWriter) Close() (int64, error) {
	return cw.close("header", func() error {
		err := cw.bw.Flush()
		if err == nil && cw.gz != nil {
			err = cw.gz.Close()
		}
		return err
	})
}

// WriteCSV writes t as the CSV file p (with a header row) and returns its size.
func (s *Store) WriteCSV(ctx context.Context, p string, t *table.Table, opts Options) (int64, error) {
	cw, err := s.NewCSVWriter(ctx, p, opts)
	if err != nil {
		return 0, err
	}
	return writeWhole(cw, t)
}

// CSVOptions tunes reading CSV.
type CSVOptions struct {
	// Kinds fixes the kind of the named columns; a value that does not parse is an
	// error naming its line and column. Times parse as RFC 3339 or as a date.
	Kinds map[string]table.Kind
	// NoInference keeps the other columns as strings instead of inferring int,
	// float, bool or time from their values.
	NoInference bool
}

// ReadCSV reads the CSV file p (or every .csv/.csv.gz file under the prefix p,
// concatenated; .gz files are decompressed). The first line is the header. An empty
// unquoted field is NULL, a quoted empty field ("") the empty string.
func (s *Store) ReadCSV(ctx context.Context, p string, opts CSVOptions) (*table.Table, error) {
	return s.readFiles(ctx, p, ".csv", func(f string, data []byte) (*table.Table, error) {
		if strings.HasSuffix(f, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil, err
			}
			if data, err = io.ReadAll(zr); err != nil {
				return nil, err
			}
		}
		return DecodeCSV(data, opts)
	})
}

// csvField is one parsed field: its text and whether it was quoted.
type csvField struct {
	text   string
	quoted bool
}

// parseCSV splits data into records (RFC 4180: commas, double quotes, CRLF or LF
// line ends), keeping whether each field was quoted. It returns each record's
// starting line number.
func parseCSV(data []byte) (records [][]csvField, lines []int, err error) {
	line := 1
	i := 0
	for i < len(data) {
		start := line
		var rec []csvField
		for {
			var f csvField
			if i < len(data) && data[i] == '"' {
				f.quoted = true
				i++
				var sb []byte
				for {
					if i >= len(data) {
						return nil, nil, fmt.Errorf("line %d: unterminated quoted field", start)
					}
					c := data[i]
					if c == '"' {
						if i+1 < len(data) && data[i+1] == '"' {
							sb = append(sb, '"')
							i += 2
							continue
						}
						i++
						break
					}
					if c == '\n' {
						line++
					}
					sb = append(sb, c)
					i++
				}
				f.text = string(sb)
				if i < len(data) && data[i] != ',' && data[i] != '\n' && data[i] != '\r' {
					return nil, nil, fmt.Errorf("line %d: unexpected %q after a quoted field", line, data[i])
				}
			} else {
				j := i
				for j < len(data) && data[j] != ',' && data[j] != '\n' && data[j] != '\r' {
					if data[j] == '"' {
						return nil, nil, fmt.Errorf("line %d: a quote inside an unquoted field", line)
					}
					j++
				}
				f.text = string(data[i:j])
				i = j
			}
			rec = append(rec, f)
			if i < len(data) && data[i] == ',' {
				i++
				continue
			}
			if i < len(data) && data[i] == '\r' {
				i++
			}
			if i < len(data) && data[i] == '\n' {
				i++
			}
			line++
			break
		}
		if len(rec) == 1 && rec[0].text == "" && !rec[0].quoted {
			continue // blank line
		}
		records = append(records, rec)
		lines = append(lines, start)
	}
	return records, lines, nil
}

// DecodeCSV decodes CSV text with a header row into a table (see ReadCSV).
func DecodeCSV(data []byte, opts CSVOptions) (*table.Table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	recs, lines, err := parseCSV(data)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("empty CSV: no header row")
	}
	header := recs[0]
	rows, rowLines := recs[1:], lines[1:]
	for r, rec := range rows {
		if len(rec) != len(header) {
			return nil, fmt.Errorf("line %d: %d fields, the header has %d", rowLines[r], len(rec), len(header))
		}
	}
	t := &table.Table{}
	for k, h := range header {
		kind, fixed := opts.Kinds[h.text]
		if !fixed {
			kind = table.KindString
			if !opts.NoInference {
				kind = inferKind(rows, k)
			}
		}
		b := table.NewBuilder(h.text, "", kind)
		b.Grow(len(rows))
		for r, rec := range rows {
			f := rec[k]
			if f.text == "" && !f.quoted {
				b.AppendNull()
				continue
			}
			v, err := parseValue(kind, f.text)
			if err == nil {
				err = b.Append(v)
			}
			if err != nil {
				return nil, fmt.Errorf("line %d, column %s: %w", rowLines[r], h.text, err)
			}
		}
		t.Columns = append(t.Columns, b.Finish())
	}
	return t, nil
}

// inferKind picks the narrowest kind every non-NULL value of column k parses as.
func inferKind(rows [][]csvField, k int) table.Kind {
	candidates := []table.Kind{table.KindInt, table.KindFloat, table.KindBool, table.KindTime}
	seen := false
	for _, kind := range candidates {
		ok := true
		for _, rec := range rows {
			f := rec[k]
			if f.text == "" && !f.quoted {
				continue
			}
			seen = true
			if f.quoted && f.text == "" || !numberLike(kind, f.text) {
				ok = false
				break
			}
			if _, err := parseValue(kind, f.text); err != nil {
				ok = false
				break
			}
		}
		if ok && seen {
			return kind
		}
		if !seen {
			break
		}
	}
	return table.KindString
}

// parseValue parses s as a value of kind k.
func parseValue(k table.Kind, s string) (any, error) {
	switch k {
	case table.KindString:
		return s, nil
	case table.KindInt:
		x, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", s)
		}
		return x, nil
	case table.KindFloat:
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return x, nil
	case table.KindBool:
		x, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("%q is not a boolean (true/false)", s)
		}
		return x, nil
	case table.KindTime:
		s = strings.TrimSpace(s)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", time.DateOnly} {
			if x, err := time.Parse(layout, s); err == nil {
				return x.UTC(), nil
			}
		}
		return nil, fmt.Errorf("%q is not a timestamp (RFC 3339) or a date (YYYY-MM-DD)", s)
	default:
		var x any
		if err := json.Unmarshal([]byte(s), &x); err != nil {
			return nil, fmt.Errorf("%q is not JSON", s)
		}
		return x, nil
	}
}

// numberLike rejects, for the numeric kinds, text that is better kept as a string:
// numbers with leading zeros (postal codes) and digit strings too long for an int64
// (38-digit ECIDs), which a float would silently round.
func numberLike(kind table.Kind, s string) bool {
	if kind != table.KindInt && kind != table.KindFloat {
		return true
	}
	d := strings.TrimLeft(strings.TrimSpace(s), "+-")
	if len(d) > 1 && d[0] == '0' && d[1] >= '0' && d[1] <= '9' {
		return false
	}
	if strings.Trim(d, "0123456789") == "" {
		_, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return err == nil
	}
	return true
}
