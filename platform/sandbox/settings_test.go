package sandbox_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/platform/sandbox"
)

// TestDuckDBSettings checks that DuckDB's memory_limit and threads reach the database:
// the defaults, sandbox.conf in the data directory, and Options over the file; a
// settings file with an unknown name or a bad value stops the start.
func TestDuckDBSettings(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name        string
		conf        string
		opts        sandbox.Options
		mem, thread string
	}{
		{"defaults", "", sandbox.Options{}, "256.0 MiB", strconv.Itoa(sandbox.DefaultThreads())},
		{"file", "# a comment\n\nmemory_limit = 1GiB\nthreads='1'\n", sandbox.Options{}, "1.0 GiB", "1"},
		{"options over file", "memory_limit = 1GiB\nthreads = 1\n", sandbox.Options{MemoryLimit: "100MiB", Threads: 3}, "100.0 MiB", "3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.conf != "" {
				if err := os.WriteFile(filepath.Join(dir, sandbox.SettingsFile), []byte(tc.conf), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			opts := tc.opts
			opts.Dir = dir
			srv, err := sandbox.Serve(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			c := connect(t, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
			var mem, threads string
			if err := c.QueryRow(ctx, "SELECT current_setting('memory_limit'), current_setting('threads')::text").Scan(&mem, &threads); err != nil {
				t.Fatal(err)
			}
			if mem != tc.mem || threads != tc.thread {
				t.Errorf("memory_limit %q, threads %q; want %q, %q", mem, threads, tc.mem, tc.thread)
			}
		})
	}
	for _, bad := range []string{"memory_limit 1GiB\n", "max_memory = 1GiB\n", "threads = 0\n", "memory_limit = lots\n"} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, sandbox.SettingsFile), []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir})
		if err == nil {
			srv.Close()
			t.Errorf("sandbox.conf %q: the sandbox started", bad)
		} else if !strings.Contains(err.Error(), "sandbox") {
			t.Errorf("sandbox.conf %q: error %v does not say where it comes from", bad, err)
		}
	}
}
