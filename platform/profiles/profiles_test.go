package profiles

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/catalog"
	"github.com/sluice-dev/sluice/table"
)

func TestUnifiedProfiles(t *testing.T) {
	for _, b := range testdb.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cat := catalog.New(b.DB)
			if _, err := cat.CreateDataset(ctx, catalog.Dataset{Name: "people", IdentityField: "ecid",
				Tags: []string{catalog.TagProfile},
				Fields: []catalog.Field{{Name: "ecid", Type: "string"}, {Name: "tier", Type: "string"},
					{Name: "homeAddress_city", Type: "string"}}}); err != nil {
				t.Fatal(err)
			}
			if _, err := cat.CreateDataset(ctx, catalog.Dataset{Name: "scores", IdentityField: "userId",
				Tags: []string{catalog.TagProfile},
				Fields: []catalog.Field{{Name: "userId", Type: "string"}, {Name: "propensity", Type: "float"},
					{Name: "scoredAt", Type: "timestamp"}, {Name: "tier", Type: "string"}}}); err != nil {
				t.Fatal(err)
			}
			ingest := func(ds string, cols ...*table.Column) {
				t.Helper()
				if _, err := cat.Ingest(ctx, ds, table.New(cols...), catalog.IngestOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			ingest("people", table.StringColumn("ecid", []string{"a", "b", "c", "d"}),
				table.StringColumn("tier", []string{"gold", "silver", "member", "gold"}),
				table.StringColumn("homeAddress_city", []string{"Oslo", "Lyon", "Pune", "Lima"}))
			// A later batch updates b's tier: the view shows the latest profile row.
			ingest("people", table.StringColumn("ecid", []string{"b"}),
				table.StringColumn("tier", []string{"platinum"}),
				table.StringColumn("homeAddress_city", []string{"Lyon"}))
			t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			ingest("scores", table.StringColumn("userId", []string{"a", "b", "a"}),
				table.FloatColumn("propensity", []float64{0.9, 0.4, 0.2}),
				table.TimeColumn("scoredAt", []time.Time{t0.Add(time.Hour), t0, t0}),
				table.StringColumn("tier", []string{"x", "y", "z"}))
			// An older score for b arriving later loses to the newer scoredAt only when Latest is set.
			ingest("scores", table.StringColumn("userId", []string{"b"}),
				table.FloatColumn("propensity", []float64{0.7}),
				table.TimeColumn("scoredAt", []time.Time{t0.Add(2 * time.Hour)}),
				table.StringColumn("tier", []string{"w"}))

			v, err := Refresh(ctx, b.DB, Spec{Profile: "people", Enrichments: []Enrichment{{Dataset: "scores", Latest: "scoredAt"}}})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(v.Columns, ","); got != "ecid,tier,homeAddress_city,propensity,scoredAt,scores_tier" {
				t.Fatalf("columns: %s", got)
			}
			rows, err := b.DB.Query(ctx, `SELECT ecid, tier, propensity FROM unified_profiles ORDER BY ecid`)
			if err != nil {
				t.Fatal(err)
			}
			ids := rows.Strings("ecid")
			tiers := rows.Strings("tier")
			props := rows.Floats("propensity")
			got := fmt.Sprint(ids, tiers, props)
			if want := "[a b c d] [gold platinum member gold] [0.9 0.7 NaN NaN]"; got != want {
				t.Fatalf("view rows %s, want %s", got, want)
			}
			en, err := v.Enriched(ctx)
			if err != nil {
				t.Fatal(err)
			}
			n := en.Ints("enriched")
			tot := en.Ints("profiles")
			if len(n) != 1 || n[0] != 2 || tot[0] != 4 {
				t.Fatalf("enriched: %v of %v", n, tot)
			}
			// Refresh is idempotent and Open finds the recorded view; the default spec
			// picks up every other profile-enabled dataset.
			v2, err := Unified(ctx, b.DB, "people")
			if err != nil {
				t.Fatal(err)
			}
			if len(v2.Spec.Enrichments) != 1 || v2.Spec.Enrichments[0].Dataset != "scores" {
				t.Fatalf("default enrichments: %+v", v2.Spec.Enrichments)
			}
			v3, err := Open(ctx, b.DB, "")
			if err != nil {
				t.Fatal(err)
			}
			if v3.Identity != "ecid" || len(v3.Columns) != 6 {
				t.Fatalf("opened view: %+v", v3)
			}
			s, err := v3.Sample(ctx, 2)
			if err != nil || s.NumRows() != 2 {
				t.Fatalf("sample: %v %v", s, err)
			}
			if _, err := Refresh(ctx, b.DB, Spec{Profile: "people", Enrichments: []Enrichment{{Dataset: "scores", Latest: "when"}}}); err == nil || !strings.Contains(err.Error(), `"when" is not a field`) {
				t.Fatalf("bad Latest column: %v", err)
			}
		})
	}
}
