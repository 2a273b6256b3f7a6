package clients_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestNodePostgres runs node-postgres (pg from npm, installed into tests/clients by
// `npm install`) against PostgreSQL and the sandbox, the sandbox through TLS.
func TestNodePostgres(t *testing.T) {
	node := testenv.Command(t, "node")
	if _, err := os.Stat(filepath.Join("node_modules", "pg")); err != nil {
		testenv.Missing(t, "node-postgres (run npm install in tests/clients)")
	}
	pg := testdb.DatabaseDSN(t)
	srv := testdb.SandboxServer(t)
	want := runScript(t, node, script("nodepg.mjs"), "plain", pg)
	got := runScript(t, node, script("nodepg.mjs"), "tls", srv.DSN())
	compareLines(t, "node-postgres", want, got, map[string]string{
		"tls": "the sandbox is reached through TLS, the test PostgreSQL without",
	})
}
