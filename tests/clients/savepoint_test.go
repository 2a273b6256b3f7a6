package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestSQLAlchemy2Savepoints runs Session.begin_nested() of SQLAlchemy 2 (PyPI) through
// psycopg2 against PostgreSQL and the sandbox, which replays the transaction for
// ROLLBACK TO SAVEPOINT (platform/sandbox/savepoint.go).
func TestSQLAlchemy2Savepoints(t *testing.T) {
	want, got := runBoth(t, testenv.VenvPython(t, "sqlalchemy", "psycopg2"), script("sqlalchemy_savepoint.py"))
	compareLines(t, "SQLAlchemy 2 savepoints", want, got, nil)
}
