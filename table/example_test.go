package table_test

import (
	"fmt"

	"github.com/sluice-dev/sluice/table"
)

// Every example here also runs as a notebook cell (TestExamplesRunAsCells): its body is
// the cell, its output what the cell prints.

// Typed access returns the values without an error; NULLs are "" (and NaN for floats).
func ExampleTable_Strings() {
	t := table.New(table.StringColumn("tier", []string{"gold", "silver"}))
	names := t.Strings("tier")
	best := names[0]
	fmt.Println(best)
	// Output: gold
}

func ExampleTable_Floats() {
	t := table.New(table.IntColumn("points", []int64{1200, 300}), table.FloatColumn("score", []float64{0.91, 0.42}))
	fmt.Println(t.Floats("points"), t.Floats("score"))
	// Output: [1200 300] [0.91 0.42]
}

// A missing column fails the cell with the columns there are.
func ExampleTable_Col() {
	t := table.New(table.StringColumn("tier", []string{"gold"}))
	_, err := t.Column("teir")
	fmt.Println(err)
	fmt.Println(t.Col("tier").Len())
	// Output:
	// table: no column "teir"; the columns are: tier string
	// 1
}

func ExampleTable_Head() {
	t := table.New(table.IntColumn("n", []int64{1, 2, 3, 4, 5}))
	fmt.Println(t.Head(2).Ints("n"), t.Tail(2).Ints("n"))
	// Output: [1 2] [4 5]
}

func ExampleTable_Sample() {
	t := table.New(table.IntColumn("n", []int64{1, 2, 3, 4, 5, 6, 7, 8}))
	s := t.Sample(3, 42)
	fmt.Println(s.NumRows(), s.Ints("n")[0] <= s.Ints("n")[1])
	// Output: 3 true
}

func ExampleTable_Select() {
	t := table.New(table.StringColumn("a", []string{"x"}), table.IntColumn("b", []int64{1}), table.FloatColumn("c", []float64{2}))
	fmt.Println(t.Select("c", "a").ColumnNames(), t.Drop("a").ColumnNames(), t.Rename("b", "n").ColumnNames())
	// Output: [c a] [b c] [a n c]
}

func ExampleTable_Filter() {
	t := table.New(table.StringColumn("tier", []string{"gold", "silver", "gold"}), table.FloatColumn("score", []float64{0.9, 0.4, 0.2}))
	keep := t.Filter(func(r table.Row) bool { return r.String("tier") == "gold" && r.Float("score") > 0.5 })
	fmt.Println(keep.NumRows(), keep.Floats("score"))
	// Output: 1 [0.9]
}

func ExampleTable_SortBy() {
	t := table.New(table.StringColumn("tier", []string{"silver", "gold", "gold"}), table.FloatColumn("score", []float64{0.4, 0.2, 0.9}))
	fmt.Println(t.SortBy("tier", "score").Floats("score"), t.SortByDesc("score").Strings("tier"))
	// Output: [0.2 0.9 0.4] [gold silver gold]
}

func ExampleTable_WithFloat() {
	t := table.New(table.IntColumn("points", []int64{1200, 300}))
	t = t.WithFloat("thousands", func(r table.Row) float64 { return r.Float("points") / 1000 })
	fmt.Println(t.Floats("thousands"))
	// Output: [1.2 0.3]
}

func ExampleConcat() {
	a := table.New(table.IntColumn("n", []int64{1, 2}))
	b := table.New(table.IntColumn("n", []int64{3}))
	both, err := table.Concat(a, b)
	fmt.Println(both.Ints("n"), err)
	// Output: [1 2 3] <nil>
}

func ExampleTable_ValueCounts() {
	t, _ := table.FromRows([]string{"tier"}, [][]any{{"gold"}, {"silver"}, {nil}, {"gold"}})
	counts := t.ValueCounts("tier")
	for i := 0; i < counts.NumRows(); i++ {
		fmt.Println(counts.Col("tier").Text(i), counts.Ints("count")[i])
	}
	// Output:
	// gold 2
	// silver 1
	// NULL 1
}

func ExampleTable_Dense() {
	t := table.New(table.FloatColumn("a", []float64{1, 2}), table.IntColumn("b", []int64{3, 4}))
	m := t.Dense()
	r, c := m.Dims()
	fmt.Println(r, c, m.At(1, 1))
	back, _ := table.FromDense(m, "a", "b")
	fmt.Println(back.Floats("b"))
	// Output:
	// 2 2 4
	// [3 4]
}

// NULL is distinct from every value: IsNull tells, typed slices hold a stand-in.
func ExampleColumn_IsNull() {
	t, _ := table.FromRows([]string{"score"}, [][]any{{0.5}, {nil}})
	c := t.Col("score")
	fmt.Println(c.IsNull(1), c.Floats()[1], c.Text(1), c.NullCount())
	// Output: true NaN NULL 1
}

func ExampleNewBuilder() {
	b := table.NewBuilder("score", "float8", table.KindFloat)
	b.AppendFloat(0.5)
	b.AppendNull()
	c := b.Finish()
	fmt.Println(c.Len(), c.TypeName(), c.IsNull(1))
	// Output: 2 float8 true
}
