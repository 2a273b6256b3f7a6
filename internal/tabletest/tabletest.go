// Package tabletest builds the tables that the tests of table and of the packages over
// it (tablesql) share, and reads them back as text.
package tabletest

import (
	"fmt"
	"strings"

	"github.com/sluice-dev/sluice/table"
)

// EveryKind returns a table with a column of every kind, named and typed as a query
// service returns them — s text, i int8, f float8, b bool, t timestamptz, a jsonb —
// holding rows of six values each (nil is NULL). A row that does not fit panics: the
// rows are the test's own literals.
func EveryKind(rows ...[]any) *table.Table {
	b := table.NewRowBuilder(
		table.NewBuilder("s", "text", table.KindString),
		table.NewBuilder("i", "int8", table.KindInt),
		table.NewBuilder("f", "float8", table.KindFloat),
		table.NewBuilder("b", "bool", table.KindBool),
		table.NewBuilder("t", "timestamptz", table.KindTime),
		table.NewBuilder("a", "jsonb", table.KindAny),
	)
	for i, r := range rows {
		if err := b.Append(r...); err != nil {
			panic(fmt.Sprintf("tabletest: row %d: %v", i, err))
		}
	}
	return b.Table()
}

// Texts is a column's values as text (Column.Text), separated by commas.
func Texts(c *table.Column) string {
	out := make([]string, c.Len())
	for i := range out {
		out[i] = c.Text(i)
	}
	return strings.Join(out, ",")
}
