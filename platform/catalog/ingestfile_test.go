package catalog

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

func TestIngestFileWithMapping(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		st, err := storage.Open(ctx, "file://"+t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		c := New(b.DB)
		if _, err := c.CreateDataset(ctx, Dataset{Name: "scores", IdentityField: "userId", Tags: []string{TagProfile},
			Fields: []Field{{Name: "userId", Type: "string"}, {Name: "propensity", Type: "float"}, {Name: "model", Type: "string"}}}); err != nil {
			t.Fatal(err)
		}
		good := "user,prediction,model,junk\nu1,0.25,m1,x\nu2,0.5,m1,y\nu3,1e-3,m1,z\n"
		if err := st.WriteAll(ctx, "ingress/scores/part-00000.csv", []byte(good)); err != nil {
			t.Fatal(err)
		}
		mapping := map[string]string{"user": "userId", "prediction": "propensity", "junk": ""}
		run, err := c.IngestFile(ctx, st, "ingress/scores", "scores", mapping, IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if run.Rows != 3 || len(run.Batches) != 1 || run.Failed != 0 {
			t.Fatalf("run: %s", run)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM scores WHERE propensity = 0.001`); n != 1 {
			t.Fatalf("parsed 1e-3: %d rows", n)
		}
		// A bad value is reported with its line in the file; nothing of the file loads.
		bad := "user,prediction,model,junk\nu4,0.1,m2,x\nu5,high,m2,y\nu6,0.3,m2,z\n"
		if err := st.WriteAll(ctx, "ingress/bad.csv", []byte(bad)); err != nil {
			t.Fatal(err)
		}
		run, err = c.IngestFile(ctx, st, "ingress/bad.csv", "scores", mapping, IngestOptions{})
		var br *BadRowsError
		if !errors.As(err, &br) || !strings.Contains(err.Error(), "line 3, field propensity: not a number") {
			t.Fatalf("bad file: %v", err)
		}
		if run.Failed != 1 || count(t, ctx, b.DB, `SELECT COUNT(*) FROM scores`) != 3 {
			t.Fatalf("after bad file: %s", run)
		}
		// Unmapped unknown columns are refused with the field list.
		if _, err := c.IngestFile(ctx, st, "ingress/scores/part-00000.csv", "scores", map[string]string{"user": "userId"}, IngestOptions{}); err == nil ||
			!strings.Contains(err.Error(), `column "prediction" is not a field`) {
			t.Fatalf("unmapped column: %v", err)
		}
		if _, err := c.IngestFile(ctx, st, "ingress/scores", "scores", map[string]string{"score": "propensity"}, IngestOptions{}); err == nil ||
			!strings.Contains(err.Error(), "does not have") {
			t.Fatalf("mapping a missing column: %v", err)
		}
		// Parquet, split into batches of 2 rows.
		pq := table.New(table.StringColumn("user", []string{"p1", "p2", "p3"}),
			table.FloatColumn("prediction", []float64{0.7, 0.8, 0.9}))
		if _, err := st.WriteParquet(ctx, "ingress/pq/scores.parquet", pq, storage.Options{}); err != nil {
			t.Fatal(err)
		}
		run, err = c.IngestFile(ctx, st, "ingress/pq", "scores", map[string]string{"user": "userId", "prediction": "propensity"}, IngestOptions{BatchRows: 2})
		if err != nil {
			t.Fatal(err)
		}
		if run.Rows != 3 || len(run.Batches) != 2 {
			t.Fatalf("parquet run: %s", run)
		}
		if n := count(t, ctx, b.DB, `SELECT COUNT(*) FROM scores WHERE propensity >= 0.7`); n != 3 {
			t.Fatalf("parquet rows: %d", n)
		}
	})
}
