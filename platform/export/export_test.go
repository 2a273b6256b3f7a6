package export

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/platform/synth"
	"github.com/sluice-dev/sluice/table"
)

var sandboxDSN string

func TestMain(m *testing.M) {
	srv, stop, err := testdb.SharedSandbox("export")
	if err != nil {
		panic(err)
	}
	sandboxDSN = srv.DSN()
	code := m.Run()
	stop()
	os.Exit(code)
}

// postgres opens the test PostgreSQL with a schema of the test's own.
func postgres(t *testing.T) *qs.Client { return testdb.Postgres(t).DB }

func sandboxClient(t *testing.T) *qs.Client {
	t.Helper()
	c, err := qs.Open(context.Background(), sandboxDSN, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// loadEvents creates table name with synth's event columns and loads events.
func loadEvents(t *testing.T, db *qs.Client, name string, events *table.Table) {
	t.Helper()
	ctx := context.Background()
	var cols []string
	for _, f := range synth.EventFields {
		cols = append(cols, qs.QuoteIdent(f.Name)+" "+f.Type)
	}
	db.Exec(ctx, "DROP TABLE IF EXISTS "+name)
	if _, err := db.Exec(ctx, "CREATE TABLE "+name+" ("+strings.Join(cols, ", ")+")"); err != nil {
		t.Fatal(err)
	}
	n, err := db.CopyFrom(ctx, name, nil, events)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(events.NumRows()) {
		t.Fatalf("copied %d rows of %d", n, events.NumRows())
	}
}

// checksum is an order-independent digest of a table's rows (column order matters).
func checksum(t *testing.T, tab *table.Table) (rows int, sum uint64) {
	t.Helper()
	for i := 0; i < tab.NumRows(); i++ {
		h := fnv.New64a()
		for _, c := range tab.Columns {
			var s string
			switch v := c.Value(i).(type) {
			case nil:
				s = "\x00NULL"
			case time.Time:
				s = strconv.FormatInt(v.UnixMicro(), 10)
			case float64:
				s = strconv.FormatFloat(v, 'g', -1, 64)
			default:
				s = fmt.Sprint(v)
			}
			h.Write([]byte(c.Name + "=" + s + "\x1f"))
		}
		sum += h.Sum64()
	}
	return tab.NumRows(), sum
}

func TestExportRoundTrip(t *testing.T) {
	events := synth.Events(synth.Config{Users: 1500, Seed: 5, End: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, 0, 1500)
	wantRows, wantSum := checksum(t, events)
	kinds := map[string]table.Kind{}
	for _, f := range synth.EventFields {
		kinds[f.Name] = f.Kind
	}
	for _, be := range []struct {
		name  string
		db    func(*testing.T) *qs.Client
		store string
	}{
		{"sandbox", sandboxClient, "file://" + filepath.Join(t.TempDir(), "store")},
		{"postgres", postgres, "mem://export-" + strconv.Itoa(rand.Int())},
	} {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			db := be.db(t)
			st, err := storage.Open(ctx, be.store)
			if err != nil {
				t.Fatal(err)
			}
			table := "export_events_" + strconv.Itoa(rand.Intn(1e6))
			loadEvents(t, db, table, events)

			run, err := Dataset(ctx, db, st, table, Options{RowsPerFile: 4000, BatchRows: 1500, RowGroupRows: 1000, Quiet: true})
			if err != nil {
				t.Fatal(err)
			}
			wantFiles := (wantRows + 3999) / 4000
			if run.Rows != int64(wantRows) || run.Files != wantFiles || len(run.Paths) != wantFiles || run.Bytes <= 0 {
				t.Fatalf("run %s: %d rows, %d files (%d paths), want %d rows in %d files", run, run.Rows, run.Files, len(run.Paths), wantRows, wantFiles)
			}
			if !strings.HasPrefix(run.Prefix, "egress/"+table+"/exportTime=") || !strings.HasSuffix(run.Paths[0], "/part-00000.parquet") {
				t.Fatalf("layout: %s %v", run.Prefix, run.Paths)
			}
			latest, err := Latest(ctx, st, table)
			if err != nil || latest != run.Prefix {
				t.Fatalf("Latest = %q, %v; want %q", latest, err, run.Prefix)
			}
			back, err := st.ReadParquet(ctx, latest)
			if err != nil {
				t.Fatal(err)
			}
			if rows, sum := checksum(t, back); rows != wantRows || sum != wantSum {
				t.Fatalf("Parquet read back: %d rows, checksum %x; want %d, %x", rows, sum, wantRows, wantSum)
			}

			// DuckDB (the sandbox's engine) reads the files too.
			if be.name == "sandbox" {
				glob := st.LocalPath(run.Prefix) + "/*.parquet"
				got, err := db.Query(ctx, "SELECT count(*) AS n, count(DISTINCT _id) AS ids, count(commerce_order_total) AS orders, min(timestamp) AS first FROM read_parquet('"+glob+"')")
				if err != nil {
					t.Fatal(err)
				}
				n := got.Ints("n")
				ids := got.Ints("ids")
				orders := got.Ints("orders")
				first := got.Times("first")
				tot, _ := events.Column("commerce_order_total")
				wantOrders := 0
				for i := 0; i < tot.Len(); i++ {
					if !tot.IsNull(i) {
						wantOrders++
					}
				}
				ts := events.Times("timestamp")
				minTS := ts[0]
				for _, x := range ts {
					if x.Before(minTS) {
						minTS = x
					}
				}
				if n[0] != int64(wantRows) || ids[0] != int64(wantRows) || orders[0] != int64(wantOrders) || !first[0].Equal(minTS) {
					t.Fatalf("DuckDB read %v rows, %v ids, %v orders, first %v; want %d, %d, %d, %v", n, ids, orders, first, wantRows, wantRows, wantOrders, minTS)
				}
			}

			// The same data as gzip'd CSV through a query, in the same second: a new
			// folder, which becomes the latest.
			q, err := Query(ctx, db, st, table, "SELECT * FROM "+table+" ORDER BY _id", Options{Format: "csv", Compression: "gzip", RowsPerFile: 10000, Time: run.ExportTime, Quiet: true})
			if err != nil {
				t.Fatal(err)
			}
			if q.Prefix == run.Prefix || !strings.HasSuffix(q.Paths[0], ".csv.gz") {
				t.Fatalf("second export %s reused %s or wrong extension %v", q.Prefix, run.Prefix, q.Paths)
			}
			if latest, _ := Latest(ctx, st, table); latest != q.Prefix {
				t.Fatalf("Latest %s, want the newer %s", latest, q.Prefix)
			}
			csv, err := st.ReadCSV(ctx, q.Prefix, storage.CSVOptions{Kinds: kinds})
			if err != nil {
				t.Fatal(err)
			}
			if rows, sum := checksum(t, csv); rows != wantRows || sum != wantSum {
				t.Fatalf("CSV read back: %d rows, checksum %x; want %d, %x", rows, sum, wantRows, wantSum)
			}

			// An empty result still writes one readable file with the columns.
			empty, err := Query(ctx, db, st, "empty", "SELECT _id, timestamp FROM "+table+" WHERE false", Options{Quiet: true})
			if err != nil {
				t.Fatal(err)
			}
			et, err := st.ReadParquet(ctx, empty.Prefix)
			if err != nil || empty.Files != 1 || et.NumRows() != 0 || et.NumCols() != 2 {
				t.Fatalf("empty export: %v files %d table %v", err, empty.Files, et)
			}
			if !strings.Contains(run.HTML(), "part-00000.parquet") || run.Table().NumRows() != 1 {
				t.Fatal("run does not render its files")
			}
		})
	}
}

// A query that fails after several part files were written leaves no export behind.
func TestFailedExportLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db := postgres(t)
	st, err := storage.Open(ctx, "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Query(ctx, db, st, "boom", "SELECT x, 1/(x-5000) AS y FROM generate_series(1, 10000) AS x",
		Options{RowsPerFile: 1000, BatchRows: 250, Quiet: true})
	if err == nil || !strings.Contains(err.Error(), "division by zero") {
		t.Fatalf("error %v, want division by zero", err)
	}
	if objs, _ := st.Objects(ctx, "egress/boom/"); len(objs) != 0 {
		t.Fatalf("a failed export left %d files: %+v", len(objs), objs)
	}
	if _, err := Latest(ctx, st, "boom"); err == nil {
		t.Fatal("Latest found a failed export")
	}
}

func TestBadInput(t *testing.T) {
	ctx := context.Background()
	db := sandboxClient(t)
	st, _ := storage.Open(ctx, "mem://bad-input")
	for _, c := range []struct {
		name, sql string
		opts      Options
		want      string
	}{
		{"../up", "SELECT 1", Options{}, "bad name"},
		{"ok", "SELECT 1", Options{Format: "xlsx"}, "unknown format"},
		{"ok", "SELECT 1", Options{Format: "csv", Compression: "zstd"}, "CSV supports gzip"},
		{"ok", "SELECT * FROM no_such_table", Options{Quiet: true}, "no_such_table"},
	} {
		if _, err := Query(ctx, db, st, c.name, c.sql, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Query(%q, %q): %v, want an error with %q", c.name, c.sql, err, c.want)
		}
	}
	if _, err := Dataset(ctx, db, st, "missing_dataset", Options{}); err == nil || !strings.Contains(err.Error(), "missing_dataset") {
		t.Errorf("missing dataset: %v", err)
	}
}

// recorder is a display publisher that keeps what it is given.
type recorder struct{ texts []string }

func (r *recorder) Publish(b display.Bundle, id string, update bool) error {
	if s, ok := b.Data[display.MIMEText].(string); ok {
		r.texts = append(r.texts, s)
	}
	return nil
}
func (r *recorder) Clear(bool) error { return nil }

// An export shows an updating progress display that ends with the run's summary.
func TestProgressDisplay(t *testing.T) {
	ctx := context.Background()
	db := sandboxClient(t)
	st, _ := storage.Open(ctx, "mem://progress")
	rec := &recorder{}
	old := display.SetPublisher(rec)
	defer display.SetPublisher(old)
	if _, err := db.Exec(ctx, "CREATE OR REPLACE TABLE progress_src AS SELECT range AS x FROM range(5000)"); err != nil {
		t.Fatal(err)
	}
	run, err := Dataset(ctx, db, st, "progress_src", Options{BatchRows: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.texts) < 2 {
		t.Fatalf("progress published %d updates: %q", len(rec.texts), rec.texts)
	}
	last := rec.texts[len(rec.texts)-1]
	if !strings.Contains(last, "5000 rows") || !strings.Contains(last, run.Summary()[:10]) {
		t.Fatalf("final progress %q lacks the summary %q", last, run.Summary())
	}
}
