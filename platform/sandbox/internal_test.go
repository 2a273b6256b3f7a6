package sandbox

import (
	"bufio"
	"bytes"
	"errors"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

func TestSplitStatements(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"select 1", []string{"select 1"}},
		{"select 1; select 2;", []string{"select 1", " select 2"}},
		{"select ';' ; select \"a;b\"", []string{"select ';' ", " select \"a;b\""}},
		{"select $$a;b$$; select $x$ ; $x$", []string{"select $$a;b$$", " select $x$ ; $x$"}},
		{"select 1 -- ; no\n; /* ; */ select 2", []string{"select 1 -- ; no\n", " /* ; */ select 2"}},
		{"select 'it''s;'; ", []string{"select 'it''s;'"}},
		{" ; -- only a comment\n", nil},
		{"select $1; select a$b", []string{"select $1", " select a$b"}},
	}
	for _, c := range cases {
		got := splitStatements(c.in)
		if len(got) != len(c.want) {
			t.Errorf("split(%q) = %+v, want %q", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i].sql != c.want[i] {
				t.Errorf("split(%q)[%d] = %q, want %q", c.in, i, got[i].sql, c.want[i])
			}
		}
	}
	if p := splitStatements("select 1; select 2"); p[1].offset != 9 {
		t.Errorf("offset = %d, want 9", p[1].offset)
	}
}

func TestTxVerbAndTag(t *testing.T) {
	for q, want := range map[string]string{
		"BEGIN": "begin", "begin transaction isolation level serializable": "begin", "START TRANSACTION": "begin",
		"commit": "commit", "END": "commit", "rollback": "rollback", "ROLLBACK TO SAVEPOINT x": "", "select 1": "",
		"/* c */ Begin": "begin",
	} {
		if got := txVerb(q); got != want {
			t.Errorf("txVerb(%q) = %q, want %q", q, got, want)
		}
	}
	for q, want := range map[string]string{
		"create table t (a int)": "CREATE TABLE", "CREATE OR REPLACE VIEW v AS select 1": "CREATE VIEW",
		"drop table if exists t": "DROP TABLE", "insert into t values (1)": "INSERT", "-- x\nupdate t set a=1": "UPDATE",
	} {
		if got := commandTag(q); got != want {
			t.Errorf("commandTag(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestParseCopyFrom(t *testing.T) {
	spec, ok, err := parseCopyFrom(`COPY "My Table" (a, "B") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL 'NA')`)
	if !ok || err != nil {
		t.Fatalf("ok %v err %v", ok, err)
	}
	if spec.table != `"My Table"` || len(spec.columns) != 2 || spec.columns[1] != `"B"` || !spec.csv || !spec.header || spec.delim != ";" || spec.null != "NA" {
		t.Errorf("spec %+v", spec)
	}
	spec, ok, _ = parseCopyFrom(`copy s.t from stdin`)
	if !ok || spec.table != "s.t" || spec.csv || spec.delim != "\t" || spec.null != `\N` {
		t.Errorf("text spec %+v", spec)
	}
	spec, ok, _ = parseCopyFrom(`COPY t FROM STDIN CSV HEADER`)
	if !ok || !spec.csv || !spec.header || spec.delim != "," {
		t.Errorf("legacy csv spec %+v", spec)
	}
	spec, ok, _ = parseCopyFrom(`COPY t FROM STDIN DELIMITER '|' NULL 'NA' CSV QUOTE '''' ESCAPE '\'`)
	if !ok || !spec.csv || spec.delim != "|" || spec.null != "NA" || spec.quote != "'" || spec.escape != `\` {
		t.Errorf("legacy options spec %+v", spec)
	}
	if _, ok, _ := parseCopyFrom(`COPY t FROM 'file.csv'`); ok {
		t.Error("COPY from a file taken as FROM STDIN")
	}
	if _, ok, _ := parseCopyFrom(`COPY t TO STDOUT`); ok {
		t.Error("COPY TO taken as FROM STDIN")
	}
	if _, ok, err := parseCopyFrom(`COPY t FROM STDIN (FORMAT binary)`); !ok || err == nil {
		t.Error("binary format accepted")
	}
}

func TestTextToCSV(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	conv := &textToCSV{w: w, delim: "\t", null: `\N`}
	// Chunks split mid-line; escapes, quotes, NULLs, the end marker.
	for _, chunk := range []string{"1\ta\\tb\\\\c\n2\t\\N", "\tx\"y\n3\t\\x41\\101\n\\.\n4\tignored\n"} {
		if err := conv.write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	conv.flush()
	w.Flush()
	want := "\"1\",\"a\tb\\c\"\n\"2\",,\"x\"\"y\"\n\"3\",\"AA\"\n"
	if out.String() != want {
		t.Errorf("csv =\n%q\nwant\n%q", out.String(), want)
	}
}

// TestTextToCSVEscapedDelimiter checks that a backslash-escaped delimiter (how
// PostgreSQL writes a custom delimiter that occurs inside a value) stays in its field.
func TestTextToCSVEscapedDelimiter(t *testing.T) {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	conv := &textToCSV{w: w, delim: "|", null: `\N`}
	if err := conv.write([]byte("1|a\\|b\\\\|\\N\n")); err != nil {
		t.Fatal(err)
	}
	conv.flush()
	w.Flush()
	want := "\"1\",\"a|b\\\",\n"
	if out.String() != want {
		t.Errorf("csv =\n%q\nwant\n%q", out.String(), want)
	}
}

func TestTranslatePosition(t *testing.T) {
	sql := "SELECT a\nFROM some_table_name WHERE"
	err := &duckdb.Error{Type: duckdb.ErrorTypeCatalog, Msg: "Catalog Error: Table with name some_table_name does not exist!\nDid you mean \"x\"?\n\nLINE 2: FROM some_table_name WHERE\n             ^"}
	e := translate(t.Context(), err, sql, 10)
	if e.code != "42P01" || e.position != 10+15 || e.msg != `relation "some_table_name" does not exist` || e.hint != `Did you mean "x"?` {
		t.Errorf("translated %+v", e)
	}
	// DuckDB elides long lines with "..."; the position is still found.
	long := "SELECT " + string(bytes.Repeat([]byte("x, "), 40)) + "nosuch FROM t"
	err = &duckdb.Error{Type: duckdb.ErrorTypeBinder, Msg: "Binder Error: Referenced column \"nosuch\" not found in FROM clause!\n\nLINE 1: ...x, x, nosuch FROM t\n                 ^"}
	e = translate(t.Context(), err, long, 0)
	if want := len("SELECT ") + 120 + 1; e.position != want || e.code != "42703" {
		t.Errorf("long line: position %d code %s, want %d 42703", e.position, e.code, want)
	}
	if e := translate(t.Context(), errors.New("boom"), "x", 0); e.msg != "boom" {
		t.Errorf("plain error %+v", e)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "[::1]:0": true, "localhost:5433": true,
		"0.0.0.0:5433": false, ":5433": false, "192.168.1.2:5433": false} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v", addr, err)
		}
	}
	if _, err := Serve(t.Context(), Options{Dir: t.TempDir(), Listen: "0.0.0.0:0"}); err == nil {
		t.Error("served on all interfaces")
	}
}
