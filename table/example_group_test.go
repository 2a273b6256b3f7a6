package table_test

import (
	"fmt"
	"strings"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// Every example here also runs as a notebook cell (TestGroupExamplesRunAsCells).

func ExampleTable_GroupBy() {
	t := table.New(
		table.StringColumn("tier", []string{"gold", "silver", "gold", "bronze"}),
		table.FloatColumn("spend", []float64{120, 40, 80, 5}),
	)
	g := t.GroupBy("tier")
	fmt.Println(g.NumGroups(), g.Keys().Strings("tier"))
	out := g.Agg(table.CountRows(), table.Sum("spend"), table.Mean("spend").As("avg"))
	fmt.Println(out.ColumnNames())
	fmt.Println(out.Strings("tier"), out.Ints("count"), out.Floats("sum_spend"), out.Floats("avg"))
	// Output:
	// 3 [bronze gold silver]
	// [tier count sum_spend avg]
	// [bronze gold silver] [1 2 1] [5 200 40] [5 100 40]
}

// NULL keys form a group of their own, last; aggregates skip NULL values.
func ExampleGrouped_Agg() {
	t := table.New(
		table.StringColumn("tier", []string{"gold", "", "gold", "gold"}).WithNulls([]bool{false, true, false, false}),
		table.IntColumn("n", []int64{1, 2, 3, 0}).WithNulls([]bool{false, false, false, true}),
	)
	out := t.GroupBy("tier").Agg(table.Count("n"), table.Sum("n"), table.Min("n"), table.Max("n"),
		table.Std("n"), table.Var("n"), table.Median("n"), table.CountDistinct("n"), table.First("n"))
	for _, c := range out.Columns {
		fmt.Println(c.Name, c.Text(0), c.Text(1))
	}
	// Output:
	// tier gold NULL
	// count_n 2 1
	// sum_n 4 2
	// min_n 1 2
	// max_n 3 2
	// std_n 1.41421 NULL
	// var_n 2 NULL
	// median_n 2 2
	// count_distinct_n 2 1
	// first_n 1 2
}

func ExampleGrouped_Count() {
	t := table.New(table.StringColumn("tier", []string{"gold", "silver", "gold"}), table.BoolColumn("churned", []bool{true, false, true}))
	out := t.GroupBy("tier", "churned").Count()
	fmt.Println(out.Strings("tier"), out.Bools("churned"), out.Ints("count"))
	// Output: [gold silver] [true false] [2 1]
}

// Joins match keys as SQL does: NULL never matches, and unmatched rows of the kept side
// get NULLs. A column both sides have gets the suffix _right.
func ExampleTable_Join() {
	people := table.New(table.IntColumn("id", []int64{1, 2, 3}), table.StringColumn("tier", []string{"gold", "silver", "gold"}))
	scores := table.New(table.IntColumn("id", []int64{3, 1, 4}), table.FloatColumn("score", []float64{0.7, 0.9, 0.1}))
	for _, how := range []string{"inner", "left", "right", "outer"} {
		j := people.Join(scores, how, "id")
		fmt.Println(how, j.ColumnNames(), col(j, "id"), col(j, "tier"), col(j, "score"))
	}
	// Output:
	// inner [id tier score] 1,3 gold,gold 0.9,0.7
	// left [id tier score] 1,2,3 gold,silver,gold 0.9,NULL,0.7
	// right [id tier score] 3,1,4 gold,gold,NULL 0.7,0.9,0.1
	// outer [id tier score] 1,2,3,4 gold,silver,gold,NULL 0.9,NULL,0.7,0.1
}

// col prints a column's values as text (NULL for NULL).
func col(t *table.Table, name string) string {
	c := t.Col(name)
	var out []string
	for i := 0; i < c.Len(); i++ {
		out = append(out, c.Text(i))
	}
	return strings.Join(out, ",")
}

func ExampleTable_InnerJoin() {
	a := table.New(table.StringColumn("k", []string{"x", "y"}), table.IntColumn("day", []int64{1, 2}), table.IntColumn("v", []int64{10, 20}))
	b := table.New(table.StringColumn("k", []string{"y", "x"}), table.IntColumn("day", []int64{2, 9}), table.IntColumn("v", []int64{200, 100}))
	j := a.InnerJoin(b, "k", "day")
	fmt.Println(j.ColumnNames(), j.Strings("k"), j.Ints("v"), j.Ints("v_right"))
	// Output: [k day v v_right] [y] [20] [200]
}

func ExampleTable_LeftJoin() {
	a := table.New(table.StringColumn("k", []string{"x", "y"}))
	b := table.New(table.StringColumn("k", []string{"x", "x"}), table.IntColumn("n", []int64{1, 2}))
	j := a.LeftJoin(b, "k")
	fmt.Println(j.Strings("k"), j.Col("n").Text(0), j.Col("n").Text(1), j.Col("n").Text(2))
	// Output: [x x y] 1 2 NULL
}

func ExampleTable_RightJoin() {
	a := table.New(table.StringColumn("k", []string{"x"}), table.IntColumn("n", []int64{1}))
	b := table.New(table.StringColumn("k", []string{"z", "x"}))
	j := a.RightJoin(b, "k")
	fmt.Println(j.Strings("k"), j.Col("n").Text(0), j.Col("n").Text(1))
	// Output: [z x] NULL 1
}

func ExampleTable_OuterJoin() {
	a := table.New(table.StringColumn("k", []string{"x", ""}).WithNulls([]bool{false, true}))
	b := table.New(table.StringColumn("k", []string{"", "z"}).WithNulls([]bool{true, false}))
	fmt.Println(a.OuterJoin(b, "k").NumRows()) // the NULL keys do not match each other
	// Output: 4
}

func ExampleTable_Pivot() {
	t := table.New(
		table.StringColumn("tier", []string{"gold", "gold", "silver", "gold"}),
		table.StringColumn("channel", []string{"web", "email", "web", "web"}),
		table.FloatColumn("spend", []float64{10, 5, 3, 2}),
	)
	p := t.Pivot("tier", "channel", "spend", "sum")
	fmt.Println(p.ColumnNames(), p.Strings("tier"), col(p, "email"), col(p, "web"))
	// Output: [tier email web] [gold silver] 5,NULL 12,3
}

// Describe summarizes every column; numeric columns get statistics and a histogram.
func ExampleTable_Describe() {
	t := table.New(
		table.FloatColumn("spend", []float64{1, 2, 3, 4, 0}).WithNulls([]bool{false, false, false, false, true}),
		table.StringColumn("tier", []string{"gold", "gold", "silver", "gold", "bronze"}),
	)
	s := t.Describe()
	spend, _ := s.Column("spend")
	fmt.Println(s.Rows, spend.Count, spend.Nulls, spend.Mean, spend.Min, spend.Q1, spend.Median, spend.Q3, spend.Max)
	fmt.Printf("%.4f %v\n", spend.Std, spend.HistCounts)
	tier, _ := s.Column("tier")
	fmt.Println(tier.IsNumeric(), tier.Distinct, tier.Top, tier.MinText, tier.MaxText)
	fmt.Println(s.Table().ColumnNames())
	// Output:
	// 5 4 1 2.5 1 1.75 2.5 3.25 4
	// 1.2910 [1 0 0 1 0 0 1 0 0 1]
	// false 3 [{gold 3} {bronze 1} {silver 1}] bronze silver
	// [column type count nulls distinct mean std min p25 p50 p75 max top]
}

// display.Describe renders the summary with a histogram per numeric column; as a cell's
// last expression it shows as HTML.
func Example_displayDescribe() {
	t := table.New(table.IntColumn("n", []int64{1, 2, 2, 9}))
	b := display.Describe(t)
	fmt.Println(strings.Count(b.Data["text/html"].(string), "<svg"))
	// Output: 1
}
