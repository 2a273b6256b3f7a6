package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestRunSignsAndTrustSigns runs a notebook with the real binary and asks nbformat's
// NotebookNotary (PyPI test environment) whether Jupyter trusts the result: `sluice run`
// signs it, --no-sign does not, and `sluice trust` signs the unsigned one.
func TestRunSignsAndTrustSigns(t *testing.T) {
	py := testenv.VenvPython(t, "nbformat")
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	jdata := filepath.Join(dir, "jdata")
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "JUPYTER_DATA_DIR" && k != "JUPYTER_PATH" && k != "HOME" && k != "SLUICE_HOME" {
			env = append(env, kv)
		}
	}
	env = append(env, "JUPYTER_DATA_DIR="+jdata, "HOME="+dir, "SLUICE_HOME="+filepath.Join(dir, "sluice"))
	nb := filepath.Join(dir, "in.ipynb")
	src := `{"cells": [{"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [],
  "source": ["import \"github.com/sluice-dev/sluice/display\"\n", "display.HTML(\"<b>bold</b>\")"]},
 {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {}, "outputs": [], "source": "x := 0.1 + 0.2\nx"}],
 "metadata": {"kernelspec": {"name": "sluice", "display_name": "Go (Sluice)", "language": "go"}},
 "nbformat": 4, "nbformat_minor": 5}`
	if err := os.WriteFile(nb, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sluice := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sluice %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	signed, unsigned := filepath.Join(dir, "signed.ipynb"), filepath.Join(dir, "unsigned.ipynb")
	sluice("run", "--quiet", "--output", signed, nb)
	sluice("run", "--quiet", "--no-sign", "--output", unsigned, nb)
	trusted := func() string {
		t.Helper()
		script := `
import sys
import nbformat
from nbformat.sign import NotebookNotary
with NotebookNotary(data_dir=sys.argv[1]) as notary:
    print(*[notary.check_signature(nbformat.read(p, as_version=4)) for p in sys.argv[2:]])
`
		out, err := exec.Command(py, "-c", script, jdata, signed, unsigned).CombinedOutput()
		if err != nil {
			t.Fatalf("nbformat: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if got := trusted(); got != "True False" {
		t.Fatalf("after sluice run and run --no-sign, nbformat trusts them: %s, want True False", got)
	}
	if out := sluice("trust", unsigned); !strings.Contains(out, unsigned) {
		t.Errorf("sluice trust printed %q", out)
	}
	if got := trusted(); got != "True True" {
		t.Errorf("after sluice trust, nbformat trusts them: %s, want True True", got)
	}
	cmd := exec.Command(bin, "trust", filepath.Join(dir, "missing.ipynb"))
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "missing.ipynb") {
		t.Errorf("sluice trust of a missing file: %v %s", err, out)
	}
}
