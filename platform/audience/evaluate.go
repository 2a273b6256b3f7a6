package audience

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// Job is the record of one on-demand evaluation of an audience.
type Job struct {
	ID       int64
	Audience string
	Rule     string
	Status   string // "success" or "failed"
	Members  int64
	// Table is the table the members were materialized into.
	Table    string
	Started  time.Time
	Duration time.Duration
	Error    string
}

// String summarizes the job on one line.
func (j *Job) String() string {
	if j.Status != "success" {
		return fmt.Sprintf("evaluation %d of %s failed: %s", j.ID, j.Audience, j.Error)
	}
	return fmt.Sprintf("evaluation %d of %s: %s members in %s (table %s)", j.ID, j.Audience,
		table.FormatInt(j.Members), table.FormatDuration(j.Duration), j.Table)
}

// HTML renders the job as a card (String is its text).
func (j *Job) HTML() string {
	return card(fmt.Sprintf("evaluation %d of %s", j.ID, j.Audience), [][2]string{
		{"status", j.Status}, {"members", table.FormatInt(j.Members)}, {"duration", table.FormatDuration(j.Duration)},
		{"rule", j.Rule}, {"members table", j.Table}, {"started", j.Started.Format("2006-01-02 15:04:05")}, {"error", j.Error},
	})
}

// Evaluate runs the audience's rule over the profile view now, replacing its members
// table (audience_<name>) with the profiles that match, and records the job. The
// members table and the job record commit together; a failed evaluation keeps the
// previous members and is recorded as failed.
func (s *Service) Evaluate(ctx context.Context, name string) (*Job, error) {
	a, err := s.Audience(ctx, name)
	if err != nil {
		return nil, err
	}
	job := &Job{Audience: name, Rule: a.Rule, Table: membersTable(name), Started: now()}
	start := time.Now()
	err = s.evaluate(ctx, a, job)
	job.Duration = time.Since(start)
	if err != nil {
		job.Status, job.Error, job.Members = "failed", err.Error(), 0
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if id, ierr := nextID(rctx, s.db, "sluice_audience_jobs"); ierr == nil {
			job.ID = id
			_, _ = s.db.Exec(rctx, `INSERT INTO sluice_audience_jobs (id, audience, status, members, members_table, rule, started, finished, reason)
				VALUES ($1, $2, 'failed', 0, $3, $4, $5, $6, $7)`, id, name, job.Table, a.Rule, job.Started, now(), job.Error)
		}
		return job, fmt.Errorf("evaluate audience %s: %w", name, err)
	}
	return job, nil
}

func (s *Service) evaluate(ctx context.Context, a *Audience, job *Job) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	id, err := nextID(ctx, tx, "sluice_audience_jobs")
	if err != nil {
		return err
	}
	job.ID = id
	if _, err := tx.Exec(ctx, "DROP TABLE IF EXISTS "+job.Table); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS SELECT * FROM %s WHERE (%s)", job.Table, a.View, a.Rule)); err != nil {
		return err
	}
	t, err := tx.Query(ctx, "SELECT COUNT(*) AS n FROM "+job.Table)
	if err != nil {
		return err
	}
	n := t.Ints("n")
	job.Members = n[0]
	if _, err := tx.Exec(ctx, `INSERT INTO sluice_audience_jobs (id, audience, status, members, members_table, rule, started, finished)
		VALUES ($1, $2, 'success', $3, $4, $5, $6, $7)`, id, a.Name, job.Members, job.Table, a.Rule, job.Started, now()); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	job.Status = "success"
	return nil
}

// LastJob returns the audience's latest successful evaluation, or nil when it has none.
func (s *Service) LastJob(ctx context.Context, name string) (*Job, error) {
	t, err := s.db.Query(ctx, `SELECT id, rule, members, members_table, started, finished FROM sluice_audience_jobs
		WHERE audience = $1 AND status = 'success' ORDER BY id DESC LIMIT 1`, name)
	if err != nil {
		return nil, fmt.Errorf("evaluations of %s: %w", name, err)
	}
	if t.NumRows() == 0 {
		return nil, nil
	}
	ids := t.Ints("id")
	rules := t.Strings("rule")
	members := t.Ints("members")
	tables := t.Strings("members_table")
	started := t.Times("started")
	finished := t.Times("finished")
	return &Job{ID: ids[0], Audience: name, Rule: rules[0], Status: "success", Members: members[0], Table: tables[0],
		Started: started[0], Duration: finished[0].Sub(started[0])}, nil
}

// latestOrEvaluate returns the audience's latest successful evaluation, evaluating it
// first when it never was: what Members and Activate read.
func (s *Service) latestOrEvaluate(ctx context.Context, name string) (*Job, error) {
	job, err := s.LastJob(ctx, name)
	if err != nil || job != nil {
		return job, err
	}
	return s.Evaluate(ctx, name)
}

// Jobs lists the audience's evaluations, newest first.
func (s *Service) Jobs(ctx context.Context, name string) (*table.Table, error) {
	t, err := s.db.Query(ctx, `SELECT id, status, members, rule, started, finished, reason AS error
		FROM sluice_audience_jobs WHERE audience = $1 ORDER BY id DESC`, name)
	if err != nil {
		return nil, fmt.Errorf("evaluations of %s: %w", name, err)
	}
	t.Title = "evaluations of " + name
	return t, nil
}

// Members returns the members of the audience's latest evaluation (evaluating it first
// if it never was), with the identity column and the attributes named (all columns when
// none are), ordered by identity.
func (s *Service) Members(ctx context.Context, name string, attributes ...string) (*table.Table, error) {
	job, err := s.latestOrEvaluate(ctx, name)
	if err != nil {
		return nil, err
	}
	t, err := s.db.Query(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s", s.selectList(attributes), job.Table, qs.QuoteIdent(s.identity)))
	if err != nil {
		return nil, fmt.Errorf("members of %s: %w", name, err)
	}
	t.Title = fmt.Sprintf("members of %s (evaluation %d)", name, job.ID)
	return t, nil
}

// selectList is the identity column plus attributes (or *), quoted.
func (s *Service) selectList(attributes []string) string {
	if len(attributes) == 0 {
		return "*"
	}
	cols := []string{qs.QuoteIdent(s.identity)}
	for _, a := range attributes {
		if a != s.identity {
			cols = append(cols, qs.QuoteIdent(a))
		}
	}
	return strings.Join(cols, ", ")
}

func quote(name string) string { return qs.QuoteIdent(name) }
