package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
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
	py := testenv.Python(t, "sqlalchemy", "psycopg2")
	pg := testdb.DatabaseDSN(t)
	srv := testdb.SandboxServer(t)
	want := runScript(t, py, script("sqlalchemy_orm.py"), pg)
	if want[0] != "version 1" {
		t.Fatalf("Debian's SQLAlchemy is not 1.x: %s", want[0])
	}
	got := runScript(t, py, script("sqlalchemy_orm.py"), srv.DSN())
	compareLines(t, "SQLAlchemy 1.4", want, got, sqlalchemyKnown)
}

// TestSQLAlchemy2 runs the same script with SQLAlchemy 2 from the PyPI environment.
func TestSQLAlchemy2(t *testing.T) {
	py := testenv.VenvPython(t, "sqlalchemy", "psycopg2")
	pg := testdb.DatabaseDSN(t)
	srv := testdb.SandboxServer(t)
	want := runScript(t, py, script("sqlalchemy_orm.py"), pg)
	if want[0] != "version 2" {
		t.Fatalf("the environment's SQLAlchemy is not 2.x: %s", want[0])
	}
	got := runScript(t, py, script("sqlalchemy_orm.py"), srv.DSN())
	compareLines(t, "SQLAlchemy 2", want, got, sqlalchemyKnown)
}
