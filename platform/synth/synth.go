// Package synth generates the synthetic customer-data-platform data of notebook 01:
// profiles and experience events for a number of users, deterministic for a seed.
//
// The experience events come from a small behavioural simulator. Each user has a
// 10-week window; base events (ad impressions, page views, e-mails sent) arrive as a
// Poisson process at uniform times, and each origin event draws dependent events
// (an e-mail sent is opened, an open is clicked, a click leads to a page view, …) a
// random, exponentially distributed delay later. Walking the user's events in time
// order, a propensity starts at 0.001 and moves by each event type's delta; on a
// web, commerce or decisioning event of a user who has not converted yet, the user
// converts with that probability and a web.formFilledOut event follows one minute
// later.
//
// The reference simulator this mirrors drew dependants for every origin event but
// kept only the draws of the last origin of each type (every draw replaced the list
// of that dependent type). That quirk is what gives its distribution, about 10.6
// events per user and 14.8 % converted users, and it is the default here.
// Config.KeepAllDraws keeps the dependants of every origin instead, which gives a
// much richer history per user.
//
// Every user has a random stream of its own, seeded from the seed and the user's
// index, so any range of users can be generated on its own, in any order and in
// parallel, with the same result.
//
// Column names are flattened and lower snake_case (see EventFields and
// ProfileFields), so that the same SQL works unquoted on PostgreSQL and DuckDB.
package synth

import (
	"fmt"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// Config sets what to generate.
type Config struct {
	// Users is the number of users (profiles); it bounds GenerateBatch's ranges.
	Users int
	// Seed makes the output reproducible: the same seed gives the same rows.
	Seed int64
	// Tenant is the namespace of the custom fields (the ECID lives in
	// _<tenant>.userid); empty means "sluice".
	Tenant string
	// End is the end of the event window. Zero means two weeks before now, truncated
	// to the day (UTC); set it for reproducible timestamps.
	End time.Time
	// Weeks is the window length in weeks (0 means 10).
	Weeks int
	// KeepAllDraws keeps the dependent events of every origin event instead of only
	// the last origin's (the reference behaviour, the default).
	KeepAllDraws bool
}

// Validate checks that c can be generated in batches ingestion batches: at least one
// user, and between 1 and Users batches, so that no batch is empty. Notebooks call it
// before they touch any dataset, so that a bad parameter stops the run before anything
// is dropped.
func (c Config) Validate(batches int) error {
	switch {
	case c.Users < 1:
		return fmt.Errorf("synth: users must be at least 1, got %d", c.Users)
	case batches < 1:
		return fmt.Errorf("synth: batches must be at least 1, got %d", batches)
	case batches > c.Users:
		return fmt.Errorf("synth: batches (%d) must not exceed users (%d): every batch needs at least one user", batches, c.Users)
	}
	return nil
}

// DefaultWeeks is the length of the event window when Config.Weeks is zero.
const DefaultWeeks = 10

// Resolved returns c with its zero fields filled in (tenant, weeks, and End from
// the current time). Resolve a config once when End is left zero, so that batches
// generated at different times still share one window.
func (c Config) Resolved() Config { return c.withDefaults() }

// withDefaults returns c with its zero fields filled in.
func (c Config) withDefaults() Config {
	if c.Tenant == "" {
		c.Tenant = "sluice"
	}
	if c.Weeks <= 0 {
		c.Weeks = DefaultWeeks
	}
	if c.End.IsZero() {
		c.End = DefaultEnd(time.Now())
	}
	c.End = c.End.UTC()
	return c
}

// DefaultEnd returns the default window end for the instant now: two weeks earlier,
// truncated to the day in UTC.
func DefaultEnd(now time.Time) time.Time {
	return now.UTC().AddDate(0, 0, -14).Truncate(24 * time.Hour)
}

// Window returns the start and end of the event window for c (after defaults).
// Dependent events may fall after the end, as in the reference.
func (c Config) Window() (start, end time.Time) {
	c = c.withDefaults()
	return c.End.AddDate(0, 0, -7*c.Weeks), c.End
}

// EventType describes one kind of experience event in the simulator.
type EventType struct {
	// Name is the XDM eventType, such as "directMarketing.emailSent".
	Name string
	// WeeklyAvg is the expected number per week: of base events per user, or of
	// dependants per origin event.
	WeeklyAvg float64
	// Delta is added to the user's propensity when the event happens.
	Delta float64
	// DelayHours is the mean of the exponential delay after the origin event.
	DelayHours float64
	// Base reports whether the event arrives on its own (not only after an origin).
	Base bool
	// After lists the event types whose occurrences draw this one.
	After []string
}

// Event type names.
const (
	AdImpression        = "advertising.impressions"
	AdClick             = "advertising.clicks"
	PageView            = "web.webpagedetails.pageViews"
	LinkClick           = "web.webinteraction.linkClicks"
	ProductView         = "commerce.productViews"
	Purchase            = "commerce.purchases"
	PropositionDisplay  = "decisioning.propositionDisplay"
	PropositionInteract = "decisioning.propositionInteract"
	PropositionDismiss  = "decisioning.propositionDismiss"
	EmailSent           = "directMarketing.emailSent"
	EmailOpened         = "directMarketing.emailOpened"
	EmailClicked        = "directMarketing.emailClicked"
	FormFilledOut       = "web.formFilledOut"
)

// eventTypes is the simulator's table, in the order shown to users.
var eventTypes = []EventType{
	{Name: AdImpression, WeeklyAvg: 0.1, Delta: 0.001, DelayHours: 0, Base: true},
	{Name: AdClick, WeeklyAvg: 0.01, Delta: 0.002, DelayHours: 0.5, After: []string{AdImpression}},
	{Name: PageView, WeeklyAvg: 0.1, Delta: 0.005, DelayHours: 0.1, Base: true, After: []string{EmailClicked}},
	{Name: LinkClick, WeeklyAvg: 0.05, Delta: 0.005, DelayHours: 0.1, After: []string{PageView}},
	{Name: ProductView, WeeklyAvg: 0.05, Delta: 0.005, DelayHours: 0.2, After: []string{PageView}},
	{Name: Purchase, WeeklyAvg: 0.01, Delta: 0.1, DelayHours: 1, After: []string{ProductView}},
	{Name: PropositionDisplay, WeeklyAvg: 0.05, Delta: 0.005, DelayHours: 0.1, After: []string{PageView}},
	{Name: PropositionInteract, WeeklyAvg: 0.01, Delta: 0.1, DelayHours: 0.05, After: []string{PropositionDisplay}},
	{Name: PropositionDismiss, WeeklyAvg: 0.01, Delta: -0.2, DelayHours: 0.05, After: []string{PropositionDisplay}},
	{Name: EmailSent, WeeklyAvg: 0.5, Delta: 0.005, DelayHours: 0, Base: true},
	{Name: EmailOpened, WeeklyAvg: 0.2, Delta: 0.02, DelayHours: 24, After: []string{EmailSent}},
	{Name: EmailClicked, WeeklyAvg: 0.05, Delta: 0.1, DelayHours: 0.5, After: []string{EmailOpened}},
	{Name: FormFilledOut},
}

// Types returns the simulator's event types (a copy), the conversion event last.
func Types() []EventType {
	out := make([]EventType, len(eventTypes))
	for i, e := range eventTypes {
		e.After = append([]string(nil), e.After...)
		out[i] = e
	}
	return out
}

// EventTypes returns the simulator's event table for display: eventType, weekly
// average, propensity delta, mean delay after its origin in hours, and what draws it.
func EventTypes() *table.Table {
	n := len(eventTypes)
	names := make([]string, n)
	avg := make([]float64, n)
	delta := make([]float64, n)
	delay := make([]float64, n)
	origin := make([]string, n)
	nulls := make([]bool, n)
	for i, e := range eventTypes {
		names[i] = e.Name
		avg[i], delta[i], delay[i] = e.WeeklyAvg, e.Delta, e.DelayHours
		switch {
		case e.Name == FormFilledOut:
			origin[i] = "conversion (1 minute after the converting event)"
			nulls[i] = true
		case e.Base && len(e.After) > 0:
			origin[i] = "base; also after " + e.After[0]
		case e.Base:
			origin[i] = "base"
		default:
			origin[i] = "after " + e.After[0]
		}
	}
	num := func(c *table.Column) *table.Column { return c.WithNulls(nulls) }
	t := table.New(
		table.StringColumn("eventType", names),
		num(table.FloatColumn("weekly_avg", avg)),
		num(table.FloatColumn("propensity_delta", delta)),
		num(table.FloatColumn("delay_hours", delay)),
		table.StringColumn("drawn", origin),
	)
	t.Title = "Simulated experience events"
	t.Limit = n
	return t
}
