package clients_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/sluice-dev/sluice/internal/testdb"
)

// libpqSession runs what a database/sql program does through lib/pq and returns one line
// per result: types and values of a query, parameters, a transaction rolled back and
// one committed, COPY FROM STDIN (pq.CopyIn), an error's SQLSTATE, a prepared statement
// reused, and the TLS its default sslmode=require gives.
func libpqSession(t *testing.T, dsn string) []string {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("lib/pq: %v", err)
		}
	}
	_, err = db.ExecContext(ctx, "DROP TABLE IF EXISTS pq_items")
	must(err)
	_, err = db.ExecContext(ctx, `CREATE TABLE pq_items (id bigint PRIMARY KEY, name text NOT NULL, score double precision,
		amount numeric(12,3), seen timestamptz, day date, raw bytea, tags text[], ok boolean)`)
	must(err)
	_, err = db.ExecContext(ctx, "INSERT INTO pq_items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		1, "one", 0.1, "12.5", time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.UTC), "2024-02-29", []byte{0, 1, 255},
		pq.Array([]string{"a", "b c", ""}), true)
	must(err)
	tx, err := db.BeginTx(ctx, nil)
	must(err)
	_, err = tx.ExecContext(ctx, "INSERT INTO pq_items (id, name) VALUES ($1, $2)", 2, "rolled back")
	must(err)
	must(tx.Rollback())
	tx, err = db.BeginTx(ctx, nil)
	must(err)
	stmt, err := tx.Prepare(pq.CopyIn("pq_items", "id", "name", "score", "ok"))
	must(err)
	for i := 10; i < 15; i++ {
		_, err = stmt.Exec(i, fmt.Sprintf("copied\t%d", i), float64(i)/4, i%2 == 0)
		must(err)
	}
	_, err = stmt.Exec()
	must(err)
	must(stmt.Close())
	must(tx.Commit())

	rows, err := db.QueryContext(ctx, "SELECT id, name, score, amount, seen, day, raw, tags, ok FROM pq_items ORDER BY id")
	must(err)
	cols, _ := rows.ColumnTypes()
	for _, c := range cols {
		add("column %s %s", c.Name(), c.DatabaseTypeName())
	}
	for rows.Next() {
		var (
			id          int64
			name        string
			score       sql.NullFloat64
			amount, day sql.NullString
			seen        sql.NullTime
			raw         []byte
			tags        []string
			ok          sql.NullBool
		)
		must(rows.Scan(&id, &name, &score, &amount, &seen, &day, &raw, pq.Array(&tags), &ok))
		add("row %d %q %v %v %v %v %x %q %v", id, name, score, amount, seen.Time.UTC(), day, raw, tags, ok)
	}
	must(rows.Err())
	rows.Close()

	ps, err := db.PrepareContext(ctx, "SELECT count(*), sum(score) FROM pq_items WHERE id >= $1")
	must(err)
	for _, from := range []int{0, 12} {
		var n int64
		var s float64
		must(ps.QueryRowContext(ctx, from).Scan(&n, &s))
		add("prepared %d %d %g", from, n, s)
	}
	ps.Close()
	var v string
	must(db.QueryRowContext(ctx, "SELECT $1::text || $2::text", "it's ", "ok").Scan(&v))
	add("concat %q", v)
	_, err = db.ExecContext(ctx, "INSERT INTO pq_items (id, name) VALUES (1, 'dup')")
	var pe *pq.Error
	if errors.As(err, &pe) {
		add("error %s", pe.Code)
	} else {
		add("error %v", err)
	}
	err = db.QueryRowContext(ctx, "SELECT 1/0").Scan(&v)
	if errors.As(err, &pe) {
		add("error %s", pe.Code)
	} else {
		add("error %v", err)
	}
	_, err = db.ExecContext(ctx, "DROP TABLE pq_items")
	must(err)
	return out
}

// TestLibPQ runs lib/pq (database/sql) against PostgreSQL and the sandbox, the sandbox
// with lib/pq's default sslmode (require: TLS with the sandbox's certificate).
func TestLibPQ(t *testing.T) {
	pg := testdb.DatabaseDSN(t)
	srv := testdb.SandboxServer(t)
	u, _ := url.Parse(srv.DSN())
	q := u.Query()
	q.Del("sslmode") // lib/pq's default: require
	u.RawQuery = q.Encode()
	want := libpqSession(t, pg)
	got := libpqSession(t, u.String())
	compareLines(t, "lib/pq", want, got, map[string]string{})
}
