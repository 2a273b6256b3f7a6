//go:build linux

package kernel

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// scriptKernelEnv, when set to 1, makes this test binary run as a kernel with the
// script engine (the test below points a kernelspec at it), with output capture and
// SIGINT handling as the sluice binary has them.
const scriptKernelEnv = "SLUICE_SCRIPT_KERNEL"

func TestMain(m *testing.M) {
	if os.Getenv(scriptKernelEnv) == "1" {
		err := Run(context.Background(), os.Args[len(os.Args)-1], &scriptEngine{},
			Options{CaptureOutput: true, HandleSIGINT: true})
		if err != nil && err != ErrRestart {
			os.Stderr.WriteString("script kernel: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestJupyterClient drives the kernel through Debian's jupyter_client, as a front end
// does: kernelspec lookup, wait_for_ready, execute, stdin, interrupt by message,
// completion, history and shutdown.
func TestJupyterClient(t *testing.T) {
	py := testenv.Python(t, "jupyter_client")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	specDir := filepath.Join(dir, "kernels", "sluice-script")
	os.MkdirAll(specDir, 0o755)
	writeJSON(t, filepath.Join(specDir, "kernel.json"), map[string]any{
		"argv":           []string{exe, "{connection_file}"},
		"display_name":   "script engine",
		"language":       "go",
		"interrupt_mode": "message",
		"env":            map[string]string{scriptKernelEnv: "1"},
	})
	spec := filepath.Join(dir, "spec.json")
	writeJSON(t, spec, map[string]any{
		"kernel_name": "sluice-script",
		"language":    "go",
		"hello":       map[string]string{"code": "print hello, world", "stdout": "hello, world"},
		"stderr":      map[string]string{"code": "stderr oops", "stderr": "oops"},
		"result":      map[string]string{"code": "value 3", "text": "3"},
		"error":       map[string]string{"code": "error", "ename": "TestError"},
		"display":     map[string]string{"code": "html <b>x</b>", "mime": "text/html"},
		"stdin":       map[string]string{"code": "readline", "reply": "Ada", "stdout": "read Ada"},
		"block":       "wait",
		"complete":    map[string]string{"code": "fmt.Pri", "match": "Println"},
		"inspect":     map[string]string{"code": "fmt"},
		"is_complete": map[string]string{"complete": "x", "incomplete": "func f() {", "invalid": "x := := 1"},
	})
	script := filepath.Join(testenv.RepoRoot(t), "tests", "jupyter", "protocol_check.py")
	cmd := exec.Command(py, script, spec)
	cmd.Env = append(os.Environ(), "JUPYTER_PATH="+dir, "JUPYTER_RUNTIME_DIR="+filepath.Join(dir, "runtime"),
		"JUPYTER_DATA_DIR="+filepath.Join(dir, "data"), "JUPYTER_CONFIG_DIR="+filepath.Join(dir, "config"))
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("protocol_check.py: %v", err)
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
