package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// testNotebook writes a notebook for kernel (language lang) whose code cells are srcs, with
// ids prefix0, prefix1…: the first is tagged parameters when params is true, and a source
// starting with "#tag:NAME\n" gets that tag instead.
func testNotebook(t *testing.T, kernel, lang, prefix string, params bool, srcs ...string) string {
	t.Helper()
	var cells []map[string]any
	for i, s := range srcs {
		md := map[string]any{}
		if i == 0 && params {
			md["tags"] = []string{"parameters"}
		}
		if strings.HasPrefix(s, "#tag:") {
			nl := strings.IndexByte(s, '\n')
			md["tags"] = []string{s[5:nl]}
			s = s[nl+1:]
		}
		cells = append(cells, map[string]any{"cell_type": "code", "id": prefix + strconv.Itoa(i), "metadata": md, "source": s, "outputs": []any{}, "execution_count": nil})
	}
	nb := map[string]any{"cells": cells, "nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": kernel, "display_name": kernel, "language": lang}}}
	data, _ := json.Marshal(nb)
	path := filepath.Join(t.TempDir(), prefix+".ipynb")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pyNotebook writes a notebook for Debian's python3 kernel with cells c0, c1…
func pyNotebook(t *testing.T, params bool, srcs ...string) string {
	t.Helper()
	return testNotebook(t, "python3", "python", "c", params, srcs...)
}

func needIPyKernel(t *testing.T) {
	t.Helper()
	testenv.Python(t, "ipykernel", "nbclient")
	if _, err := FindKernelSpec("python3"); err != nil {
		testenv.Missing(t, "the python3 kernelspec (Debian's python3-ipykernel)")
	}
}

func readOut(t *testing.T, path string) *Notebook {
	t.Helper()
	nb, err := ReadNotebook(path)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestRunPythonNotebookMatchesNbclient(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, false,
		"print('hello')\nimport sys\nprint('warn', file=sys.stderr)\n6*7",
		"from IPython.display import display, HTML, Markdown\ndisplay(HTML('<b>x</b>'))\nh = display(Markdown('*a*'), display_id=True)",
		"h.update(Markdown('*b*'))\nfrom IPython.display import clear_output\nprint('gone')\nclear_output(wait=True)\nprint('kept')",
		"{'k': [1, 2]}",
	)
	out := filepath.Join(t.TempDir(), "out.ipynb")
	if _, err := Run(context.Background(), in, Options{Output: out}); err != nil {
		t.Fatal(err)
	}
	ours := readOut(t, out)

	// The same notebook through nbclient, Jupyter's own executor.
	ref := filepath.Join(t.TempDir(), "ref.ipynb")
	script := `import nbformat, nbclient, sys
nb = nbformat.read(sys.argv[1], as_version=4)
nbclient.NotebookClient(nb, kernel_name="python3").execute()
nbformat.write(nb, sys.argv[2])`
	if b, err := exec.Command(testenv.Python(t), "-c", script, in, ref).CombinedOutput(); err != nil {
		t.Fatalf("nbclient: %v\n%s", err, b)
	}
	theirs := readOut(t, ref)
	if len(ours.Cells) != len(theirs.Cells) {
		t.Fatalf("cells: %d vs nbclient %d", len(ours.Cells), len(theirs.Cells))
	}
	for i := range ours.Cells {
		a, b := ours.Cells[i], theirs.Cells[i]
		if !reflect.DeepEqual(normOutputs(a.Outputs), normOutputs(b.Outputs)) {
			t.Errorf("cell %d outputs differ:\nours   %v\nnbclient %v", i, normOutputs(a.Outputs), normOutputs(b.Outputs))
		}
		if *a.ExecutionCount != *b.ExecutionCount {
			t.Errorf("cell %d execution_count %d vs %d", i, *a.ExecutionCount, *b.ExecutionCount)
		}
		for _, key := range []string{"iopub.status.busy", "iopub.execute_input", "shell.execute_reply", "iopub.status.idle"} {
			ex, _ := a.Metadata["execution"].(map[string]any)
			if _, err := time.Parse(time.RFC3339Nano, toString(ex[key])); err != nil {
				t.Errorf("cell %d metadata.execution[%s] = %v", i, key, ex[key])
			}
		}
	}
	if ours.Metadata["language_info"].(map[string]any)["name"] != "python" {
		t.Errorf("language_info = %v", ours.Metadata["language_info"])
	}
	pm := ours.Metadata["papermill"].(map[string]any)
	if pm["exception"] != nil || pm["duration"] == nil || pm["input_path"] != in {
		t.Errorf("metadata.papermill = %v", pm)
	}
}

// normOutputs merges adjacent stream outputs of the same name (how many messages a burst
// of text arrives in is timing) and round-trips through JSON so types compare equal.
func normOutputs(outs []map[string]any) []any {
	var merged []map[string]any
	for _, o := range outs {
		if n := len(merged); n > 0 && o["output_type"] == "stream" && merged[n-1]["output_type"] == "stream" && merged[n-1]["name"] == o["name"] {
			merged[n-1]["text"] = merged[n-1]["text"].(string) + o["text"].(string)
			continue
		}
		c := map[string]any{}
		for k, v := range o {
			c[k] = v
		}
		merged = append(merged, c)
	}
	var out []any
	b, _ := json.Marshal(merged)
	_ = json.Unmarshal(b, &out)
	return out
}

func TestRunInjectsAndReplacesParameters(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, true, "alpha = 1\nname = 'x'", "print(alpha * 2, name)")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	if _, err := Run(context.Background(), in, Options{Output: out, Params: map[string]any{"alpha": "21", "name": "bob"}}); err != nil {
		t.Fatal(err)
	}
	nb := readOut(t, out)
	if len(nb.Cells) != 3 || !nb.Cells[1].HasTag("injected-parameters") {
		t.Fatalf("injected cell not right after the parameters cell: %v", nb.Cells)
	}
	if got := nb.Cells[2].Outputs[0]["text"]; got != "42 bob\n" {
		t.Fatalf("output = %q", got)
	}
	// Re-running the executed notebook replaces the injected cell rather than adding one.
	out2 := filepath.Join(t.TempDir(), "out2.ipynb")
	if _, err := Run(context.Background(), out, Options{Output: out2, Params: map[string]any{"alpha": "5"}}); err != nil {
		t.Fatal(err)
	}
	nb2 := readOut(t, out2)
	injected := 0
	for _, c := range nb2.Cells {
		if c.HasTag("injected-parameters") {
			injected++
		}
	}
	if injected != 1 || nb2.Cells[2].Outputs[0]["text"] != "10 x\n" {
		t.Fatalf("re-run: %d injected cells, output %q", injected, nb2.Cells[2].Outputs[0]["text"])
	}
	if nb2.Cells[0].ID != nb.Cells[0].ID || nb2.Cells[2].ID != nb.Cells[2].ID {
		t.Fatal("cell ids changed between runs")
	}
}

func TestRunFailureWritesPartialNotebookWithBanner(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, false, "print('before')", "1/0", "print('never')")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	log := &lockedBuffer{}
	_, err := Run(context.Background(), in, Options{Output: out, Log: log})
	if log.String() != "" {
		t.Errorf("without a live log or progress the run wrote %q; the caller reports the error", log.String())
	}
	var ce *CellError
	if !errors.As(err, &ce) || ce.EName != "ZeroDivisionError" || ExitCode(err) != ExitCellFailed {
		t.Fatalf("err = %v (exit %d)", err, ExitCode(err))
	}
	nb := readOut(t, out)
	if !nb.Cells[0].HasTag(errorCellTag) || !strings.Contains(nb.Cells[0].Source, "#papermill-error-cell") {
		t.Fatalf("no banner at the top: %q", nb.Cells[0].Source)
	}
	if !nb.Cells[2].HasTag(errorCellTag) || !strings.Contains(nb.Cells[2].Source, `id="papermill-error-cell"`) {
		t.Fatalf("no anchor before the failing cell: %+v", nb.Cells[2])
	}
	status := func(c *Cell) any { return c.Metadata["papermill"].(map[string]any)["status"] }
	if status(nb.Cells[1]) != "completed" || status(nb.Cells[3]) != "failed" || status(nb.Cells[4]) != "pending" {
		t.Fatalf("statuses: %v %v %v", status(nb.Cells[1]), status(nb.Cells[3]), status(nb.Cells[4]))
	}
	if nb.Cells[1].Outputs[0]["text"] != "before\n" || nb.Cells[3].Outputs[0]["output_type"] != "error" {
		t.Fatalf("partial outputs missing: %v / %v", nb.Cells[1].Outputs, nb.Cells[3].Outputs)
	}
	// The next run removes the banner cells.
	out2 := filepath.Join(t.TempDir(), "out2.ipynb")
	_, _ = Run(context.Background(), out, Options{Output: out2})
	banners := 0
	for _, c := range readOut(t, out2).Cells {
		if c.HasTag(errorCellTag) {
			banners++
		}
	}
	if banners != 2 {
		t.Fatalf("banners after re-run = %d, want the 2 of this run only", banners)
	}
}

func TestRunSkipTagsAndPrepareOnly(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, true, "n = 1", "print('slow')", "print(n)")
	nb := readOut(t, in)
	nb.Cells[1].Metadata["tags"] = []any{"slow"}
	if err := nb.WriteFile(in); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.ipynb")
	if _, err := Run(context.Background(), in, Options{Output: out, SkipTags: []string{"slow"}, Params: map[string]any{"n": "3"}}); err != nil {
		t.Fatal(err)
	}
	got := readOut(t, out)
	pm := got.Cells[2].Metadata["papermill"].(map[string]any)
	if pm["status"] != "skipped" || len(got.Cells[2].Outputs) != 0 || got.Cells[3].Outputs[0]["text"] != "3\n" {
		t.Fatalf("skip: %v, outputs %v / %v", pm, got.Cells[2].Outputs, got.Cells[3].Outputs)
	}
	prep := filepath.Join(t.TempDir(), "prep.ipynb")
	if _, err := Run(context.Background(), in, Options{Output: prep, PrepareOnly: true, Params: map[string]any{"n": "4"}}); err != nil {
		t.Fatal(err)
	}
	p := readOut(t, prep)
	if !p.Cells[1].HasTag("injected-parameters") || p.Cells[1].Source != "# Parameters injected by sluice run\nn = 4\n" || p.Cells[3].ExecutionCount != nil {
		t.Fatalf("prepare-only: %q, count %v", p.Cells[1].Source, p.Cells[3].ExecutionCount)
	}
}

func TestRunCellTimeout(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, false, "import time\ntime.sleep(60)", "print('after')")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	_, err := Run(context.Background(), in, Options{Output: out, CellTimeout: 2 * time.Second})
	if ExitCode(err) != ExitTimeout {
		t.Fatalf("err = %v, exit %d", err, ExitCode(err))
	}
	c := cellByID(t, readOut(t, out), "c0")
	if c.Metadata["papermill"].(map[string]any)["status"] != "failed" {
		t.Fatalf("timed-out cell status: %v", c.Metadata["papermill"])
	}
}

// lockedBuffer is a goroutine-safe log sink.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRunDetectsKilledKernel(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, false, "import os, time\nprint('pid', os.getpid(), flush=True)\ntime.sleep(60)")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	log := &lockedBuffer{}
	go func() {
		for range 200 {
			time.Sleep(100 * time.Millisecond)
			s := log.String()
			if i := strings.Index(s, "pid "); i >= 0 {
				f := strings.Fields(s[i+4:])
				if pid, err := strconv.Atoi(f[0]); err == nil {
					_ = syscall.Kill(pid, syscall.SIGKILL)
					return
				}
			}
		}
	}()
	start := time.Now()
	_, err := Run(context.Background(), in, Options{Output: out, LogOutput: true, Log: log})
	if ExitCode(err) != ExitKernelDied {
		t.Fatalf("err = %v, exit %d", err, ExitCode(err))
	}
	if time.Since(start) > 40*time.Second {
		t.Fatalf("took %s to notice the dead kernel", time.Since(start))
	}
	if c := cellByID(t, readOut(t, out), "c0"); len(c.Outputs) == 0 || c.Outputs[0]["text"] == nil {
		t.Fatal("partial output of the killed cell was not written")
	}
}

func cellByID(t *testing.T, nb *Notebook, id string) *Cell {
	t.Helper()
	for _, c := range nb.Cells {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no cell %s", id)
	return nil
}

func TestBadNotebooks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	for _, tc := range []struct {
		path, want string
		code       int
	}{
		{write("a.ipynb", "not json"), "invalid JSON", ExitUsage},
		{write("b.ipynb", `{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}`), "nbformat 3 is too old", ExitUsage},
		{write("c.ipynb", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}`), "no metadata.kernelspec", ExitUsage},
		{write("d.ipynb", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "cobol9"}}, "cells": []}`), `no kernel named "cobol9"`, ExitUsage},
		{filepath.Join(dir, "missing.ipynb"), "no such file", ExitIO},
	} {
		_, err := Run(context.Background(), tc.path, Options{OutputDir: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), tc.want) || ExitCode(err) != tc.code {
			t.Errorf("%s: err = %v (exit %d), want %q exit %d", filepath.Base(tc.path), err, ExitCode(err), tc.want, tc.code)
		}
	}
}

func TestOutputPathTemplates(t *testing.T) {
	p, err := outputPath("dir/nb.ipynb", Options{Output: "out/{name}-{users}.ipynb", Params: map[string]any{"users": "5"}})
	if err != nil || p != "out/nb-5.ipynb" {
		t.Fatalf("%q %v", p, err)
	}
	if _, err := outputPath("nb.ipynb", Options{Output: "{nope}.ipynb"}); err == nil {
		t.Fatal("unknown template key accepted")
	}
	if p, _ := outputPath("dir/nb.ipynb", Options{OutputDir: "o"}); p != "o/nb.ipynb" {
		t.Fatalf("%q", p)
	}
}

// TestKernelFlagOverridesNotebook runs a notebook whose metadata names another kernel
// through --kernel python3 (Debian's ipykernel).
func TestKernelFlagOverridesNotebook(t *testing.T) {
	needIPyKernel(t)
	in := pyNotebook(t, false, "import sys\nprint(sys.version_info[0])")
	nb := readOut(t, in)
	nb.Metadata["kernelspec"] = map[string]any{"name": "no-such-kernel", "display_name": "x", "language": "go"}
	if err := nb.WriteFile(in); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.ipynb")
	if _, err := Run(context.Background(), in, Options{Output: out}); ExitCode(err) != ExitUsage {
		t.Fatalf("without --kernel: %v", err)
	}
	if _, err := Run(context.Background(), in, Options{Output: out, Kernel: "python3"}); err != nil {
		t.Fatal(err)
	}
	if got := readOut(t, out).Cells[0].Outputs[0]["text"]; got != "3\n" {
		t.Fatalf("output = %q", got)
	}
}

// A cell that ignores the interrupt sent at its time limit still fails as a timeout
// (exit code and CellTimeoutError output), not as a protocol error.
func TestRunCellTimeoutIgnoringInterrupt(t *testing.T) {
	needIPyKernel(t)
	old := interruptGrace
	interruptGrace = time.Second
	defer func() { interruptGrace = old }()
	in := pyNotebook(t, false, "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(60)")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	_, err := Run(context.Background(), in, Options{Output: out, CellTimeout: time.Second})
	if !errors.Is(err, ErrCellTimeout) || ExitCode(err) != ExitTimeout {
		t.Fatalf("err = %v, exit %d; want a cell timeout", err, ExitCode(err))
	}
	c := cellByID(t, readOut(t, out), "c0")
	if len(c.Outputs) == 0 || c.Outputs[len(c.Outputs)-1]["ename"] != "CellTimeoutError" {
		t.Fatalf("outputs of the timed-out cell: %v", c.Outputs)
	}
}
