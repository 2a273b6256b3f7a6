package runner

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// The Go translator for papermill (python/sluice-papermill) is tested with papermill from
// the PyPI test environment against this build's kernel, installed into a private
// JUPYTER_PATH. The package is "installed" into a temporary directory on PYTHONPATH with
// a dist-info written from its pyproject.toml, which is how papermill finds its entry
// point: no pip, no network.

type papermillEnv struct {
	papermill, python, sluice string
	env                       []string
}

func newPapermillEnv(t *testing.T) *papermillEnv {
	t.Helper()
	py := testenv.VenvPython(t, "papermill", "nbformat", "tomllib")
	pe := &papermillEnv{papermill: testenv.VenvCommand(t, "papermill"), python: py, sluice: testenv.SluiceBinary(t)}
	tmp := t.TempDir()
	jupyter := filepath.Join(tmp, "jupyter")
	if out, err := exec.Command(pe.sluice, "install", "--prefix", jupyter).CombinedOutput(); err != nil {
		t.Fatalf("sluice install: %v\n%s", err, out)
	}
	site := filepath.Join(tmp, "site")
	pkg := filepath.Join(testenv.RepoRoot(t), "python", "sluice-papermill")
	if out, err := exec.Command(py, "-c", papermillInstall, pkg, site).CombinedOutput(); err != nil {
		t.Fatalf("installing sluice-papermill into %s: %v\n%s", site, err, out)
	}
	home := filepath.Join(tmp, "home")
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "SLUICE_DSN", name == "DATABASE_URL", name == "SLUICE_HOME", name == "PYTHONPATH",
			strings.HasPrefix(name, "JUPYTER_"), strings.HasPrefix(name, "PG"):
			continue
		}
		pe.env = append(pe.env, kv)
	}
	pe.env = append(pe.env, "PYTHONPATH="+site, "JUPYTER_PATH="+filepath.Join(jupyter, "share", "jupyter"),
		"JUPYTER_DATA_DIR="+filepath.Join(tmp, "data"), "JUPYTER_CONFIG_DIR="+filepath.Join(tmp, "config"),
		"SLUICE_HOME="+home, "HOME="+tmp)
	t.Cleanup(func() {
		if _, err := os.Stat(filepath.Join(home, "sandbox")); err != nil {
			return
		}
		cmd := exec.Command(pe.sluice, "sandbox", "stop")
		cmd.Env = pe.env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("sluice sandbox stop: %v: %s", err, out)
		}
	})
	return pe
}

// papermillInstall copies the package to argv[2] and writes the dist-info that
// `pip install` would, from pyproject.toml: metadata and entry points.
const papermillInstall = `
import os, shutil, sys, tomllib
src, site = sys.argv[1], sys.argv[2]
with open(os.path.join(src, "pyproject.toml"), "rb") as f:
    project = tomllib.load(f)["project"]
shutil.copytree(os.path.join(src, "sluice_papermill"), os.path.join(site, "sluice_papermill"))
info = os.path.join(site, "sluice_papermill-%s.dist-info" % project["version"])
os.makedirs(info)
with open(os.path.join(info, "METADATA"), "w") as f:
    f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (project["name"], project["version"]))
with open(os.path.join(info, "entry_points.txt"), "w") as f:
    for group, points in project["entry-points"].items():
        f.write("[%s]\n" % group)
        for name, target in points.items():
            f.write("%s = %s\n" % (name, target))
        f.write("\n")
`

// run runs a command of the environment and returns its exit code and combined output.
func (pe *papermillEnv) run(t *testing.T, name string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = pe.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return 0, out.String()
}

// injected returns the source of the notebook's injected-parameters cell without its
// first (comment) line, and the cell's index.
func injected(t *testing.T, path string) (string, int) {
	t.Helper()
	nb := readOut(t, path)
	for i, c := range nb.Cells {
		if c.HasTag("injected-parameters") {
			_, body, _ := strings.Cut(c.Source, "\n")
			return strings.TrimRight(body, "\n"), i
		}
	}
	t.Fatalf("%s has no injected-parameters cell", path)
	return "", -1
}

func TestPapermillRunsNotebook01(t *testing.T) {
	pe := newPapermillEnv(t)
	nb01 := filepath.Join(testenv.RepoRoot(t), "notebooks", "01-generate-synthetic-data.ipynb")
	dir := t.TempDir()
	out := filepath.Join(dir, "01.ipynb")
	if code, log := pe.run(t, pe.papermill, nb01, out, "-p", "users", "300", "-p", "batches", "2", "-p", "tenant", "pm_test"); code != 0 {
		t.Fatalf("papermill: exit %d\n%s", code, log)
	}
	if code, log := pe.run(t, pe.python, "-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", out); code != 0 {
		t.Fatalf("the output notebook is not valid nbformat:\n%s", log)
	}
	src, at := injected(t, out)
	if want := "batches = 2\ntenant = \"pm_test\"\nusers = 300"; src != want {
		t.Errorf("injected source = %q, want %q", src, want)
	}
	nb := readOut(t, out)
	if at < 1 || !nb.Cells[at-1].HasTag("parameters") {
		t.Errorf("the injected cell (%d) does not follow the parameters cell", at)
	}
	if tags, _ := nb.Cells[at].Metadata["tags"].([]any); len(tags) != 1 || tags[0] != "injected-parameters" {
		t.Errorf("injected cell tags = %v", nb.Cells[at].Metadata["tags"])
	}
	var text strings.Builder
	for _, c := range nb.Cells[at+1:] {
		text.WriteString(outputText(c))
		for _, o := range c.Outputs {
			if o["output_type"] == "error" {
				t.Fatalf("cell %s failed: %v", c.ID, o["evalue"])
			}
		}
	}
	// The generation summary speaks of the injected values, not the defaults.
	if !strings.Contains(text.String(), "300") || !strings.Contains(text.String(), "_pm_test") {
		t.Errorf("the run does not show users=300 and tenant pm_test:\n%s", text.String())
	}
	// The same cell as `sluice run -p` injects.
	prepared := filepath.Join(dir, "prepared.ipynb")
	if code, log := pe.run(t, pe.sluice, "run", "--prepare-only", "--quiet", nb01, "--output", prepared,
		"-p", "users=300", "-p", "batches=2", "-p", "tenant=pm_test"); code != 0 {
		t.Fatalf("sluice run --prepare-only: exit %d\n%s", code, log)
	}
	if want, _ := injected(t, prepared); src != want {
		t.Errorf("papermill injected %q, sluice run %q", src, want)
	}
}

// outputText is a cell's streams and plain-text results.
func outputText(c *Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o["output_type"] == "stream" {
			b.WriteString(o["text"].(string))
		}
		if data, ok := o["data"].(map[string]any); ok {
			plain, _ := data["text/plain"].(string)
			b.WriteString(plain)
		}
	}
	return b.String()
}

// paramsNotebook declares a parameter of each kind the runner converts to; its second
// cell prints every value the way Go sees it.
func paramsNotebook(t *testing.T) string {
	return goNotebook(t, true, `import "time"

s := "x" // a string
raw := "x"
empty := "x"
n := 1
big := int64(1)
u8 := uint8(1)
f := 1.5
nz := 1.5
nan := 1.5
inf := 1.5
half := 1.5
var f32 float32 = 1
b := false
d := time.Second
tm := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
tags := []string{}
m := map[string]int{}
nested := map[string][]float64{}`,
		`import "math"

fmt.Printf("s=%q\nraw=%q\nempty=%q\nn=%d\nbig=%d\nu8=%d\nf=%v\nnz=%v %v\nnan=%v\ninf=%v\nhalf=%v\nf32=%v\nb=%v\nd=%v\ntm=%v\ntags=%q\nm=%v\nnested=%v\n",
	s, raw, empty, n, big, u8, f, nz, math.Signbit(nz), nan, inf, half, f32, b, d, tm, tags, m, nested)`)
}

func TestPapermillParametersMatchSluiceRun(t *testing.T) {
	pe := newPapermillEnv(t)
	in := paramsNotebook(t)
	tricky := "he said \"hi\", `tick` \\ back ✓ 😀"
	// name, value, and how papermill is given it: -p (typed by papermill's command line),
	// -r (raw string) or -y (YAML).
	cases := []struct{ name, value, how string }{
		{"s", tricky, "-p"}, {"raw", "two\nlines\ttab", "-r"}, {"empty", "", "-r"},
		{"n", "5000", "-p"}, {"big", "9223372036854775807", "-p"}, {"u8", "255", "-p"},
		{"f", "1e300", "-p"}, {"nz", "-0.0", "-p"}, {"nan", "nan", "-p"}, {"inf", "-inf", "-p"},
		{"half", "5", "-p"}, {"f32", "0.1", "-p"}, {"b", "True", "-p"}, {"d", "90s", "-p"},
		{"tm", "2025-03-01", "-p"}, {"tags", `["a", "b,c", "q\"uote", "ü"]`, "-p"},
		{"m", `{"b": 2, "a": 1}`, "-p"}, {"nested", "{x: [1.5, .nan], y: []}", "-y"},
	}
	dir := t.TempDir()
	pmOut, runOut := filepath.Join(dir, "papermill.ipynb"), filepath.Join(dir, "run.ipynb")
	pmArgs := []string{in, pmOut}
	runArgs := []string{"run", "--quiet", "--no-sign", in, "--output", runOut}
	for _, c := range cases {
		if c.how == "-y" {
			pmArgs = append(pmArgs, "-y", c.name+": "+c.value)
		} else {
			pmArgs = append(pmArgs, c.how, c.name, c.value)
		}
		runArgs = append(runArgs, "-p", c.name+"="+c.value)
	}
	if code, log := pe.run(t, pe.papermill, pmArgs...); code != 0 {
		t.Fatalf("papermill: exit %d\n%s", code, log)
	}
	if code, log := pe.run(t, pe.sluice, runArgs...); code != 0 {
		t.Fatalf("sluice run: exit %d\n%s", code, log)
	}
	// papermill records the parameters in the notebook's metadata with Python's json,
	// which writes NaN and -Infinity: not JSON. Strictly readable copy for the checks.
	strict := filepath.Join(dir, "papermill-strict.ipynb")
	if code, log := pe.run(t, pe.python, "-c", strictJSON, pmOut, strict); code != 0 {
		t.Fatalf("rewriting papermill's output: %s", log)
	}
	pmOut = strict
	pmSrc, _ := injected(t, pmOut)
	runSrc, _ := injected(t, runOut)
	if pmSrc != runSrc {
		t.Errorf("injected sources differ:\npapermill:\n%s\nsluice run:\n%s", pmSrc, runSrc)
	}
	got := outputText(cellByID(t, readOut(t, pmOut), "g1"))
	want := outputText(cellByID(t, readOut(t, runOut), "g1"))
	if got != want {
		t.Errorf("the kernel sees other values:\npapermill:\n%s\nsluice run:\n%s", got, want)
	}
	for _, line := range []string{
		"s=" + strconv.Quote(tricky), `raw="two\nlines\ttab"`, `empty=""`, "n=5000", "big=9223372036854775807",
		"u8=255", "f=1e+300", "nz=-0 true", "nan=NaN", "inf=-Inf", "half=5", "f32=0.1", "b=true", "d=1m30s",
		"tm=2025-03-01 00:00:00 +0000 UTC", `tags=["a" "b,c" "q\"uote" "ü"]`, "m=map[a:1 b:2]",
		"nested=map[x:[1.5 NaN] y:[]]",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("papermill's run lacks %q:\n%s", line, got)
		}
	}
}

// strictJSON copies argv[1] to argv[2] with non-finite floats written as strings.
const strictJSON = `
import json, math, sys
def fix(v):
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    if isinstance(v, dict):
        return {k: fix(x) for k, x in v.items()}
    if isinstance(v, list):
        return [fix(x) for x in v]
    return v
with open(sys.argv[1]) as f:
    nb = json.load(f)
with open(sys.argv[2], "w") as f:
    json.dump(fix(nb), f, allow_nan=False)
`

func TestPapermillRefusesWhatSluiceRunRefuses(t *testing.T) {
	pe := newPapermillEnv(t)
	in := paramsNotebook(t)
	for _, tc := range []struct{ name, value, want string }{
		{"n", "lots", `"lots" is not an integer`},
		{"n", "99999999999999999999", "does not fit int"},
		{"f32", "1e300", "does not fit float32"},
		{"func", "1", `"func" is a Go keyword`},
		{"userz", "1", `unknown parameter "userz"`},
	} {
		out := filepath.Join(t.TempDir(), "out.ipynb")
		code, log := pe.run(t, pe.papermill, in, out, "-p", tc.name, tc.value)
		if code == 0 || !strings.Contains(log, tc.want) {
			t.Errorf("-p %s %s: exit %d, want a failure saying %q:\n%s", tc.name, tc.value, code, tc.want, log)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("-p %s %s: papermill wrote %s (nothing should run)", tc.name, tc.value, out)
		}
	}
	// --help-notebook lists the Go types in declaration order, with their comments.
	code, log := pe.run(t, pe.papermill, "--help-notebook", in)
	if code != 0 {
		t.Fatalf("--help-notebook: exit %d\n%s", code, log)
	}
	prev := -1
	for _, want := range []string{`s: string (default "x")`, "a string", "n: int (default 1)", "big: int64", "f32: float32", "d: time.Duration", "tm: time.Time", "nested: map[string][]float64"} {
		i := strings.Index(log, want)
		if i < prev {
			t.Errorf("--help-notebook lacks %q after the previous parameters:\n%s", want, log)
		}
		prev = i
	}
}
