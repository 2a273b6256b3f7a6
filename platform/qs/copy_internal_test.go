package qs

import (
	"context"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// TestAppendTimestamp checks the COPY timestamp writer against time.Format over
// fractions, zones and years outside four digits.
func TestAppendTimestamp(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	for _, tm := range []time.Time{
		time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 1, 2, 3, 4, 5, 120000000, cet),
		time.Date(1, 1, 1, 0, 0, 0, 1000, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 100, time.UTC),
		time.Date(12345, 3, 4, 5, 6, 7, 8000, time.UTC),
		time.Date(-44, 3, 15, 12, 0, 0, 0, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 500, cet),
	} {
		got := string(appendTimestamp(nil, tm))
		want := tm.UTC().Format(timestampLayout)
		if got != want {
			t.Errorf("%v: got %q, want %q", tm, got, want)
		}
	}
}

func TestQuoteTable(t *testing.T) {
	for in, want := range map[string]string{
		`events`:                 `"events"`,
		`public.events`:          `"public"."events"`,
		`"Mixed".events`:         `"Mixed"."events"`,
		`"a.b"`:                  `"a.b"`,
		`s."a.b"`:                `"s"."a.b"`,
		`"we""ird"`:              `"we""ird"`,
		`"x" (a) FROM STDIN; --`: `"""x"" (a) FROM STDIN; --"`,
		`"x"; DROP TABLE y; --"`: `"""x""; DROP TABLE y; --"""`,
		`"unterminated`:          `"""unterminated"`,
	} {
		if got := quoteTable(in); got != want {
			t.Errorf("quoteTable(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestCopyTableRejectsRaggedTables checks that a table whose columns differ in length
// (or hold a nil column) is refused before anything is sent: the CSV encoder runs in
// its own goroutine, where indexing past a short column would crash the process.
func TestCopyTableRejectsRaggedTables(t *testing.T) {
	for name, tab := range map[string]*table.Table{
		"ragged":     table.New(table.IntColumn("a", []int64{1, 2}), table.StringColumn("b", []string{"x"})),
		"nil column": table.New(table.IntColumn("a", []int64{1}), nil),
	} {
		if _, err := copyTable(context.Background(), nil, nil, "t", nil, tab); err == nil {
			t.Errorf("%s table: no error", name)
		}
	}
}
