package sandbox_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/qs"
)

// sluice runs the real binary with SLUICE_HOME set to home.
func sluice(t *testing.T, bin, home string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "SLUICE_HOME="+home)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("sluice %v: %v", args, err)
	}
	return string(out), code
}

func TestLifecycleAndDurability(t *testing.T) {
	bin := testenv.SluiceBinary(t)
	home := t.TempDir()
	dir := filepath.Join(home, "sandbox")
	t.Cleanup(func() { sluice(t, bin, home, "sandbox", "stop") })

	if out, code := sluice(t, bin, home, "sandbox", "status"); code != 3 || !strings.Contains(out, "not running") {
		t.Fatalf("status before start: %d %s", code, out)
	}
	// Two starts at once get one sandbox.
	var wg sync.WaitGroup
	outs := make([]string, 2)
	codes := make([]int, 2)
	for i := range outs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			outs[i], codes[i] = sluice(t, bin, home, "sandbox", "start")
		}(i)
	}
	wg.Wait()
	if codes[0] != 0 || codes[1] != 0 || outs[0] != outs[1] {
		t.Fatalf("concurrent starts:\n%d %s\n%d %s", codes[0], outs[0], codes[1], outs[1])
	}
	st, err := qs.ReadSandboxState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(outs[0], st.Password) || !strings.Contains(outs[0], "xxxxx") {
		t.Errorf("start output shows the password or no redaction: %s", outs[0])
	}
	for _, f := range []string{"address", "port", "pid", "password"} {
		fi, err := os.Stat(filepath.Join(dir, f))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v mode %v, want 0600", f, err, fi.Mode().Perm())
		}
	}
	if out, code := sluice(t, bin, home, "sandbox", "status"); code != 0 || !strings.Contains(out, "running") || strings.Contains(out, st.Password) {
		t.Fatalf("status: %d %s", code, out)
	}

	// Commit data, then kill -9 the sandbox.
	ctx := context.Background()
	c, err := qs.Open(ctx, st.DSN(), qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "CREATE TABLE kept AS SELECT range AS id FROM range(1000)"); err != nil {
		t.Fatal(err)
	}
	tx, _ := c.Begin(ctx)
	tx.Exec(ctx, "INSERT INTO kept VALUES (5000)")
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	tx, _ = c.Begin(ctx)
	tx.Exec(ctx, "INSERT INTO kept VALUES (6000)") // never committed
	if err := syscall.Kill(st.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && syscall.Kill(st.PID, 0) == nil; i++ {
		time.Sleep(20 * time.Millisecond)
	}
	tx.Rollback(ctx) // fails (the server is gone) but returns the connection to the pool
	c.Close()
	if out, code := sluice(t, bin, home, "sandbox", "status"); code != 3 {
		t.Fatalf("status after kill -9: %d %s", code, out)
	}

	// Restart through qs.Resolve, the way a kernel with no DSN does.
	t.Setenv("SLUICE_HOME", home)
	t.Setenv("SLUICE_BIN", bin)
	for _, k := range []string{"SLUICE_DSN", "DATABASE_URL", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", t.TempDir())
	dsn, source, err := qs.Resolve()
	if err != nil || source != qs.SourceSandbox {
		t.Fatalf("Resolve: %q %v", source, err)
	}
	c, err = qs.Open(ctx, dsn, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tab, err := c.Query(ctx, "SELECT count(*) AS n, max(id) AS m FROM kept")
	if err != nil {
		t.Fatal(err)
	}
	if n, m := tab.Columns[0].Value(0), tab.Columns[1].Value(0); n != int64(1001) || m != int64(5000) {
		t.Errorf("after kill -9 and restart: count %v max %v, want 1001 and 5000", n, m)
	}

	// Graceful stop.
	if out, code := sluice(t, bin, home, "sandbox", "stop"); code != 0 || !strings.Contains(out, "stopped") {
		t.Fatalf("stop: %d %s", code, out)
	}
	if out, code := sluice(t, bin, home, "sandbox", "status"); code != 3 {
		t.Fatalf("status after stop: %d %s", code, out)
	}
}
