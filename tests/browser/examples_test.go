//go:build linux

package browser

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

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/runner"
)

// Small-scale parameters of notebook 01; the other notebooks run with their defaults.
const (
	exampleUsers   = 5000
	exampleBatches = 2
)

// expected is what an executed notebook's JSON says the page must show.
type expected struct {
	charts int // display outputs with image/png or image/svg+xml
	tables int // outputs whose HTML holds a <table>
	errors []string
}

// TestExampleNotebooksInBrowser executes the seven example notebooks at a small scale with
// `sluice run` on the embedded sandbox (private SLUICE_HOME, sandbox stopped at the end),
// trusts the executed copies, opens each in classic Notebook in headless Chromium and
// checks that every chart is rendered and visible, every HTML table shows as a table and
// no output is an error. One screenshot per notebook is kept under artifacts/.
func TestExampleNotebooksInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the notebook chain in -short mode")
	}
	requireBrowserTools(t)
	bin := testenv.SluiceBinary(t)
	nbs, err := filepath.Glob(filepath.Join(testenv.RepoRoot(t), "notebooks", "0*.ipynb"))
	if err != nil || len(nbs) != 7 {
		t.Fatalf("want the seven notebooks/0*.ipynb, found %d (%v)", len(nbs), err)
	}
	sort.Strings(nbs)

	home, out := t.TempDir(), t.TempDir()
	env := chainEnv(home, bin)
	t.Cleanup(func() {
		cmd := exec.Command(bin, "sandbox", "stop")
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Logf("sluice sandbox stop: %v: %s", err, b)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sluice %s: %v\n%s", strings.Join(args, " "), err, b)
		}
	}
	start := time.Now()
	run("run", "--quiet", "-o", out, "-p", fmt.Sprint("users=", exampleUsers), "-p", fmt.Sprint("batches=", exampleBatches), nbs[0])
	run(append([]string{"run", "--quiet", "-o", out}, nbs[1:]...)...)
	t.Logf("sluice run, seven notebooks in %s", time.Since(start).Round(time.Millisecond))

	srv := serveNotebooks(t, out)
	for _, nb := range nbs {
		name := filepath.Base(nb)
		t.Run(strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			want := expectFrom(t, filepath.Join(out, name))
			for _, e := range want.errors {
				t.Errorf("executed notebook holds an error output: %s", e)
			}
			srv.trust(t, name)
			f := srv.open(t, name, strings.TrimSuffix(name, ".ipynb")+".png")
			checkExample(t, want, f)
		})
	}
}

// chainEnv is the environment for running the chain in a private SLUICE_HOME: nothing
// of the caller's Sluice, Jupyter or PostgreSQL settings leaks in, so the notebooks run
// on their own embedded sandbox.
func chainEnv(home, bin string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "SLUICE_HOME", "SLUICE_DSN", "SLUICE_STORAGE", "SLUICE_BIN", "JUPYTER_PATH", "DATABASE_URL",
			"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "SLUICE_HOME="+home, "SLUICE_BIN="+bin, "HOME="+home)
}

// expectFrom reads an executed notebook and counts the charts and HTML tables it holds.
func expectFrom(t *testing.T, path string) expected {
	t.Helper()
	nb, err := runner.ReadNotebook(path)
	if err != nil {
		t.Fatalf("executed notebook: %v", err)
	}
	var e expected
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o["output_type"] == "error" {
				e.errors = append(e.errors, fmt.Sprint(o["ename"], ": ", o["evalue"]))
			}
			data, _ := o["data"].(map[string]any)
			_, png := data["image/png"]
			_, svg := data["image/svg+xml"]
			html, _ := data["text/html"].(string)
			if png || svg {
				e.charts++
			} else if strings.Contains(html, "<table") {
				e.tables++
			}
		}
	}
	return e
}

// checkExample asserts the page shows what the executed notebook holds.
func checkExample(t *testing.T, want expected, f facts) {
	t.Helper()
	if f.Trusted != "Trusted" {
		t.Errorf("Notebook shows the notebook as %q, want Trusted", f.Trusted)
	}
	if len(f.Errors) > 0 {
		t.Errorf("page shows error outputs: %q", f.Errors)
	}
	if len(f.RawMarkup) > 0 {
		t.Errorf("page shows markup as text (untrusted or wrong MIME type?): %q", f.RawMarkup)
	}
	visible := 0
	for _, im := range f.Images {
		if im.Width < 50 || im.Height < 50 {
			t.Errorf("chart too small to read: %+v", im)
			continue
		}
		if im.Tag == "img" && (im.Natural == 0 || im.NaturalHeight == 0) {
			t.Errorf("image did not decode: %+v", im)
			continue
		}
		visible++
	}
	if visible < want.charts {
		t.Errorf("%d charts visible, want all %d of the executed notebook; images: %+v", visible, want.charts, f.Images)
	}
	tables := 0
	for _, tb := range f.HTMLTables {
		if tb.Rows > 0 && tb.Width > 0 && tb.Height > 0 {
			tables++
		}
	}
	if tables < want.tables {
		t.Errorf("%d HTML tables visible, want all %d of the executed notebook", tables, want.tables)
	}
	t.Logf("%d charts, %d tables visible (notebook holds %d charts, %d tables)", visible, tables, want.charts, want.tables)
}
