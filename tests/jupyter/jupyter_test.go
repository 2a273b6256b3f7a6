// Package jupyter tests the sluice binary as Jupyter front ends use it: the kernelspec
// that `sluice install` writes, found by Debian's jupyter_client and jupyter nbconvert,
// starting the real kernel with the yaegi engine.
package jupyter

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/runner"
)

const kernelName = "sluice-test"

// installed builds sluice, installs its kernelspec into a temporary prefix with
// `sluice install --prefix` and returns the environment that makes Jupyter find it.
func installed(t *testing.T) []string {
	t.Helper()
	bin := testenv.SluiceBinary(t)
	prefix := t.TempDir()
	out, err := exec.Command(bin, "install", "--prefix", prefix, "--name", kernelName).CombinedOutput()
	if err != nil {
		t.Fatalf("sluice install: %v\n%s", err, out)
	}
	dir := t.TempDir()
	return append(os.Environ(),
		"JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "runtime"),
		"JUPYTER_DATA_DIR="+filepath.Join(dir, "data"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(dir, "config"),
		"SLUICE_HOME="+filepath.Join(dir, "home"))
}

func TestKernelspecListedByJupyter(t *testing.T) {
	t.Parallel()
	py := testenv.Python(t, "jupyter_client")
	env := installed(t)
	// What `jupyter kernelspec list --json` prints, without needing that script.
	cmd := exec.Command(py, "-c", "import json; from jupyter_client.kernelspec import KernelSpecManager; "+
		"print(json.dumps({'kernelspecs': KernelSpecManager().get_all_specs()}))")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("listing kernelspecs: %v", err)
	}
	var list struct {
		Kernelspecs map[string]struct {
			Spec struct {
				Argv          []string `json:"argv"`
				InterruptMode string   `json:"interrupt_mode"`
				Language      string   `json:"language"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	ks, ok := list.Kernelspecs[kernelName]
	if !ok {
		t.Fatalf("kernelspec %s not listed: %s", kernelName, out)
	}
	if ks.Spec.InterruptMode != "message" || ks.Spec.Language != "go" || !filepath.IsAbs(ks.Spec.Argv[0]) {
		t.Errorf("spec = %+v", ks.Spec)
	}
}

// TestProtocolWithJupyterClient runs tests/jupyter/protocol_check.py against the real kernel.
func TestProtocolWithJupyterClient(t *testing.T) {
	t.Parallel()
	py := testenv.Python(t, "jupyter_client")
	env := installed(t)
	spec := map[string]any{
		"kernel_name": kernelName,
		"language":    "go",
		"hello":       map[string]string{"code": `fmt.Println("hello, world")`, "stdout": "hello, world"},
		"stderr":      map[string]string{"code": `fmt.Fprintln(os.Stderr, "oops")`, "stderr": "oops"},
		"result":      map[string]string{"code": "1 + 2", "text": "3"},
		"error":       map[string]string{"code": `panic("boom")`, "ename": "panic"},
		"display":     map[string]string{"code": `display.HTML("<b>x</b>")`, "mime": "text/html"},
		"stdin": []map[string]string{
			{
				"code":   "r := bufio.NewReader(os.Stdin)\nline, _ := r.ReadString('\\n')\nfmt.Print(\"got \", line)",
				"reply":  "Ada",
				"stdout": "got Ada"},
			{
				"code":   "var name string\nfmt.Print(\"Name: \")\n_, err := fmt.Scanln(&name)\nfmt.Println(\"hi\", name, err)",
				"prompt": "Name: ",
				"reply":  "Bo",
				"stdout": "hi Bo <nil>"},
		},
		"block":       "time.Sleep(time.Hour)",
		"complete":    map[string]string{"code": "fmt.Pri", "match": "Println"},
		"inspect":     map[string]string{"code": "fmt.Println"},
		"is_complete": map[string]string{"complete": "x := 1", "incomplete": "func f() {", "invalid": "x := := 1"},
		// Interrupts, crashes and exits in cells become cell errors; the session's
		// variables survive all of them.
		"cells": []map[string]any{
			{"code": "kept := 5"},
			{"code": "for {}", "interrupt": 0.5, "status": "error", "ename": "Interrupted"},
			{"code": "ch := make(chan int)\n<-ch", "interrupt": 0.5, "status": "error", "ename": "Interrupted"},
			{"code": "go func() { panic(\"in goroutine\") }()\ntime.Sleep(time.Second)", "status": "error"},
			{"code": "os.Exit(3)", "status": "error"},
			{"code": "log.Fatal(\"fatal\")", "status": "error"},
			{"code": "kept * 2", "result": "10"},
		},
	}
	specFile := filepath.Join(t.TempDir(), "spec.json")
	b, _ := json.Marshal(spec)
	os.WriteFile(specFile, b, 0o644)
	cmd := exec.Command(py, "protocol_check.py", specFile)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("protocol_check.py: %v", err)
	}
}

// outputSummary is one cell's outputs in short form: "stream:stdout:TEXT",
// "execute_result:MIME,MIME", "display_data:MIME", "error:ENAME".
func outputSummary(outputs []map[string]any) []string {
	var s []string
	for _, o := range outputs {
		typ := o["output_type"].(string)
		switch typ {
		case "stream":
			s = append(s, "stream:"+o["name"].(string)+":"+o["text"].(string))
		case "error":
			s = append(s, "error:"+o["ename"].(string))
		default:
			var mimes []string
			for m := range o["data"].(map[string]any) {
				if m != "text/plain" {
					mimes = append(mimes, m)
				}
			}
			if len(mimes) == 0 {
				mimes = append(mimes, "text/plain="+o["data"].(map[string]any)["text/plain"].(string))
			}
			s = append(s, typ+":"+strings.Join(mimes, ","))
		}
	}
	return s
}

// TestNotebooksWithNbconvert executes the notebooks in testdata with
// `jupyter nbconvert --to notebook --execute --allow-errors` and checks every cell's outputs.
func TestNotebooksWithNbconvert(t *testing.T) {
	t.Parallel()
	jupyter := testenv.Command(t, "jupyter")
	testenv.Python(t, "nbconvert", "nbclient")
	env := installed(t)
	outDir := t.TempDir()
	names := []string{"output", "errors", "display"}
	args := []string{"nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=" + kernelName, "--ExecutePreprocessor.timeout=60", "--output-dir", outDir}
	for _, n := range names {
		args = append(args, filepath.Join("testdata", n+".ipynb"))
	}
	cmd := exec.Command(jupyter, args...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert: %v\n%s", err, out)
	}
	want := map[string][][]string{
		"output": {
			{"stream:stdout:hello from sluice\n"},
			{"stream:stderr:to stderr\n"},
			nil,
			{"execute_result:text/plain=42"},
			{"execute_result:text/plain=82"},
			{"stream:stdout:from a goroutine\n", "execute_result:text/plain=true"},
			{"stream:stdout:0 1 2 \n"},
		},
		"errors": {
			{"stream:stdout:before the errors\n"},
			{"error:CompileError"},
			{"error:panic"},
			{"stream:stdout:still running\n"},
		},
		"display": {
			{"execute_result:text/html"},
			{"display_data:text/markdown"},
			{"display_data:text/html"},
			{"stream:stdout:after clear\n"},
		},
	}
	for _, n := range names {
		nb, err := runner.ReadNotebook(filepath.Join(outDir, n+".ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		if len(nb.Cells) != len(want[n]) {
			t.Fatalf("%s: %d cells", n, len(nb.Cells))
		}
		for i, c := range nb.Cells {
			got := outputSummary(c.Outputs)
			if strings.Join(got, "|") != strings.Join(want[n][i], "|") {
				t.Errorf("%s cell %d outputs = %q, want %q", n, i+1, got, want[n][i])
			}
			if c.ExecutionCount == nil || *c.ExecutionCount != i+1 {
				t.Errorf("%s cell %d execution_count = %v", n, i+1, c.ExecutionCount)
			}
		}
		if n == "display" {
			// The handle's update replaced the first HTML in place.
			html := nb.Cells[2].Outputs[0]["data"].(map[string]any)["text/html"]
			if html != "<i>second</i>" {
				t.Errorf("display update not applied: %q", html)
			}
		}
	}
}

// TestNbconvertStopsAtFailedCell: without --allow-errors a failing cell fails the run.
func TestNbconvertStopsAtFailedCell(t *testing.T) {
	t.Parallel()
	jupyter := testenv.Command(t, "jupyter")
	testenv.Python(t, "nbconvert", "nbclient")
	env := installed(t)
	cmd := exec.Command(jupyter, "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.kernel_name="+kernelName, "--output-dir", t.TempDir(), filepath.Join("testdata", "errors.ipynb"))
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("nbconvert succeeded on a notebook with a failing cell:\n%s", out)
	}
	if !strings.Contains(string(out), "undefinedName") {
		t.Errorf("nbconvert output does not name the error:\n%s", out)
	}
}

// TestConformanceSuite runs jupyter_kernel_test (Debian's python3-jupyter-kernel-test)
// with the samples in conformance_test.py.
func TestConformanceSuite(t *testing.T) {
	t.Parallel()
	py := testenv.Python(t, "jupyter_kernel_test")
	env := installed(t)
	cmd := exec.Command(py, "-m", "unittest", "-v", "conformance_test")
	cmd.Env = append(env, "SLUICE_KERNEL_NAME="+kernelName)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("jupyter_kernel_test: %v", err)
	}
}
