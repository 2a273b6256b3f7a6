package sandbox_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/platform/sandbox"
)

// TestDataDirWithURLCharacters checks that a data directory whose path holds '%', a
// space and '#' (which the DuckDB driver's DSN parsing trips on) serves, applies its
// options and keeps its rows in that directory across a restart.
func TestDataDirWithURLCharacters(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	dir := filepath.Join(base, "50% off #1")
	serve := func() *sandbox.Server {
		t.Helper()
		srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir, CheckpointThreshold: "256KiB"})
		if err != nil {
			t.Fatal(err)
		}
		return srv
	}
	srv := serve()
	c := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	var setting string
	if err := c.QueryRow(ctx, "SELECT current_setting('checkpoint_threshold')").Scan(&setting); err != nil {
		t.Fatal(err)
	}
	if setting != "256.0 KiB" {
		t.Errorf("checkpoint_threshold = %q, want 256.0 KiB", setting)
	}
	for _, q := range []string{"CREATE TABLE kept (s text)", "INSERT INTO kept VALUES ('here')"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	c.Close(ctx)
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, sandbox.DBFile)); err != nil || st.Size() == 0 {
		t.Fatalf("database file in the data directory: %v", err)
	}
	if entries, _ := os.ReadDir(base); len(entries) != 1 {
		t.Errorf("files beside the data directory: %v", entries)
	}

	srv = serve()
	defer srv.Close()
	c = connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	defer c.Close(ctx)
	var s string
	if err := c.QueryRow(ctx, "SELECT s FROM kept").Scan(&s); err != nil || s != "here" {
		t.Fatalf("after a restart: %q, %v", s, err)
	}
}

// TestDataDirWithQuestionMark checks that a data directory whose path holds '?' is
// refused with a message naming it, before anything is created beside it (the driver
// would have opened the path cut short at the '?').
func TestDataDirWithQuestionMark(t *testing.T) {
	base := t.TempDir()
	_, err := sandbox.Serve(context.Background(), sandbox.Options{Dir: filepath.Join(base, "a?b")})
	if err == nil || !strings.Contains(err.Error(), "'?'") {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(base); len(entries) > 1 {
		t.Errorf("files beside the data directory: %v", entries)
	}
}
