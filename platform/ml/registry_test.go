package ml

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

func TestRegistryRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	reg, err := OpenRegistry(ctx, "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	ds := xorData(t, 2000, 1)
	gb, err := TrainGBDT(ctx, ds, GBDTOptions{Iterations: 40, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	lr, err := TrainLogistic(ctx, ds, LogisticOptions{Penalty: "l1", Lambda: 0.001})
	if err != nil {
		t.Fatal(err)
	}
	met, _ := EvaluateModel(gb, ds, 0.5)
	r1, err := reg.Register(ctx, "propensity", lr, RegisterOptions{TrainingData: "mem://train"})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := reg.Register(ctx, "propensity", gb, RegisterOptions{Metrics: met.Map(), TrainingData: "file:///egress/x", Aliases: []string{"production"}})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Info.Version != 1 || r2.Info.Version != 2 {
		t.Fatalf("versions %d, %d; want 1, 2", r1.Info.Version, r2.Info.Version)
	}
	// the documented layout is on disk
	for _, p := range []string{"models/propensity/v1/model.json", "models/propensity/v2/payload.json", "models/propensity/aliases.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "models/propensity/v2/model.json"))
	var info map[string]any
	if err := json.Unmarshal(raw, &info); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"name", "version", "created", "metrics", "features", "params", "trainingData", "kind"} {
		if _, ok := info[k]; !ok {
			t.Errorf("model.json lacks %q: %s", k, raw)
		}
	}
	for ref, wantV := range map[string]int{"production": 2, "latest": 2, "1": 1, "v1": 1} {
		got, err := reg.Load(ctx, "propensity", ref)
		if err != nil {
			t.Fatalf("load %s: %v", ref, err)
		}
		if got.Info.Version != wantV {
			t.Errorf("load %s: version %d, want %d", ref, got.Info.Version, wantV)
		}
	}
	for _, pair := range []struct {
		m   Model
		ref string
	}{{lr, "1"}, {gb, "production"}} {
		got, _ := reg.Load(ctx, "propensity", pair.ref)
		want, _ := pair.m.Predict(ds)
		have, err := got.Predict(ds)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if want[i] != have[i] {
				t.Fatalf("%s: row %d predicts %v after loading, %v before", pair.ref, i, have[i], want[i])
			}
		}
	}
	prod, _ := reg.Load(ctx, "propensity", "production")
	if !strings.Contains(prod.HTML(), "production") || !strings.Contains(prod.HTML(), "auc") {
		t.Errorf("model card lacks alias or metrics: %s", prod.HTML())
	}
	if err := reg.SetAlias(ctx, "propensity", "production", 1); err != nil {
		t.Fatal(err)
	}
	if p, _ := reg.Load(ctx, "propensity", "production"); p.Info.Version != 1 {
		t.Errorf("production → v%d after moving it to v1", p.Info.Version)
	}
	if _, err := reg.Load(ctx, "propensity", "staging"); err == nil || !strings.Contains(err.Error(), "no alias \"staging\"") {
		t.Errorf("unknown alias: %v", err)
	}
	if _, err := reg.Load(ctx, "nothing", ""); err == nil || !strings.Contains(err.Error(), "no model called") {
		t.Errorf("unknown model: %v", err)
	}
	if err := reg.SetAlias(ctx, "propensity", "production", 9); err == nil {
		t.Error("alias to a missing version accepted")
	}
	vt, err := reg.Versions(ctx, "propensity")
	if err != nil || vt.NumRows() != 2 {
		t.Errorf("versions table: %v rows, %v", vt.NumRows(), err)
	}
	mt, err := reg.Models(ctx)
	if err != nil || mt.NumRows() != 1 {
		t.Errorf("models table: %v", err)
	}
	// a model applied to data with different features fails clearly
	other, _ := FromSlices([]string{"a", "b", "c"}, [][]float64{{1, 2, 3}}, nil, DataOptions{})
	if _, err := prod.Predict(other); err == nil || !strings.Contains(err.Error(), "trained on features") {
		t.Errorf("mismatched features: %v", err)
	}
	tbl := table.New(table.StringColumn("userId", []string{"x"}), table.FloatColumn("a", []float64{1}))
	if _, err := prod.Score(ctx, tbl, ScoreOptions{}); err == nil || !strings.Contains(err.Error(), "lacks feature column(s) b, noise1, noise2") {
		t.Errorf("score with missing columns: %v", err)
	}
}

func TestScoreTable(t *testing.T) {
	ctx := context.Background()
	tb := sampleTable()
	ds, err := FromTable(tb, []string{"a", "b"}, "y", DataOptions{FillValue: 3, Indicators: true, IDColumn: "userId"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := TrainLogistic(ctx, ds, LogisticOptions{Lambda: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := m.Predict(ds)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var calls int
	out, err := Score(ctx, m, tb, ScoreOptions{BatchSize: 4, ScoredAt: at, Version: 7, Progress: func(done, total int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(out.ColumnNames(), ","); got != "userId,propensity,model,version,scoredAt" {
		t.Fatalf("columns %s", got)
	}
	p := out.Floats("propensity")
	ids := out.Strings("userId")
	for i := range want {
		if p[i] != want[i] {
			t.Errorf("row %d: score %v, Predict %v", i, p[i], want[i])
		}
	}
	if ids[2] != "u3" || calls == 0 {
		t.Errorf("ids %v, progress calls %d", ids, calls)
	}
	v := out.Ints("version")
	ts := out.Times("scoredAt")
	if v[0] != 7 || !ts[0].Equal(at) {
		t.Errorf("version %v scoredAt %v", v[0], ts[0])
	}
	ctxC, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Score(ctxC, m, tb, ScoreOptions{BatchSize: 1, Quiet: true}); err == nil {
		t.Error("scoring with a cancelled context succeeded")
	}
}

// TestRegisterConcurrently registers models from many goroutines at once under one
// name and checks that every version's payload is the model its model.json describes:
// a writer racing for a version must not overwrite the payload of the one that won it.
func TestRegisterConcurrently(t *testing.T) {
	for _, root := range []string{"file://" + t.TempDir(), "mem://register-concurrently"} {
		t.Run(strings.SplitN(root, ":", 2)[0], func(t *testing.T) { registerConcurrently(t, root) })
	}
}

func registerConcurrently(t *testing.T, root string) {
	ctx := context.Background()
	reg, err := OpenRegistry(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	base, err := TrainLogistic(ctx, xorData(t, 200, 1), LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 6, 8
	errs := make(chan error, writers*each)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				m := *base
				m.Lambda = float64(w*each + i + 1) // tells the models apart
				_, err := reg.Register(ctx, "race", &m, RegisterOptions{})
				errs <- err
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	seen := map[float64]bool{}
	for v := 1; v <= writers*each; v++ {
		got, err := reg.LoadVersion(ctx, "race", v)
		if err != nil {
			t.Fatalf("v%d: %v", v, err)
		}
		lambda := got.Model.(*Logistic).Lambda
		if want := got.Info.Params["lambda"]; want != lambda {
			t.Errorf("v%d: model.json says lambda %v, the payload holds the model with lambda %v", v, want, lambda)
		}
		seen[lambda] = true
	}
	if len(seen) != writers*each {
		t.Errorf("%d distinct models among %d versions", len(seen), writers*each)
	}
}
