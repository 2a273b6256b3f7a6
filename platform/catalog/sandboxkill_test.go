package catalog

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// startSandboxProcess runs a sandbox on dir in a child process (this test binary) and
// returns the process and a DSN for it.
func startSandboxProcess(t *testing.T, ctx context.Context, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestSandboxChild$")
	cmd.Env = append(os.Environ(), "SLUICE_CATALOG_SANDBOX_DIR="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if dsn, ok := strings.CutPrefix(sc.Text(), "DSN "); ok {
			go io.Copy(io.Discard, out)
			return cmd, dsn
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	t.Fatalf("sandbox child did not start (%v)", sc.Err())
	return nil, ""
}

// TestSandboxKilledMidBatch kills the sandbox process (SIGKILL) while a batch is being
// copied, restarts it on the same data, and checks that the earlier batch is intact,
// no row of the interrupted batch is visible and the batch is reported failed.
func TestSandboxKilledMidBatch(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	child, dsn := startSandboxProcess(t, ctx, dir)
	db, err := qs.Open(ctx, dsn, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := New(db)
	if _, err := c.CreateDataset(ctx, eventsSpec()); err != nil {
		t.Fatal(err)
	}
	first, err := c.Ingest(ctx, "events", eventRows(20, 5, "kept"), IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.afterChunk = func(batch int64, chunk int) error {
		if chunk == 2 {
			_ = child.Process.Kill()
			_ = child.Wait()
		}
		return nil
	}
	batch, err := c.Ingest(ctx, "events", eventRows(100, 5, "lost"), IngestOptions{ChunkRows: 10})
	if err == nil {
		t.Fatal("ingest into a killed sandbox succeeded")
	}
	db.Close()

	child, dsn = startSandboxProcess(t, ctx, dir)
	defer func() { _ = child.Process.Kill(); _ = child.Wait() }()
	db2, err := qs.Open(ctx, dsn, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	c2 := New(db2)
	bs, err := c2.BatchList(ctx, "events")
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].ID != first.ID || bs[0].Status != StatusSuccess || bs[1].ID != batch.ID || bs[1].Status != StatusFailed {
		t.Fatalf("batches after restart: %v", bs)
	}
	if n := count(t, ctx, db2, `SELECT COUNT(*) FROM events`); n != 20 {
		t.Fatalf("%d rows after restart, want the 20 of the committed batch", n)
	}
	if n := count(t, ctx, db2, `SELECT COUNT(*) FROM events WHERE _batch_id = $1`, batch.ID); n != 0 {
		t.Fatalf("%d rows of the interrupted batch are visible", n)
	}
}

// TestSandboxChild is the sandbox process of TestSandboxKilledMidBatch.
func TestSandboxChild(t *testing.T) {
	dir := os.Getenv("SLUICE_CATALOG_SANDBOX_DIR")
	if dir == "" {
		t.Skip("helper process for TestSandboxKilledMidBatch")
	}
	srv, err := sandbox.Serve(context.Background(), sandbox.Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("DSN %s\n", srv.DSN())
	time.Sleep(2 * time.Minute) // killed by the parent long before
	srv.Close()
}
