package catalog

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// RowError is one bad value found while checking rows against a dataset's schema.
type RowError struct {
	// Row is the 1-based data row; Line is the line in the source file (0 when the rows
	// did not come from a file with a known layout).
	Row   int
	Line  int
	Field string
	Value string
	// Problem says what is wrong and what was expected.
	Problem string
}

func (e RowError) String() string {
	where := fmt.Sprintf("row %d", e.Row)
	if e.Line > 0 {
		where = fmt.Sprintf("line %d", e.Line)
	}
	if e.Value != "" {
		return fmt.Sprintf("%s, field %s: %s (value %q)", where, e.Field, e.Problem, e.Value)
	}
	return fmt.Sprintf("%s, field %s: %s", where, e.Field, e.Problem)
}

// BadRowsError reports rows that do not fit the dataset's schema; the batch failed
// before anything was loaded.
type BadRowsError struct {
	Dataset string
	BatchID int64
	// Rows holds the first problems found (at most maxReported); Total counts them all.
	Rows  []RowError
	Total int
}

const maxReported = 20

func (e *BadRowsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ingest into %s: %d bad value", e.Dataset, e.Total)
	if e.Total != 1 {
		b.WriteString("s")
	}
	if e.BatchID > 0 {
		fmt.Fprintf(&b, "; batch %d failed before loading, no rows were written", e.BatchID)
	}
	for _, r := range e.Rows {
		b.WriteString("\n  " + r.String())
	}
	if e.Total > len(e.Rows) {
		fmt.Fprintf(&b, "\n  … and %d more", e.Total-len(e.Rows))
	}
	return b.String()
}

// Table lists the reported problems (row, line, field, value, problem).
func (e *BadRowsError) Table() *table.Table {
	var rows, lines []int64
	var fields, values, problems []string
	for _, r := range e.Rows {
		rows = append(rows, int64(r.Row))
		lines = append(lines, int64(r.Line))
		fields = append(fields, r.Field)
		values = append(values, r.Value)
		problems = append(problems, r.Problem)
	}
	t := table.New(table.IntColumn("row", rows), table.IntColumn("line", lines),
		table.StringColumn("field", fields), table.StringColumn("value", values),
		table.StringColumn("problem", problems))
	t.Title = fmt.Sprintf("bad rows for %s (%d problems)", e.Dataset, e.Total)
	return t
}

// conformer collects problems while converting columns to a schema.
type conformer struct {
	firstLine int
	errs      []RowError
	total     int
}

func (c *conformer) bad(row int, field, value, problem string) {
	c.total++
	if len(c.errs) >= maxReported {
		return
	}
	e := RowError{Row: row + 1, Field: field, Value: value, Problem: problem}
	if c.firstLine > 0 {
		e.Line = c.firstLine + row
	}
	if len(e.Value) > 80 {
		e.Value = e.Value[:77] + "..."
	}
	c.errs = append(c.errs, e)
}

// conform checks t against the dataset's schema and returns a table whose columns are
// the dataset fields present in t, in schema order, each converted to the field's type
// (strings parsed, integers widened; dates as YYYY-MM-DD text; JSON as text). A column
// t has but the schema lacks, or a missing identity column, is an error; bad values are
// collected as RowErrors. firstLine is the source-file line of the first row (0: none).
func (d *Dataset) conform(t *table.Table, firstLine int) (*table.Table, *BadRowsError, error) {
	if t == nil || t.NumCols() == 0 {
		return nil, nil, fmt.Errorf("ingest into %s: the table has no columns", d.Name)
	}
	byName := map[string]*table.Column{}
	for i, col := range t.Columns {
		if col == nil {
			return nil, nil, fmt.Errorf("ingest into %s: column %d of the table is nil", d.Name, i)
		}
		if _, ok := d.Field(col.Name); !ok {
			return nil, nil, fmt.Errorf("ingest into %s: column %q is not a field of the dataset (fields: %s); map it to a field or drop it",
				d.Name, col.Name, strings.Join(d.FieldNames(), ", "))
		}
		if byName[col.Name] != nil {
			return nil, nil, fmt.Errorf("ingest into %s: column %q appears twice", d.Name, col.Name)
		}
		byName[col.Name] = col
	}
	rows := t.NumRows()
	for _, col := range t.Columns {
		if col.Len() != rows {
			return nil, nil, fmt.Errorf("ingest into %s: column %q has %d rows, column %q has %d", d.Name, col.Name, col.Len(), t.Columns[0].Name, rows)
		}
	}
	if d.IdentityField != "" && byName[d.IdentityField] == nil {
		return nil, nil, fmt.Errorf("ingest into %s: the identity field %s is missing from the rows (columns: %s)",
			d.Name, d.IdentityField, strings.Join(t.ColumnNames(), ", "))
	}
	cf := &conformer{firstLine: firstLine}
	out := &table.Table{}
	for _, f := range d.Fields {
		col := byName[f.Name]
		if col == nil {
			continue
		}
		conv := cf.convert(col, f)
		conv.Name = f.Name
		if f.Name == d.IdentityField {
			for r := 0; r < rows; r++ {
				if conv.IsNull(r) || (conv.Kind() == table.KindString && strings.TrimSpace(conv.StringAt(r)) == "") {
					cf.bad(r, f.Name, "", "the identity field is empty; every row needs one")
				}
			}
		}
		out.Columns = append(out.Columns, conv)
	}
	if cf.total > 0 {
		sort.SliceStable(cf.errs, func(i, j int) bool { return cf.errs[i].Row < cf.errs[j].Row })
		return nil, &BadRowsError{Dataset: d.Name, Rows: cf.errs, Total: cf.total}, nil
	}
	return out, nil, nil
}

// convert returns col converted to field f's type; values that do not convert are
// reported and left NULL.
func (c *conformer) convert(col *table.Column, f Field) *table.Column {
	n := col.Len()
	switch f.Type {
	case TypeString:
		if col.Kind() == table.KindString {
			return col
		}
		out := table.NewBuilder("", "", table.KindString)
		for r := 0; r < n; r++ {
			if col.IsNull(r) {
				out.AppendNull()
			} else {
				out.AppendString(textOf(col.Value(r)))
			}
		}
		return out.Finish()
	case TypeInt:
		if col.Kind() == table.KindInt {
			return col
		}
		ints, nulls := parseEach(c, col, f, toInt, "not an integer")
		return table.IntColumn("", ints).WithNulls(nulls)
	case TypeFloat:
		if col.Kind() == table.KindFloat {
			return col
		}
		floats, nulls := parseEach(c, col, f, toFloat, "not a number")
		return table.FloatColumn("", floats).WithNulls(nulls)
	case TypeBool:
		if col.Kind() == table.KindBool {
			return col
		}
		bools, nulls := parseEach(c, col, f, toBool, "not a boolean (use true/false, t/f or 1/0)")
		return table.BoolColumn("", bools).WithNulls(nulls)
	case TypeTimestamp:
		if col.Kind() == table.KindTime {
			return col
		}
		times, nulls := parseEach(c, col, f, toTime, "not a timestamp (use RFC 3339, e.g. 2024-05-01T12:00:00Z, or 2024-05-01 12:00:00)")
		return table.TimeColumn("", times).WithNulls(nulls)
	case TypeDate:
		toDate := func(v any) (string, bool) {
			tm, ok := toTime(v)
			return tm.Format("2006-01-02"), ok
		}
		dates, nulls := parseEach(c, col, f, toDate, "not a date (use YYYY-MM-DD)")
		return table.StringColumn("", dates).WithNulls(nulls)
	default: // TypeJSON
		strs, nulls := make([]string, n), make([]bool, n)
		for r := 0; r < n; r++ {
			v := col.Value(r)
			if v == nil {
				nulls[r] = true
				continue
			}
			if s, ok := v.(string); ok {
				if strings.TrimSpace(s) == "" {
					nulls[r] = true
					continue
				}
				if !json.Valid([]byte(s)) {
					c.bad(r, f.Name, s, "not valid JSON")
					nulls[r] = true
					continue
				}
				strs[r] = s
				continue
			}
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC().Format(time.RFC3339Nano)
			}
			b, err := json.Marshal(v)
			if err != nil {
				c.bad(r, f.Name, fmt.Sprint(v), "cannot be written as JSON: "+err.Error())
				nulls[r] = true
				continue
			}
			strs[r] = string(b)
		}
		return table.StringColumn("", strs).WithNulls(nulls)
	}
}

// parseEach converts every value of col with parse: blank values become NULL, values
// parse rejects are reported as bad rows (with problem) and left NULL.
func parseEach[T any](c *conformer, col *table.Column, f Field, parse func(any) (T, bool), problem string) ([]T, []bool) {
	n := col.Len()
	vals, nulls := make([]T, n), make([]bool, n)
	for r := 0; r < n; r++ {
		v := col.Value(r)
		if isBlank(v) {
			nulls[r] = true
			continue
		}
		x, ok := parse(v)
		if !ok {
			c.bad(r, f.Name, textOf(v), problem)
			nulls[r] = true
			continue
		}
		vals[r] = x
	}
	return vals, nulls
}

func copyNulls(nulls []bool, n int) []bool {
	if nulls == nil {
		return nil
	}
	out := make([]bool, n)
	copy(out, nulls)
	return out
}

// isBlank reports whether v is NULL or an empty/whitespace string (an empty CSV cell).
func isBlank(v any) bool {
	if v == nil {
		return true
	}
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) == ""
}

func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []byte:
		return string(x)
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<62 {
			return 0, false
		}
		return int64(x), true
	case json.Number:
		i, err := x.Int64()
		return i, err == nil
	case string:
		i, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			// "3.0" from a CSV written by a float-minded tool is still an integer.
			if f, err2 := strconv.ParseFloat(strings.TrimSpace(x), 64); err2 == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				return int64(f), true
			}
			return 0, false
		}
		return i, true
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func toBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case int64:
		if x == 0 || x == 1 {
			return x == 1, true
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "t", "1", "yes", "y":
			return true, true
		case "false", "f", "0", "no", "n":
			return false, true
		}
	}
	return false, false
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z07",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
}

func toTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x.UTC(), true
	case string:
		s := strings.TrimSpace(x)
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}
