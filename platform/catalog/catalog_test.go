package catalog

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

func eventsSpec() Dataset {
	return Dataset{
		Name: "events",
		Fields: []Field{
			{Name: "_id", Type: "string"},
			{Name: "timestamp", Type: "timestamp"},
			{Name: "eventType", Type: "string"},
			{Name: "userId", Type: "string"},
			{Name: "value", Type: "float"},
			{Name: "count", Type: "int"},
			{Name: "ok", Type: "bool"},
			{Name: "day", Type: "date"},
			{Name: "props", Type: "json"},
		},
		IdentityField: "userId",
		Tags:          []string{"events"},
	}
}

// eventRows builds n event rows for users u0..u(users-1) with typed columns.
func eventRows(n, users int, prefix string) *table.Table {
	ids, types, uids := make([]string, n), make([]string, n), make([]string, n)
	ts := make([]time.Time, n)
	vals := make([]float64, n)
	counts := make([]int64, n)
	oks := make([]bool, n)
	days, props := make([]string, n), make([]string, n)
	base := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i := range n {
		ids[i] = fmt.Sprintf("%s-%d", prefix, i)
		types[i] = []string{"web.pageViews", "email\tsent", "purchase"}[i%3]
		uids[i] = fmt.Sprintf("u%d", i%users)
		ts[i] = base.Add(time.Duration(i) * time.Minute)
		vals[i] = float64(i) / 4
		counts[i] = int64(i)
		oks[i] = i%2 == 0
		days[i] = ts[i].Format("2006-01-02")
		props[i] = fmt.Sprintf(`{"n": %d, "s": "a\\nb"}`, i)
	}
	return table.New(table.StringColumn("_id", ids), table.TimeColumn("timestamp", ts),
		table.StringColumn("eventType", types), table.StringColumn("userId", uids),
		table.FloatColumn("value", vals), table.IntColumn("count", counts), table.BoolColumn("ok", oks),
		table.StringColumn("day", days), table.StringColumn("props", props))
}

func forEach(t *testing.T, f func(t *testing.T, ctx context.Context, b testdb.Backend)) {
	for _, b := range testdb.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			f(t, ctx, b)
		})
	}
}

func count(t *testing.T, ctx context.Context, db *qs.Client, sql string, args ...any) int64 {
	t.Helper()
	tab, err := db.Query(ctx, sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if tab.NumCols() != 1 || tab.NumRows() != 1 || tab.Columns[0].Kind() != table.KindInt {
		t.Fatalf("%s: want one integer, got %v", sql, tab.ColumnNames())
	}
	n := tab.Columns[0].Ints()
	return n[0]
}

func TestCreateDatasetIdempotent(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		d1, err := c.CreateDataset(ctx, eventsSpec())
		if err != nil {
			t.Fatal(err)
		}
		d2, err := c.CreateDataset(ctx, eventsSpec())
		if err != nil {
			t.Fatalf("creating the same dataset again: %v", err)
		}
		if !d1.Created.Equal(d2.Created) || fieldList(d1.Fields) != fieldList(d2.Fields) {
			t.Fatalf("second create returned a different dataset: %v vs %v", d1, d2)
		}
		conflict := eventsSpec()
		conflict.Fields[4].Type = "int"
		_, err = c.CreateDataset(ctx, conflict)
		if err == nil || !strings.Contains(err.Error(), "different definition") || !strings.Contains(err.Error(), "value int") {
			t.Fatalf("conflicting spec: want a clear error, got %v", err)
		}
		bad := eventsSpec()
		bad.Name = "bad_types"
		bad.Fields[1].Type = "datetime"
		if _, err := c.CreateDataset(ctx, bad); err == nil || !strings.Contains(err.Error(), `"datetime"`) {
			t.Fatalf("bad type: got %v", err)
		}
		prof := Dataset{Name: "profiles", Fields: []Field{{Name: "ecid", Type: "string"}}, Tags: []string{TagProfile}}
		if _, err := c.CreateDataset(ctx, prof); err == nil || !strings.Contains(err.Error(), "IdentityField") {
			t.Fatalf("profile dataset without identity: got %v", err)
		}
		list, err := c.Datasets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		names := list.Strings("dataset")
		if len(names) != 1 || names[0] != "events" {
			t.Fatalf("datasets listed: %v", names)
		}
		if _, err := c.Dataset(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing dataset: %v", err)
		}
	})
}

func TestIngestRoundTrip(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		batch, err := c.Ingest(ctx, "events", eventRows(50, 7, "a"), IngestOptions{Source: "test", ChunkRows: 16})
		if err != nil {
			t.Fatal(err)
		}
		if batch.Status != StatusSuccess || batch.Rows != 50 || batch.ID == 0 {
			t.Fatalf("batch: %+v", batch)
		}
		// Strings from a CSV-like source are parsed into the schema's types.
		csvLike := table.New(table.StringColumn("_id", []string{"c1", "c2"}),
			table.StringColumn("timestamp", []string{"2024-06-01T10:00:00Z", "2024-06-01 11:30:00"}),
			table.StringColumn("userId", []string{"u1", "u2"}),
			table.StringColumn("value", []string{"1.5", ""}),
			table.StringColumn("count", []string{"3", "4"}),
			table.StringColumn("ok", []string{"true", "f"}),
			table.StringColumn("day", []string{"2024-06-01", "2024-06-02"}))
		if _, err := c.Ingest(ctx, "events", csvLike, IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != 52 {
			t.Fatalf("rows = %d, want 52", n)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events WHERE value IS NULL`); n != 1 {
			t.Fatalf("empty CSV cell should load as NULL; NULL values = %d", n)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events WHERE "eventType" = $1`, "email\tsent"); n != 17 {
			t.Fatalf("tab inside a value did not survive: %d rows", n)
		}
		if n := count(t, ctx, b.DB, `SELECT "count" FROM events WHERE _id = 'c2'`); n != 4 {
			t.Fatalf("parsed int = %d", n)
		}
		ts, err := b.DB.Query(ctx, `SELECT "timestamp" FROM events WHERE _id = 'c2'`)
		if err != nil {
			t.Fatal(err)
		}
		got := ts.Times("timestamp")
		if want := time.Date(2024, 6, 1, 11, 30, 0, 0, time.UTC); !got[0].Equal(want) {
			t.Fatalf("timestamp = %v, want %v", got[0], want)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(DISTINCT _batch_id) FROM events`); n != 2 {
			t.Fatalf("batch ids: %d", n)
		}
		desc, err := c.Describe(ctx, "events")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(desc.Title, "52 rows") || !strings.Contains(desc.Title, "2 success") {
			t.Fatalf("describe title: %q", desc.Title)
		}
		bt, err := c.Batches(ctx, "events")
		if err != nil {
			t.Fatal(err)
		}
		st := bt.Strings("status")
		rows := bt.Ints("rows")
		if len(st) != 2 || st[0] != "success" || rows[0] != 50 || rows[1] != 2 {
			t.Fatalf("batches: %v %v", st, rows)
		}
		// A batch shows as its summary line above its one-row table (DisplayParts).
		rb := display.Render(batch)
		if s := rb.Data[display.MIMEText].(string); !strings.HasPrefix(s, batch.String()+"\n") || !strings.Contains(s, "success, 50 rows") {
			t.Fatalf("batch rendering: %q", s)
		}
		if h := rb.Data[display.MIMEHTML].(string); !strings.HasPrefix(h, "<p>batch ") || h != "<p>"+html.EscapeString(batch.String())+"</p>\n"+display.TableHTML(batch.Table()) {
			t.Fatalf("batch HTML: %q", h)
		}
	})
}

func TestBadRowsFailBeforeLoading(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		rows := table.New(
			table.StringColumn("_id", []string{"1", "2", "3", "4"}),
			table.StringColumn("userId", []string{"u1", "u2", "", "u4"}),
			table.StringColumn("count", []string{"1", "2", "3", "four"}),
			table.StringColumn("timestamp", []string{"2024-01-01", "yesterday", "2024-01-03", "2024-01-04"}))
		batch, err := c.Ingest(ctx, "events", rows, IngestOptions{FirstLine: 2, Source: "bad.csv"})
		var bad *BadRowsError
		if !errors.As(err, &bad) {
			t.Fatalf("want *BadRowsError, got %v", err)
		}
		if bad.Total != 3 {
			t.Fatalf("problems: %d (%v)", bad.Total, err)
		}
		want := []string{
			`line 3, field timestamp: not a timestamp`,
			`line 5, field count: not an integer`,
			`line 4, field userId: the identity field is empty`,
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error lacks %q:\n%v", w, err)
			}
		}
		if batch == nil || batch.Status != StatusFailed {
			t.Fatalf("batch: %+v", batch)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != 0 {
			t.Fatalf("%d rows loaded from a bad batch", n)
		}
		got, err := c.Batch(ctx, batch.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != StatusFailed || !strings.Contains(got.Error, "line 5, field count") {
			t.Fatalf("recorded batch: %+v", got)
		}
		// A column the schema lacks is refused, naming the fields.
		_, err = c.Ingest(ctx, "events", table.New(table.StringColumn("userId", []string{"u"}),
			table.StringColumn("colour", []string{"red"})), IngestOptions{})
		if err == nil || !strings.Contains(err.Error(), `column "colour" is not a field`) {
			t.Fatalf("unknown column: %v", err)
		}
	})
}

func TestBatchAtomicityUnderInjectedFailure(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Ingest(ctx, "events", eventRows(20, 5, "ok"), IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		chunks := 0
		c.afterChunk = func(batch int64, chunk int) error {
			chunks++
			if chunk == 2 {
				// The first chunks are in the table inside the transaction by now.
				n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM sluice_batches WHERE id = $1 AND status = 'loading'`, batch)
				if n != 1 {
					t.Errorf("batch %d not visible as loading during the load", batch)
				}
				return errors.New("injected failure after chunk 2")
			}
			return nil
		}
		batch, err := c.Ingest(ctx, "events", eventRows(100, 5, "boom"), IngestOptions{ChunkRows: 10})
		if err == nil || !strings.Contains(err.Error(), "injected failure") {
			t.Fatalf("want the injected failure, got %v", err)
		}
		if chunks != 3 {
			t.Fatalf("chunks copied before failing: %d", chunks)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != 20 {
			t.Fatalf("rows after failed batch: %d, want the 20 of the first batch", n)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events WHERE _batch_id = $1`, batch.ID); n != 0 {
			t.Fatalf("%d rows of the failed batch are visible", n)
		}
		got, err := c.Batch(ctx, batch.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != StatusFailed || !strings.Contains(got.Error, "injected failure") || got.Rows != 0 {
			t.Fatalf("failed batch record: %+v", got)
		}

		// An interrupt (cancelled context) mid-batch also leaves nothing behind.
		cctx, cancel := context.WithCancel(ctx)
		c.afterChunk = func(batch int64, chunk int) error {
			if chunk == 1 {
				cancel()
			}
			return nil
		}
		batch, err = c.Ingest(cctx, "events", eventRows(100, 5, "cancel"), IngestOptions{ChunkRows: 10})
		if err == nil {
			t.Fatal("cancelled ingest succeeded")
		}
		c.afterChunk = nil
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != 20 {
			t.Fatalf("rows after cancelled batch: %d", n)
		}
		got, err = c.Batch(ctx, batch.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != StatusFailed || !strings.Contains(got.Error, "interrupted") {
			t.Fatalf("cancelled batch record: %+v", got)
		}
	})
}

// TestKilledLoaderLeavesFailedBatch kills a loading process with SIGKILL in the middle
// of its batch's COPY and checks that no row of it is visible and that the catalog
// reports the batch failed.
func TestKilledLoaderLeavesFailedBatch(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestLoaderChild$")
		cmd.Env = append(os.Environ(), "SLUICE_CATALOG_CHILD_DSN="+b.DSN)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		var batchID int64
		for sc.Scan() {
			if _, err := fmt.Sscanf(sc.Text(), "loading batch %d", &batchID); err == nil {
				break
			}
		}
		if batchID == 0 {
			_ = cmd.Process.Kill()
			t.Fatalf("child never reported its batch (%v)", sc.Err())
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()

		c2 := New(b.DB)
		var got *Batch
		for i := 0; i < 100; i++ { // the server notices the dropped connection
			if got, err = c2.Batch(ctx, batchID); err != nil {
				t.Fatal(err)
			}
			if got.Status != StatusLoading {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if got.Status != StatusFailed || !strings.Contains(got.Error, "exited") {
			t.Fatalf("batch of the killed loader: %+v", got)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != 0 {
			t.Fatalf("%d rows of the killed batch are visible", n)
		}
	})
}

// TestLoaderChild is the loader process of TestKilledLoaderLeavesFailedBatch.
func TestLoaderChild(t *testing.T) {
	dsn := os.Getenv("SLUICE_CATALOG_CHILD_DSN")
	if dsn == "" {
		t.Skip("helper process for TestKilledLoaderLeavesFailedBatch")
	}
	ctx := context.Background()
	db, err := qs.Open(ctx, dsn, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := New(db)
	c.afterChunk = func(batch int64, chunk int) error {
		if chunk == 1 {
			fmt.Printf("loading batch %d\n", batch)
			time.Sleep(time.Minute) // killed here, with two chunks copied
		}
		return nil
	}
	_, _ = c.Ingest(ctx, "events", eventRows(100, 5, "child"), IngestOptions{ChunkRows: 10})
	t.Fatal("the child should have been killed")
}

func TestStaleLoadingBatchIsFailed(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		// A batch whose loader runs on another host and stopped sending heartbeats.
		old := now().Add(-time.Hour)
		if _, err := b.DB.Exec(ctx, `INSERT INTO sluice_batches (id, dataset, status, row_count, started, heartbeat, owner)
			VALUES (77, 'events', 'loading', 0, $1, $1, 'elsewhere/1/abc')`, old); err != nil {
			t.Fatal(err)
		}
		// And one that is alive on another host.
		if _, err := b.DB.Exec(ctx, `INSERT INTO sluice_batches (id, dataset, status, row_count, started, heartbeat, owner)
			VALUES (78, 'events', 'loading', 0, $1, $1, 'elsewhere/2/def')`, now()); err != nil {
			t.Fatal(err)
		}
		bs, err := c.BatchList(ctx, "events")
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 2 || bs[0].Status != StatusFailed || !strings.Contains(bs[0].Error, "heartbeat") || bs[1].Status != StatusLoading {
			t.Fatalf("batches: %+v %+v", bs[0], bs[1])
		}
	})
}

func TestTemplateWatermark(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		if _, err := b.DB.Exec(ctx, `CREATE TABLE user_counts (user_id TEXT, events BIGINT, through_batch BIGINT)`); err != nil {
			t.Fatal(err)
		}
		_, err := c.SaveTemplate(ctx, Template{
			Name:    "count_new",
			Dataset: "events",
			SQL: `INSERT INTO user_counts (user_id, events, through_batch)
				SELECT "userId", COUNT(*), :until_batch FROM events
				WHERE _batch_id > :since_batch AND _batch_id <= :until_batch AND "count" >= :min_count -- not :this
				GROUP BY "userId"`,
			Params: []Param{{Name: "min_count", Type: "int", Default: 0}},
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if _, err := c.Ingest(ctx, "events", eventRows(30, 3, fmt.Sprint(i)), IngestOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		run, err := c.RunIncremental(ctx, "count_new", nil)
		if err != nil {
			t.Fatal(err)
		}
		if run.Skipped || run.RowsAffected != 3 || run.Batches != 2 || run.Since != 0 {
			t.Fatalf("first run: %+v", run)
		}
		again, err := c.RunIncremental(ctx, "count_new", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Skipped || again.RowsAffected != 0 {
			t.Fatalf("re-run added rows: %+v", again)
		}
		if n := count(t, ctx, b.DB, `SELECT CAST(SUM(events) AS BIGINT) FROM user_counts`); n != 60 {
			t.Fatalf("counted %d events after re-run, want 60", n)
		}
		if _, err := c.Ingest(ctx, "events", eventRows(12, 4, "x"), IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		third, err := c.RunIncremental(ctx, "count_new", map[string]any{"min_count": 6})
		if err != nil {
			t.Fatal(err)
		}
		if third.Batches != 1 || third.Since != run.Until || third.RowsAffected != 4 {
			t.Fatalf("third run: %+v", third)
		}
		if n := count(t, ctx, b.DB, `SELECT CAST(SUM(events) AS BIGINT) FROM user_counts`); n != 66 {
			t.Fatalf("after third run: %d events counted, want 66", n)
		}
		wm, err := c.Watermark(ctx, "count_new")
		if err != nil || wm != third.Until {
			t.Fatalf("watermark %d (%v), want %d", wm, err, third.Until)
		}
		// A failed run leaves the watermark where it was.
		if _, err := b.DB.Exec(ctx, `DROP TABLE user_counts`); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Ingest(ctx, "events", eventRows(5, 1, "y"), IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.RunIncremental(ctx, "count_new", nil); err == nil {
			t.Fatal("run into a dropped table succeeded")
		}
		if wm2, _ := c.Watermark(ctx, "count_new"); wm2 != wm {
			t.Fatalf("failed run moved the watermark from %d to %d", wm, wm2)
		}

		// A plain template returns rows, with values bound, not spliced.
		if _, err := c.SaveTemplate(ctx, Template{Name: "by_type",
			SQL:    `SELECT "eventType", COUNT(*) AS n FROM events WHERE "eventType" = :kind AND "timestamp" >= :since::timestamp GROUP BY "eventType"`,
			Params: []Param{{Name: "kind", Type: "string"}, {Name: "since", Type: "timestamp"}}}); err != nil {
			t.Fatal(err)
		}
		res, err := c.RunTemplate(ctx, "by_type", map[string]any{"kind": "purchase' OR '1'='1", "since": "2024-01-01T00:00:00Z"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Result == nil || res.Result.NumRows() != 0 {
			t.Fatalf("injection-looking value matched rows: %+v", res)
		}
		res, err = c.RunTemplate(ctx, "by_type", map[string]any{"kind": "purchase", "since": time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if ns := res.Result.Ints("n"); len(ns) != 1 || ns[0] != 10+10+4+1 {
			t.Fatalf("by_type result: %v", ns)
		}
		if _, err := c.RunTemplate(ctx, "by_type", map[string]any{"kind": "x"}); err == nil || !strings.Contains(err.Error(), "no value for parameter since") {
			t.Fatalf("missing value: %v", err)
		}
		list, err := c.Templates(ctx)
		if err != nil || list.NumRows() != 2 {
			t.Fatalf("templates: %v %v", list, err)
		}
	})
}

func TestTemplateValidation(t *testing.T) {
	cases := []struct {
		t    Template
		want string
	}{
		{Template{Name: "a", SQL: "SELECT :x"}, "no parameter of that name"},
		{Template{Name: "a", SQL: "SELECT 1", Params: []Param{{Name: "x", Type: "int"}}}, "never uses :x"},
		{Template{Name: "a", SQL: "SELECT :x", Params: []Param{{Name: "x", Type: "money"}}}, `type "money"`},
		{Template{Name: "a b", SQL: "SELECT 1"}, "not valid"},
		{Template{Name: "a", SQL: "SELECT 1", Dataset: "events"}, "never uses :since_batch"},
	}
	for _, tc := range cases {
		tt := tc.t
		if err := tt.validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %q", tc.t, err, tc.want)
		}
	}
	_, names := placeholders(`SELECT ':no', "a:b", x::int, :yes, y -- :no
		/* :no */ FROM t WHERE z = :yes AND w = :also`)
	if strings.Join(names, ",") != "yes,yes,also" {
		t.Fatalf("placeholders: %v", names)
	}
	tp := Template{Name: "t", SQL: "SELECT :a + :b, :a", Params: []Param{{Name: "a", Type: "int"}, {Name: "b", Type: "float", Default: 1.5}}}
	sql, args, err := tp.compile(map[string]any{"a": "7"})
	if err != nil {
		t.Fatal(err)
	}
	if sql != "SELECT CAST($1 AS BIGINT) + CAST($2 AS FLOAT8), CAST($1 AS BIGINT)" || fmt.Sprint(args) != "[7 1.5]" {
		t.Fatalf("compiled %q %v", sql, args)
	}
}

func TestRegisterExistingTable(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Ingest(ctx, "events", eventRows(9, 3, "r"), IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.DB.Exec(ctx, `CREATE TABLE training AS SELECT "userId" AS user_id, COUNT(*) AS events, AVG(value) AS mean_value,
			MAX("timestamp") AS last_seen, MAX(day) AS last_day, BOOL_OR(ok) AS any_ok FROM events GROUP BY "userId"`); err != nil {
			t.Fatal(err)
		}
		d, err := c.Register(ctx, "training", "features per user", "training")
		if err != nil {
			t.Fatal(err)
		}
		if got := fieldList(d.Fields); got != "user_id string, events int, mean_value float, last_seen timestamp, last_day date, any_ok bool" {
			t.Fatalf("registered fields: %s", got)
		}
		desc, err := c.Describe(ctx, "training")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(desc.Title, "3 rows") || !strings.Contains(desc.Title, "registered table") {
			t.Fatalf("describe: %q", desc.Title)
		}
		if _, err := c.Ingest(ctx, "training", eventRows(1, 1, "x"), IngestOptions{}); err == nil || !strings.Contains(err.Error(), "registered table") {
			t.Fatalf("ingest into a registered table: %v", err)
		}
		if _, err := c.Register(ctx, "training", "again"); err != nil {
			t.Fatalf("registering again: %v", err)
		}
		if _, err := c.CreateDataset(ctx, Dataset{Name: "training", Fields: []Field{{Name: "user_id", Type: "string"}}}); err == nil ||
			!strings.Contains(err.Error(), "registered table") {
			t.Fatalf("create over a registered table: %v", err)
		}
		tmpl, err := c.SaveTemplate(ctx, Template{Name: "t", SQL: "SELECT :n", Params: []Param{{Name: "n", Type: "int"}}})
		if err != nil {
			t.Fatal(err)
		}
		if s := display.Render(tmpl).Data[display.MIMEText].(string); !strings.Contains(s, ":n") || !strings.HasSuffix(s, "\nSELECT :n") {
			t.Fatalf("template rendering: %q", s)
		}
		if h := display.Render(tmpl).Data[display.MIMEHTML].(string); !strings.HasSuffix(h, "\n<pre>SELECT :n</pre>") || !strings.Contains(h, "sluice-table") {
			t.Fatalf("template HTML: %q", h)
		}
	})
}

func TestIngestBatchesInParallel(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
			t.Fatal(err)
		}
		var tables []*table.Table
		for i := range 6 {
			tables = append(tables, eventRows(40+i, 4, fmt.Sprint("t", i)))
		}
		run, err := c.IngestBatches(ctx, "events", tables, IngestOptions{Parallel: 3, Quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(run.Batches) != 6 || run.Rows != 40*6+15 {
			t.Fatalf("run: %s", run)
		}
		for i, bt := range run.Batches {
			if bt.Status != StatusSuccess || (i > 0 && bt.ID <= run.Batches[i-1].ID) {
				t.Fatalf("batches: %v", run.Batches)
			}
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != run.Rows {
			t.Fatalf("%d rows stored, run says %d", n, run.Rows)
		}
		// One bad table among good ones: its batch fails alone.
		bad := eventRows(10, 2, "bad")
		ids := bad.Columns[3].Strings()
		ids[4] = ""
		bad.Columns[3] = table.StringColumn(bad.Columns[3].Name, ids)
		run, err = c.IngestBatches(ctx, "events", []*table.Table{eventRows(10, 2, "g1"), bad, eventRows(10, 2, "g2")}, IngestOptions{Parallel: 2, Quiet: true})
		var br *BadRowsError
		if !errors.As(err, &br) || run.Failed != 1 {
			t.Fatalf("want one bad batch, got %v (%s)", err, run)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events WHERE _id LIKE 'bad-%'`); n != 0 {
			t.Fatalf("%d rows of the bad batch stored", n)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM events`); n != 40*6+15+run.Rows {
			t.Fatalf("stored %d rows, want %d", n, 40*6+15+run.Rows)
		}
	})
}
