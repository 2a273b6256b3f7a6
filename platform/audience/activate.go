package audience

import (
	"context"
	"fmt"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// ActivationRun is the record of one activation: where the members went and what
// happened to them.
type ActivationRun struct {
	ID          int64
	Audience    string
	Job         int64 // the evaluation whose members were sent
	Destination string
	// Status is "success" (every member delivered), "partial" (some dead-lettered) or
	// "failed" (the activation could not run).
	Status       string
	Members      int64
	Batches      int
	Delivered    int64
	Retries      int64
	RetriedBatch int
	DeadLettered int64
	DeadBatches  int
	Location     string
	Bytes        int64
	Started      time.Time
	Duration     time.Duration
	Error        string
}

// String summarizes the run on one line.
func (r *ActivationRun) String() string {
	s := fmt.Sprintf("activation %d of %s to %s: %s — %s members in %d batches: %s delivered, %d retries, %s dead-lettered, %s",
		r.ID, r.Audience, r.Destination, r.Status, table.FormatInt(r.Members), r.Batches,
		table.FormatInt(r.Delivered), r.Retries, table.FormatInt(r.DeadLettered), table.FormatDuration(r.Duration))
	if r.Error != "" {
		s += " — " + r.Error
	}
	return s
}

// Table returns the counts per outcome: outcome, batches, members. Retried batches
// are also counted as delivered or dead-lettered, whichever they ended as.
func (r *ActivationRun) Table() *table.Table {
	t := table.New(
		table.StringColumn("outcome", []string{"delivered", "retried", "dead-lettered"}),
		table.IntColumn("batches", []int64{int64(r.Batches - r.DeadBatches), int64(r.RetriedBatch), int64(r.DeadBatches)}),
		table.IntColumn("members", []int64{r.Delivered, 0, r.DeadLettered}))
	t.Columns[2] = t.Columns[2].WithNulls([]bool{false, true, false})
	t.Title = fmt.Sprintf("activation %d of %s", r.ID, r.Audience)
	t.Note = fmt.Sprintf("%d retries in all", r.Retries)
	return t
}

// HTML renders the run as a card (String is its text).
func (r *ActivationRun) HTML() string {
	return card(fmt.Sprintf("activation %d of %s", r.ID, r.Audience), [][2]string{
		{"status", r.Status}, {"destination", r.Destination}, {"location", r.Location},
		{"members", table.FormatInt(r.Members)}, {"batches", fmt.Sprint(r.Batches)},
		{"delivered", table.FormatInt(r.Delivered)},
		{"retries", fmt.Sprintf("%d (in %d batches)", r.Retries, r.RetriedBatch)},
		{"dead-lettered", table.FormatInt(r.DeadLettered)},
		{"bytes", table.FormatBytes(r.Bytes)}, {"duration", table.FormatDuration(r.Duration)},
		{"evaluation", fmt.Sprint(r.Job)}, {"error", r.Error},
	})
}

// Activate sends the members of the audience's latest evaluation (evaluating it first if
// it never was) to dest, records the run in sluice_activations and each undeliverable
// batch in sluice_dead_letters, and returns the run. A run with dead-lettered batches
// is returned with status "partial" and no error; the error is for runs that could not
// proceed (no members table, destination unreachable before sending anything, interrupt).
func (s *Service) Activate(ctx context.Context, name string, dest Destination) (*ActivationRun, error) {
	if dest == nil {
		return nil, fmt.Errorf("activate %s: no destination", name)
	}
	job, err := s.latestOrEvaluate(ctx, name)
	if err != nil {
		return nil, err
	}
	run := &ActivationRun{Audience: name, Job: job.ID, Destination: dest.Describe(), Started: now()}
	start := time.Now()
	id, err := s.beginActivation(ctx, run)
	if err != nil {
		return nil, fmt.Errorf("activate %s: %w", name, err)
	}
	run.ID = id
	members, err := s.db.Query(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s",
		s.selectList(dest.Attributes()), job.Table, quote(s.identity)))
	var out *Outcome
	if err == nil {
		run.Members = int64(members.NumRows())
		out, err = dest.Deliver(ctx, &Delivery{Audience: name, ActivationID: id, Identity: s.identity, Members: members})
	}
	if out != nil {
		run.Batches, run.Delivered, run.Retries, run.RetriedBatch = out.Batches, out.Delivered, out.Retries, out.RetriedBatches
		run.DeadLettered, run.Location, run.Bytes = out.DeadLettered, out.Location, out.Bytes
		run.DeadBatches = len(out.DeadLetters)
	}
	run.Duration = time.Since(start)
	switch {
	case err != nil:
		run.Status, run.Error = "failed", err.Error()
	case run.DeadLettered > 0:
		run.Status = "partial"
	default:
		run.Status = "success"
	}
	if ferr := s.finishActivation(ctx, run, out); ferr != nil {
		if err == nil {
			err = ferr
		}
	}
	if err != nil {
		return run, fmt.Errorf("activate %s: %w", name, err)
	}
	return run, nil
}

func (s *Service) beginActivation(ctx context.Context, run *ActivationRun) (int64, error) {
	var last error
	for attempt := 0; attempt < 5; attempt++ {
		t, err := s.db.Query(ctx, `INSERT INTO sluice_activations (id, audience, job_id, destination, status, members, batches, delivered, retried, dead_lettered, started)
			VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM sluice_activations), $1, $2, $3, 'running', 0, 0, 0, 0, 0, $4) RETURNING id`,
			run.Audience, run.Job, run.Destination, run.Started)
		if err == nil {
			ids := t.Ints("id")
			if len(ids) == 1 {
				return ids[0], nil
			}
		}
		last = err
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return 0, fmt.Errorf("record activation: %w", last)
}

func (s *Service) finishActivation(ctx context.Context, run *ActivationRun, out *Outcome) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("record activation %d: %w", run.ID, err)
	}
	defer tx.Rollback(ctx)
	if out != nil {
		for _, dl := range out.DeadLetters {
			if _, err := tx.Exec(ctx, `INSERT INTO sluice_dead_letters (activation_id, batch, idempotency_key, destination, members, attempts, reason, payload, created)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, run.ID, dl.Batch, dl.IdempotencyKey, run.Destination,
				dl.Members, dl.Attempts, dl.Reason, dl.Payload, now()); err != nil {
				return fmt.Errorf("record dead letter of activation %d: %w", run.ID, err)
			}
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE sluice_activations SET status = $1, members = $2, batches = $3, delivered = $4, retried = $5,
		dead_lettered = $6, location = $7, finished = $8, reason = $9 WHERE id = $10`,
		run.Status, run.Members, run.Batches, run.Delivered, run.Retries, run.DeadLettered, run.Location, now(), run.Error, run.ID); err != nil {
		return fmt.Errorf("record activation %d: %w", run.ID, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("record activation %d: %w", run.ID, err)
	}
	return nil
}

// Activations lists the activation runs of the audience (all audiences when empty),
// newest first.
func (s *Service) Activations(ctx context.Context, name string) (*table.Table, error) {
	q := `SELECT id, audience, destination, status, members, batches, delivered, retried, dead_lettered, location, started, finished, reason AS error
		FROM sluice_activations`
	var args []any
	if name != "" {
		q += ` WHERE audience = $1`
		args = append(args, name)
	}
	t, err := s.db.Query(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list activations: %w", err)
	}
	t.Title = "activations"
	return t, nil
}

// DeadLetters lists the dead-lettered batches of an activation: batch, idempotency key,
// members, attempts, reason and payload.
func (s *Service) DeadLetters(ctx context.Context, activationID int64) (*table.Table, error) {
	t, err := s.db.Query(ctx, `SELECT batch, idempotency_key, members, attempts, reason, payload
		FROM sluice_dead_letters WHERE activation_id = $1 ORDER BY batch`, activationID)
	if err != nil {
		return nil, fmt.Errorf("dead letters of activation %d: %w", activationID, err)
	}
	t.Title = fmt.Sprintf("dead letters of activation %d", activationID)
	return t, nil
}
