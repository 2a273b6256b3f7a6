package hostile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// The attacks on `sluice run` (rows 8–14) and on synth.Range (row 7): each runs the real
// binary in a private SLUICE_HOME and checks its exit code, what it printed and what it
// left on disk.
func init() {
	register(7, "synth.Range with zero batches is a clear cell error", runnerRangeZero)
	register(8, "a failing cell and a failing write exit 5 with both errors", runnerCellAndWriteFail)
	register(9, "--output /dev/null is refused and /dev/null stays a device", runnerOutputDevice)
	register(9, "--output on a FIFO or a symlink is refused and left alone", runnerOutputFIFOAndLink)
	register(10, "-o on a directory nothing can be written to is refused before running", runnerOutputUnwritable)
	register(11, "--output - writes the notebook to stdout", runnerOutputStdout)
	register(12, "a kernel stack overflow is reported by its cause in the report and the cell", runnerKernelStackOverflow)
	register(13, "-p users=0 or -5 over a loaded home is refused and keeps the data", runnerUsersZeroKeepsData)
	register(14, "-p batches=0 on notebook 01 is a clear parameter error", runnerBatchesZero)
}

// runnerEnv is the environment of one attack: a private home (privateEnv) and Jupyter
// path, no query service from the caller's environment.
func runnerEnv(t *testing.T) []string {
	t.Helper()
	return privateEnv(t.TempDir(), "JUPYTER_PATH="+t.TempDir(), "JUPYTER_DATA_DIR="+t.TempDir())
}

// runnerNotebook writes a Go notebook whose code cells are srcs.
func runnerNotebook(t *testing.T, srcs ...string) string {
	t.Helper()
	var cells []map[string]any
	for i, s := range srcs {
		cells = append(cells, map[string]any{"cell_type": "code", "id": "c" + string(rune('0'+i)), "metadata": map[string]any{},
			"source": s, "outputs": []any{}, "execution_count": nil})
	}
	data, _ := json.Marshal(map[string]any{"cells": cells, "nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "sluice", "display_name": "Go", "language": "go"}}})
	path := filepath.Join(t.TempDir(), "attack.ipynb")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runnerRun runs `sluice run args…` in dir and returns its exit code, stdout and stderr.
func runnerRun(t *testing.T, env []string, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(testenv.SluiceBinary(t), append([]string{"run", "--quiet"}, args...)...)
	cmd.Env, cmd.Dir = env, dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("sluice run: %v", err)
	}
	return code, stdout.String(), stderr.String()
}

// runnerMarkerCell is a first cell that leaves a file behind: its absence proves that
// nothing ran.
func runnerMarkerCell(marker string) string {
	return "os.WriteFile(" + strconvQuote(marker) + ", []byte(\"ran\"), 0o644)"
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// runnerRefused checks a run refused with exit 5 before anything ran, without claiming
// an output notebook.
func runnerRefused(t *testing.T, code int, stderr, marker, want string) {
	t.Helper()
	if code != 5 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 5 with %q in stderr:\n%s", code, want, stderr)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("the notebook ran before the output was refused")
	}
	if strings.Contains(stderr, "partial notebook") || strings.Contains(stderr, "is in ") {
		t.Errorf("stderr claims an output notebook:\n%s", stderr)
	}
}

func runnerRangeZero(t *testing.T) {
	in := runnerNotebook(t, "from, to := synth.Range(100, 0, 0)\nfmt.Println(from, to)")
	code, _, stderr := runnerRun(t, runnerEnv(t), t.TempDir(), in, "--output", filepath.Join(t.TempDir(), "out.ipynb"))
	if code != 1 || !strings.Contains(stderr, "synth.Range: batches must be at least 1, got 0") || strings.Contains(stderr, "divide by zero") {
		t.Fatalf("exit %d, want 1 with a clear message:\n%s", code, stderr)
	}
}

func runnerCellAndWriteFail(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	// The cell turns the output directory into a file, then fails: the run stops at the
	// cell and the final write cannot happen.
	in := runnerNotebook(t, "os.RemoveAll("+strconvQuote(dir)+")\nos.WriteFile("+strconvQuote(dir)+", []byte(\"x\"), 0o644)\npanic(\"boom from the cell\")")
	code, _, stderr := runnerRun(t, runnerEnv(t), t.TempDir(), in, "--output", filepath.Join(dir, "out.ipynb"))
	if code != 5 {
		t.Errorf("exit %d, want 5:\n%s", code, stderr)
	}
	for _, want := range []string{"boom from the cell", "writing " + filepath.Join(dir, "out.ipynb"), "no output notebook was written"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "partial notebook is in") {
		t.Errorf("stderr claims a partial notebook:\n%s", stderr)
	}
}

func runnerOutputDevice(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	in := runnerNotebook(t, runnerMarkerCell(marker))
	code, _, stderr := runnerRun(t, runnerEnv(t), t.TempDir(), in, "--output", "/dev/null")
	runnerRefused(t, code, stderr, marker, "/dev/null is a character device")
	if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a character device: %v %v", fi.Mode(), err)
	}
}

func runnerOutputFIFOAndLink(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	in := runnerNotebook(t, runnerMarkerCell(marker))
	fifo := filepath.Join(dir, "fifo.ipynb")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.ipynb")
	os.WriteFile(target, []byte("kept"), 0o644)
	link := filepath.Join(dir, "link.ipynb")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	env := runnerEnv(t)
	code, _, stderr := runnerRun(t, env, dir, in, "--output", fifo)
	runnerRefused(t, code, stderr, marker, "is a FIFO")
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	code, _, stderr = runnerRun(t, env, dir, in, "--output", link)
	runnerRefused(t, code, stderr, marker, "is a symbolic link")
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(target); string(data) != "kept" {
		t.Errorf("the link's target was overwritten: %q", data)
	}
}

func runnerOutputUnwritable(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	in := runnerNotebook(t, runnerMarkerCell(marker))
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, nil, 0o644)
	env := runnerEnv(t)
	// Root may write anywhere permission bits allow nothing; not into /proc/self, and not
	// under a regular file.
	for _, outDir := range []string{"/proc/self", filepath.Join(file, "results")} {
		code, _, stderr := runnerRun(t, env, dir, in, "-o", outDir)
		runnerRefused(t, code, stderr, marker, "cannot write "+filepath.Join(outDir, "attack.ipynb"))
	}
}

func runnerOutputStdout(t *testing.T) {
	dir := t.TempDir()
	in := runnerNotebook(t, "fmt.Println(6 * 7)")
	code, stdout, stderr := runnerRun(t, runnerEnv(t), dir, in, "--output", "-")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				Text []string `json:"text"`
			} `json:"outputs"`
		} `json:"cells"`
		Metadata struct {
			Papermill map[string]any `json:"papermill"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal([]byte(stdout), &nb); err != nil {
		t.Fatalf("stdout is not a notebook: %v\n%q", err, stdout)
	}
	if len(nb.Cells) != 1 || len(nb.Cells[0].Outputs) != 1 || strings.Join(nb.Cells[0].Outputs[0].Text, "") != "42\n" || nb.Metadata.Papermill == nil {
		t.Fatalf("the notebook on stdout: %s", stdout)
	}
	if strings.Contains(stderr, "nbformat") {
		t.Errorf("the notebook went to stderr too:\n%s", stderr)
	}
	for _, p := range []string{filepath.Join(dir, "-"), filepath.Join(filepath.Dir(in), "-")} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("a file named - was written: %s", p)
		}
	}
}

func runnerKernelStackOverflow(t *testing.T) {
	// Go's fatal stack overflow, far below any recursion limit: a 32 KiB stack limit.
	overflow := "import \"runtime/debug\"\ndebug.SetMaxStack(32 << 10)\nfunc deep(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn deep(n-1) + 1\n}\ndeep(200)"
	in := runnerNotebook(t, "x := 1", overflow)
	out := filepath.Join(t.TempDir(), "out.ipynb")
	code, _, stderr := runnerRun(t, runnerEnv(t), t.TempDir(), in, "--output", out)
	if code != 4 || !strings.Contains(stderr, "cause: fatal error: stack overflow") && !strings.Contains(stderr, "goroutine stack exceeds") {
		t.Fatalf("exit %d, want 4 with the cause in stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			ID      string           `json:"id"`
			Outputs []map[string]any `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatal(err)
	}
	for _, c := range nb.Cells {
		if c.ID != "c1" {
			continue
		}
		for _, o := range c.Outputs {
			if o["output_type"] == "error" && o["ename"] == "KernelDied" && strings.Contains(o["evalue"].(string), "stack overflow") {
				return
			}
		}
		t.Fatalf("the dying cell shows no cause: %v", c.Outputs)
	}
	t.Fatalf("no cell c1 in %s", data)
}

// runnerNotebook01 is the example notebook that generates and loads the data.
func runnerNotebook01(t *testing.T) string {
	return filepath.Join(testenv.RepoRoot(t), "notebooks", "01-generate-synthetic-data.ipynb")
}

func runnerUsersZeroKeepsData(t *testing.T) {
	env := runnerEnv(t)
	t.Cleanup(func() {
		cmd := exec.Command(testenv.SluiceBinary(t), "sandbox", "stop")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Logf("sluice sandbox stop: %v: %s", err, out)
		}
	})
	nb01, dir := runnerNotebook01(t), t.TempDir()
	small := []string{"-p", "users=200", "-p", "batches=2"}
	if code, _, stderr := runnerRun(t, env, dir, append([]string{nb01, "--output", filepath.Join(dir, "load.ipynb")}, small...)...); code != 0 {
		t.Fatalf("loading a generation: exit %d:\n%s", code, stderr)
	}
	for _, users := range []string{"0", "-5"} {
		code, _, stderr := runnerRun(t, env, dir, nb01, "-p", "users="+users, "--output", filepath.Join(dir, "bad.ipynb"))
		if code != 1 || !strings.Contains(stderr, "users = "+users+", batches = 10: both must be at least 1") {
			t.Errorf("-p users=%s: exit %d, want 1 with a parameter error:\n%s", users, code, stderr)
		}
	}
	// The generation is still all there: the same parameters find every batch loaded.
	again := filepath.Join(dir, "again.ipynb")
	if code, _, stderr := runnerRun(t, env, dir, append([]string{nb01, "--output", again}, small...)...); code != 0 {
		t.Fatalf("re-running: exit %d:\n%s", code, stderr)
	}
	data, _ := os.ReadFile(again)
	if !strings.Contains(string(data), "4 of 4 batches of this generation already loaded; regenerate: false") {
		t.Fatalf("the loaded generation did not survive -p users=0: %s", runnerLine(string(data), "batches of this generation"))
	}
}

// runnerLine returns the first line of s holding sub, for a failure message.
func runnerLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return strings.TrimSpace(l)
		}
	}
	return "(no line with " + sub + ")"
}

func runnerBatchesZero(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runnerRun(t, runnerEnv(t), dir, runnerNotebook01(t), "-p", "users=200", "-p", "batches=0", "--output", filepath.Join(dir, "out.ipynb"))
	if code != 1 || !strings.Contains(stderr, "users = 200, batches = 0: both must be at least 1") || strings.Contains(stderr, "nan") {
		t.Fatalf("exit %d, want 1 with a parameter error:\n%s", code, stderr)
	}
}
