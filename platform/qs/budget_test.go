package qs_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
)

const series = "SELECT g, repeat('x', 100) AS pad FROM generate_series(1, 50000) AS t(g)"

func TestResultBudget(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		rowsCtx := qs.WithResultBudget(ctx, qs.ResultBudget{Rows: 1000})

		// Past the row budget: a clear error naming LIMIT and the setting, no table.
		tab, err := c.Query(rowsCtx, series)
		var tl *qs.ResultTooLargeError
		if !errors.As(err, &tl) || !errors.Is(err, qs.ErrResultTooLarge) || tab != nil {
			t.Fatalf("past the row budget: %v, %v", tab, err)
		}
		if msg := err.Error(); !tl.ByRows || !strings.Contains(msg, "LIMIT") || !strings.Contains(msg, qs.EnvMaxResultRows) || !strings.Contains(msg, "1,000 rows") {
			t.Errorf("message: %s", msg)
		}
		// The pool still answers.
		if tab, err := c.Query(ctx, "SELECT 1 AS one"); err != nil || tab.NumRows() != 1 {
			t.Fatalf("after the budget stopped a fetch: %v", err)
		}
		// At the budget exactly, and with a row limit, the fetch works.
		if tab, err := c.Query(rowsCtx, "SELECT g FROM generate_series(1, 1000) AS t(g)"); err != nil || tab.NumRows() != 1000 {
			t.Fatalf("at the budget: %v", err)
		}
		if tab, err := c.QueryLimit(rowsCtx, 10, series); err != nil || tab.NumRows() != 10 || tab.TotalRows != 50000 {
			t.Fatalf("with a row limit: %v", err)
		}

		// Past the byte budget (50,000 rows of ~130 bytes is about 6 MB).
		_, err = c.Query(qs.WithResultBudget(ctx, qs.ResultBudget{Bytes: 1 << 20}), series)
		if !errors.As(err, &tl) || tl.ByRows || !strings.Contains(err.Error(), qs.EnvMaxResultBytes) || !strings.Contains(err.Error(), "LIMIT") {
			t.Fatalf("past the byte budget: %v", err)
		}
		if tab, err := c.Query(qs.WithResultBudget(ctx, qs.ResultBudget{Bytes: 64 << 20}), series); err != nil || tab.NumRows() != 50000 {
			t.Fatalf("within the byte budget: %v", err)
		}

		// The session: stopped outside a transaction, it keeps working; inside one the
		// transaction survives the stopped fetch.
		s := c.Session()
		if _, err := s.Query(rowsCtx, series); !errors.Is(err, qs.ErrResultTooLarge) {
			t.Fatalf("session past the budget: %v", err)
		}
		if got := scalar(t, ctx, s, "SELECT 5"); got != "5" {
			t.Fatalf("session after the budget: %s", got)
		}
		sessExec(t, ctx, s, "BEGIN")
		if _, err := s.Query(rowsCtx, series); !errors.Is(err, qs.ErrResultTooLarge) {
			t.Fatalf("session in a transaction past the budget: %v", err)
		}
		if got := scalar(t, ctx, s, "SELECT 6"); got != "6" {
			t.Fatalf("transaction after the budget: %s", got)
		}
		sessExec(t, ctx, s, "COMMIT")
	})
}

func TestResultBudgetFromEnvironment(t *testing.T) {
	c, err := qs.Open(context.Background(), sandboxDSN, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	t.Setenv(qs.EnvMaxResultRows, "10")
	if _, err := c.Query(ctx, "SELECT g FROM generate_series(1, 11) AS t(g)"); !errors.Is(err, qs.ErrResultTooLarge) {
		t.Fatalf("SLUICE_MAX_RESULT_ROWS=10, 11 rows: %v", err)
	}
	if tab, err := c.Query(ctx, "SELECT g FROM generate_series(1, 10) AS t(g)"); err != nil || tab.NumRows() != 10 {
		t.Fatalf("SLUICE_MAX_RESULT_ROWS=10, 10 rows: %v", err)
	}
	t.Setenv(qs.EnvMaxResultRows, "0")
	t.Setenv(qs.EnvMaxResultBytes, "2KB")
	if _, err := c.Query(ctx, "SELECT g FROM generate_series(1, 1000) AS t(g)"); !errors.Is(err, qs.ErrResultTooLarge) {
		t.Fatalf("SLUICE_MAX_RESULT_BYTES=2KB, 8 kB of rows: %v", err)
	}
	t.Setenv(qs.EnvMaxResultBytes, "0")
	if b := qs.DefaultResultBudget(); b != (qs.ResultBudget{}) {
		t.Fatalf("both variables 0: %+v", b)
	}
	t.Setenv(qs.EnvMaxResultRows, "")
	t.Setenv(qs.EnvMaxResultBytes, "")
	if b := qs.DefaultResultBudget(); b.Rows != qs.DefaultMaxResultRows || b.Bytes <= 0 || b.Bytes > 1<<30 {
		t.Fatalf("default budget: %+v", b)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1024": 1024, "2KB": 2000, "2kib": 2048, "1.5GiB": 3 << 29, "500 MB": 500e6, "0": 0, "64m": 64 << 20} {
		if got, err := qs.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1", "1e30GB"} {
		if _, err := qs.ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}
