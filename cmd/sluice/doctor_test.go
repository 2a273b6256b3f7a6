package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// sluice doctor names a missing Sluice kernelspec with its fix, then the installed one
// and the binary it points at (and a binary that is gone), where the DSN comes from with
// its password redacted, and exits 1 while something is missing.
func TestDoctor(t *testing.T) {
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	env := append(os.Environ(), "HOME="+dir, "JUPYTER_PATH=", "JUPYTER_DATA_DIR="+filepath.Join(dir, "jdata"),
		"SLUICE_HOME="+filepath.Join(dir, "home"), "SLUICE_DSN=postgres://analyst:s3cr3t-pw@127.0.0.1:5999/warehouse",
		"DATABASE_URL=", "PGHOST=", "PGPORT=", "PGDATABASE=", "PGUSER=", "PGSERVICE=")
	doctor := func() (int, string) {
		t.Helper()
		cmd := exec.Command(bin, "doctor")
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}
	code, out := doctor()
	if code != 1 || !strings.Contains(out, "MISSING the Sluice kernelspec") || !strings.Contains(out, "fix: "+bin+" install --user") {
		t.Fatalf("exit %d without a kernelspec:\n%s", code, out)
	}
	if !strings.Contains(out, "DSN from SLUICE_DSN: postgres://analyst:") || strings.Contains(out, "s3cr3t-pw") {
		t.Fatalf("the DSN's source, redacted:\n%s", out)
	}

	install := exec.Command(bin, "install", "--user")
	install.Env = env
	if b, err := install.CombinedOutput(); err != nil {
		t.Fatalf("sluice install --user: %v\n%s", err, b)
	}
	code, out = doctor()
	spec := filepath.Join(dir, "jdata", "kernels", "sluice")
	if !strings.Contains(out, "ok    sluice ("+spec+"): "+bin) || strings.Contains(out, "MISSING the Sluice kernelspec") {
		t.Fatalf("after install:\n%s", out)
	}
	if _, err := exec.LookPath("jupyter"); err == nil && code != 0 {
		t.Fatalf("exit %d with everything installed:\n%s", code, out)
	}

	// The kernelspec's binary is gone.
	path := filepath.Join(spec, "kernel.json")
	data, _ := os.ReadFile(path)
	var ks map[string]any
	if err := json.Unmarshal(data, &ks); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "moved", "sluice")
	ks["argv"].([]any)[0] = gone
	data, _ = json.Marshal(ks)
	os.WriteFile(path, data, 0o644)
	code, out = doctor()
	if code != 1 || !strings.Contains(out, "points at "+gone+", which does not exist") {
		t.Fatalf("exit %d with the kernel's binary gone:\n%s", code, out)
	}
}
