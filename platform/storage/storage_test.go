package storage

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// allKinds returns a table with every column kind, NULLs and awkward values.
func allKinds() *table.Table {
	t0 := time.Date(2026, 3, 1, 12, 30, 45, 123456000, time.UTC)
	s := table.StringColumn("name", []string{"ada", "", "comma, \"quote\"\nnewline", " padded ", "ünïcode"})
	s = s.WithNulls([]bool{false, false, false, false, true})
	i := table.IntColumn("count", []int64{0, -1, math.MaxInt64, math.MinInt64, 7})
	i.Type = "int8"
	i = i.WithNulls([]bool{false, true, false, false, false})
	f := table.FloatColumn("score", []float64{0.5, -1e300, 3.141592653589793, 0, 1e-9})
	f = f.WithNulls([]bool{false, false, false, true, false})
	b := table.BoolColumn("ok", []bool{true, false, true, false, true})
	tm := table.TimeColumn("at", []time.Time{t0, t0.Add(-time.Hour * 24 * 400), t0.Add(time.Microsecond), {}, time.Unix(0, 0).UTC()})
	tm.Type = "timestamptz"
	tm = tm.WithNulls([]bool{false, false, false, true, false})
	d := table.TimeColumn("day", []time.Time{time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)})
	d.Type = "date"
	a := table.AnyColumn("doc", []any{map[string]any{"a": 1.0}, []any{"x", true}, nil, "plain", 2.5})
	a.Type = "jsonb"
	a = a.WithNulls([]bool{false, false, true, false, false})
	return table.New(s, i, f, b, tm, d, a)
}

// sameTable compares values, NULLs, names, kinds and types.
func sameTable(t *testing.T, want, got *table.Table) {
	t.Helper()
	if !reflect.DeepEqual(want.ColumnNames(), got.ColumnNames()) {
		t.Fatalf("columns %v, want %v", got.ColumnNames(), want.ColumnNames())
	}
	if got.NumRows() != want.NumRows() {
		t.Fatalf("%d rows, want %d", got.NumRows(), want.NumRows())
	}
	for k, wc := range want.Columns {
		gc := got.Columns[k]
		if gc.Kind() != wc.Kind() || gc.TypeName() != wc.TypeName() {
			t.Fatalf("column %s: kind %v type %q, want %v %q", wc.Name, gc.Kind(), gc.TypeName(), wc.Kind(), wc.TypeName())
		}
		for i := 0; i < wc.Len(); i++ {
			wv, gv := wc.Value(i), gc.Value(i)
			if wt, ok := wv.(time.Time); ok {
				if gt, ok := gv.(time.Time); !ok || !wt.Equal(gt) {
					t.Fatalf("column %s row %d: %v, want %v", wc.Name, i, gv, wv)
				}
				continue
			}
			if !reflect.DeepEqual(wv, gv) {
				t.Fatalf("column %s row %d: %#v, want %#v", wc.Name, i, gv, wv)
			}
		}
	}
}

func stores(t *testing.T) map[string]*Store {
	ctx := context.Background()
	dir := t.TempDir()
	fs, err := Open(ctx, "file://"+filepath.Join(dir, "root"))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Open(ctx, "mem://"+strings.ReplaceAll(t.Name(), "/", "_"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fs.Close(); ms.Close() })
	return map[string]*Store{"file": fs, "mem": ms}
}

func TestParquetRoundTrip(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		for _, comp := range []string{"", "snappy", "zstd", "gzip", "none"} {
			p := "t/" + comp + "x/all.parquet"
			n, err := st.WriteParquet(ctx, p, allKinds(), Options{Compression: comp})
			if err != nil {
				t.Fatalf("%s %s: %v", name, comp, err)
			}
			got, err := st.ReadParquet(ctx, p)
			if err != nil {
				t.Fatalf("%s %s: %v", name, comp, err)
			}
			sameTable(t, allKinds(), got)
			objs, _ := st.Objects(ctx, "t/"+comp+"x/")
			if len(objs) != 1 || objs[0].Size != n {
				t.Fatalf("%s %s: listing %+v, written %d bytes", name, comp, objs, n)
			}
		}
	}
	st := stores(t)["mem"]
	if _, err := st.WriteParquet(ctx, "x.parquet", allKinds(), Options{Compression: "lzma"}); err == nil || !strings.Contains(err.Error(), "lzma") {
		t.Fatalf("unknown compression: %v", err)
	}
}

func TestParquetStreamingAndPrefix(t *testing.T) {
	ctx := context.Background()
	st := stores(t)["file"]
	// Three files of several row groups each, written table by table, read back as
	// one table from their prefix.
	want := &table.Table{}
	for part := 0; part < 3; part++ {
		w, err := st.NewParquetWriter(ctx, "exp/part-0000"+string(rune('0'+part))+".parquet", Options{RowGroupRows: 7})
		if err != nil {
			t.Fatal(err)
		}
		for chunk := 0; chunk < 4; chunk++ {
			tab := allKinds()
			if err := w.Write(tab); err != nil {
				t.Fatal(err)
			}
			if len(want.Columns) == 0 {
				want = allKinds()
			} else if want, err = appendTable(want, tab); err != nil {
				t.Fatal(err)
			}
		}
		if w.Rows() != 20 {
			t.Fatalf("rows %d", w.Rows())
		}
		if _, err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.ReadParquet(ctx, "exp")
	if err != nil {
		t.Fatal(err)
	}
	sameTable(t, want, got)

	// A mismatching table is refused; an aborted file leaves nothing behind.
	w, _ := st.NewParquetWriter(ctx, "bad/a.parquet", Options{})
	if err := w.Write(allKinds()); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(table.New(table.IntColumn("name", []int64{1}))); err == nil {
		t.Fatal("a table with other columns was accepted")
	}
	w.Abort()
	if ok, _ := st.Exists(ctx, "bad/a.parquet"); ok {
		t.Fatal("an aborted file is visible")
	}
	entries, _ := os.ReadDir(st.LocalPath("bad"))
	for _, e := range entries {
		t.Fatalf("leftover file %s after abort", e.Name())
	}
	if _, err := st.ReadParquet(ctx, "nothing-here"); err == nil || !strings.Contains(err.Error(), "no .parquet file") {
		t.Fatalf("missing path: %v", err)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		for _, comp := range []string{"", "gzip"} {
			p := "c/all.csv"
			if comp == "gzip" {
				p += ".gz"
			}
			if _, err := st.WriteCSV(ctx, p, allKinds(), Options{Compression: comp}); err != nil {
				t.Fatal(err)
			}
			kinds := map[string]table.Kind{"doc": table.KindAny}
			got, err := st.ReadCSV(ctx, p, CSVOptions{Kinds: kinds})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			// CSV carries no type names: compare with them cleared, and the date
			// column comes back as a timestamp at midnight.
			want := allKinds()
			for _, c := range append(want.Columns, got.Columns...) {
				c.Type = ""
			}
			sameTable(t, want, got)
		}
	}
}

func TestCSVInferenceAndErrors(t *testing.T) {
	data := "id,zip,n,x,ok,at,s\n" +
		"12345678901234567890123456789012345678,02134,1,1.5,true,2026-01-02T03:04:05Z,a\n" +
		"22345678901234567890123456789012345678,94110,,2,false,2026-01-03,\"\"\n" +
		"\n"
	tab, err := DecodeCSV([]byte(data), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := []table.Kind{table.KindString, table.KindString, table.KindInt, table.KindFloat, table.KindBool, table.KindTime, table.KindString}
	for k, c := range tab.Columns {
		if c.Kind() != kinds[k] {
			t.Fatalf("column %s inferred %v, want %v", c.Name, c.Kind(), kinds[k])
		}
	}
	if !tab.Columns[2].IsNull(1) || tab.Columns[6].IsNull(1) || tab.Columns[6].Strings()[1] != "" {
		t.Fatal("NULL and empty string are not told apart")
	}
	_, err = DecodeCSV([]byte("a,b\n1,2\nx,3\n"), CSVOptions{Kinds: map[string]table.Kind{"a": table.KindInt}})
	if err == nil || !strings.Contains(err.Error(), "line 3, column a") {
		t.Fatalf("bad value error %v, want line 3, column a", err)
	}
	if _, err := DecodeCSV([]byte("a,b\n1\n"), CSVOptions{}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("short row error %v", err)
	}
	if _, err := DecodeCSV([]byte("a\n\"open\n"), CSVOptions{}); err == nil {
		t.Fatal("unterminated quote accepted")
	}
}

func TestListAndOpen(t *testing.T) {
	ctx := context.Background()
	st := stores(t)["mem"]
	for _, p := range []string{"a/1.csv", "a/2.csv", "b/3.csv"} {
		if err := st.WriteAll(ctx, p, []byte("x\n1\n")); err != nil {
			t.Fatal(err)
		}
	}
	l, err := st.List(ctx, "a/")
	if err != nil {
		t.Fatal(err)
	}
	if paths := l.Strings("path"); !reflect.DeepEqual(paths, []string{"a/1.csv", "a/2.csv"}) {
		t.Fatalf("list %v", paths)
	}
	// The same mem:// name is the same bucket within the process.
	again, _ := Open(ctx, st.Root())
	if ok, _ := again.Exists(ctx, "b/3.csv"); !ok {
		t.Fatal("reopened mem:// store lost its files")
	}
	if n, err := st.DeletePrefix(ctx, "a/"); err != nil || n != 2 {
		t.Fatalf("DeletePrefix: %d %v", n, err)
	}
	if _, err := Open(ctx, "ftp://x"); err == nil || !strings.Contains(err.Error(), "unsupported scheme") {
		t.Fatalf("ftp: %v", err)
	}
	// A path after a cloud bucket is a key prefix (opening does not touch the network).
	s3, err := Open(ctx, "s3://my-bucket/exports/team?region=us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := s3.URL("egress/x/part-00000.parquet"); got != "s3://my-bucket/exports/team/egress/x/part-00000.parquet" {
		t.Fatalf("s3 URL %q", got)
	}
	t.Setenv("SLUICE_STORAGE", "")
	t.Setenv("SLUICE_HOME", t.TempDir())
	def, err := Open(ctx, "")
	if err != nil || !strings.HasPrefix(def.Root(), "file://") {
		t.Fatalf("default root %v %v", def, err)
	}
}

// TestMemPrefixKeepsRootOpen checks that opening mem://name/sub leaves stores of
// mem://name usable (gocloud's PrefixedBucket closes the bucket it wraps).
func TestMemPrefixKeepsRootOpen(t *testing.T) {
	ctx := context.Background()
	root, err := Open(ctx, "mem://prefix-keeps-root")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := Open(ctx, "mem://prefix-keeps-root/sub")
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.WriteAll(ctx, "a.txt", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := sub.Close(); err != nil {
		t.Fatal(err)
	}
	if err := root.WriteAll(ctx, "b.txt", []byte("b")); err != nil {
		t.Fatalf("root store after opening a sub-path: %v", err)
	}
	again, err := Open(ctx, "mem://prefix-keeps-root/sub")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := again.Exists(ctx, "a.txt"); !ok || err != nil {
		t.Fatalf("reopened mem:// sub-path lost its files: %v %v", ok, err)
	}
}

// TestWriteRejectsMalformedTables checks that the CSV and Parquet writers return errors,
// not panics, for a nil table, a nil column and columns of different lengths.
func TestWriteRejectsMalformedTables(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, "mem://write-rejects-malformed")
	if err != nil {
		t.Fatal(err)
	}
	for name, tab := range map[string]*table.Table{
		"nil":        nil,
		"nil column": table.New(table.IntColumn("a", []int64{1}), nil),
		"ragged":     table.New(table.IntColumn("a", []int64{1, 2}), table.StringColumn("b", []string{"x"})),
	} {
		if _, err := st.WriteCSV(ctx, "bad.csv", tab, Options{}); err == nil {
			t.Errorf("WriteCSV of a %s table: no error", name)
		}
		if _, err := st.WriteParquet(ctx, "bad.parquet", tab, Options{}); err == nil {
			t.Errorf("WriteParquet of a %s table: no error", name)
		}
		if ok, _ := st.Exists(ctx, "bad.csv"); ok {
			t.Errorf("a %s table left bad.csv behind", name)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWriterLifecycle: both writers refuse a write after Close, say so when closed with
// no table (nothing is written), and report the same size when closed twice.
func TestWriterLifecycle(t *testing.T) {
	ctx := context.Background()
	st := stores(t)["file"]
	type writer interface {
		Write(*table.Table) error
		Close() (int64, error)
		Rows() int64
		Bytes() int64
	}
	open := map[string]func(p string) (writer, error){
		"csv":     func(p string) (writer, error) { return st.NewCSVWriter(ctx, p, Options{}) },
		"parquet": func(p string) (writer, error) { return st.NewParquetWriter(ctx, p, Options{}) },
	}
	for name, newWriter := range open {
		w, err := newWriter("life/empty." + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Close(); err == nil || !strings.Contains(err.Error(), "no table was written") {
			t.Errorf("%s: Close with no table: %v", name, err)
		}
		if ok, _ := st.Exists(ctx, "life/empty."+name); ok {
			t.Errorf("%s: a file with no table is visible", name)
		}
		w, err = newWriter("life/full." + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(allKinds()); err != nil {
			t.Fatal(err)
		}
		n, err := w.Close()
		if err != nil || n <= 0 || n != w.Bytes() || w.Rows() != int64(allKinds().NumRows()) {
			t.Errorf("%s: Close = %d, %v; Bytes %d, Rows %d", name, n, err, w.Bytes(), w.Rows())
		}
		if again, err := w.Close(); again != n || err != nil {
			t.Errorf("%s: second Close = %d, %v, want %d", name, again, err, n)
		}
		if err := w.Write(allKinds()); err == nil || !strings.Contains(err.Error(), "write to closed") {
			t.Errorf("%s: write after Close: %v", name, err)
		}
	}
}
