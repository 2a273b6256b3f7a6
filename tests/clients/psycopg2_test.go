package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestPsycopg2Cursors runs Debian's psycopg2 with named (server-side) cursors —
// iteration in itersize batches, fetchmany, scroll, WITH HOLD, the errors — and
// copy_expert/copy_to, against PostgreSQL and the sandbox.
func TestPsycopg2Cursors(t *testing.T) {
	py := testenv.Python(t, "psycopg2")
	want, got := runBoth(t, py, script("psycopg2_cursors.py"))
	compareLines(t, "psycopg2", want, got, nil)
}
