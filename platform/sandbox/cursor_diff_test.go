package sandbox_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestDifferentialSessions runs each script of testdata/sessions from its start on new
// connections to PostgreSQL and to the sandbox, once in the simple protocol and once in
// the extended one, comparing every statement's outcome as TestDifferentialPostgres
// does. Unlike that corpus, a script's statements depend on each other (cursors,
// transactions), so each runs exactly once per protocol.
func TestDifferentialSessions(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	known := knownDifferences(t)
	files, err := filepath.Glob("testdata/sessions/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no session scripts: %v", err)
	}
	ctx := context.Background()
	for _, f := range files {
		stmts := readScript(t, f)
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			pg := connect(t, pgDSN, pgx.QueryExecModeCacheStatement)
			sb := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
			passed, failed, listed := 0, 0, 0
			for _, st := range stmts {
				a, b := runDiff(ctx, pg, st.sql, mode), runDiff(ctx, sb, st.sql, mode)
				switch {
				case a.equal(b):
					passed++
				case known[st.sql]:
					listed++
				default:
					failed++
					t.Errorf("%s:%d (%v): %s\n    PostgreSQL: %s\n    sandbox:    %s", filepath.Base(f), st.line, mode, st.sql, a, b)
				}
			}
			pg.Close(ctx)
			sb.Close(ctx)
			t.Logf("%s, %v: %d passed, %d failed (%d more differ as DIFFERENCES.md lists)", filepath.Base(f), mode, passed, failed, listed)
		}
	}
}

type scriptStmt struct {
	line int
	sql  string
}

// readScript reads one statement per line, skipping blank lines and comments.
func readScript(t *testing.T, path string) []scriptStmt {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []scriptStmt
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "--") {
			continue
		}
		out = append(out, scriptStmt{line: n, sql: line})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(fmt.Errorf("%s: %w", path, err))
	}
	return out
}
