package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// VenvDir returns the directory of the tests' PyPI virtual environment: $SLUICE_VENV, or
// .venv at the repository root (where .ci/venv creates it).
func VenvDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("SLUICE_VENV"); d != "" {
		return d
	}
	return filepath.Join(RepoRoot(t), ".venv")
}

// VenvPython returns the virtual environment's python after checking that it can import
// every module named, or skips/fails (create the environment with .ci/venv).
func VenvPython(t testing.TB, modules ...string) string {
	t.Helper()
	py := filepath.Join(VenvDir(t), "bin", "python")
	if _, err := os.Stat(py); err != nil {
		Missing(t, "the PyPI test environment "+VenvDir(t)+" (create it with .ci/venv)")
	}
	if len(modules) > 0 {
		code := "import " + strings.Join(modules, ", ")
		if out, err := exec.Command(py, "-c", code).CombinedOutput(); err != nil {
			Missing(t, "python modules "+strings.Join(modules, ", ")+" in "+VenvDir(t)+" (run .ci/venv): "+strings.TrimSpace(string(out)))
		}
	}
	return py
}

// VenvCommand returns the path of an executable installed in the virtual environment
// (e.g. "jupyter", "papermill"), or skips/fails.
func VenvCommand(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(VenvDir(t), "bin", name)
	if fi, err := os.Stat(p); err != nil || fi.Mode()&0o111 == 0 {
		Missing(t, name+" in the PyPI test environment "+VenvDir(t)+" (create it with .ci/venv)")
	}
	return p
}
