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

	"github.com/sluice-dev/sluice/table"
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
func leafFor(c *table.Column) parquet.Node {
	switch c.Kind() {
	case table.KindString:
		return parquet.String()
	case table.KindInt:
		return parquet.Int(64)
	case table.KindFloat:
		return parquet.Leaf(parquet.DoubleType)
	case table.KindBool:
		return parquet.Leaf(parquet.BooleanType)
	case table.KindTime:
		if isDate(c) {
			return parquet.Date()
		}
		return parquet.TimestampAdjusted(parquet.Microsecond, true)
	default:
		return parquet.JSON()
	}
}

func isDate(c *table.Column) bool { return strings.EqualFold(c.Type, "date") }

// schemaOf builds the Parquet schema and column metadata of t.
func schemaOf(t *table.Table) (*parquet.Schema, string, error) {
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
		meta[i] = columnMeta{Name: c.Name, Kind: c.Kind().String(), Type: c.Type}
	}
	mj, _ := json.Marshal(meta)
	return parquet.NewSchema("sluice", g), string(mj), nil
}

// ParquetWriter streams tables into one Parquet file. The first table written fixes
// the schema; later tables must have the same column names and kinds.
type ParquetWriter struct {
	fileWriter
	w       *parquet.Writer
	cols    []*table.Column // the first table's columns: names, kinds and types
	groupN  int
	pending int
	vals    []parquet.Value
	opts    Options
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
	pw := &ParquetWriter{fileWriter: fileWriter{store: s, ctx: ctx, path: p, format: "Parquet"}, opts: opts, groupN: opts.RowGroupRows}
	if pw.groupN <= 0 {
		pw.groupN = DefaultRowGroupRows
	}
	return pw, nil
}

func (pw *ParquetWriter) start(t *table.Table) error {
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
		pw.cols = append(pw.cols, c.Slice(0, 0))
	}
	return nil
}

// Write appends the rows of t.
func (pw *ParquetWriter) Write(t *table.Table) error {
	if err := pw.check(t); err != nil {
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
		if c.Name != pw.cols[i].Name || c.Kind() != pw.cols[i].Kind() {
			return fmt.Errorf("storage: %s: column %d is %s %s, the file has %s %s", pw.path, i, c.Name, c.Kind(), pw.cols[i].Name, pw.cols[i].Kind())
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
func (pw *ParquetWriter) writeRows(t *table.Table, from, to int) error {
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
			switch c.Kind() {
			case table.KindString:
				v = parquet.ValueOf(c.StringAt(i))
			case table.KindInt:
				v = parquet.Int64Value(c.IntAt(i))
			case table.KindFloat:
				v = parquet.DoubleValue(c.FloatAt(i))
			case table.KindBool:
				v = parquet.BooleanValue(c.BoolAt(i))
			case table.KindTime:
				if date {
					v = parquet.Int32Value(int32(math.Floor(float64(c.TimeAt(i).Unix()) / 86400)))
				} else {
					v = parquet.Int64Value(c.TimeAt(i).UnixMicro())
				}
			default:
				b, err := json.Marshal(c.Value(i))
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

// Close finishes the file and makes it visible; it returns the file's size. A
// writer that never received a table writes nothing and returns an error.
func (pw *ParquetWriter) Close() (int64, error) {
	return pw.close("schema", func() error { return pw.w.Close() })
}

// WriteParquet writes t as the Parquet file p and returns its size in bytes.
func (s *Store) WriteParquet(ctx context.Context, p string, t *table.Table, opts Options) (int64, error) {
	pw, err := s.NewParquetWriter(ctx, p, opts)
	if err != nil {
		return 0, err
	}
	return writeWhole(pw, t)
}

// tableWriter is a file being written table by table: CSVWriter or ParquetWriter.
type tableWriter interface {
	Write(t *table.Table) error
	Close() (int64, error)
	Abort()
}

// writeWhole writes t as the whole content of w's file, discarding the file on failure.
func writeWhole(w tableWriter, t *table.Table) (int64, error) {
	if err := w.Write(t); err != nil {
		w.Abort()
		return 0, err
	}
	return w.Close()
}

// ReadParquet reads the Parquet file p, or, when p is a prefix (a directory such as
// an export's exportTime=… folder), every .parquet file under it in path order,
// concatenated.
func (s *Store) ReadParquet(ctx context.Context, p string) (*table.Table, error) {
	return s.readFiles(ctx, p, ".parquet", func(_ string, data []byte) (*table.Table, error) { return DecodeParquet(data) })
}

// readFiles reads the files filesAt finds for p and ext, decodes each with decode and
// concatenates them in path order; the table's title is p's URL.
func (s *Store) readFiles(ctx context.Context, p, ext string, decode func(file string, data []byte) (*table.Table, error)) (*table.Table, error) {
	files, err := s.filesAt(ctx, p, ext)
	if err != nil {
		return nil, err
	}
	var out *table.Table
	for _, f := range files {
		data, err := s.ReadAll(ctx, f)
		if err != nil {
			return nil, err
		}
		t, err := decode(f, data)
		if err != nil {
			return nil, fmt.Errorf("storage: read %s: %w", s.URL(f), err)
		}
		if out == nil {
			out = t
		} else if out, err = appendTable(out, t); err != nil {
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
func DecodeParquet(data []byte) (*table.Table, error) {
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a Parquet file: %w", err)
	}
	fields := f.Schema().Fields()
	var meta []columnMeta
	if m, ok := f.Lookup(metaKey); ok {
		_ = json.Unmarshal([]byte(m), &meta)
	}
	decs := make([]decoder, len(fields))
	bs := make([]*table.Builder, len(fields))
	n := int(f.NumRows())
	for k, fld := range fields {
		if !fld.Leaf() || fld.Repeated() {
			return nil, fmt.Errorf("column %q is nested or repeated, which is not supported; flatten it before export", fld.Name())
		}
		typ, kind, dec, err := columnFor(fld)
		if err != nil {
			return nil, err
		}
		if k < len(meta) && meta[k].Name == fld.Name() {
			typ = meta[k].Type
		}
		bs[k] = table.NewBuilder(fld.Name(), typ, kind)
		bs[k].Grow(n)
		decs[k] = dec
	}
	buf := make([]parquet.Value, 4096)
	for _, rg := range f.RowGroups() {
		for k, chunk := range rg.ColumnChunks() {
			c := bs[k]
			pages := chunk.Pages()
			for {
				page, err := pages.ReadPage()
				if err == io.EOF {
					break
				}
				if err != nil {
					pages.Close()
					return nil, fmt.Errorf("column %s: %w", c.Name(), err)
				}
				vr := page.Values()
				for {
					m, err := vr.ReadValues(buf)
					for _, v := range buf[:m] {
						if v.IsNull() {
							c.AppendNull()
						} else {
							if err := decs[k](c, v); err != nil {
								pages.Close()
								return nil, fmt.Errorf("column %s: %w", c.Name(), err)
							}
						}
					}
					if err == io.EOF {
						break
					}
					if err != nil {
						pages.Close()
						return nil, fmt.Errorf("column %s: %w", c.Name(), err)
					}
				}
				parquet.Release(page)
			}
			pages.Close()
		}
	}
	t := &table.Table{}
	for _, b := range bs {
		if b.Len() != n {
			return nil, fmt.Errorf("column %s has %d values, the file %d rows", b.Name(), b.Len(), n)
		}
		t.Columns = append(t.Columns, b.Finish())
	}
	return t, nil
}

// decoder appends one non-NULL Parquet value to a column builder.
type decoder func(b *table.Builder, v parquet.Value) error

// columnFor returns the header type, the column kind and the value decoder of a Parquet
// leaf.
func columnFor(fld parquet.Field) (string, table.Kind, decoder, error) {
	typ := fld.Type()
	var lv format.LogicalTypeValue
	if lt := typ.LogicalType(); lt != nil {
		lv = lt.Value
	}
	switch l := lv.(type) {
	case *format.TimestampType:
		var unit time.Duration
		switch l.Unit.Value.(type) {
		case *format.MilliSeconds:
			unit = time.Millisecond
		case *format.NanoSeconds:
			unit = time.Nanosecond
		default:
			unit = time.Microsecond
		}
		return "", table.KindTime, func(b *table.Builder, v parquet.Value) error {
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
			b.AppendTime(t.UTC())
			return nil
		}, nil
	case *format.DateType:
		return "date", table.KindTime, func(b *table.Builder, v parquet.Value) error {
			b.AppendTime(time.Unix(int64(v.Int32())*86400, 0).UTC())
			return nil
		}, nil
	case *format.JsonType:
		return "", table.KindAny, func(b *table.Builder, v parquet.Value) error {
			var x any
			if err := json.Unmarshal(v.ByteArray(), &x); err != nil {
				return fmt.Errorf("bad JSON value: %w", err)
			}
			b.AppendAny(x)
			return nil
		}, nil
	case *format.UUIDType:
		return "uuid", table.KindString, func(b *table.Builder, v parquet.Value) error {
			u := v.ByteArray()
			if len(u) != 16 {
				return fmt.Errorf("UUID of %d bytes", len(u))
			}
			b.AppendString(fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]))
			return nil
		}, nil
	case *format.DecimalType:
		scale := math.Pow10(int(l.Scale))
		return "", table.KindFloat, func(b *table.Builder, v parquet.Value) error {
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
			b.AppendFloat(x / scale)
			return nil
		}, nil
	}
	switch typ.Kind() {
	case parquet.Boolean:
		return "", table.KindBool, func(b *table.Builder, v parquet.Value) error { b.AppendBool(v.Boolean()); return nil }, nil
	case parquet.Int32:
		return "", table.KindInt, func(b *table.Builder, v parquet.Value) error { b.AppendInt(int64(v.Int32())); return nil }, nil
	case parquet.Int64:
		return "", table.KindInt, func(b *table.Builder, v parquet.Value) error { b.AppendInt(v.Int64()); return nil }, nil
	case parquet.Float:
		return "", table.KindFloat, func(b *table.Builder, v parquet.Value) error {
			b.AppendFloat(float64(v.Float()))
			return nil
		}, nil
	case parquet.Double:
		return "", table.KindFloat, func(b *table.Builder, v parquet.Value) error { b.AppendFloat(v.Double()); return nil }, nil
	case parquet.Int96:
		return "", table.KindTime, func(b *table.Builder, v parquet.Value) error {
			b.AppendTime(int96Time(v.Int96()))
			return nil
		}, nil
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return "", table.KindString, func(b *table.Builder, v parquet.Value) error {
			b.AppendBytes(v.ByteArray())
			return nil
		}, nil
	}
	return "", 0, nil, fmt.Errorf("column %q has unsupported Parquet type %s", fld.Name(), typ)
}

// int96Time converts the legacy INT96 timestamp (nanoseconds of the day, Julian day).
func int96Time(x deprecated.Int96) time.Time {
	nanos := int64(x[1])<<32 | int64(x[0])
	days := int64(x[2]) - 2440588
	return time.Unix(days*86400, nanos).UTC()
}

// appendTable returns the rows of dst followed by those of src; their columns must
// match by name and kind.
func appendTable(dst, src *table.Table) (*table.Table, error) {
	if len(dst.Columns) != len(src.Columns) {
		return nil, fmt.Errorf("has %d columns, the files before it %d", len(src.Columns), len(dst.Columns))
	}
	for k, d := range dst.Columns {
		s := src.Columns[k]
		if s.Name != d.Name || s.Kind() != d.Kind() {
			return nil, fmt.Errorf("column %d is %s %s, the files before it have %s %s", k, s.Name, s.Kind(), d.Name, d.Kind())
		}
	}
	return table.Concat(dst, src)
}
