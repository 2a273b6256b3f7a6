package synth

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

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

// eventColumns builds the columns of EventFields.
type eventColumns struct {
	ids, types, users, produced                               []string
	times                                                     []time.Time
	pageName, pageURL, section, interaction, referrer         []string
	pageViews, linkClicks                                     []int64
	homePage                                                  []bool
	orderTotal                                                []float64
	action, messageID, campaign, hashed                       []string
	webNull, orderNull, actionNull, marketingNull, hashedNull []bool
}

func (c *eventColumns) grow(n int) {
	for _, s := range []*[]string{&c.ids, &c.types, &c.users, &c.produced, &c.pageName, &c.pageURL, &c.section,
		&c.interaction, &c.referrer, &c.action, &c.messageID, &c.campaign, &c.hashed} {
		*s = slices.Grow(*s, n)
	}
	for _, b := range []*[]bool{&c.homePage, &c.webNull, &c.orderNull, &c.actionNull, &c.marketingNull, &c.hashedNull} {
		*b = slices.Grow(*b, n)
	}
	c.times = slices.Grow(c.times, n)
	c.pageViews = slices.Grow(c.pageViews, n)
	c.linkClicks = slices.Grow(c.linkClicks, n)
	c.orderTotal = slices.Grow(c.orderTotal, n)
}

// generate appends the events of users [from, to) to c.
func (s *simulator) generate(c *eventColumns, from, to int) {
	start, _ := s.cfg.Window()
	idr := newUserRand()
	var uuids []byte
	for i := from; i < to; i++ {
		id := userIdentity(idr, s.cfg.Seed, i)
		s.simulate(i)
		r := s.r
		// One string per user holds all its UUIDs; the columns hold substrings.
		uuids = uuids[:0]
		for _, e := range s.events {
			uuids = r.appendUUID(uuids)
			if e.typ == tSent || e.typ == tOpened || e.typ == tClicked {
				uuids = r.appendUUID(uuids)
			}
		}
		all := string(uuids)
		var hashed string
		pos := 0
		next := func() string { u := all[pos : pos+36]; pos += 36; return u }
		for _, e := range s.events {
			c.ids = append(c.ids, next())
			c.times = append(c.times, start.Add(time.Duration(e.at)*time.Microsecond))
			c.types = append(c.types, eventTypes[e.typ].Name)
			c.users = append(c.users, id.ecid)
			c.produced = append(c.produced, producedBy)
			marketing := e.typ == tSent || e.typ == tOpened || e.typ == tClicked
			if marketing {
				c.pageName = append(c.pageName, "")
				c.pageURL = append(c.pageURL, "")
				c.section = append(c.section, "")
				c.pageViews = append(c.pageViews, 0)
				c.linkClicks = append(c.linkClicks, 0)
				c.interaction = append(c.interaction, "")
				c.referrer = append(c.referrer, "")
				c.homePage = append(c.homePage, false)
				c.webNull = append(c.webNull, true)
				c.messageID = append(c.messageID, next())
				c.campaign = append(c.campaign, campaigns[r.IntN(len(campaigns))])
				c.marketingNull = append(c.marketingNull, false)
				if e.typ == tSent {
					if hashed == "" {
						hashed = hashedEmail(id.email)
					}
					c.hashed = append(c.hashed, hashed)
					c.hashedNull = append(c.hashedNull, false)
				} else {
					c.hashed = append(c.hashed, "")
					c.hashedNull = append(c.hashedNull, true)
				}
			} else {
				pg := pages[r.IntN(len(pages))]
				if e.typ == tForm {
					pg = formPage
				}
				c.pageName = append(c.pageName, pg.name)
				c.pageURL = append(c.pageURL, pg.url)
				c.section = append(c.section, pg.section)
				c.pageViews = append(c.pageViews, b2i(e.typ == tPageView))
				c.linkClicks = append(c.linkClicks, b2i(linkClickTypes[e.typ]))
				c.interaction = append(c.interaction, interactionTypes[r.IntN(len(interactionTypes))])
				c.referrer = append(c.referrer, referrerTypes[r.IntN(len(referrerTypes))])
				c.homePage = append(c.homePage, pg.name == "home")
				c.webNull = append(c.webNull, false)
				c.messageID = append(c.messageID, "")
				c.campaign = append(c.campaign, "")
				c.marketingNull = append(c.marketingNull, true)
				c.hashed = append(c.hashed, "")
				c.hashedNull = append(c.hashedNull, true)
			}
			if e.typ == tPurchase {
				c.orderTotal = append(c.orderTotal, round2(9.99+r.Float64()*240))
				c.orderNull = append(c.orderNull, false)
			} else {
				c.orderTotal = append(c.orderTotal, 0)
				c.orderNull = append(c.orderNull, true)
			}
			c.action = append(c.action, actions[e.typ])
			c.actionNull = append(c.actionNull, actions[e.typ] == "")
		}
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// table turns the columns into a table with EventFields' names and types.
func (c *eventColumns) table() *table.Table {
	named := func(k int, c *table.Column, nulls []bool) *table.Column {
		c.Name, c.Type = EventFields[k].Name, EventFields[k].Type
		if nulls != nil {
			c = c.WithNulls(nulls)
		}
		return c
	}
	str := func(k int, v []string, nulls []bool) *table.Column {
		return named(k, table.StringColumn("", v), nulls)
	}
	ts := named(1, table.TimeColumn("", c.times), nil)
	views := named(8, table.IntColumn("", c.pageViews), c.webNull)
	clicks := named(9, table.IntColumn("", c.linkClicks), c.webNull)
	home := named(12, table.BoolColumn("", c.homePage), c.webNull)
	total := named(13, table.FloatColumn("", c.orderTotal), c.orderNull)
	return table.New(
		str(0, c.ids, nil), ts, str(2, c.types, nil), str(3, c.users, nil), str(4, c.produced, nil),
		str(5, c.pageName, c.webNull), str(6, c.pageURL, c.webNull), str(7, c.section, c.webNull),
		views, clicks,
		str(10, c.interaction, c.webNull), str(11, c.referrer, c.webNull), home, total,
		str(14, c.action, c.actionNull), str(15, c.messageID, c.marketingNull),
		str(16, c.campaign, c.marketingNull), str(17, c.hashed, c.hashedNull),
	)
}

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
	parts := make([]eventColumns, workers)
	panics := make([]*PanicError, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := from+n*w/workers, from+n*(w+1)/workers
		wg.Add(1)
		go func(c *eventColumns, p **PanicError) {
			defer wg.Done()
			*p = protect(fmt.Sprintf("generating the events of users [%d, %d)", lo, hi), func() {
				c.grow((hi - lo) * 11)
				newSimulator(cfg).generate(c, lo, hi)
			})
		}(&parts[w], &panics[w])
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			return nil, p
		}
	}
	if workers == 1 {
		return parts[0].table(), nil
	}
	var all eventColumns
	total := 0
	for i := range parts {
		total += len(parts[i].ids)
	}
	all.grow(total)
	for i := range parts {
		all.appendAll(&parts[i])
		parts[i] = eventColumns{}
	}
	return all.table(), nil
}

func (c *eventColumns) appendAll(o *eventColumns) {
	c.ids = append(c.ids, o.ids...)
	c.types = append(c.types, o.types...)
	c.users = append(c.users, o.users...)
	c.produced = append(c.produced, o.produced...)
	c.times = append(c.times, o.times...)
	c.pageName = append(c.pageName, o.pageName...)
	c.pageURL = append(c.pageURL, o.pageURL...)
	c.section = append(c.section, o.section...)
	c.interaction = append(c.interaction, o.interaction...)
	c.referrer = append(c.referrer, o.referrer...)
	c.pageViews = append(c.pageViews, o.pageViews...)
	c.linkClicks = append(c.linkClicks, o.linkClicks...)
	c.homePage = append(c.homePage, o.homePage...)
	c.orderTotal = append(c.orderTotal, o.orderTotal...)
	c.action = append(c.action, o.action...)
	c.messageID = append(c.messageID, o.messageID...)
	c.campaign = append(c.campaign, o.campaign...)
	c.hashed = append(c.hashed, o.hashed...)
	c.webNull = append(c.webNull, o.webNull...)
	c.orderNull = append(c.orderNull, o.orderNull...)
	c.actionNull = append(c.actionNull, o.actionNull...)
	c.marketingNull = append(c.marketingNull, o.marketingNull...)
	c.hashedNull = append(c.hashedNull, o.hashedNull...)
}
