package hostile

// Attacks on the platform helpers that cells call (rows 15, 16, 17, 20 of the hardening
// table), run in the real kernel: a corrupt model in the registry, a storage root on
// another filesystem, and the modes of what storage writes.

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/ml"
)

func init() {
	register(15, "storage root on another filesystem", platAttackCrossDevice)
	register(16, "corrupt model loaded and scored", platAttackCorruptModel)
	register(17, "forest over a GBDT payload", platAttackWrongKind)
	register(20, "storage files private", platAttackPrivateFiles)
	register(18, "audience Reach with ±Inf bounds", platAttackReachInfinite)
	register(19, "audience Reach with 100,000 buckets", platAttackReachBuckets)
	register(7, "two kernels set aliases of one model at once", platAttackConcurrentAliases)
	register(7, "two kernels export one name in the same second", platAttackConcurrentExports)
}

// platRegistry registers a small GBDT called "propensity" in a file:// registry at root
// and returns the version directory holding its model.json and payload.json.
func platRegistry(t *testing.T, root string) string {
	t.Helper()
	ctx := context.Background()
	ds, err := ml.FromSlices([]string{"a", "b"}, [][]float64{{0, 1}, {1, 0}, {2, 3}, {3, 2}, {4, 5}, {5, 4}, {6, 7}, {7, 6}},
		[]float64{0, 1, 0, 1, 0, 1, 0, 1}, ml.DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ml.TrainGBDT(ctx, ds, ml.GBDTOptions{Iterations: 5, MinSamplesLeaf: 1, EarlyStopping: -1})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ml.OpenRegistry(ctx, "file://"+root)
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	if _, err := reg.Register(ctx, "propensity", m, ml.RegisterOptions{Aliases: []string{"production"}}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "models", "propensity", "v1")
}

// platEdit rewrites a JSON object file through edit.
func platEdit(t *testing.T, path string, edit func(m map[string]any)) {
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
	raw, _ = json.Marshal(m)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

// platScoreCell loads the production model and scores a small table with it.
const platScoreCell = `reg, err := ml.OpenRegistry(ctx, "")
model, err := reg.Load(ctx, "propensity", "production")
people := display.NewTable(display.StringColumn("userId", []string{"u1", "u2", "u3"}),
	display.FloatColumn("a", []float64{1, 2, 3}), display.FloatColumn("b", []float64{3, 2, 1}))
scores, err := model.Score(ctx, people, ml.ScoreOptions{Quiet: true})
fmt.Println("scored", scores.NumRows())`

// Row 16: a payload that is valid JSON but inconsistent — a split on feature index 999, a
// tree rooted at node 1e9, arrays cut short — is refused by Load with an error naming the
// problem, and the kernel lives on (scoring such a model used to panic in a compiled
// worker goroutine and end the process).
func platAttackCorruptModel(t *testing.T) {
	root := t.TempDir()
	vdir := platRegistry(t, root)
	k := startKernel(t, "SLUICE_HOME="+t.TempDir(), "SLUICE_STORAGE=file://"+root)
	if out := k.ok(platScoreCell).out; !strings.Contains(out, "scored 3") {
		t.Fatalf("the intact model does not score: %q", out)
	}
	payload := filepath.Join(vdir, "payload.json")
	intact, err := os.ReadFile(payload)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, want string
		edit       func(m map[string]any)
	}{
		{"feature index 999", "feature index 999", func(m map[string]any) {
			f := m["feature"].([]any)
			for i := range f {
				if f[i].(float64) >= 0 {
					f[i] = 999
				}
			}
		}},
		{"root 1e9", "root at node 1000000000", func(m map[string]any) { m["roots"].([]any)[1] = 1e9 }},
		{"truncated arrays", "different lengths", func(m map[string]any) {
			v := m["value"].([]any)
			m["value"] = v[:len(v)/2]
		}},
	} {
		if err := os.WriteFile(payload, intact, 0o600); err != nil {
			t.Fatal(err)
		}
		platEdit(t, payload, c.edit)
		r := k.run(platScoreCell)
		if r.status != "error" || !strings.Contains(r.errText(), c.want) {
			t.Errorf("%s: cell status %s, error %q; want an error naming %q", c.name, r.status, r.errText(), c.want)
		}
		k.survived()
	}
	// A model built in the cell itself, never loaded, is checked when it scores.
	r := k.run(`bad := &ml.GBDT{Roots: []int32{0}, Feature: []int32{999, -1, -1}, Threshold: []float64{0.5, 0, 0},
	Left: []int32{1, -1, -1}, Value: []float64{0, 1, -1}, Gain: []float64{1, 0}, Features: []string{"a", "b"},
	DataPrep: ml.Prep{Inputs: []string{"a", "b"}}}
people := display.NewTable(display.StringColumn("userId", []string{"u1"}),
	display.FloatColumn("a", []float64{1}), display.FloatColumn("b", []float64{3}))
scores, err := ml.Score(ctx, bad, people, ml.ScoreOptions{Quiet: true})
fmt.Println("scored", scores.NumRows())`)
	if r.status != "error" || !strings.Contains(r.errText(), "feature index 999") {
		t.Errorf("scoring a hand-made inconsistent model: status %s, error %q", r.status, r.errText())
	}
	k.survived()
}

// Row 17: model.json says forest over a GBDT payload: Load refuses it (it used to score
// log-odds sums as probabilities: −4.55, −3.85…).
func platAttackWrongKind(t *testing.T) {
	root := t.TempDir()
	vdir := platRegistry(t, root)
	platEdit(t, filepath.Join(vdir, "model.json"), func(m map[string]any) { m["kind"] = "forest" })
	k := startKernel(t, "SLUICE_HOME="+t.TempDir(), "SLUICE_STORAGE=file://"+root)
	r := k.run(platScoreCell)
	if r.status != "error" || !strings.Contains(r.errText(), "not a forest model") {
		t.Errorf("cell status %s, error %q; want Load to refuse a GBDT payload read as a forest", r.status, r.errText())
	}
	k.survived()
}

// platWriteCell writes what the notebooks write to storage: a CSV of people (activation
// files hold names and e-mails), a Parquet file, and a registered model.
const platWriteCell = `st, err := storage.Open(ctx, "")
people := display.NewTable(display.StringColumn("email", []string{"ann@example.com", "bob@example.com"}),
	display.FloatColumn("a", []float64{1, 2}), display.FloatColumn("b", []float64{2, 1}), display.IntColumn("y", []int64{0, 1}))
csvBytes, err := st.WriteCSV(ctx, "activations/vip/members.csv", people, storage.Options{})
parquetBytes, err := st.WriteParquet(ctx, "egress/people/exportTime=20260101000000/part-00000.parquet", people, storage.Options{})
ds, err := ml.FromTable(people, []string{"a", "b"}, "y", ml.DataOptions{})
m, err := ml.TrainLogistic(ctx, ds, ml.LogisticOptions{})
reg := ml.RegistryOn(st)
registered, err := reg.Register(ctx, "propensity", m, ml.RegisterOptions{Aliases: []string{"production"}})
fmt.Println("written", csvBytes > 0, parquetBytes > 0, registered.Info.Version)`

// platWrittenFiles are the files platWriteCell leaves under the root.
var platWrittenFiles = []string{"activations/vip/members.csv", "egress/people/exportTime=20260101000000/part-00000.parquet",
	"models/propensity/v1/model.json", "models/propensity/v1/payload.json", "models/propensity/aliases.json"}

// Row 15: with SLUICE_STORAGE on another filesystem than the temporary directory (here
// /dev/shm, a tmpfs, while TMPDIR is on disk), exports, activation files and models are
// written (fileblob used to stage them in os.TempDir() and fail the rename with "invalid
// cross-device link").
func platAttackCrossDevice(t *testing.T) {
	tmp := t.TempDir()
	var a, b syscall.Stat_t
	if syscall.Stat("/dev/shm", &a) != nil || syscall.Stat(tmp, &b) != nil || a.Dev == b.Dev {
		t.Skip("needs /dev/shm on another filesystem than " + tmp)
	}
	shm, err := os.MkdirTemp("/dev/shm", "sluice-hostile-")
	if err != nil {
		t.Skip("cannot write /dev/shm: ", err)
	}
	t.Cleanup(func() { os.RemoveAll(shm) })
	root := filepath.Join(shm, "x")
	k := startKernel(t, "SLUICE_HOME="+t.TempDir(), "SLUICE_STORAGE=file://"+root, "TMPDIR="+tmp)
	if r := k.run(platWriteCell); r.status != "ok" || !strings.Contains(r.out, "written") {
		t.Fatalf("writing under %s: status %s, error %q", root, r.status, r.errText())
	}
	for _, p := range platWrittenFiles {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("%s was not written: %v", p, err)
		}
	}
	if out := k.ok(`back, err := st.ReadCSV(ctx, "activations/vip/members.csv", storage.CSVOptions{})
fmt.Println("rows", back.NumRows())`).out; !strings.Contains(out, "rows 2") {
		t.Errorf("reading back: %q", out)
	}
	k.survived()
}

// Row 20: what storage writes (exports, activation CSVs with e-mail addresses, models) is
// private like the sandbox's files: directories 0700, files 0600, under the default root
// in SLUICE_HOME and under a root of the user's.
func platAttackPrivateFiles(t *testing.T) {
	home := t.TempDir()
	k := startKernel(t, "SLUICE_HOME="+home, "SLUICE_STORAGE=")
	if r := k.run(platWriteCell); r.status != "ok" {
		t.Fatalf("writing: %s", r.errText())
	}
	root := filepath.Join(home, "storage")
	var files int
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
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
	if files != len(platWrittenFiles) {
		t.Errorf("%d files under %s, want %d", files, root, len(platWrittenFiles))
	}
	k.survived()
}

// platAudienceKernel starts a kernel on a PostgreSQL schema of the test's own with four
// scored profiles (propensity −Inf, 0.2, 0.7, +Inf) and an audience service svc over
// them, and keep set.
func platAudienceKernel(t *testing.T) *kernel {
	t.Helper()
	b := testdb.Postgres(t)
	k := startKernel(t, "SLUICE_HOME="+t.TempDir(), "SLUICE_DSN="+b.DSN)
	k.ok(`db, err := qs.Current(ctx)
cat, err := catalog.Open(ctx, db)
peopleDS, err := cat.CreateDataset(ctx, catalog.Dataset{Name: "people", IdentityField: "ecid", Tags: []string{catalog.TagProfile},
	Fields: []catalog.Field{{Name: "ecid", Type: "string"}}})
scoresDS, err := cat.CreateDataset(ctx, catalog.Dataset{Name: "scores", IdentityField: "userId", Tags: []string{catalog.TagProfile},
	Fields: []catalog.Field{{Name: "userId", Type: "string"}, {Name: "propensity", Type: "float"}}})
ids := []string{"p1", "p2", "p3", "p4"}
peopleBatch, err := cat.Ingest(ctx, "people", display.NewTable(display.StringColumn("ecid", ids)), catalog.IngestOptions{})
scoresBatch, err := cat.Ingest(ctx, "scores", display.NewTable(display.StringColumn("userId", ids),
	display.FloatColumn("propensity", []float64{math.Inf(-1), 0.2, 0.7, math.Inf(1)})), catalog.IngestOptions{})
view, err := profiles.Unified(ctx, db, "people")
svc, err := audience.New(ctx, db, "")`)
	return k
}

// Rows 7 and 18 (Reach): ±Inf bounds give valid SQL (values are bound, never spliced as
// Go's "+Inf") and finite buckets over the column's finite values; the infinite values
// count below and above.
func platAttackReachInfinite(t *testing.T) {
	k := platAudienceKernel(t)
	out := k.ok(`r, err := svc.Reach(ctx, "propensity", math.Inf(-1), math.Inf(1), 4)
fmt.Println("range", r.Lo, r.Hi, "below", r.Below, "above", r.Above, "counts", r.Counts)`).out
	if !strings.Contains(out, "range 0.2 0.7 below 1 above 1 counts [1 0 0 1]") {
		t.Errorf("Reach(-Inf, +Inf): %q", out)
	}
	k.survived()
}

// Row 19: Reach with 100,000 buckets is refused at once with a message naming the limit
// (it used to send one SELECT of 100,000 SUM(CASE…) columns and block the kernel for
// minutes).
func platAttackReachBuckets(t *testing.T) {
	k := platAudienceKernel(t)
	r := k.run(`huge, err := svc.Reach(ctx, "propensity", 0, 1, 100000)`)
	if r.status != "error" || !strings.Contains(r.errText(), "100000 buckets is more than 1000") {
		t.Errorf("Reach with 100,000 buckets: status %s, error %q", r.status, r.errText())
	}
	k.survived()
}

// platTogether runs cells[i] on kernels[i], all at once, and returns their results.
func platTogether(t *testing.T, kernels []*kernel, cells []string) []cell {
	t.Helper()
	res := make([]cell, len(kernels))
	errs := make([]error, len(kernels))
	var wg sync.WaitGroup
	for i := range kernels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], errs[i] = kernels[i].runErr(cells[i], 3*time.Minute)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("kernel %d: %v\nits log:\n%s", i, err, kernels[i].log)
		}
		if res[i].status != "ok" {
			t.Fatalf("kernel %d: cell failed: %s\n%s", i, res[i].errText(), res[i].out)
		}
	}
	return res
}

// Row 7: two kernels on one storage root set different aliases of one model at the same
// time; every alias is kept (aliases.json was read, changed and written back, so one
// kernel's aliases could overwrite the other's).
func platAttackConcurrentAliases(t *testing.T) {
	root := t.TempDir()
	platRegistry(t, root)
	env := []string{"SLUICE_HOME=" + t.TempDir(), "SLUICE_STORAGE=file://" + root}
	ks := []*kernel{startKernel(t, env...), startKernel(t, env...)}
	code := `reg, err := ml.OpenRegistry(ctx, "")
failures := 0
for i := 0; i < 25; i++ {
	if e := reg.SetAlias(ctx, "propensity", fmt.Sprintf("%s%d", prefix, i), 1); e != nil {
		fmt.Println(e)
		failures++
	}
}
fmt.Println("failures", failures)`
	for i, k := range ks {
		k.ok(fmt.Sprintf("prefix := %q", []string{"a", "b"}[i]))
	}
	for i, r := range platTogether(t, ks, []string{code, code}) {
		if !strings.Contains(r.out, "failures 0") {
			t.Errorf("kernel %d: %s", i, r.out)
		}
	}
	raw, err := os.ReadFile(filepath.Join(root, "models", "propensity", "aliases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var al map[string]int
	if err := json.Unmarshal(raw, &al); err != nil {
		t.Fatal(err)
	}
	if len(al) != 51 { // production, a0…a24, b0…b24
		t.Errorf("aliases.json keeps %d of 51 aliases", len(al))
	}
	for _, k := range ks {
		k.survived()
	}
}

// Row 7: two kernels export one name with the same export time; each export gets a
// folder of its own and reads back whole (both used to pick the same free folder and
// write their part files over each other's). A part file appears only when complete, so
// one part of 200,000 rows keeps the folder looking free while both write.
func platAttackConcurrentExports(t *testing.T) {
	b := testdb.Postgres(t)
	root := t.TempDir()
	env := []string{"SLUICE_HOME=" + t.TempDir(), "SLUICE_STORAGE=file://" + root, "SLUICE_DSN=" + b.DSN}
	ks := []*kernel{startKernel(t, env...), startKernel(t, env...)}
	code := `db, err := qs.Current(ctx)
st, err := storage.Open(ctx, "")
sql := fmt.Sprintf("SELECT x FROM generate_series(1, 400000) AS g(x) WHERE x %% 2 = %d", parity)
run, err := export.Query(ctx, db, st, "twins", sql, export.Options{Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Quiet: true})
back, err := st.ReadParquet(ctx, run.Prefix)
xs := back.Ints("x")
other := 0
for _, x := range xs {
	if int(x%2) != parity {
		other++
	}
}
fmt.Println("folder", run.Prefix, "rows", len(xs), "foreign", other)`
	for i, k := range ks {
		k.ok(fmt.Sprintf("parity := %d", i))
	}
	res := platTogether(t, ks, []string{code, code})
	for i, r := range res {
		if !strings.Contains(r.out, "rows 200000 foreign 0") {
			t.Errorf("kernel %d: %s", i, r.out)
		}
	}
	f0, f1 := strings.Fields(res[0].out), strings.Fields(res[1].out)
	if len(f0) > 1 && len(f1) > 1 && f0[1] == f1[1] {
		t.Errorf("both kernels exported into %s", f0[1])
	}
	for _, k := range ks {
		k.survived()
	}
}
