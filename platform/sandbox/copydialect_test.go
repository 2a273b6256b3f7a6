package sandbox_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestCopyFromStdinDialects loads CSV in several dialects (header, CRLF line ends, a
// custom delimiter and NULL marker, quoted newlines and quotes) and PostgreSQL's text
// format, and checks every value, NULL and empty string apart.
func TestCopyFromStdinDialects(t *testing.T) {
	srv := startSandbox(t)
	ctx := context.Background()
	c := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	if _, err := c.Exec(ctx, "CREATE TABLE d (id bigint, s text, f double precision, b boolean, ts timestamptz)"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, sql, data string
	}{
		{"csv header crlf", "COPY d FROM STDIN WITH (FORMAT csv, HEADER true)",
			"id,s,f,b,ts\r\n1,\"a \"\"q\"\", b\",1.5,true,2024-01-02 03:04:05.25Z\r\n2,,,,\r\n3,\"\",-0.5,false,2024-01-02 03:04:05+02\r\n"},
		{"csv delimiter null", "COPY d (id, s, f) FROM STDIN WITH (FORMAT csv, DELIMITER ';', NULL 'NA')",
			"4;\"line1\nline2\";NA\n5;NA;2\n6;\"\";3\n"},
		{"text", "COPY d (id, s, b) FROM STDIN",
			"7\ttab\\there\\\\x\tt\n8\t\\N\tf\n9\t\t\\N\n"},
	}
	for _, tc := range cases {
		if _, err := c.PgConn().CopyFrom(ctx, strings.NewReader(tc.data), tc.sql); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	rows, err := c.Query(ctx, `SELECT id, coalesce('<'||s||'>', 'NULL'), coalesce(f::text, 'NULL'), coalesce(b::text, 'NULL'),
		coalesce(strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f'), 'NULL') FROM d ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var id int64
		var s, f, b, ts string
		if err := rows.Scan(&id, &s, &f, &b, &ts); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{s, f, b, ts}, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`<a "q", b>|1.5|true|2024-01-02 03:04:05.250000`,
		`NULL|NULL|NULL|NULL`,
		`<>|-0.5|false|2024-01-02 01:04:05.000000`,
		"<line1\nline2>|NULL|NULL|NULL",
		`NULL|2|NULL|NULL`, // f::text is PostgreSQL's text of a double (2, not 2.0)
		`<>|3|NULL|NULL`,
		"<tab\there\\x>|NULL|true|NULL",
		`NULL|NULL|false|NULL`,
		`<>|NULL|NULL|NULL`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
