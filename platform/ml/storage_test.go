package ml

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/storage"
)

// TestParquetTrainRegisterScore runs notebook 04/05's path on storage: read an export's
// part files, train, register as production, load it back and score the export file by
// file, agreeing with scoring the whole table at once.
func TestParquetTrainRegisterScore(t *testing.T) {
	ctx := context.Background()
	st, err := storage.Open(ctx, "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	full := benchTable(3000, 5)
	prefix := "egress/training/exportTime=20260101000000"
	if _, err := st.WriteParquet(ctx, prefix+"/part-00000.parquet", full.Head(1200), storage.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteParquet(ctx, prefix+"/part-00001.parquet", full.Tail(1800), storage.Options{}); err != nil {
		t.Fatal(err)
	}
	back, err := st.ReadParquet(ctx, prefix)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := FromTable(back, benchFeatures(), "label", DataOptions{FillValue: -1, Indicators: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := TrainGBDT(ctx, ds, GBDTOptions{Iterations: 30, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	reg := RegistryOn(st)
	if _, err := reg.Register(ctx, "propensity", m, RegisterOptions{TrainingData: st.URL(prefix), Aliases: []string{"production"}}); err != nil {
		t.Fatal(err)
	}
	prod, err := reg.Load(ctx, "propensity", "production")
	if err != nil {
		t.Fatal(err)
	}
	if prod.Info.TrainingData != st.URL(prefix) || !strings.Contains(strings.Join(prod.Info.Features, ","), "fh_missing") {
		t.Errorf("model info %+v", prod.Info)
	}
	whole, err := prod.Score(ctx, full, ScoreOptions{Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := prod.ScoreParquet(ctx, st, prefix, ScoreOptions{Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if parts.NumRows() != 3000 {
		t.Fatalf("scored %d rows from Parquet, want 3000", parts.NumRows())
	}
	a := whole.Floats("propensity")
	b := parts.Floats("propensity")
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("row %d: %v from Parquet, %v from the table", i, b[i], a[i])
		}
	}
	names := parts.Strings("model")
	vers := parts.Ints("version")
	if names[0] != "propensity" || vers[2999] != 1 {
		t.Errorf("model %q version %d", names[0], vers[2999])
	}
	if _, err := prod.ScoreParquet(ctx, st, "egress/nothing", ScoreOptions{Quiet: true}); err == nil || !strings.Contains(err.Error(), "no .parquet file") {
		t.Errorf("missing prefix: %v", err)
	}
}
