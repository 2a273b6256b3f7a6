package main

import (
	"math"
	"math/rand"
	"time"

	"github.com/sluice-dev/sluice/platform/synth"
	"github.com/sluice-dev/sluice/table"
)

// featureEvents are the seven event types notebook 02 counts and times, in feature order.
var featureEvents = []struct{ event, name string }{
	{synth.EmailSent, "email_sent"},
	{synth.EmailOpened, "email_opened"},
	{synth.EmailClicked, "email_clicked"},
	{synth.ProductView, "product_views"},
	{synth.PropositionInteract, "proposition_interact"},
	{synth.PropositionDismiss, "proposition_dismiss"},
	{synth.LinkClick, "link_clicks"},
}

// featureNames returns the 14 feature columns: seven counts, then seven minutes-since.
func featureNames() []string {
	var out []string
	for _, f := range featureEvents {
		out = append(out, f.name+"_count")
	}
	for _, f := range featureEvents {
		out = append(out, "minutes_since_"+f.name)
	}
	return out
}

// featurize builds the training set of notebook 02 from the simulator's events, in Go
// (a stand-in for the SQL window-function query, with the same definition): one row per
// user — at the conversion event for converters, at a random event (seeded) for the
// others — with cumulative counts of the seven event types up to and including that row
// and minutes since the last of each (NULL when none), and subscriptionOccurred.
func featurize(ev *table.Table, seed int64) *table.Table {
	users := ev.Strings("user_id")
	types := ev.Strings("event_type")
	times := ev.Times("timestamp")
	kind := map[string]int{}
	for k, f := range featureEvents {
		kind[f.event] = k
	}
	rng := rand.New(rand.NewSource(seed))
	nf := len(featureEvents)
	var ids []string
	cols := make([][]float64, 2*nf)
	nulls := make([][]bool, 2*nf)
	var label []int64
	emit := func(user string, rows []int, at int, conv bool) {
		var count [7]float64
		var last [7]time.Time
		var seen [7]bool
		for _, r := range rows[:at+1] {
			if k, ok := kind[types[r]]; ok {
				count[k]++
				last[k] = times[r]
				seen[k] = true
			}
		}
		ids = append(ids, user)
		t := times[rows[at]]
		for k := 0; k < nf; k++ {
			cols[k] = append(cols[k], count[k])
			nulls[k] = append(nulls[k], false)
			if seen[k] {
				cols[nf+k] = append(cols[nf+k], math.Floor(t.Sub(last[k]).Minutes()))
				nulls[nf+k] = append(nulls[nf+k], false)
			} else {
				cols[nf+k] = append(cols[nf+k], 0)
				nulls[nf+k] = append(nulls[nf+k], true)
			}
		}
		if conv {
			label = append(label, 1)
		} else {
			label = append(label, 0)
		}
	}
	n := len(users)
	for start := 0; start < n; {
		end := start
		for end < n && users[end] == users[start] {
			end++
		}
		rows := make([]int, 0, end-start)
		for r := start; r < end; r++ {
			rows = append(rows, r)
		}
		conv := -1
		for i, r := range rows {
			if types[r] == synth.FormFilledOut {
				conv = i
				break
			}
		}
		if conv >= 0 {
			emit(users[start], rows, conv, true)
		} else {
			emit(users[start], rows, rng.Intn(len(rows)), false)
		}
		start = end
	}
	out := []*table.Column{table.StringColumn("userId", ids)}
	for j, name := range featureNames() {
		c := table.FloatColumn(name, cols[j])
		if j >= nf {
			c = c.WithNulls(nulls[j])
		}
		out = append(out, c)
	}
	out = append(out, table.IntColumn("subscriptionOccurred", label))
	return table.New(out...)
}
