package catalog_test

import (
	"context"
	"fmt"

	"github.com/sluice-dev/sluice/platform/catalog"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// The catalog's round trip as notebooks use it: define a dataset, load batches, list
// them, and featurize incrementally with a template.
func Example() {
	ctx := context.Background()
	db, err := qs.Open(ctx, "postgres://…", qs.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	cat := catalog.New(db)
	_, err = cat.CreateDataset(ctx, catalog.Dataset{
		Name:          "events",
		IdentityField: "user_id",
		Tags:          []string{"events"},
		Fields: []catalog.Field{
			{Name: "_id", Type: "string"},
			{Name: "timestamp", Type: "timestamp"},
			{Name: "event_type", Type: "string"},
			{Name: "user_id", Type: "string", Doc: "ECID"},
			{Name: catalog.FlattenName("web", "page", "name"), Type: "string"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rows := table.New(table.StringColumn("_id", []string{"e1"}),
		table.StringColumn("timestamp", []string{"2024-05-01T12:00:00Z"}),
		table.StringColumn("event_type", []string{"web.formFilledOut"}),
		table.StringColumn("user_id", []string{"0123"}))
	batch, err := cat.Ingest(ctx, "events", rows, catalog.IngestOptions{Source: "example"})
	fmt.Println(batch, err)

	// Features for new batches only; re-running adds nothing.
	_, err = cat.SaveTemplate(ctx, catalog.Template{
		Name:    "conversions",
		Dataset: "events",
		SQL: `INSERT INTO conversions SELECT user_id, MIN("timestamp") FROM events
			WHERE _batch_id > :since_batch AND _batch_id <= :until_batch AND event_type = :kind GROUP BY user_id`,
		Params: []catalog.Param{{Name: "kind", Type: "string", Default: "web.formFilledOut"}},
	})
	if err == nil {
		run, err := cat.RunIncremental(ctx, "conversions", nil)
		fmt.Println(run, err)
	}

	// Scores written by a model as CSV, ingested with a field mapping.
	st, err := storage.Open(ctx, "file:///tmp/sluice-storage")
	if err == nil {
		run, err := cat.IngestFile(ctx, st, "ingress/scores", "scores",
			map[string]string{"prediction": "propensity", "userId": "user_id"}, catalog.IngestOptions{})
		fmt.Println(run, err)
	}
}
