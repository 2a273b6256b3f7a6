// Package notebooks runs the seven example notebooks end to end, in order, at a small
// scale: through Debian's nbclient against the embedded sandbox and against PostgreSQL,
// once through `sluice run`, and against PostgreSQL through Debian's pgbouncer in
// transaction-pooling mode (pgbouncer_test.go). After each run it checks what the chain left in the
// platform: datasets with consistent row counts, a production model with a useful AUC,
// an audience equal to the profiles in its propensity range, activations that delivered
// every member.
package notebooks

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/ml"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/runner"
)

// Small-scale parameters of notebook 01; the other notebooks run with their defaults.
const (
	users   = 5000
	batches = 2
)

// aucFloor is the least test AUC the production model must reach at the small scale (the
// reference scale gives about 0.9; a model that learned nothing gives 0.5).
const aucFloor = 0.75

// notebooksIn lists the example notebooks in chain order.
func notebooksIn(t *testing.T) []string {
	t.Helper()
	nbs, err := filepath.Glob(filepath.Join(testenv.RepoRoot(t), "notebooks", "0*.ipynb"))
	if err != nil || len(nbs) != 7 {
		t.Fatalf("want the seven notebooks/0*.ipynb, found %d (%v)", len(nbs), err)
	}
	sort.Strings(nbs)
	return nbs
}

// chain is one run of the seven notebooks in a private SLUICE_HOME.
type chain struct {
	bin, home, dsn string
	env            []string
	out            string // executed notebooks
}

func newChain(t *testing.T, dsn string) *chain {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the notebook chain in -short mode")
	}
	bin := testenv.SluiceBinary(t)
	c := &chain{bin: bin, home: t.TempDir(), dsn: dsn, out: t.TempDir()}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "SLUICE_HOME", "SLUICE_DSN", "SLUICE_STORAGE", "SLUICE_BIN", "JUPYTER_PATH", "DATABASE_URL",
			"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE":
			continue
		}
		c.env = append(c.env, kv)
	}
	c.env = append(c.env, "SLUICE_HOME="+c.home, "SLUICE_BIN="+bin, "HOME="+c.home)
	if dsn != "" {
		c.env = append(c.env, "SLUICE_DSN="+dsn)
	}
	if dsn == "" {
		t.Cleanup(func() {
			cmd := exec.Command(bin, "sandbox", "stop")
			cmd.Env = c.env
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Logf("sluice sandbox stop: %v: %s", err, out)
			}
		})
	}
	return c
}

// run runs a command with the chain's environment and fails the test with its output.
func (c *chain) run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = c.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// executeWithNBClient injects the small-scale parameters into notebook 01 with
// `sluice run --prepare-only` and executes all seven through nbclient.
func (c *chain) executeWithNBClient(t *testing.T) {
	t.Helper()
	py := testenv.Python(t, "nbclient", "nbformat", "jupyter_client")
	prefix := t.TempDir()
	c.run(t, c.bin, "install", "--prefix", prefix)
	c.env = append(c.env, "JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"))

	nbs := notebooksIn(t)
	prepared := filepath.Join(t.TempDir(), filepath.Base(nbs[0]))
	c.run(t, c.bin, "run", "--prepare-only", "-p", fmt.Sprint("users=", users), "-p", fmt.Sprint("batches=", batches),
		"--output", prepared, nbs[0])
	nbs[0] = prepared
	script := filepath.Join(testenv.RepoRoot(t), "tests", "notebooks", "testdata", "execute.py")
	start := time.Now()
	out := c.run(t, py, append([]string{script, c.out}, nbs...)...)
	t.Logf("nbclient, seven notebooks in %s:\n%s", time.Since(start).Round(time.Millisecond), out)
}

// connect opens the chain's query service.
func (c *chain) connect(t *testing.T) *pgx.Conn {
	t.Helper()
	dsn := c.dsn
	if dsn == "" {
		st, err := qs.ReadSandboxState(filepath.Join(c.home, "sandbox"))
		if err != nil {
			t.Fatalf("the notebooks left no sandbox: %v", err)
		}
		dsn = st.DSN()
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func count(t *testing.T, conn *pgx.Conn, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// checkPlatform asserts the facts the chain must leave behind.
func (c *chain) checkPlatform(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	conn := c.connect(t)
	if n := count(t, conn, "SELECT count(*) FROM profiles"); n != users {
		t.Errorf("profiles: %d rows, want %d", n, users)
	}
	for _, ds := range []string{"profiles", "experience_events"} {
		if n := count(t, conn, "SELECT count(*) FROM sluice_batches WHERE dataset = $1 AND status = 'success'", ds); n != batches {
			t.Errorf("%s: %d successful batches, want %d", ds, n, batches)
		}
	}
	events := count(t, conn, "SELECT count(*) FROM experience_events")
	if per := float64(events) / users; per < 9 || per > 12.5 {
		t.Errorf("experience_events: %d rows, %.2f per user; want about 10.6", events, per)
	}
	people := count(t, conn, "SELECT count(DISTINCT user_id) FROM experience_events")
	training := count(t, conn, "SELECT count(*) FROM training_set")
	if training != people {
		t.Errorf("training_set: %d rows, want one per person with events (%d)", training, people)
	}
	converted := count(t, conn, "SELECT count(*) FROM training_set WHERE subscription_occurred = 1")
	if share := float64(converted) / float64(training); share < 0.12 || share > 0.18 {
		t.Errorf("training_set: %.1f %% positive, want about 14.8 %%", 100*share)
	}
	if n := count(t, conn, "SELECT count(*) FROM propensity_scores"); n != training {
		t.Errorf("propensity_scores: %d rows, want one per featurized person (%d)", n, training)
	}
	if n := count(t, conn, "SELECT count(*) FROM unified_profiles"); n != users {
		t.Errorf("unified_profiles: %d rows, want %d", n, users)
	}

	inRange := count(t, conn, "SELECT count(*) FROM unified_profiles WHERE propensity BETWEEN 0.2 AND 0.93")
	members := count(t, conn, "SELECT count(*) FROM audience_moderate_to_high_propensity")
	if members == 0 || members != inRange {
		t.Errorf("audience: %d members, want the %d profiles with propensity in [0.2, 0.93] (and > 0)", members, inRange)
	}
	rows, err := conn.Query(ctx, `SELECT destination, status, members, delivered, dead_lettered FROM sluice_activations
		WHERE audience = 'moderate_to_high_propensity' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var acts int
	for rows.Next() {
		var dest, status string
		var m, delivered, dead int64
		if err := rows.Scan(&dest, &status, &m, &delivered, &dead); err != nil {
			t.Fatal(err)
		}
		acts++
		if status != "success" || m != members || delivered != members || dead != 0 {
			t.Errorf("activation to %s: %s, %d members, %d delivered, %d dead-lettered; want success delivering all %d",
				dest, status, m, delivered, dead, members)
		}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if acts != 2 {
		t.Errorf("%d activations recorded, want 2 (file and HTTP)", acts)
	}

	reg, err := ml.OpenRegistry(ctx, "file://"+filepath.Join(c.home, "storage"))
	if err != nil {
		t.Fatal(err)
	}
	defer reg.Close()
	model, err := reg.Load(ctx, "propensity", "production")
	if err != nil {
		t.Fatalf("no production model: %v", err)
	}
	if auc := model.Info.Metrics["auc"]; !(auc > aucFloor) {
		t.Errorf("production model v%d: AUC %.3f, want > %.2f (metrics %v)", model.Info.Version, auc, aucFloor, model.Info.Metrics)
	}
	if !strings.Contains(model.Info.TrainingData, "egress/training_set/exportTime=") {
		t.Errorf("model training data %q does not point at the export", model.Info.TrainingData)
	}
}

// checkOutputs asserts what the executed notebooks show: no error output, every chart
// as PNG, and the consistency lines the notebooks print.
func (c *chain) checkOutputs(t *testing.T) {
	t.Helper()
	want := map[string][]string{
		"03": {"match: true"},
		"05": {"match: true"},
		"07": {"all delivered: true"},
	}
	charts := map[string]int{"01": 1, "02": 3, "04": 6, "05": 1, "07": 3}
	for _, src := range notebooksIn(t) {
		name := filepath.Base(src)
		nb, err := runner.ReadNotebook(filepath.Join(c.out, name))
		if err != nil {
			t.Fatalf("executed notebook %s: %v", name, err)
		}
		var text strings.Builder
		pngs := 0
		for _, cell := range nb.Cells {
			for _, o := range cell.Outputs {
				if o["output_type"] == "error" {
					t.Errorf("%s: error output %v: %v", name, o["ename"], o["evalue"])
				}
				data, _ := o["data"].(map[string]any)
				stream, _ := o["text"].(string)
				plain, _ := data["text/plain"].(string)
				text.WriteString(stream)
				text.WriteString(plain)
				if _, ok := data["image/png"]; ok {
					pngs++
				}
			}
		}
		num := name[:2]
		for _, w := range want[num] {
			if !strings.Contains(text.String(), w) {
				t.Errorf("%s: output lacks %q", name, w)
			}
		}
		if pngs < charts[num] {
			t.Errorf("%s: %d charts (image/png outputs), want at least %d", name, pngs, charts[num])
		}
	}
}

func TestChainOnSandbox(t *testing.T) {
	c := newChain(t, "")
	c.executeWithNBClient(t)
	c.checkOutputs(t)
	c.checkPlatform(t)
}

func TestChainOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the notebook chain in -short mode")
	}
	c := newChain(t, testdb.DatabaseDSN(t))
	c.executeWithNBClient(t)
	c.checkOutputs(t)
	c.checkPlatform(t)
}

// TestChainWithRunner runs the chain through `sluice run` (the README's command) on the
// sandbox: notebook 01 with the small-scale parameters, then the other six with their
// defaults.
func TestChainWithRunner(t *testing.T) {
	c := newChain(t, "")
	nbs := notebooksIn(t)
	start := time.Now()
	c.run(t, c.bin, "run", "--quiet", "-o", c.out, "-p", fmt.Sprint("users=", users), "-p", fmt.Sprint("batches=", batches), nbs[0])
	c.run(t, c.bin, append([]string{"run", "--quiet", "-o", c.out}, nbs[1:]...)...)
	t.Logf("sluice run, seven notebooks in %s", time.Since(start).Round(time.Millisecond))
	c.checkOutputs(t)
	c.checkPlatform(t)
}
