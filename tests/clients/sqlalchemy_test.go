package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// sqlalchemyKnown are the lines of sqlalchemy_orm.py that differ, with why.
var sqlalchemyKnown = map[string]string{
	"column": "varchar(n) is text in the sandbox (DuckDB has one string type)",
}

// TestSQLAlchemy14 runs Debian's SQLAlchemy 1.4 (python3-sqlalchemy) through psycopg2:
// create_all from a declarative model (serial keys, a foreign key, an index, a unique
// constraint), reflection (get_table_names, get_columns, get_pk_constraint,
// get_indexes, get_unique_constraints, get_foreign_keys), an ORM round trip and
// stream_results, against PostgreSQL and the sandbox.
func TestSQLAlchemy14(t *testing.T) {
	sqlalchemyORM(t, testenv.Python(t, "sqlalchemy", "psycopg2"), "1", "SQLAlchemy 1.4")
}

// TestSQLAlchemy2 runs the same script with SQLAlchemy 2 from the PyPI environment.
func TestSQLAlchemy2(t *testing.T) {
	sqlalchemyORM(t, testenv.VenvPython(t, "sqlalchemy", "psycopg2"), "2", "SQLAlchemy 2")
}

// sqlalchemyORM runs sqlalchemy_orm.py with py, whose SQLAlchemy must be of version
// major, and compares what it printed on the two servers.
func sqlalchemyORM(t *testing.T, py, major, client string) {
	t.Helper()
	want, got := runBoth(t, py, script("sqlalchemy_orm.py"))
	if want[0] != "version "+major {
		t.Fatalf("%s: %s's SQLAlchemy is not %s.x: %s", client, py, major, want[0])
	}
	compareLines(t, client, want, got, sqlalchemyKnown)
}
