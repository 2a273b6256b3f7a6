package tablesql_test

import (
	"fmt"

	"github.com/sluice-dev/sluice/table"
	"github.com/sluice-dev/sluice/tablesql"
)

// Every example here also runs as a notebook cell (TestExamplesRunAsCells).

func ExampleQuery() {
	scores := table.New(table.StringColumn("tier", []string{"gold", "silver", "gold"}), table.FloatColumn("score", []float64{0.9, 0.4, 0.7}))
	out, err := tablesql.Query("SELECT tier, round(avg(score), 2) AS avg FROM scores GROUP BY tier ORDER BY tier",
		map[string]*table.Table{"scores": scores})
	fmt.Println(err, out.Strings("tier"), out.Floats("avg"))
	// Output: <nil> [gold silver] [0.8 0.4]
}

// A DB keeps its registered tables (and tables created in it) across queries.
func ExampleOpen() {
	db, err := tablesql.Open()
	if err != nil {
		panic(err)
	}
	defer db.Close()
	db.Register("people", table.New(table.IntColumn("id", []int64{1, 2}), table.StringColumn("name", []string{"Ada", "Bo"})))
	db.SetLookup(func(name string) *table.Table {
		if name == "visits" {
			return table.New(table.IntColumn("id", []int64{2, 2, 1}))
		}
		return nil
	})
	if err := db.Exec("CREATE TABLE bonus AS SELECT 1 AS id, 10 AS pts"); err != nil {
		panic(err)
	}
	out, err := db.Query(`SELECT name, count(*) AS visits, coalesce(max(pts), 0) AS pts
		FROM people JOIN visits USING (id) LEFT JOIN bonus USING (id) WHERE id >= $1 GROUP BY name ORDER BY name`, 1)
	fmt.Println(err, out.Strings("name"), out.Ints("visits"), out.Ints("pts"))
	// Output: <nil> [Ada Bo] [1 2] [10 0]
}

// Where keeps the rows an SQL expression holds for, in order, columns unchanged.
func ExampleWhere() {
	t := table.New(table.StringColumn("tier", []string{"gold", "silver", "gold"}), table.FloatColumn("spend", []float64{150, 300, 90}))
	fmt.Println(tablesql.Where(t, "spend > 100 AND tier = 'gold'").Floats("spend"))
	fmt.Println(tablesql.Where(t, "spend < $1", 100).Strings("tier"))
	// Output:
	// [150]
	// [gold]
}

func ExampleFilter() {
	t := table.New(table.IntColumn("n", []int64{1, 2}))
	_, err := tablesql.Filter(t, "m > 1")
	fmt.Println(err != nil)
	// Output: true
}
