package storage

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// WriteJSON writes t to p as JSON Lines: one object per row, keys in column order, NULL
// as null, times in RFC 3339 (UTC), non-finite floats as null (JSON has no NaN). It
// returns the bytes written; nothing is visible under p until the write succeeds.
func (s *Store) WriteJSON(ctx context.Context, p string, t *table.Table) (int64, error) {
	if err := checkTable(p, t); err != nil {
		return 0, err
	}
	data, err := EncodeJSON(t)
	if err != nil {
		return 0, fmt.Errorf("storage: write %s: %w", s.URL(p), err)
	}
	if err := s.WriteAll(ctx, p, data); err != nil {
		return 0, err
	}
	return int64(len(data)), nil
}

// EncodeJSON returns t as JSON Lines (see WriteJSON).
func EncodeJSON(t *table.Table) ([]byte, error) {
	var b bytes.Buffer
	keys := make([][]byte, len(t.Columns))
	for j, c := range t.Columns {
		keys[j], _ = json.Marshal(c.Name)
	}
	for i := 0; i < t.NumRows(); i++ {
		b.WriteByte('{')
		for j, c := range t.Columns {
			if j > 0 {
				b.WriteByte(',')
			}
			b.Write(keys[j])
			b.WriteByte(':')
			var v any
			if !c.IsNull(i) {
				switch c.Kind() {
				case table.KindTime:
					v = c.TimeAt(i).Format(time.RFC3339Nano)
				case table.KindFloat:
					if f := c.FloatAt(i); !math.IsNaN(f) && !math.IsInf(f, 0) {
						v = f
					}
				default:
					v = c.Value(i)
				}
			}
			enc, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("row %d, column %s: %w", i, c.Name, err)
			}
			b.Write(enc)
		}
		b.WriteString("}\n")
	}
	return b.Bytes(), nil
}

// ReadJSON reads the JSON Lines file p (or every .json/.jsonl file under the prefix p,
// in name order) into a table. Columns are the keys in the order first seen; a key a
// row lacks is NULL there. Kinds are inferred from the values: integers, numbers,
// strings, booleans; objects, arrays and mixed values are kept as Go values. JSON has
// no time type, so times come back as strings.
func (s *Store) ReadJSON(ctx context.Context, p string) (*table.Table, error) {
	files, err := s.filesAt(ctx, p, ".json")
	if err != nil {
		var err2 error
		if files, err2 = s.filesAt(ctx, p, ".jsonl"); err2 != nil {
			return nil, err
		}
	}
	var d jsonDecoder
	for _, f := range files {
		data, err := s.ReadAll(ctx, f)
		if err != nil {
			return nil, err
		}
		if err := d.decode(data); err != nil {
			return nil, fmt.Errorf("storage: read %s: %w", s.URL(f), err)
		}
	}
	t, err := d.table()
	if err != nil {
		return nil, fmt.Errorf("storage: read %s: %w", s.URL(p), err)
	}
	return t, nil
}

// DecodeJSON decodes JSON Lines into a table (see ReadJSON).
func DecodeJSON(data []byte) (*table.Table, error) {
	var d jsonDecoder
	if err := d.decode(data); err != nil {
		return nil, err
	}
	return d.table()
}

// jsonDecoder collects the rows of JSON Lines files and their keys in first-seen order.
type jsonDecoder struct {
	names []string
	index map[string]int
	rows  []map[string]any
}

// table returns the rows collected as a table.
func (d *jsonDecoder) table() (*table.Table, error) {
	grid := make([][]any, len(d.rows))
	for i, r := range d.rows {
		grid[i] = make([]any, len(d.names))
		for k, v := range r {
			grid[i][d.index[k]] = v
		}
	}
	return table.FromRows(d.names, grid)
}

// decode collects the objects of data, one per line.
func (d *jsonDecoder) decode(data []byte) error {
	if d.index == nil {
		d.index = map[string]int{}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return fmt.Errorf("line %d: not a JSON object", line)
		}
		row := map[string]any{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			key := tok.(string)
			var v any
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("line %d, key %q: %w", line, key, err)
			}
			if _, ok := d.index[key]; !ok {
				d.index[key] = len(d.names)
				d.names = append(d.names, key)
			}
			row[key] = jsonValue(v)
		}
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return fmt.Errorf("line %d: text after the object", line)
		}
		d.rows = append(d.rows, row)
	}
	return sc.Err()
}

// jsonValue turns a json.Number into an int64 when it is integral, else a float64.
func jsonValue(v any) any {
	n, ok := v.(json.Number)
	if !ok {
		return v
	}
	if !strings.ContainsAny(n.String(), ".eE") {
		if i, err := n.Int64(); err == nil {
			return i
		}
	}
	f, _ := n.Float64()
	return f
}
