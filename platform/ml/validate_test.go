package ml

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// registerSmall registers a small GBDT and forest and returns the registry's directory.
func registerSmall(t *testing.T) (*Registry, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	reg, err := OpenRegistry(ctx, "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	ds := xorData(t, 600, 3)
	gb, err := TrainGBDT(ctx, ds, GBDTOptions{Iterations: 8, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	fo, err := TrainForest(ctx, ds, ForestOptions{Trees: 5, MaxDepth: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Register(ctx, "gb", gb, RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Register(ctx, "fo", fo, RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
	return reg, dir
}

// editJSON rewrites a JSON object file through edit.
func editJSON(t *testing.T, path string, edit func(m map[string]any)) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, _ := json.Marshal(m)
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestLoadRefusesInconsistentPayloads corrupts a registered model's payload in ways that
// stay valid JSON and checks that Load refuses each with an error naming the problem
// (before, Load accepted them and scoring panicked in a worker goroutine, which ends the
// process).
func TestLoadRefusesInconsistentPayloads(t *testing.T) {
	ctx := context.Background()
	firstSplit := func(m map[string]any) int {
		for k, f := range m["feature"].([]any) {
			if f.(float64) >= 0 {
				return k
			}
		}
		t.Fatal("no split node")
		return 0
	}
	cases := []struct {
		name, model, want string
		edit              func(m map[string]any)
	}{
		{"feature index 999", "gb", "feature index 999", func(m map[string]any) {
			m["feature"].([]any)[firstSplit(m)] = 999
		}},
		{"root 1e9", "gb", "root at node 1000000000", func(m map[string]any) {
			m["roots"].([]any)[1] = 1e9
		}},
		{"truncated threshold", "gb", "different lengths", func(m map[string]any) {
			th := m["threshold"].([]any)
			m["threshold"] = th[:len(th)/2]
		}},
		{"node arrays cut short", "fo", "root at node", func(m map[string]any) {
			for _, k := range []string{"feature", "threshold", "left", "value"} {
				m[k] = m[k].([]any)[:3]
			}
		}},
		{"child before its parent", "gb", "children", func(m map[string]any) {
			m["left"].([]any)[firstSplit(m)] = 0
		}},
		{"child in another tree", "fo", "children", func(m map[string]any) {
			m["left"].([]any)[firstSplit(m)] = float64(len(m["feature"].([]any)) - 2)
		}},
		{"leaf with feature -7", "gb", "feature index -7", func(m map[string]any) {
			f := m["feature"].([]any)
			for k := range f {
				if f[k].(float64) < 0 {
					f[k] = -7
					return
				}
			}
		}},
		{"indicator for no input", "gb", "indicator", func(m map[string]any) {
			m["prep"].(map[string]any)["indicators"] = []any{"nope"}
		}},
		{"gain cut short", "gb", "gain has 0 entries", func(m map[string]any) {
			m["gain"] = []any{}
		}},
		{"features not the prep's columns", "fo", "features", func(m map[string]any) {
			m["features"] = []any{"a"}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reg, dir := registerSmall(t)
			editJSON(t, filepath.Join(dir, "models", c.model, "v1", "payload.json"), c.edit)
			_, err := reg.Load(ctx, c.model, "latest")
			if err == nil {
				t.Fatal("Load accepted the inconsistent model")
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "inconsistent") && !strings.Contains(err.Error(), "not a") {
				t.Fatalf("error %q does not say %q", err, c.want)
			}
		})
	}
}

// TestLoadRefusesWrongKind: model.json naming another kind than the payload's is refused
// (a GBDT read as a forest scored log-odds sums as probabilities).
func TestLoadRefusesWrongKind(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ model, kind string }{{"gb", "forest"}, {"fo", "gbdt"}, {"gb", "logistic"}} {
		t.Run(c.model+" as "+c.kind, func(t *testing.T) {
			reg, dir := registerSmall(t)
			editJSON(t, filepath.Join(dir, "models", c.model, "v1", "model.json"), func(m map[string]any) { m["kind"] = c.kind })
			_, err := reg.Load(ctx, c.model, "1")
			if err == nil || !strings.Contains(err.Error(), "not a "+c.kind+" model") {
				t.Fatalf("Load of a %s payload as %s: %v", c.model, c.kind, err)
			}
		})
	}
	// the untouched models still load and score probabilities
	reg, _ := registerSmall(t)
	for _, name := range []string{"gb", "fo"} {
		g, err := reg.Load(ctx, name, "")
		if err != nil {
			t.Fatal(err)
		}
		p, err := g.Predict(xorData(t, 50, 9))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range p {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("%s scored %v", name, v)
			}
		}
	}
}

// TestForestLeafOutsideProbability: a forest whose leaf is not a positive rate is refused.
func TestForestLeafOutsideProbability(t *testing.T) {
	fo, err := TrainForest(context.Background(), xorData(t, 300, 2), ForestOptions{Trees: 3, MaxDepth: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for k, f := range fo.Feature {
		if f < 0 {
			fo.Value[k] = -4.55
			break
		}
	}
	if _, err := fo.Predict(xorData(t, 10, 1)); err == nil || !strings.Contains(err.Error(), "positive rates") {
		t.Fatalf("Predict with a negative forest leaf: %v", err)
	}
}

// panicky scores by panicking, standing in for a scoring bug.
type panicky struct{ Logistic }

func (p *panicky) scoreRows(x []float64, cols int, out []float64) { panic("boom at row 0") }

// TestScoringPanicIsAnError: a panic inside the scoring goroutines comes back from Score
// and Predict as an error instead of ending the process.
func TestScoringPanicIsAnError(t *testing.T) {
	ctx := context.Background()
	tb := sampleTable()
	ds, err := FromTable(tb, []string{"a", "b"}, "y", DataOptions{FillValue: 3, IDColumn: "userId"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := TrainLogistic(ctx, ds, LogisticOptions{Lambda: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	p := &panicky{*m}
	for _, batch := range []int{1, 1 << 20} { // many workers, and one
		_, err = Score(ctx, p, tb, ScoreOptions{BatchSize: batch, Quiet: true})
		var pe *PanicError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "boom at row 0") {
			t.Fatalf("batch %d: Score of a panicking model: %v", batch, err)
		}
	}
	if _, err := predict(p, p, ds); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("predict of a panicking model: %v", err)
	}
	err = parallelRows(100000, 10, "a test", func(lo, hi int) {
		if lo == 50000 {
			panic(fmt.Sprintf("block %d", lo))
		}
	})
	if err == nil || !strings.Contains(err.Error(), "block 50000") || !strings.Contains(err.Error(), "a test") {
		t.Fatalf("parallelRows: %v", err)
	}
}

// TestSetAliasConcurrently: writers setting different aliases of one model at once all
// keep their alias (aliases.json is read, changed and written, so without the lock one
// writer's change was lost).
func TestSetAliasConcurrently(t *testing.T) {
	for _, root := range []string{"file://" + t.TempDir(), "mem://set-alias-concurrently"} {
		t.Run(strings.SplitN(root, ":", 2)[0], func(t *testing.T) {
			ctx := context.Background()
			reg, err := OpenRegistry(ctx, root)
			if err != nil {
				t.Fatal(err)
			}
			defer reg.Close()
			m, err := TrainLogistic(ctx, xorData(t, 200, 1), LogisticOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := reg.Register(ctx, "al", m, RegisterOptions{}); err != nil {
				t.Fatal(err)
			}
			// A second registry on the same root stands in for another kernel.
			other, err := OpenRegistry(ctx, root)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			const writers = 12
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := 0; w < writers; w++ {
				r := reg
				if w%2 == 1 {
					r = other
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- r.SetAlias(ctx, "al", fmt.Sprintf("stage%d", w), 1)
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			al, err := reg.Aliases(ctx, "al")
			if err != nil {
				t.Fatal(err)
			}
			if len(al) != writers {
				t.Fatalf("%d of %d aliases kept: %v", len(al), writers, al)
			}
			if ok, _ := reg.bucket.Exists(ctx, "models/al/aliases.lock"); ok {
				t.Error("the alias lock was left behind")
			}
		})
	}
}

// TestRegistryFilesArePrivate: models, their metadata and aliases are written 0600 in
// 0700 directories.
func TestRegistryFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	reg, dir := registerSmall(t)
	if err := reg.SetAlias(context.Background(), "gb", "production", 1); err != nil {
		t.Fatal(err)
	}
	var files int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir { // the root is the test's, 0755
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		} else {
			files++
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != 5 { // two model.json, two payload.json, aliases.json
		t.Errorf("%d files in the registry, want 5", files)
	}
}
