package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"reflect"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/sluice-dev/sluice/display"
)

// Options tunes writing.
type Options struct {
	// Compression is the codec: "snappy" (the Parquet default here), "zstd", "gzip"
	// or "none". For CSV, "gzip" compresses the file; the others mean none.
	Compression string
	// RowGroupRows is the number of rows per Parquet row group (0: 128 Ki rows).
	RowGroupRows int
}

// DefaultRowGroupRows is the row-group size when Options.RowGroupRows is 0.
const DefaultRowGroupRows = 128 << 10

func (o Options) codec() (compress.Codec, error) {
	switch strings.ToLower(o.Compression) {
	case "", "snappy":
		return &parquet.Snappy, nil
	case "zstd":
		return &parquet.Zstd, nil
	case "gzip":
		return &parquet.Gzip, nil
	case "none", "uncompressed":
		return &parquet.Uncompressed, nil
	}
	return nil, fmt.Errorf("storage: unknown compression %q (use snappy, zstd, gzip or none)", o.Compression)
}

// metaKey names the key-value metadata entry holding the table's column list.
const metaKey = "sluice.columns"

type columnMeta struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Type string `json:"type,omitempty"`
}

// orderedGroup is a Parquet group node that keeps its fields in the table's column
// order (parquet.Group sorts them by name).
type orderedGroup []parquet.Field

type namedNode struct {
	parquet.Node
	name string
}

func (n namedNode) Name() string                           { return n.name }
func (n namedNode) Value(base reflect.Value) reflect.Value { return reflect.Value{} }

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return fmt.Sprintf("group(%d fields)", len(g)) }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }
func (g orderedGroup) GoType() reflect.Type        { return reflect.TypeOf(map[string]any(nil)) }

// leafFor returns the Parquet leaf of a table column.
func leafFor(c *display.Column) parquet.Node {
	switch c.Kind {
	case display.KindString:
		return parquet.String()
	case display.KindInt:
		return parquet.Int(64)
	case display.KindFloat:
		return parquet.Leaf(parquet.DoubleType)
	case display.KindBool:
		return parquet.Leaf(parquet.BooleanType)
	case display.KindTime:
		if isDate(c) {
			return parquet.Date()
		}
		return parquet.TimestampAdjusted(parquet.Microsecond, true)
	default:
		return parquet.JSON()
	}
}

func isDate(c *display.Column) bool { return strings.EqualFold(c.Type, "date") }

// schemaOf builds the Parquet schema and column metadata of t.
func schemaOf(t *display.Table) (*parquet.Schema, string, error) {
	if t == nil || len(t.Columns) == 0 {
		return nil, "", fmt.Errorf("storage: the table has no columns")
	}
	g := make(orderedGroup, len(t.Columns))
	meta := make([]columnMeta, len(t.Columns))
	seen := map[string]bool{}
	for i, c := range t.Columns {
		if c.Name == "" || seen[c.Name] {
			return nil, "", fmt.Errorf("storage: column %d has an empty or repeated name %q; Parquet needs unique names", i, c.Name)
		}
		seen[c.Name] = true
		g[i] = namedNode{Node: parquet.Optional(leafFor(c)), name: c.Name}
		meta[i] = columnMeta{Name: c.Name, Kind: c.Kind.String(), Type: c.Type}
	}
	mj, _ := json.Marshal(meta)
	return parquet.NewSchema("sluice", g), string(mj), nil
}

// ParquetWriter streams tables into one Parquet file. The first table written fixes
// the schema; later tables must have the same column names and kinds.
type ParquetWriter struct {
	obj     *objectWriter
	w       *parquet.Writer
	cols    []*display.Column // the first table's columns: names, kinds and types
	groupN  int
	pending int
	rows    int64
	vals    []parquet.Value
	opts    Options
	path    string
	closed  bool
	store   *Store
	ctx     context.Context
}

// NewParquetWriter starts the Parquet file p. Nothing is visible under p until Close
// succeeds; Abort discards the file.
func (s *Store) NewParquetWriter(ctx context.Context, p string, opts Options) (*ParquetWriter, error) {
	if _, err := opts.codec(); err != nil {
		return nil, err
	}
	if _, err := cleanKey(p); err != nil {
		return nil, err
	}
	pw := &ParquetWriter{opts: opts, path: p, store: s, ctx: ctx, groupN: opts.RowGroupRows}
	if pw.groupN <= 0 {
		pw.groupN = DefaultRowGroupRows
	}
	return pw, nil
}

func (pw *ParquetWriter) start(t *display.Table) error {
	schema, meta, err := schemaOf(t)
	if err != nil {
		return err
	}
	codec, _ := pw.opts.codec()
	obj, err := pw.store.newObjectWriter(pw.ctx, pw.path, "application/vnd.apache.parquet")
	if err != nil {
		return err
	}
	pw.obj = obj
	pw.w = parquet.NewWriter(obj, schema, parquet.Compression(codec), parquet.KeyValueMetadata(metaKey, meta),
		parquet.CreatedBy("sluice", "", ""))
	for _, c := range t.Columns {
		pw.cols = append(pw.cols, &display.Column{Name: c.Name, Kind: c.Kind, Type: c.Type})
	}
	return nil
}

// Write appends the rows of t.
func (pw *ParquetWriter) Write(t *display.Table) error {
	if pw.closed {
		return fmt.Errorf("storage: write to closed Parquet file %s", pw.path)
	}
	if err := checkTable(pw.path, t); err != nil {
		return err
	}
	if pw.w == nil {
		if err := pw.start(t); err != nil {
			return err
		}
	}
	if len(t.Columns) != len(pw.cols) {
		return fmt.Errorf("storage: %s: table has %d columns, the file has %d", pw.path, len(t.Columns), len(pw.cols))
	}
	for i, c := range t.Columns {
		if c.Name != pw.cols[i].Name || c.Kind != pw.cols[i].Kind {
			return fmt.Errorf("storage: %s: column %d is %s %s, the file has %s %s", pw.path, i, c.Name, c.Kind, pw.cols[i].Name, pw.cols[i].Kind)
		}
	}
	n := t.NumRows()
	for off := 0; off < n; {
		m := min(n-off, pw.groupN-pw.pending)
		if err := pw.writeRows(t, off, off+m); err != nil {
			return err
		}
		off += m
		pw.pending += m
		pw.rows += int64(m)
		if pw.pending >= pw.groupN {
			if err := pw.w.Flush(); err != nil {
				return fmt.Errorf("storage: write %s: %w", pw.path, err)
			}
			pw.pending = 0
		}
		if err := pw.ctx.Err(); err != nil {
			return fmt.Errorf("storage: write %s: %w", pw.path, err)
		}
	}
	return nil
}

// writeRows writes rows [from, to) of t column by column.
func (pw *ParquetWriter) writeRows(t *display.Table, from, to int) error {
	writers := pw.w.ColumnWriters()
	for k, c := range t.Columns {
		vals := pw.vals[:0]
		date := isDate(pw.cols[k])
		for i := from; i < to; i++ {
			if c.IsNull(i) {
				vals = append(vals, parquet.Value{}.Level(0, 0, k))
				continue
			}
			var v parquet.Value
			switch c.Kind {
			case display.KindString:
				v = parquet.ValueOf(c.Strings[i])
			case display.KindInt:
				v = parquet.Int64Value(c.Ints[i])
			case display.KindFloat:
				v = parquet.DoubleValue(c.Floats[i])
			case display.KindBool:
				v = parquet.BooleanValue(c.Bools[i])
			case display.KindTime:
				if date {
					v = parquet.Int32Value(int32(math.Floor(float64(c.Times[i].Unix()) / 86400)))
				} else {
					v = parquet.Int64Value(c.Times[i].UnixMicro())
				}
			default:
				b, err := json.Marshal(c.Values[i])
				if err != nil {
					return fmt.Errorf("storage: %s: column %s row %d: %w", pw.path, c.Name, i, err)
				}
				v = parquet.ByteArrayValue(b)
			}
			vals = append(vals, v.Level(0, 1, k))
		}
		pw.vals = vals
		if _, err := writers[k].WriteRowValues(vals); err != nil {
			return fmt.Errorf("storage: write %s column %s: %w", pw.path, c.Name, err)
		}
	}
	return nil
}

// Rows returns the number of rows written so far.
func (pw *ParquetWriter) Rows() int64 { return pw.rows }

// Bytes returns the number of bytes written to storage so far (all of them after
// Close).
func (pw *ParquetWriter) Bytes() int64 {
	if pw.obj == nil {
		return 0
	}
	return pw.obj.n
}

// Close finishes the file and makes it visible; it returns the file's size. A
// writer that never received a table writes nothing and returns an error.
func (pw *ParquetWriter) Close() (int64, error) {
	if pw.closed {
		return pw.Bytes(), nil
	}
	pw.closed = true
	if pw.w == nil {
		return 0, fmt.Errorf("storage: %s: no table was written, so the file has no schema", pw.path)
	}
	return pw.obj.finish(pw.path, pw.w.Close())
}

// Abort discards the file.
func (pw *ParquetWriter) Abort() {
	if !pw.closed && pw.obj != nil {
		pw.obj.abort()
	}
	pw.closed = true
}

// WriteParquet writes t as the Parquet file p and returns its size in bytes.
func (s *Store) WriteParquet(ctx context.Context, p string, t *display.Table, opts Options) (int64, error) {
	pw, err := s.NewParquetWriter(ctx, p, opts)
	if err != nil {
		return 0, err
	}
	return writeWhole(pw, t)
}

// tableWriter is a file being written table by table: CSVWriter or ParquetWriter.
type tableWriter interface {
	Write(t *display.Table) error
	Close() (int64, error)
	Abort()
}

// writeWhole writes t as the whole content of w's file, discarding the file on failure.
func writeWhole(w tableWriter, t *display.Table) (int64, error) {
	if err := w.Write(t); err != nil {
		w.Abort()
		return 0, err
	}
	return w.Close()
}

// ReadParquet reads the Parquet file p, or, when p is a prefix (a directory such as
// an export's exportTime=… folder), every .parquet file under it in path order,
// concatenated.
func (s *Store) ReadParquet(ctx context.Context, p string) (*display.Table, error) {
	files, err := s.filesAt(ctx, p, ".parquet")
	if err != nil {
		return nil, err
	}
	var out *display.Table
	for _, f := range files {
		data, err := s.ReadAll(ctx, f)
		if err != nil {
			return nil, err
		}
		t, err := DecodeParquet(data)
		if err != nil {
			return nil, fmt.Errorf("storage: read %s: %w", s.URL(f), err)
		}
		if out == nil {
			out = t
		} else if err := appendTable(out, t); err != nil {
			return nil, fmt.Errorf("storage: read %s: %w", s.URL(f), err)
		}
	}
	out.Title = s.URL(p)
	return out, nil
}

// filesAt returns [p] when p is a file, else the files under p/ ending in ext.
func (s *Store) filesAt(ctx context.Context, p, ext string) ([]string, error) {
	k, err := cleanKey(p)
	if err != nil {
		return nil, err
	}
	if ok, err := s.Exists(ctx, k); err != nil {
		return nil, err
	} else if ok {
		return []string{k}, nil
	}
	objs, err := s.Objects(ctx, k+"/")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, o := range objs {
		if strings.HasSuffix(o.Path, ext) || strings.HasSuffix(o.Path, ext+".gz") {
			files = append(files, o.Path)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("storage: no %s file at %s or under it", ext, s.URL(k))
	}
	return files, nil
}

// DecodeParquet decodes a whole Parquet file held in memory into a table. Top-level
// primitive columns are supported (nested groups and lists are not): strings,
// enums and UUIDs become strings; integers ints; FLOAT, DOUBLE and decimals floats;
// timestamps, dates and INT96 times; JSON values.
func DecodeParquet(data []byte) (*display.Table, error) {
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a Parquet file: %w", err)
	}
	fields := f.Schema().Fields()
	var meta []columnMeta
	if m, ok := f.Lookup(metaKey); ok {
		_ = json.Unmarshal([]byte(m), &meta)
	}
	t := &display.Table{}
	decs := make([]decoder, len(fields))
	n := int(f.NumRows())
	for k, fld := range fields {
		if !fld.Leaf() || fld.Repeated() {
			return nil, fmt.Errorf("column %q is nested or repeated, which is not supported; flatten it before export", fld.Name())
		}
		c, dec, err := columnFor(fld)
		if err != nil {
			return nil, err
		}
		if k < len(meta) && meta[k].Name == c.Name {
			c.Type = meta[k].Type
		}
		c.Nulls = make([]bool, 0, n)
		decs[k] = dec
		t.Columns = append(t.Columns, c)
	}
	buf := make([]parquet.Value, 4096)
	for _, rg := range f.RowGroups() {
		for k, chunk := range rg.ColumnChunks() {
			c := t.Columns[k]
			pages := chunk.Pages()
			for {
				page, err := pages.ReadPage()
				if err == io.EOF {
					break
				}
				if err != nil {
					pages.Close()
					return nil, fmt.Errorf("column %s: %w", c.Name, err)
				}
				vr := page.Values()
				for {
					m, err := vr.ReadValues(buf)
					for _, v := range buf[:m] {
						if v.IsNull() {
							c.Nulls = append(c.Nulls, true)
							appendZero(c)
						} else {
							c.Nulls = append(c.Nulls, false)
							if err := decs[k](c, v); err != nil {
								pages.Close()
								return nil, fmt.Errorf("column %s: %w", c.Name, err)
							}
						}
					}
					if err == io.EOF {
						break
					}
					if err != nil {
						pages.Close()
						return nil, fmt.Errorf("column %s: %w", c.Name, err)
					}
				}
				parquet.Release(page)
			}
			pages.Close()
		}
	}
	for _, c := range t.Columns {
		if c.Len() != n || len(c.Nulls) != n {
			return nil, fmt.Errorf("column %s has %d values, the file %d rows", c.Name, c.Len(), n)
		}
		if !hasTrue(c.Nulls) {
			c.Nulls = nil
		}
	}
	return t, nil
}

func hasTrue(b []bool) bool {
	for _, x := range b {
		if x {
			return true
		}
	}
	return false
}

type decoder func(c *display.Column, v parquet.Value) error

func appendZero(c *display.Column) {
	switch c.Kind {
	case display.KindString:
		c.Strings = append(c.Strings, "")
	case display.KindInt:
		c.Ints = append(c.Ints, 0)
	case display.KindFloat:
		c.Floats = append(c.Floats, 0)
	case display.KindBool:
		c.Bools = append(c.Bools, false)
	case display.KindTime:
		c.Times = append(c.Times, time.Time{})
	default:
		c.Values = append(c.Values, nil)
	}
}

// columnFor returns the empty column and the value decoder of a Parquet leaf.
func columnFor(fld parquet.Field) (*display.Column, decoder, error) {
	typ := fld.Type()
	c := &display.Column{Name: fld.Name()}
	var lv format.LogicalTypeValue
	if lt := typ.LogicalType(); lt != nil {
		lv = lt.Value
	}
	switch l := lv.(type) {
	case *format.TimestampType:
		c.Kind = display.KindTime
		var unit time.Duration
		switch l.Unit.Value.(type) {
		case *format.MilliSeconds:
			unit = time.Millisecond
		case *format.NanoSeconds:
			unit = time.Nanosecond
		default:
			unit = time.Microsecond
		}
		return c, func(c *display.Column, v parquet.Value) error {
			x := v.Int64()
			var t time.Time
			switch unit {
			case time.Millisecond:
				t = time.UnixMilli(x)
			case time.Microsecond:
				t = time.UnixMicro(x)
			default:
				t = time.Unix(0, x)
			}
			c.Times = append(c.Times, t.UTC())
			return nil
		}, nil
	case *format.DateType:
		c.Kind, c.Type = display.KindTime, "date"
		return c, func(c *display.Column, v parquet.Value) error {
			c.Times = append(c.Times, time.Unix(int64(v.Int32())*86400, 0).UTC())
			return nil
		}, nil
	case *format.JsonType:
		c.Kind = display.KindAny
		return c, func(c *display.Column, v parquet.Value) error {
			var x any
			if err := json.Unmarshal(v.ByteArray(), &x); err != nil {
				return fmt.Errorf("bad JSON value: %w", err)
			}
			c.Values = append(c.Values, x)
			return nil
		}, nil
	case *format.UUIDType:
		c.Kind, c.Type = display.KindString, "uuid"
		return c, func(c *display.Column, v parquet.Value) error {
			b := v.ByteArray()
			if len(b) != 16 {
				return fmt.Errorf("UUID of %d bytes", len(b))
			}
			c.Strings = append(c.Strings, fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
			return nil
		}, nil
	case *format.DecimalType:
		c.Kind = display.KindFloat
		scale := math.Pow10(int(l.Scale))
		return c, func(c *display.Column, v parquet.Value) error {
			var x float64
			switch v.Kind() {
			case parquet.Int32:
				x = float64(v.Int32())
			case parquet.Int64:
				x = float64(v.Int64())
			default:
				b := v.ByteArray()
				n := new(big.Int).SetBytes(b)
				if len(b) > 0 && b[0]&0x80 != 0 { // two's complement negative
					n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
				}
				x, _ = new(big.Float).SetInt(n).Float64()
			}
			c.Floats = append(c.Floats, x/scale)
			return nil
		}, nil
	}
	switch typ.Kind() {
	case parquet.Boolean:
		c.Kind = display.KindBool
		return c, func(c *display.Column, v parquet.Value) error { c.Bools = append(c.Bools, v.Boolean()); return nil }, nil
	case parquet.Int32:
		c.Kind = display.KindInt
		return c, func(c *display.Column, v parquet.Value) error { c.Ints = append(c.Ints, int64(v.Int32())); return nil }, nil
	case parquet.Int64:
		c.Kind = display.KindInt
		return c, func(c *display.Column, v parquet.Value) error { c.Ints = append(c.Ints, v.Int64()); return nil }, nil
	case parquet.Float:
		c.Kind = display.KindFloat
		return c, func(c *display.Column, v parquet.Value) error {
			c.Floats = append(c.Floats, float64(v.Float()))
			return nil
		}, nil
	case parquet.Double:
		c.Kind = display.KindFloat
		return c, func(c *display.Column, v parquet.Value) error { c.Floats = append(c.Floats, v.Double()); return nil }, nil
	case parquet.Int96:
		c.Kind = display.KindTime
		return c, func(c *display.Column, v parquet.Value) error {
			c.Times = append(c.Times, int96Time(v.Int96()))
			return nil
		}, nil
	case parquet.ByteArray, parquet.FixedLenByteArray:
		c.Kind = display.KindString
		return c, func(c *display.Column, v parquet.Value) error {
			c.Strings = append(c.Strings, string(v.ByteArray()))
			return nil
		}, nil
	}
	return nil, nil, fmt.Errorf("column %q has unsupported Parquet type %s", fld.Name(), typ)
}

// int96Time converts the legacy INT96 timestamp (nanoseconds of the day, Julian day).
func int96Time(x deprecated.Int96) time.Time {
	nanos := int64(x[1])<<32 | int64(x[0])
	days := int64(x[2]) - 2440588
	return time.Unix(days*86400, nanos).UTC()
}

// appendTable appends the rows of src to dst; their columns must match by name and
// kind.
func appendTable(dst, src *display.Table) error {
	if len(dst.Columns) != len(src.Columns) {
		return fmt.Errorf("has %d columns, the files before it %d", len(src.Columns), len(dst.Columns))
	}
	for k, d := range dst.Columns {
		s := src.Columns[k]
		if s.Name != d.Name || s.Kind != d.Kind {
			return fmt.Errorf("column %d is %s %s, the files before it have %s %s", k, s.Name, s.Kind, d.Name, d.Kind)
		}
		n0, n1 := d.Len(), s.Len()
		if d.Nulls != nil || s.Nulls != nil {
			if d.Nulls == nil {
				d.Nulls = make([]bool, n0, n0+n1)
			}
			if s.Nulls == nil {
				d.Nulls = append(d.Nulls, make([]bool, n1)...)
			} else {
				d.Nulls = append(d.Nulls, s.Nulls...)
			}
		}
		d.Strings = append(d.Strings, s.Strings...)
		d.Ints = append(d.Ints, s.Ints...)
		d.Floats = append(d.Floats, s.Floats...)
		d.Bools = append(d.Bools, s.Bools...)
		d.Times = append(d.Times, s.Times...)
		d.Values = append(d.Values, s.Values...)
	}
	return nil
}
