package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// numericCases are statements whose numeric results (unconstrained numeric, decimal,
// numeric(p) and numeric(p,s)) the sandbox must return as PostgreSQL 15 does: the
// same text and binary values, type OID and type modifier, or the same SQLSTATE.
var numericCases = []string{
	`SELECT 1.23456::numeric AS n`,
	`SELECT CAST(1.23456 AS numeric) AS n`,
	`SELECT CAST('1.23456' AS decimal) AS n`,
	`SELECT '0.000000001'::numeric AS n`,
	`SELECT 1.50::numeric AS a, 2::numeric AS b, -0.5::numeric AS c`,
	`SELECT 12345678901234567890::numeric AS big`,
	`SELECT '123456789012345678901234567890.12345678'::numeric AS big`,
	`SELECT 1.23456::numeric(10) AS n, 1.23456::numeric(10,4) AS m, 12.5::numeric(38,2) AS w`,
	`SELECT 99999999999999999999999999999999999999::numeric(38) AS n`,
	`SELECT num_t.n FROM num_t ORDER BY id`,
	`SELECT id, n, p, q FROM num_t ORDER BY id`,
	`SELECT sum(n) FROM num_t`,
	`SELECT n * 2 AS dbl, n + 1 AS inc FROM num_t ORDER BY id`,
}

func numericRow(t *testing.T, c *pgx.Conn, q string, mode pgx.QueryExecMode) string {
	rows, err := c.Query(context.Background(), q, mode)
	if err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	defer rows.Close()
	var b strings.Builder
	for _, f := range rows.FieldDescriptions() {
		fmt.Fprintf(&b, "%s:%d/%d ", f.Name, f.DataTypeOID, f.TypeModifier)
	}
	for rows.Next() {
		for _, v := range rows.RawValues() {
			fmt.Fprintf(&b, "%q ", v)
		}
		b.WriteString("| ")
	}
	if err := rows.Err(); err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	return b.String()
}

func TestNumericDifferential(t *testing.T) {
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement)
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	setup := []string{
		`CREATE TABLE num_t (id int, n numeric, p numeric(10), q decimal(12,4))`,
		`INSERT INTO num_t VALUES (1, 1.23456, 7, 1.5), (2, 0.1, 12, 2.25), (3, 12345678901234.5678, 3, 0), (4, 100, -4, -1.0001)`,
	}
	for _, c := range []*pgx.Conn{pg, sb} {
		for _, s := range setup {
			if _, err := c.Exec(context.Background(), s, pgx.QueryExecModeSimpleProtocol); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	for _, q := range numericCases {
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			a, b := numericRow(t, pg, q, mode), numericRow(t, sb, q, mode)
			if a != b {
				t.Errorf("%s (%v)\n  PostgreSQL: %s\n  sandbox:    %s", q, mode, a, b)
			}
		}
	}
}
