package synth

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

var testEnd = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func equalTables(t *testing.T, what string, a, b *table.Table) {
	t.Helper()
	if a.NumRows() != b.NumRows() || a.NumCols() != b.NumCols() {
		t.Fatalf("%s: shapes differ: %dx%d vs %dx%d", what, a.NumRows(), a.NumCols(), b.NumRows(), b.NumCols())
	}
	for k := range a.Columns {
		ca, cb := a.Columns[k], b.Columns[k]
		for i := 0; i < ca.Len(); i++ {
			va, vb := ca.Value(i), cb.Value(i)
			if ta, ok := va.(time.Time); ok {
				if !ta.Equal(vb.(time.Time)) {
					t.Fatalf("%s: column %s row %d: %v vs %v", what, ca.Name, i, va, vb)
				}
				continue
			}
			if !reflect.DeepEqual(va, vb) {
				t.Fatalf("%s: column %s row %d: %v vs %v", what, ca.Name, i, va, vb)
			}
		}
	}
}

func concat(t *testing.T, parts ...*table.Table) *table.Table {
	t.Helper()
	out, err := table.Concat(parts...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministicAndSplittable(t *testing.T) {
	cfg := Config{Users: 5000, Seed: 42, End: testEnd}
	whole := mustEvents(t, cfg.withDefaults(), 0, 5000, 1)
	equalTables(t, "same seed twice", whole, Events(cfg, 0, 5000))
	equalTables(t, "two workers", whole, mustEvents(t, cfg.withDefaults(), 0, 5000, 2))
	equalTables(t, "split ranges", whole, concat(t, Events(cfg, 0, 1234), Events(cfg, 1234, 5000)))
	equalTables(t, "profiles split", Profiles(cfg, 0, 5000), concat(t, Profiles(cfg, 0, 17), Profiles(cfg, 17, 5000)))

	other := Events(Config{Users: 5000, Seed: 43, End: testEnd}, 0, 5000)
	if reflect.DeepEqual(whole.Columns[0].Strings()[:100], other.Columns[0].Strings()[:100]) {
		t.Fatal("a different seed gave the same event ids")
	}
}

// The default reproduces the reference's distribution: with every dependent list
// replaced by the last origin's draws, the expected counts per user are
// impressions 1, clicks (1-e^-1)·0.1, emailSent 5, emailOpened (1-e^-5)·2,
// emailClicked (1-e^-5)(1-e^-2)·0.5, pageViews 1 (a click's draw replaces the base
// ones, with the same mean), and per page-view type (1-e^-1)·0.5 … — about 10.5
// events plus ≈0.15 conversions.
func TestReferenceDistribution(t *testing.T) {
	const users = 20000
	ev := Events(Config{Users: users, Seed: 7, End: testEnd}, 0, users)
	perUser := float64(ev.NumRows()) / users
	conv := float64(countConverted(ev)) / users
	t.Logf("%.3f events per user, %.2f%% converted", perUser, 100*conv)
	within(t, "events per user", perUser, 10.6, 0.03)
	within(t, "conversion rate", conv, 0.148, 0.03)

	counts := countTypes(ev)
	e1, e2, e5 := 1-math.Exp(-1), 1-math.Exp(-2), 1-math.Exp(-5)
	want := map[string]float64{
		AdImpression: 1, EmailSent: 5, PageView: 1,
		EmailOpened:  e5 * 2,
		EmailClicked: e5 * e2 * 0.5,
		LinkClick:    e1 * 0.5, ProductView: e1 * 0.5, PropositionDisplay: e1 * 0.5,
	}
	for name, w := range want {
		within(t, name+" per user", float64(counts[name])/users, w, 0.05)
	}
}

func TestKeepAllDraws(t *testing.T) {
	const users = 4000
	ev := Events(Config{Users: users, Seed: 7, End: testEnd, KeepAllDraws: true}, 0, users)
	counts := countTypes(ev)
	// Every origin keeps its draws: 5 e-mails × 2 opens, 10 opens × 0.5 clicks,
	// 1 base page view + 5 clicks × 1 page view.
	within(t, "emailOpened per user", float64(counts[EmailOpened])/users, 10, 0.05)
	within(t, "emailClicked per user", float64(counts[EmailClicked])/users, 5, 0.05)
	within(t, "pageViews per user", float64(counts[PageView])/users, 6, 0.05)
	if per := float64(ev.NumRows()) / users; per < 30 {
		t.Fatalf("KeepAllDraws gave %.1f events per user, want the richer history (> 30)", per)
	}
}

func within(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*want {
		t.Errorf("%s = %.4f, want %.4f ± %.0f%%", what, got, want, rel*100)
	}
}

func countTypes(ev *table.Table) map[string]int {
	out := map[string]int{}
	for _, s := range ev.Columns[2].Strings() {
		out[s]++
	}
	return out
}

func TestEventsShape(t *testing.T) {
	cfg := Config{Users: 3000, Seed: 3, End: testEnd, Tenant: "acme"}
	prof := Profiles(cfg, 0, cfg.Users)
	ev := Events(cfg, 0, cfg.Users)
	if got, want := ev.ColumnNames(), ColumnNames(EventFields); !reflect.DeepEqual(got, want) {
		t.Fatalf("event columns %v, want %v", got, want)
	}
	if got, want := prof.ColumnNames(), ColumnNames(ProfileFields); !reflect.DeepEqual(got, want) {
		t.Fatalf("profile columns %v, want %v", got, want)
	}
	for k, f := range EventFields {
		if c := ev.Columns[k]; c.Kind() != f.Kind || c.Len() != ev.NumRows() || (c.HasNulls() && len(c.Nulls()) != c.Len()) {
			t.Fatalf("event column %s: kind %v len %d nulls %d", f.Name, c.Kind(), c.Len(), len(c.Nulls()))
		}
	}
	ids := map[string]bool{}
	for _, id := range prof.Columns[0].Strings() {
		if len(id) != 38 || strings.Trim(id, "0123456789") != "" {
			t.Fatalf("ECID %q is not 38 digits", id)
		}
		ids[id] = true
	}
	if len(ids) != cfg.Users {
		t.Fatalf("%d distinct ECIDs for %d users", len(ids), cfg.Users)
	}

	start, end := cfg.Window()
	typ, users, times := ev.Columns[2].Strings(), ev.Columns[3].Strings(), ev.Columns[1].Times()
	page, msg := ev.Columns[5], ev.Columns[15]
	seen := map[string]bool{}
	converted := map[string]int{}
	for i := range typ {
		if !ids[users[i]] {
			t.Fatalf("event %d has user %q, not a profile", i, users[i])
		}
		if i > 0 && users[i] == users[i-1] && times[i].Before(times[i-1]) {
			t.Fatalf("events of user %s are not in time order at row %d", users[i], i)
		}
		if i > 0 && users[i] != users[i-1] && seen[users[i]] {
			t.Fatalf("events of user %s are not contiguous", users[i])
		}
		seen[users[i]] = true
		if times[i].Before(start) || times[i].After(end.Add(30*24*time.Hour)) {
			t.Fatalf("event time %v outside the window %v..%v", times[i], start, end)
		}
		marketing := strings.HasPrefix(typ[i], "directMarketing.")
		if page.IsNull(i) != marketing || msg.IsNull(i) == marketing {
			t.Fatalf("row %d (%s): web NULL %v, marketing NULL %v", i, typ[i], page.IsNull(i), msg.IsNull(i))
		}
		if typ[i] == FormFilledOut {
			converted[users[i]]++
			if page.Strings()[i] != "subscriptionForm" {
				t.Fatalf("formFilledOut page %q", page.Strings()[i])
			}
			// One minute after a web, commerce or decisioning event of the same user.
			ok := false
			for j := i - 1; j >= 0 && users[j] == users[i]; j-- {
				if times[j].Equal(times[i].Add(-time.Minute)) && !strings.HasPrefix(typ[j], "directMarketing.") && !strings.HasPrefix(typ[j], "advertising.") {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("row %d: formFilledOut without a converting event one minute earlier", i)
			}
		}
	}
	for u, n := range converted {
		if n != 1 {
			t.Fatalf("user %s converted %d times", u, n)
		}
	}
	if EventTypes().NumRows() != 13 || EventSchema("acme").Columns[2].Strings()[3] != "_acme.userid" {
		t.Fatalf("event table or schema table wrong: %v", EventSchema("acme").Columns[2].Strings())
	}
}

func TestGenerateBatch(t *testing.T) {
	cfg := Config{Users: 1003, Seed: 9, End: testEnd}
	var evs, profs []*table.Table
	for b := 0; b < 4; b++ {
		batch, err := GenerateBatch(context.Background(), cfg, b, 4)
		if err != nil {
			t.Fatal(err)
		}
		evs, profs = append(evs, batch.Events), append(profs, batch.Profiles)
		if !strings.Contains(batch.String(), "events") {
			t.Fatalf("summary %q", batch.String())
		}
	}
	equalTables(t, "batched events", Events(cfg, 0, cfg.Users), concat(t, evs...))
	equalTables(t, "batched profiles", Profiles(cfg, 0, cfg.Users), concat(t, profs...))

	for _, bad := range []struct{ users, batch, batches int }{{0, 0, 1}, {10, 1, 1}, {10, -1, 2}, {10, 0, 0}} {
		if _, err := GenerateBatch(context.Background(), Config{Users: bad.users}, bad.batch, bad.batches); err == nil {
			t.Fatalf("GenerateBatch(%+v) succeeded", bad)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := GenerateBatch(ctx, cfg, 0, 1); err == nil {
		t.Fatal("GenerateBatch ignored a cancelled context")
	}
}

func TestECID(t *testing.T) {
	a, b := ECID("ada.lovelace.1@example.com"), ECID("ada.lovelace.2@example.com")
	if len(a) != 38 || a == b || a != ECID("ada.lovelace.1@example.com") {
		t.Fatalf("ECID: %q %q", a, b)
	}
}

// Validate refuses, with the parameter's name, what notebook 01 must not start with.
func TestValidate(t *testing.T) {
	for _, c := range []struct {
		users, batches int
		want           string // "" when valid
	}{
		{100, 10, ""}, {1, 1, ""}, {5, 5, ""},
		{0, 10, "users must be at least 1, got 0"},
		{-5, 10, "users must be at least 1, got -5"},
		{100, 0, "batches must be at least 1, got 0"},
		{100, -1, "batches must be at least 1, got -1"},
		{3, 4, "batches (4) must not exceed users (3)"},
	} {
		err := Config{Users: c.users}.Validate(c.batches)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("users=%d batches=%d: %v", c.users, c.batches, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("users=%d batches=%d: error %v, want %q", c.users, c.batches, err, c.want)
		}
	}
}

// Range covers the users exactly once over the batches, and says what is wrong with
// arguments that name no batch instead of dividing by zero.
func TestRange(t *testing.T) {
	next := 0
	for b := 0; b < 7; b++ {
		from, to := Range(100, b, 7)
		if from != next || to < from {
			t.Fatalf("Range(100, %d, 7) = [%d, %d), want it to start at %d", b, from, to, next)
		}
		next = to
	}
	if next != 100 {
		t.Fatalf("the batches end at %d, want 100", next)
	}
	for _, c := range []struct {
		users, batch, batches int
		want                  string
	}{
		{10, 0, 0, "batches must be at least 1, got 0"},
		{10, 0, -2, "batches must be at least 1, got -2"},
		{10, 3, 3, "batch 3 is outside 0..2"},
		{10, -1, 3, "batch -1 is outside 0..2"},
		{-1, 0, 3, "users must not be negative, got -1"},
	} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, c.want) {
					t.Errorf("Range(%d, %d, %d) panicked with %q, want %q", c.users, c.batch, c.batches, msg, c.want)
				}
			}()
			Range(c.users, c.batch, c.batches)
		}()
	}
}
