package audience

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/catalog"
	"github.com/sluice-dev/sluice/platform/profiles"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// setup makes people p0..p(n-1), scores for those whose propensity is not NaN, the
// unified profile view, and an audience service over it.
func setup(t *testing.T, ctx context.Context, b testdb.Backend, props []float64) *Service {
	t.Helper()
	cat := catalog.New(b.DB)
	if _, err := cat.CreateDataset(ctx, catalog.Dataset{Name: "people", IdentityField: "ecid", Tags: []string{catalog.TagProfile},
		Fields: []catalog.Field{{Name: "ecid", Type: "string"}, {Name: "email", Type: "string"}, {Name: "tier", Type: "string"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.CreateDataset(ctx, catalog.Dataset{Name: "scores", IdentityField: "userId", Tags: []string{catalog.TagProfile},
		Fields: []catalog.Field{{Name: "userId", Type: "string"}, {Name: "propensity", Type: "float"}}}); err != nil {
		t.Fatal(err)
	}
	var ids, emails, tiers, sids []string
	var sp []float64
	for i, p := range props {
		id := fmt.Sprintf("p%03d", i)
		ids, emails, tiers = append(ids, id), append(emails, id+"@example.com"), append(tiers, []string{"gold", "silver"}[i%2])
		if !math.IsNaN(p) {
			sids, sp = append(sids, id), append(sp, p)
		}
	}
	if _, err := cat.Ingest(ctx, "people", table.New(table.StringColumn("ecid", ids),
		table.StringColumn("email", emails), table.StringColumn("tier", tiers)), catalog.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.Ingest(ctx, "scores", table.New(table.StringColumn("userId", sids),
		table.FloatColumn("propensity", sp)), catalog.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := profiles.Unified(ctx, b.DB, "people"); err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, b.DB, "")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func forEach(t *testing.T, f func(t *testing.T, ctx context.Context, b testdb.Backend)) {
	for _, b := range testdb.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			f(t, ctx, b)
		})
	}
}

func TestCreateValidatesRuleAndEvaluates(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		s := setup(t, ctx, b, []float64{0.1, 0.25, 0.5, 0.93, 0.95, math.NaN()})
		_, err := s.Create(ctx, Definition{Name: "bad", Rule: "propensty > 0.5"})
		if err == nil || !strings.Contains(err.Error(), "not a valid condition") || !strings.Contains(err.Error(), "propensty") {
			t.Fatalf("bad rule: %v", err)
		}
		if _, err := s.Create(ctx, Definition{Name: "bad", Rule: "propensity > 0.5; DROP TABLE people"}); err == nil || !strings.Contains(err.Error(), "';'") {
			t.Fatalf("statement in rule: %v", err)
		}
		if _, err := s.Create(ctx, Definition{Name: "Moderate High", Rule: "true"}); err == nil || !strings.Contains(err.Error(), "not valid") {
			t.Fatalf("bad name: %v", err)
		}
		def := Definition{Name: "moderate_high", Description: "moderate-to-high propensity to subscribe", Rule: "propensity BETWEEN 0.2 AND 0.93"}
		a1, err := s.Create(ctx, def)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := s.Create(ctx, def)
		if err != nil || !a2.Updated.Equal(a1.Updated) {
			t.Fatalf("re-create changed the audience: %v %v / %v", err, a1.Updated, a2.Updated)
		}
		job, err := s.Evaluate(ctx, "moderate_high")
		if err != nil {
			t.Fatal(err)
		}
		if job.Members != 3 || job.Status != "success" {
			t.Fatalf("job: %+v", job)
		}
		m, err := s.Members(ctx, "moderate_high", "email")
		if err != nil {
			t.Fatal(err)
		}
		ids := m.Strings("ecid")
		if strings.Join(ids, ",") != "p001,p002,p003" || m.NumCols() != 2 {
			t.Fatalf("members: %v %v", ids, m.ColumnNames())
		}
		// Changing the rule updates the audience; the next evaluation replaces members.
		def.Rule = "propensity > 0.9"
		if _, err := s.Create(ctx, def); err != nil {
			t.Fatal(err)
		}
		job, err = s.Evaluate(ctx, "moderate_high")
		if err != nil || job.Members != 2 {
			t.Fatalf("re-evaluation: %+v %v", job, err)
		}
		list, err := s.List(ctx)
		if err != nil || list.NumRows() != 1 {
			t.Fatalf("list: %v %v", list, err)
		}
		if h := display.Render(job).Data[display.MIMEHTML].(string); !strings.HasPrefix(h, "<table><caption>evaluation ") || !strings.Contains(h, "<td style=\"text-align:left\">2</td>") {
			t.Errorf("job card: %q", h)
		}
		if txt := display.Render(job).Data[display.MIMEText].(string); txt != job.String() || !strings.Contains(txt, "2 members") {
			t.Fatalf("job rendering: %q", txt)
		}
	})
}

func TestReachHandComputed(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		s := setup(t, ctx, b, []float64{0.0, 0.04, 0.05, 0.1, 0.149, 0.15, 0.5, 0.93, 0.999, 1.0, math.NaN(), 1.5})
		r, err := s.Reach(ctx, "propensity", 0, 1, 20)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]int64, 20)
		want[0], want[1], want[2], want[3], want[10], want[18], want[19] = 2, 1, 2, 1, 1, 1, 2
		if fmt.Sprint(r.Counts) != fmt.Sprint(want) {
			t.Fatalf("histogram %v, want %v", r.Counts, want)
		}
		if r.Profiles != 12 || r.Nulls != 1 || r.Above != 1 || r.Below != 0 {
			t.Fatalf("totals: %+v", r)
		}
		// At threshold 0.15: 0.15, 0.5, 0.93, 0.999, 1.0 and 1.5 are at or above; five are below.
		if a, bl := r.AboveAt(3), r.BelowAt(3); a != 6 || bl != 5 {
			t.Fatalf("at 0.15: above %d below %d", a, bl)
		}
		m := r.Between()
		if len(m) != 20 || len(m[0]) != 20 {
			t.Fatalf("matrix %dx%d", len(m), len(m[0]))
		}
		// [0.05, 0.2): 0.05, 0.1, 0.149, 0.15; [0, 1]: the ten values in range; reversed: 0.
		if m[1][3] != 4 || m[0][19] != 10 || m[5][2] != 0 || m[19][19] != 2 {
			t.Fatalf("between: [1][3]=%v [0][19]=%v [5][2]=%v [19][19]=%v", m[1][3], m[0][19], m[5][2], m[19][19])
		}
		cum := r.Cumulative()
		above := cum.Ints("above")
		if above[0] != 11 || above[19] != 3 {
			t.Fatalf("cumulative above: %v", above)
		}
		bt := r.BetweenTable()
		if bt.NumRows() != 210 {
			t.Fatalf("between table rows %d, want 210", bt.NumRows())
		}
		if h := r.Histogram(); h.NumRows() != 20 {
			t.Fatalf("histogram rows %d", h.NumRows())
		}
		if _, err := s.Reach(ctx, "nope", 0, 1, 20); err == nil {
			t.Fatal("reach of a missing column succeeded")
		}
	})
}

// flakyReceiver is a local HTTP endpoint that fails on purpose, by batch number:
// batch 2 answers 500 once; batch 3 processes the request then stalls past the client's
// timeout once (the response is lost, the retry must be recognized by its key); batch 4
// drops the connection once; batch 5 always answers 503; batch 6 answers 429 once;
// batch 7 answers 400 (not retryable).
type flakyReceiver struct {
	mu       sync.Mutex
	attempts map[string]int
	accepted map[string][]string // idempotency key → member ids processed under it
	replays  int
}

func (f *flakyReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	body, _ := io.ReadAll(r.Body)
	var payload struct {
		Batch   int              `json:"batch"`
		Members []map[string]any `json:"members"`
	}
	if key == "" || json.Unmarshal(body, &payload) != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.attempts[key]++
	n := f.attempts[key]
	f.mu.Unlock()
	process := func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, done := f.accepted[key]; done {
			f.replays++
			return
		}
		var ids []string
		for _, m := range payload.Members {
			ids = append(ids, fmt.Sprint(m["ecid"]))
		}
		f.accepted[key] = ids
	}
	switch {
	case payload.Batch == 2 && n == 1:
		http.Error(w, "temporarily broken", http.StatusInternalServerError)
	case payload.Batch == 3 && n == 1:
		process()
		select { // stall until the client gives up (bounded)
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	case payload.Batch == 4 && n == 1:
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	case payload.Batch == 5:
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	case payload.Batch == 6 && n == 1:
		w.Header().Set("Retry-After", "0")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	case payload.Batch == 7:
		http.Error(w, "schema rejected", http.StatusBadRequest)
	default:
		process()
		w.WriteHeader(http.StatusOK)
	}
}

func TestHTTPActivationWithFlakyReceiver(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		props := make([]float64, 30)
		for i := range props {
			props[i] = 0.5
		}
		s := setup(t, ctx, b, props)
		if _, err := s.Create(ctx, Definition{Name: "everyone", Rule: "propensity IS NOT NULL"}); err != nil {
			t.Fatal(err)
		}
		rcv := &flakyReceiver{attempts: map[string]int{}, accepted: map[string][]string{}}
		srv := httptest.NewServer(rcv)
		defer srv.Close()
		dest := &HTTPDestination{URL: srv.URL + "/ingest", Include: []string{"email", "propensity"}, BatchSize: 4,
			Attempts: 3, Backoff: 5 * time.Millisecond, Timeout: 300 * time.Millisecond}
		run, err := s.Activate(ctx, "everyone", dest)
		if err != nil {
			t.Fatal(err)
		}
		if run.Members != 30 || run.Batches != 8 {
			t.Fatalf("run: %+v", run)
		}
		// Batches 5 (3 attempts, all 503) and 7 (400) are dead-lettered: 8 members.
		if run.DeadLettered != 8 || run.Delivered != 22 || run.Status != "partial" {
			t.Fatalf("outcome: %s", run)
		}
		// Retries: batches 2, 3 and 6 once each, batch 5 twice. Batch 4's dropped
		// connection is retried once too, by our loop or (because the request carries
		// an Idempotency-Key) by net/http's transport on a reused connection.
		if run.Retries < 5 || run.Retries > 6 || run.RetriedBatch < 4 {
			t.Fatalf("retries %d in %d batches, want 5–6 in 4–5", run.Retries, run.RetriedBatch)
		}
		if n := rcv.attempts[fmt.Sprintf("everyone-%d-4", run.ID)]; n != 2 {
			t.Fatalf("batch 4 arrived %d times, want 2", n)
		}
		// Every member reached the receiver under exactly one key, or is in a dead letter.
		seen := map[string]string{}
		for key, ids := range rcv.accepted {
			for _, id := range ids {
				if other, dup := seen[id]; dup {
					t.Fatalf("member %s delivered under %s and %s", id, other, key)
				}
				seen[id] = key
			}
		}
		if rcv.replays != 1 {
			t.Fatalf("the stalled batch's retry should arrive once more under its key; replays = %d", rcv.replays)
		}
		dl, err := s.DeadLetters(ctx, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if dl.NumRows() != 2 {
			t.Fatalf("dead letters: %d", dl.NumRows())
		}
		payloads := dl.Strings("payload")
		reasons := dl.Strings("reason")
		for _, p := range payloads {
			var body struct{ Members []map[string]any }
			if err := json.Unmarshal([]byte(p), &body); err != nil {
				t.Fatal(err)
			}
			for _, m := range body.Members {
				id := fmt.Sprint(m["ecid"])
				if _, dup := seen[id]; dup {
					t.Fatalf("dead-lettered member %s was also delivered", id)
				}
				seen[id] = "dead letter"
			}
		}
		if len(seen) != 30 {
			t.Fatalf("%d of 30 members accounted for", len(seen))
		}
		if !strings.Contains(reasons[0], "503") || !strings.Contains(reasons[1], "400") {
			t.Fatalf("dead-letter reasons: %q", reasons)
		}
		keys := make([]string, 0, len(rcv.attempts))
		for k := range rcv.attempts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if len(keys) != 8 || keys[0] != fmt.Sprintf("everyone-%d-1", run.ID) {
			t.Fatalf("idempotency keys: %v", keys)
		}
		acts, err := s.Activations(ctx, "everyone")
		if err != nil || acts.NumRows() != 1 {
			t.Fatalf("activations: %v %v", acts, err)
		}
		st := acts.Strings("status")
		if st[0] != "partial" {
			t.Fatalf("recorded status %q", st[0])
		}
		if txt := display.Render(run).Data[display.MIMEText].(string); txt != run.String() || !strings.Contains(txt, "22 delivered") {
			t.Fatalf("run rendering: %q", txt)
		}
	})
}

func TestStorageActivation(t *testing.T) {
	forEach(t, func(t *testing.T, ctx context.Context, b testdb.Backend) {
		s := setup(t, ctx, b, []float64{0.1, 0.3, 0.6, 0.9, math.NaN()})
		if _, err := s.Create(ctx, Definition{Name: "likely", Rule: "propensity >= 0.3"}); err != nil {
			t.Fatal(err)
		}
		st, err := storage.Open(ctx, "file://"+t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, format := range []string{"csv", "parquet"} {
			run, err := s.Activate(ctx, "likely", NewStorageDestination(st, "activations", format, "email", "propensity"))
			if err != nil {
				t.Fatal(err)
			}
			if run.Status != "success" || run.Delivered != 3 || run.Bytes == 0 {
				t.Fatalf("%s run: %s", format, run)
			}
			p := fmt.Sprintf("activations/likely/activation=%d/members.%s", run.ID, format)
			if run.Location != st.URL(p) {
				t.Fatalf("location %s, want %s", run.Location, st.URL(p))
			}
			var back *table.Table
			if format == "csv" {
				back, err = st.ReadCSV(ctx, p, storage.CSVOptions{})
			} else {
				back, err = st.ReadParquet(ctx, p)
			}
			if err != nil {
				t.Fatal(err)
			}
			ids := back.Strings("ecid")
			props := back.Floats("propensity")
			if strings.Join(back.ColumnNames(), ",") != "ecid,email,propensity" || strings.Join(ids, ",") != "p001,p002,p003" || props[2] != 0.9 {
				t.Fatalf("%s read back: %v %v %v", format, back.ColumnNames(), ids, props)
			}
		}
		if _, err := s.Activate(ctx, "likely", NewStorageDestination(st, "x", "xml")); err == nil || !strings.Contains(err.Error(), "xml") {
			t.Fatalf("bad format: %v", err)
		}
	})
}
