package audience_test

import (
	"context"
	"fmt"

	"github.com/sluice-dev/sluice/platform/audience"
	"github.com/sluice-dev/sluice/platform/profiles"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/storage"
)

// From the unified profile view to an activated audience, as notebook 07 does it.
func Example() {
	ctx := context.Background()
	db, err := qs.Open(ctx, "postgres://…", qs.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Profiles joined with the latest propensity score per person.
	if _, err := profiles.Refresh(ctx, db, profiles.Spec{Profile: "profiles",
		Enrichments: []profiles.Enrichment{{Dataset: "propensity_scores", Latest: "scored_at"}}}); err != nil {
		fmt.Println(err)
		return
	}
	aud, err := audience.New(ctx, db, profiles.DefaultView)
	if err != nil {
		fmt.Println(err)
		return
	}
	reach, _ := aud.Reach(ctx, "propensity", 0, 1, 20)
	fmt.Println(reach.Histogram(), reach.Cumulative(), reach.Between())

	if _, err := aud.Create(ctx, audience.Definition{Name: "moderate_high",
		Description: "moderate-to-high propensity to subscribe", Rule: "propensity BETWEEN 0.2 AND 0.93"}); err != nil {
		fmt.Println(err) // a bad rule fails here with the query service's message
		return
	}
	job, _ := aud.Evaluate(ctx, "moderate_high")
	fmt.Println(job)

	st, _ := storage.Open(ctx, "file:///tmp/sluice-storage")
	run, _ := aud.Activate(ctx, "moderate_high", audience.NewStorageDestination(st, "activations", "csv", "personal_email", "propensity"))
	fmt.Println(run)
	run, _ = aud.Activate(ctx, "moderate_high", audience.NewHTTPDestination("http://127.0.0.1:8080/members", "propensity"))
	fmt.Println(run)
}
