// Package audience defines audiences as SQL rules over the unified profile view,
// evaluates them on demand into a members table, computes reach statistics for score
// thresholds, and activates audiences to destinations: files in blob storage, or JSON
// batches POSTed to an HTTP endpoint with idempotency keys, retries with backoff and a
// dead-letter record for batches that finally fail.
//
// Everything is kept in the query service with portable SQL (the sandbox and
// PostgreSQL): definitions in sluice_audiences, evaluation jobs in sluice_audience_jobs,
// members in one table per audience (audience_<name>, replaced by each evaluation),
// activation runs in sluice_activations and undeliverable batches in
// sluice_dead_letters.
package audience

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/platform/internal/sqltx"
	"github.com/sluice-dev/sluice/platform/profiles"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// Definition is what an audience is: a name, a description and a rule, an SQL boolean
// expression over the unified profile view's columns, such as
// "propensity BETWEEN 0.2 AND 0.93".
type Definition struct {
	Name        string
	Description string
	Rule        string
}

// Audience is a stored definition.
type Audience struct {
	Definition
	// View is the profile view the rule selects from; Identity its identity column.
	View     string
	Identity string
	Created  time.Time
	Updated  time.Time
}

// String summarizes the audience on one line.
func (a *Audience) String() string {
	s := fmt.Sprintf("audience %s: %s WHERE %s", a.Name, a.View, a.Rule)
	if a.Description != "" {
		s += " — " + a.Description
	}
	return s
}

// HTML renders the audience's definition as a card (String is its text).
func (a *Audience) HTML() string {
	return card("audience "+a.Name, [][2]string{
		{"description", a.Description}, {"rule", a.Rule}, {"profile view", a.View},
		{"identity", a.Identity}, {"updated", a.Updated.Format("2006-01-02 15:04:05")},
	})
}

// Service manages the audiences over one profile view.
type Service struct {
	db       *qs.Client
	view     string
	identity string

	mu    sync.Mutex
	ready bool
}

// New returns the audience service for the unified profile view called view
// (profiles.DefaultView when empty), which profiles.Refresh must have created.
func New(ctx context.Context, db *qs.Client, view string) (*Service, error) {
	v, err := profiles.Open(ctx, db, view)
	if err != nil {
		return nil, fmt.Errorf("audiences: %w", err)
	}
	s := &Service{db: db, view: v.Name, identity: v.Identity}
	if err := s.init(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// View returns the name of the profile view the service's audiences select from.
func (s *Service) View() string { return s.view }

// Identity returns the view's identity column.
func (s *Service) Identity() string { return s.identity }

var ddl = []string{
	`CREATE TABLE IF NOT EXISTS sluice_audiences (
		name TEXT PRIMARY KEY,
		description TEXT,
		rule TEXT NOT NULL,
		view_name TEXT NOT NULL,
		identity_field TEXT NOT NULL,
		created TIMESTAMP NOT NULL,
		updated TIMESTAMP NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS sluice_audience_jobs (
		id BIGINT PRIMARY KEY,
		audience TEXT NOT NULL,
		status TEXT NOT NULL,
		members BIGINT NOT NULL,
		members_table TEXT,
		rule TEXT NOT NULL,
		started TIMESTAMP NOT NULL,
		finished TIMESTAMP,
		reason TEXT)`,
	`CREATE TABLE IF NOT EXISTS sluice_activations (
		id BIGINT PRIMARY KEY,
		audience TEXT NOT NULL,
		job_id BIGINT NOT NULL,
		destination TEXT NOT NULL,
		status TEXT NOT NULL,
		members BIGINT NOT NULL,
		batches BIGINT NOT NULL,
		delivered BIGINT NOT NULL,
		retried BIGINT NOT NULL,
		dead_lettered BIGINT NOT NULL,
		location TEXT,
		started TIMESTAMP NOT NULL,
		finished TIMESTAMP,
		reason TEXT)`,
	`CREATE TABLE IF NOT EXISTS sluice_dead_letters (
		activation_id BIGINT NOT NULL,
		batch BIGINT NOT NULL,
		idempotency_key TEXT NOT NULL,
		destination TEXT NOT NULL,
		members BIGINT NOT NULL,
		attempts BIGINT NOT NULL,
		reason TEXT NOT NULL,
		payload TEXT NOT NULL,
		created TIMESTAMP NOT NULL)`,
}

func (s *Service) init(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ready {
		return nil
	}
	for _, q := range ddl {
		if _, err := s.db.Exec(ctx, q); err != nil {
			return fmt.Errorf("audiences: create metadata tables: %w", err)
		}
	}
	s.ready = true
	return nil
}

func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,50}$`)

// membersTable is the table an audience's members are materialized into.
func membersTable(name string) string { return "audience_" + name }

// ValidateRule checks rule against the profile view by running it with LIMIT 0 and
// returns the query service's own message when it is not a valid predicate.
func (s *Service) ValidateRule(ctx context.Context, rule string) error {
	if strings.TrimSpace(rule) == "" {
		return fmt.Errorf("the rule is empty: write an SQL condition over %s's columns, e.g. propensity BETWEEN 0.2 AND 0.93", s.view)
	}
	if hasStatementBreak(rule) {
		return fmt.Errorf("the rule %q contains ';': a rule is one SQL condition, not statements", rule)
	}
	if _, err := s.db.Query(ctx, fmt.Sprintf("SELECT * FROM %s WHERE (%s) LIMIT 0", s.view, rule)); err != nil {
		msg := err.Error()
		var qe *qs.Error
		if errors.As(err, &qe) {
			msg = qe.Message
			if qe.Hint != "" {
				msg += " (hint: " + qe.Hint + ")"
			}
		}
		return fmt.Errorf("the rule %q is not a valid condition over %s: %s", rule, s.view, msg)
	}
	return nil
}

// hasStatementBreak reports whether rule has a ';' outside quotes and comments.
func hasStatementBreak(rule string) bool {
	for i := 0; i < len(rule); i++ {
		switch c := rule[i]; c {
		case '\'', '"':
			j := i + 1
			for j < len(rule) && rule[j] != c {
				j++
			}
			i = j
		case ';':
			return true
		}
	}
	return false
}

// Create stores the audience after validating its rule against the profile view (a bad
// rule fails with the query service's message). Creating the same definition again
// returns the stored audience unchanged; a new description or rule under the same name
// updates it (its next evaluation uses the new rule).
func (s *Service) Create(ctx context.Context, def Definition) (*Audience, error) {
	if !nameRE.MatchString(def.Name) {
		return nil, fmt.Errorf("audience name %q is not valid: lower-case letters, digits and _, starting with a letter (put words in Description)", def.Name)
	}
	def.Rule = strings.TrimSpace(def.Rule)
	if err := s.ValidateRule(ctx, def.Rule); err != nil {
		return nil, fmt.Errorf("create audience %s: %w", def.Name, err)
	}
	old, err := s.Audience(ctx, def.Name)
	if err == nil && old.Definition == def && old.View == s.view {
		return old, nil
	}
	a := &Audience{Definition: def, View: s.view, Identity: s.identity, Created: now()}
	a.Updated = a.Created
	if old != nil {
		a.Created = old.Created
	}
	err = sqltx.Exec(ctx, s.db,
		sqltx.Statement(`DELETE FROM sluice_audiences WHERE name = $1`, def.Name),
		sqltx.Statement(`INSERT INTO sluice_audiences (name, description, rule, view_name, identity_field, created, updated)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, def.Name, def.Description, def.Rule, s.view, s.identity, a.Created, a.Updated))
	if err != nil {
		return nil, fmt.Errorf("create audience %s: %w", def.Name, err)
	}
	return a, nil
}

// Audience returns the stored audience called name.
func (s *Service) Audience(ctx context.Context, name string) (*Audience, error) {
	t, err := s.db.Query(ctx, `SELECT name, description, rule, view_name, identity_field, created, updated
		FROM sluice_audiences WHERE name = $1`, name)
	if err != nil {
		return nil, fmt.Errorf("audience %s: %w", name, err)
	}
	as := audiencesFrom(t)
	if len(as) == 0 {
		return nil, fmt.Errorf("audience %q does not exist: create it with Create", name)
	}
	return as[0], nil
}

func audiencesFrom(t *table.Table) []*Audience {
	names := t.Strings("name")
	descs := t.Strings("description")
	rules := t.Strings("rule")
	views := t.Strings("view_name")
	ids := t.Strings("identity_field")
	created := t.Times("created")
	updated := t.Times("updated")
	out := make([]*Audience, len(names))
	for i := range names {
		out[i] = &Audience{Definition: Definition{Name: names[i], Description: descs[i], Rule: rules[i]},
			View: views[i], Identity: ids[i], Created: created[i], Updated: updated[i]}
	}
	return out
}

// List returns the audiences with their latest evaluation: name, description, rule,
// members, evaluated time.
func (s *Service) List(ctx context.Context) (*table.Table, error) {
	t, err := s.db.Query(ctx, `SELECT a.name, a.description, a.rule,
			j.members, j.finished AS evaluated
		FROM sluice_audiences a
		LEFT JOIN (SELECT audience, members, finished, ROW_NUMBER() OVER (PARTITION BY audience ORDER BY id DESC) AS rn
			FROM sluice_audience_jobs WHERE status = 'success') j ON j.audience = a.name AND j.rn = 1
		ORDER BY a.name`)
	if err != nil {
		return nil, fmt.Errorf("list audiences: %w", err)
	}
	t.Title = "audiences"
	return t, nil
}

// Delete removes the audience, its members table and its evaluation jobs.
func (s *Service) Delete(ctx context.Context, name string) error {
	if _, err := s.Audience(ctx, name); err != nil {
		return err
	}
	err := sqltx.Exec(ctx, s.db,
		sqltx.Statement("DROP TABLE IF EXISTS "+membersTable(name)),
		sqltx.Statement(`DELETE FROM sluice_audience_jobs WHERE audience = $1`, name),
		sqltx.Statement(`DELETE FROM sluice_audiences WHERE name = $1`, name))
	if err != nil {
		return fmt.Errorf("delete audience %s: %w", name, err)
	}
	return nil
}

// nextID allocates the next id of an id-keyed metadata table inside tx.
func nextID(ctx context.Context, q interface {
	Query(ctx context.Context, sql string, args ...any) (*table.Table, error)
}, rel string) (int64, error) {
	t, err := q.Query(ctx, "SELECT COALESCE(MAX(id), 0) + 1 AS id FROM "+rel)
	if err != nil {
		return 0, err
	}
	c, err := t.Column("id")
	if err != nil || c.Kind() != table.KindInt || c.Len() != 1 {
		return 0, fmt.Errorf("allocate id in %s: unexpected result", rel)
	}
	return c.IntAt(0), nil
}
