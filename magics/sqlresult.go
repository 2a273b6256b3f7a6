package magics

import (
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// statusText summarises a result: "3 rows affected · 12 ms", "CREATE TABLE · 4 ms" or
// "20 rows · 8 ms".
func statusText(r *qs.Result) string {
	if r.HasRows() {
		return rowsNote(r.Table.Total(), r.Elapsed)
	}
	el := formatDuration(r.Elapsed)
	verb := strings.ToUpper(strings.Fields(r.Command + " OK")[0])
	switch verb {
	case "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "SELECT":
		return fmt.Sprintf("%s row%s affected · %s", table.FormatInt(r.RowsAffected), plural(r.RowsAffected), el)
	}
	cmd := strings.TrimRight(r.Command, " 0123456789")
	if cmd == "" {
		cmd = "OK"
	}
	return cmd + " · " + el
}

// rowsNote is what a result's note says of its size and time: "20 rows · 8 ms".
func rowsNote(n int64, elapsed time.Duration) string {
	return fmt.Sprintf("%s row%s · %s", table.FormatInt(n), plural(n), formatDuration(elapsed))
}

func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// scalarOf returns the single value of a one-row, one-column result.
func scalarOf(r *qs.Result) (any, error) {
	if !r.HasRows() {
		return nil, usageErrorf("--scalar: the statement returned no rows (%s)", statusText(r))
	}
	return scalarOfTable(r.Table)
}

// scalarOfTable returns the single value of a one-row, one-column table.
func scalarOfTable(t *table.Table) (any, error) {
	if t.NumCols() != 1 || t.Total() != 1 {
		return nil, &Error{Name: "UsageError", Value: fmt.Sprintf("--scalar needs exactly one row and one column; the query returned %s row%s × %d column%s",
			table.FormatInt(t.Total()), plural(t.Total()), t.NumCols(), plural(int64(t.NumCols())))}
	}
	return t.Columns[0].Value(0), nil
}

// store binds name to v in the session.
func store(env *Env, name string, v any) error {
	if env == nil || env.Session == nil {
		return usageErrorf("no session to store %s in", name)
	}
	if err := env.Session.Set(name, v); err != nil {
		return &Error{Name: "UsageError", Value: fmt.Sprintf("store the result in %s: %v", name, err), Err: err}
	}
	return nil
}
