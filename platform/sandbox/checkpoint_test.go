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

// TestCheckpointThreshold checks that Options.CheckpointThreshold reaches DuckDB: with
// the default a committed COPY stays in the write-ahead log, with a small threshold the
// commit checkpoints it into the database file; the rows are there either way, also
// after the server reopens the directory.
func TestCheckpointThreshold(t *testing.T) {
	ctx := context.Background()
	var data strings.Builder
	for i := 0; i < 20000; i++ {
		data.WriteString("1,\"some text to make the row about a hundred bytes long, some text to make it longer\"\n")
	}
	for _, tc := range []struct {
		threshold  string
		walAtMost  int64 // after the commit
		walAtLeast int64
	}{
		{"", 1 << 62, 1 << 20},
		{"256KiB", 64 << 10, 0},
	} {
		dir := t.TempDir()
		srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir, CheckpointThreshold: tc.threshold})
		if err != nil {
			t.Fatal(err)
		}
		c := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
		var setting string
		if err := c.QueryRow(ctx, "SELECT current_setting('checkpoint_threshold')").Scan(&setting); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"": "1.0 GiB", "256KiB": "256.0 KiB"}[tc.threshold]
		if setting != want {
			t.Errorf("threshold %q: checkpoint_threshold = %q, want %q", tc.threshold, setting, want)
		}
		for _, q := range []string{"CREATE TABLE t (a bigint, s text)", "CHECKPOINT", "BEGIN"} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatal(q, err)
			}
		}
		if _, err := c.PgConn().CopyFrom(ctx, strings.NewReader(data.String()), "COPY t FROM STDIN (FORMAT csv)"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "COMMIT"); err != nil {
			t.Fatal(err)
		}
		var wal int64
		if st, err := os.Stat(filepath.Join(dir, sandbox.DBFile+".wal")); err == nil {
			wal = st.Size()
		}
		if wal > tc.walAtMost || wal < tc.walAtLeast {
			t.Errorf("threshold %q: WAL of %d bytes after the commit, want %d…%d", tc.threshold, wal, tc.walAtLeast, tc.walAtMost)
		}
		c.Close(ctx)
		srv.Close()
		srv, err = sandbox.Serve(ctx, sandbox.Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		c = connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
		var n int64
		if err := c.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n != 20000 {
			t.Errorf("threshold %q: %d rows after reopening (%v), want 20000", tc.threshold, n, err)
		}
		c.Close(ctx)
		srv.Close()
	}
}
