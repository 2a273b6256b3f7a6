package sandbox

import (
	"testing"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// TestRetarget renames the referenced table and columns in DuckDB's definition of a
// referencing table, and nothing else.
func TestRetarget(t *testing.T) {
	create := `CREATE TABLE fk_c(id INTEGER PRIMARY KEY, pid INTEGER, note VARCHAR DEFAULT('REFERENCES fk_p(code)'), ` +
		`FOREIGN KEY (pid) REFERENCES fk_p(id), FOREIGN KEY (a, b) REFERENCES fk_p(code, "Mixed"), FOREIGN KEY (x) REFERENCES other(code));`
	d := &pgsql.AlterDef{Rel: pgsql.Rel{Name: "fk_p"}, Renamed: map[string]string{"code": "code2", "Mixed": "plain"}}
	want := `CREATE TABLE fk_c(id INTEGER PRIMARY KEY, pid INTEGER, note VARCHAR DEFAULT('REFERENCES fk_p(code)'), ` +
		`FOREIGN KEY (pid) REFERENCES fk_p(id), FOREIGN KEY (a, b) REFERENCES fk_p(code2, plain), FOREIGN KEY (x) REFERENCES other(code));`
	if got := retarget(create, d); got != want {
		t.Errorf("retarget:\n got %s\nwant %s", got, want)
	}
	d = &pgsql.AlterDef{Rel: pgsql.Rel{Name: "fk_p"}, NewTable: "New", Renamed: map[string]string{}}
	if got := retarget("CREATE TABLE c(p INTEGER, FOREIGN KEY (p) REFERENCES fk_p(id));", d); got != `CREATE TABLE c(p INTEGER, FOREIGN KEY (p) REFERENCES "New"(id));` {
		t.Errorf("retarget of a renamed table: %s", got)
	}
}
