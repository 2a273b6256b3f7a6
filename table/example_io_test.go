package table_test

import (
	"context"
	"fmt"

	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// Tables are read and written as files through platform/storage: a store is a root
// (file://, s3://, gs://, mem:// …) and paths under it. These use an in-process store.

func ExampleTable_csv() {
	ctx := context.Background()
	st, err := storage.Open(ctx, "mem://table-example-csv")
	if err != nil {
		panic(err)
	}
	defer st.Close()
	people := table.New(table.StringColumn("tier", []string{"gold", "silver"}), table.IntColumn("n", []int64{3, 5}))
	if _, err := st.WriteCSV(ctx, "people.csv", people, storage.Options{}); err != nil {
		panic(err)
	}
	back, err := st.ReadCSV(ctx, "people.csv", storage.CSVOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(back.Strings("tier"), back.Ints("n"))
	// Output: [gold silver] [3 5]
}

func ExampleTable_parquet() {
	ctx := context.Background()
	st, err := storage.Open(ctx, "mem://table-example-parquet")
	if err != nil {
		panic(err)
	}
	defer st.Close()
	scores := table.New(table.IntColumn("id", []int64{1, 2, 3}),
		table.FloatColumn("score", []float64{0.5, 0, 0.25}).WithNulls([]bool{false, true, false}))
	if _, err := st.WriteParquet(ctx, "scores.parquet", scores, storage.Options{Compression: "zstd"}); err != nil {
		panic(err)
	}
	back, err := st.ReadParquet(ctx, "scores.parquet")
	if err != nil {
		panic(err)
	}
	fmt.Println(back.NumRows(), back.Col("score").IsNull(1), back.Floats("score")[2])
	// Output: 3 true 0.25
}

func ExampleTable_json() {
	ctx := context.Background()
	st, err := storage.Open(ctx, "mem://table-example-json")
	if err != nil {
		panic(err)
	}
	defer st.Close()
	t := table.New(table.StringColumn("name", []string{"ada", "alan"}), table.BoolColumn("active", []bool{true, false}))
	if _, err := st.WriteJSON(ctx, "people.jsonl", t); err != nil {
		panic(err)
	}
	back, err := st.ReadJSON(ctx, "people.jsonl")
	if err != nil {
		panic(err)
	}
	fmt.Println(back.Strings("name"), back.Bools("active"))
	// Output: [ada alan] [true false]
}
