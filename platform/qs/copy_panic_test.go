package qs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// copyPanicky is a cell value whose String method panics, as a nil pointer's can.
type copyPanicky struct{ p *int }

func (v copyPanicky) String() string { return string(rune(*v.p)) }

// TestCopyFromValuePanics checks that a panic while encoding a row, in the goroutine
// that feeds COPY, is the CopyFrom call's error rather than the end of the process, and
// that the client goes on working (the table holds none of the rows).
func TestCopyFromValuePanics(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("copypanic")
		mustExec(t, c, "CREATE TABLE "+tbl+" (i bigint, s text)")
		in := table.New(
			table.IntColumn("i", []int64{1, 2}),
			table.AnyColumn("s", []any{"fine", copyPanicky{}}))
		_, err := c.CopyFrom(ctx, tbl, nil, in)
		if err == nil || !strings.Contains(err.Error(), "panicked") || !strings.Contains(err.Error(), "nil pointer") {
			t.Fatalf("CopyFrom with a panicking value: %v", err)
		}
		out, err := c.Query(ctx, "SELECT count(*) FROM "+tbl)
		if err != nil {
			t.Fatalf("the client after the failed COPY: %v", err)
		}
		if n := out.Columns[0].Value(0); n != int64(0) {
			t.Errorf("%v rows kept after the failed COPY", n)
		}
	})
}
