package synth

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/sluice-dev/sluice/table"
)

// Indexes of eventTypes.
const (
	tImpression = iota
	tAdClick
	tPageView
	tLinkClick
	tProductView
	tPurchase
	tDisplay
	tInteract
	tDismiss
	tSent
	tOpened
	tClicked
	tForm
	numTypes
)

// dependencies lists, in the reference's processing order, each origin type and
// the types it draws.
var dependencies = []struct {
	origin int
	deps   []int
}{
	{tImpression, []int{tAdClick}},
	{tSent, []int{tOpened}},
	{tOpened, []int{tClicked}},
	{tClicked, []int{tPageView}},
	{tPageView, []int{tLinkClick, tProductView, tDisplay}},
	{tProductView, []int{tPurchase}},
	{tDisplay, []int{tInteract, tDismiss}},
}

var baseTypes = []int{tImpression, tPageView, tSent}

// canConvert reports whether an event of type t may convert the user: web,
// commerce and decisioning events, not e-mails or advertising.
var canConvert = [numTypes]bool{
	tPageView: true, tLinkClick: true, tProductView: true, tPurchase: true,
	tDisplay: true, tInteract: true, tDismiss: true,
}

// event is one simulated event: microseconds after the window start, and its type.
type event struct {
	at  int64
	typ int
}

// simulator holds one worker's reusable state.
type simulator struct {
	cfg      Config
	expNeg   [numTypes]float64 // e^-λ of each type's Poisson count over the window
	delayUs  [numTypes]float64
	windowUs int64
	r        *userRand
	times    [numTypes][]int64
	events   []event
}

func newSimulator(cfg Config) *simulator {
	s := &simulator{cfg: cfg, r: newUserRand()}
	for t, e := range eventTypes {
		s.expNeg[t] = math.Exp(-e.WeeklyAvg * float64(cfg.Weeks))
		s.delayUs[t] = e.DelayHours * 3600e6
	}
	s.windowUs = int64(cfg.Weeks) * 7 * 24 * 3600e6
	return s
}

// simulate fills s.events with user i's events in time order (the random stream is
// left positioned after the simulation) and reports whether the user converted.
func (s *simulator) simulate(i int) bool {
	r := s.r
	r.reset(s.cfg.Seed, i, streamEvents)
	for t := range s.times {
		s.times[t] = s.times[t][:0]
	}
	for _, t := range baseTypes {
		n := r.poisson(s.expNeg[t])
		for k := 0; k < n; k++ {
			s.times[t] = append(s.times[t], int64(r.Float64()*float64(s.windowUs)))
		}
	}
	for _, d := range dependencies {
		origins := s.times[d.origin]
		if len(origins) == 0 {
			continue
		}
		if !s.cfg.KeepAllDraws {
			// The reference replaced each dependent list with every new origin's
			// draws, so only the last origin's draws survive: draw just those.
			origins = origins[len(origins)-1:]
			for _, dep := range d.deps {
				s.times[dep] = s.times[dep][:0]
			}
		}
		for _, at := range origins {
			for _, dep := range d.deps {
				n := r.poisson(s.expNeg[dep])
				for k := 0; k < n; k++ {
					s.times[dep] = append(s.times[dep], at+int64(r.ExpFloat64()*s.delayUs[dep]))
				}
			}
		}
	}
	s.events = s.events[:0]
	for t := range s.times {
		for _, at := range s.times[t] {
			s.events = append(s.events, event{at, t})
		}
	}
	slices.SortFunc(s.events, compareEvents)

	p := 0.001
	converted := false
	for _, e := range s.events {
		p = math.Min(1, math.Max(0, p+eventTypes[e.typ].Delta))
		if !converted && canConvert[e.typ] && r.Float64() < p {
			converted = true
			s.events = append(s.events, event{e.at + 60e6, tForm})
		}
	}
	if converted {
		slices.SortFunc(s.events, compareEvents)
	}
	return converted
}

func compareEvents(a, b event) int {
	switch {
	case a.at < b.at:
		return -1
	case a.at > b.at:
		return 1
	}
	return a.typ - b.typ
}

// Detail-field vocabularies.
var (
	pages = []struct{ name, url, section string }{
		{"home", "https://www.example.com/", "home"},
		{"pricing", "https://www.example.com/pricing", "plans"},
		{"plans-compare", "https://www.example.com/plans/compare", "plans"},
		{"product-overview", "https://www.example.com/product", "product"},
		{"product-features", "https://www.example.com/product/features", "product"},
		{"product-reviews", "https://www.example.com/product/reviews", "product"},
		{"blog", "https://www.example.com/blog", "content"},
		{"blog-article", "https://www.example.com/blog/article", "content"},
		{"help", "https://www.example.com/help", "support"},
		{"contact", "https://www.example.com/contact", "support"},
		{"cart", "https://www.example.com/cart", "checkout"},
		{"checkout", "https://www.example.com/checkout", "checkout"},
	}
	formPage         = struct{ name, url, section string }{"subscriptionForm", "https://www.example.com/subscribe", "subscribe"}
	interactionTypes = []string{"download", "exit", "other"}
	referrerTypes    = []string{"internal", "external", "search_engine", "email", "social", "unknown", "typed_bookmarked"}
	campaigns        = []string{"campaign-spring-sale", "campaign-newsletter", "campaign-winback", "campaign-onboarding",
		"campaign-loyalty", "campaign-product-launch", "campaign-webinar", "campaign-survey"}
	linkClickTypes = [numTypes]bool{tAdClick: true, tPurchase: true, tLinkClick: true, tForm: true, tInteract: true, tDismiss: true}
	actions        = [numTypes]string{tDisplay: "display", tInteract: "interact", tDismiss: "dismiss"}
)

const producedBy = "sluice-synth"

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// maxUsers is the most users one Events call generates: their ECIDs fill at most 2 GiB
// (the dictionary's 32-bit offsets); the table would take about 45 GB.
const maxUsers = 50_000_000

// parallelThreshold is the smallest range of users split across workers.
const parallelThreshold = 4096

// Events returns the experience events of users [from, to): each user's events in
// time order, users in index order, with the columns of EventFields. Large ranges
// are generated on all cores; the result does not depend on how the range is split.
// It panics if the range is invalid (from < 0 or to < from), and with a worker's panic
// (a range too large to allocate, say) as a *PanicError in the calling goroutine.
func Events(cfg Config, from, to int) *table.Table {
	checkRange(from, to)
	t, err := events(cfg.withDefaults(), from, to, runtime.GOMAXPROCS(0))
	if err != nil {
		panic(err)
	}
	return t
}

// events generates users [from, to) on workers goroutines; a panic in one of them is
// returned as a *PanicError once all have finished.
func events(cfg Config, from, to, workers int) (*table.Table, error) {
	n := to - from
	if workers < 1 || n < parallelThreshold {
		workers = 1
	}
	// every worker fills its region of the same buffers (see columns.go)
	lo := func(w int) int { return from + n*w/workers }
	starts, userStarts := make([]int, workers+1), make([]int, workers+1)
	var all eventBuffers
	if perr := protect(fmt.Sprintf("generating the events of users [%d, %d)", from, to), func() {
		if n > maxUsers {
			panic(fmt.Sprintf("%d users are more than one table of events holds (%d); generate them in batches (GenerateBatch)", n, maxUsers))
		}
		for w := 0; w < workers; w++ {
			starts[w+1] = starts[w] + eventsFor(lo(w+1)-lo(w), cfg.KeepAllDraws)
			userStarts[w+1] = lo(w+1) - from
		}
		all = newEventBuffers(starts[workers], n)
	}); perr != nil {
		return nil, perr
	}
	parts := make([]eventBuffers, workers)
	panics := make([]*PanicError, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		parts[w] = all.region(starts[w], starts[w+1], userStarts[w], userStarts[w+1])
		wg.Add(1)
		go func(w int, p *eventBuffers, pe **PanicError) {
			defer wg.Done()
			*pe = protect(fmt.Sprintf("generating the events of users [%d, %d)", lo(w), lo(w+1)), func() {
				newSimulator(cfg).generate(p, lo(w), lo(w+1), int32(lo(w)-from))
			})
		}(w, &parts[w], &panics[w])
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			return nil, p
		}
	}
	all.gather(parts, starts, userStarts)
	start, _ := cfg.Window()
	t, perr := assemble(&all, start.UnixMicro())
	if perr != nil {
		return nil, perr
	}
	return t, nil
}
