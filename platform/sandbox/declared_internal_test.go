package sandbox

import (
	"fmt"
	"testing"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

func TestMergeInserts(t *testing.T) {
	ops := []pgsql.DeclaredOp{
		{SQL: "DELETE FROM x WHERE a = $1", Args: []any{"t"}},
		{SQL: "INSERT INTO x VALUES ($1, $2)", Args: []any{1, 2}},
		{SQL: "INSERT INTO x VALUES ($1, $2)", Args: []any{3, 4}},
		{SQL: "INSERT INTO x VALUES ($1, $2)", Args: []any{5, 6}},
	}
	got := fmt.Sprint(mergeInserts(ops))
	want := "[{DELETE FROM x WHERE a = $1 [t]} {INSERT INTO x VALUES ($1, $2), ($3, $4), ($5, $6) [1 2 3 4 5 6]}]"
	if got != want {
		t.Errorf("mergeInserts:\n got %s\nwant %s", got, want)
	}
	if fmt.Sprint(ops[1].Args) != "[1 2]" {
		t.Errorf("mergeInserts changed its input: %v", ops[1])
	}
}
