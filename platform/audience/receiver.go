package audience

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// Receiver is a local HTTP endpoint that accepts what an HTTPDestination sends: a real
// net/http server on 127.0.0.1 that records each JSON batch once per Idempotency-Key,
// so a retried batch is never counted twice. Notebooks and tests use it to activate an
// audience over HTTP without a third-party service.
//
// LoseFirst simulates lost responses: the first LoseFirst requests are recorded but
// answered 503, so the sender retries them and the receiver drops the duplicates.
type Receiver struct {
	srv  *http.Server
	ln   net.Listener
	done chan struct{}

	mu         sync.Mutex
	loseFirst  int
	requests   int
	duplicates int
	rejected   int
	batches    []ReceivedBatch
	byKey      map[string]int // Idempotency-Key → index in batches
}

// ReceivedBatch is one batch a Receiver accepted.
type ReceivedBatch struct {
	Key        string
	Audience   string
	Activation int64
	Batch      int
	Batches    int
	Members    int
	Attempts   int // requests that carried this key (retries included)
	Received   time.Time
}

// maxBody bounds one request body (a batch of members).
const maxBody = 64 << 20

// StartReceiver starts a receiver on a free loopback port; loseFirst > 0 answers that
// many first requests with 503 after recording them (see Receiver). Close it when done.
func StartReceiver(loseFirst int) (*Receiver, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("audience: start receiver: %w", err)
	}
	r := &Receiver{ln: ln, loseFirst: loseFirst, byKey: map[string]int{}, done: make(chan struct{})}
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(r.done)
		// A panic here would end the process (the kernel with it): log it and stop
		// serving instead. Handler panics are recovered by net/http itself.
		defer func() {
			if v := recover(); v != nil {
				slog.Error("audience receiver stopped by a panic", "panic", v, "stack", string(debug.Stack()))
				_ = ln.Close()
			}
		}()
		_ = r.srv.Serve(ln)
	}()
	return r, nil
}

// URL returns the endpoint to give an HTTPDestination.
func (r *Receiver) URL() string { return "http://" + r.ln.Addr().String() + "/audiences" }

// ServeHTTP accepts one POSTed batch.
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		http.Error(w, "POST a JSON batch", http.StatusMethodNotAllowed)
		return
	}
	key := req.Header.Get("Idempotency-Key")
	var body struct {
		Audience   string            `json:"audience"`
		Activation int64             `json:"activation"`
		Batch      int               `json:"batch"`
		Batches    int               `json:"batches"`
		Members    []json.RawMessage `json:"members"`
	}
	data, err := io.ReadAll(io.LimitReader(req.Body, maxBody))
	if err == nil {
		err = json.Unmarshal(data, &body)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	if err != nil || key == "" {
		r.rejected++
		msg := "missing Idempotency-Key header"
		if err != nil {
			msg = "bad JSON batch: " + err.Error()
		}
		http.Error(w, msg, http.StatusBadRequest)
		return
	}
	if i, ok := r.byKey[key]; ok {
		r.duplicates++
		r.batches[i].Attempts++
	} else {
		r.byKey[key] = len(r.batches)
		r.batches = append(r.batches, ReceivedBatch{Key: key, Audience: body.Audience,
			Activation: body.Activation, Batch: body.Batch, Batches: body.Batches,
			Members: len(body.Members), Attempts: 1, Received: time.Now().UTC()})
	}
	if r.requests <= r.loseFirst {
		http.Error(w, "response lost on purpose (Receiver.LoseFirst)", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"accepted":%d}`, len(body.Members))
}

// Members returns the members received, each batch counted once.
func (r *Receiver) Members() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var n int64
	for _, b := range r.batches {
		n += int64(b.Members)
	}
	return n
}

// Requests returns how many requests arrived; Duplicates how many repeated a batch
// already received (dropped); Rejected how many were malformed.
func (r *Receiver) Requests() (requests, duplicates, rejected int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests, r.duplicates, r.rejected
}

// Batches returns the batches received, in order of arrival.
func (r *Receiver) Batches() []ReceivedBatch {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ReceivedBatch(nil), r.batches...)
}

// Table lists the batches received: audience, activation, batch, members, attempts and
// idempotency key, ordered by activation and batch.
func (r *Receiver) Table() *table.Table {
	bs := r.Batches()
	sort.SliceStable(bs, func(i, j int) bool {
		if bs[i].Activation != bs[j].Activation {
			return bs[i].Activation < bs[j].Activation
		}
		return bs[i].Batch < bs[j].Batch
	})
	rb := table.NewRowBuilder(table.NewBuilder("audience", "", table.KindString), table.NewBuilder("activation", "", table.KindInt),
		table.NewBuilder("batch", "", table.KindInt), table.NewBuilder("members", "", table.KindInt),
		table.NewBuilder("attempts", "", table.KindInt), table.NewBuilder("idempotency_key", "", table.KindString))
	for _, b := range bs {
		_ = rb.Append(b.Audience, b.Activation, int64(b.Batch), int64(b.Members), int64(b.Attempts), b.Key)
	}
	t := rb.Table()
	t.Title = "batches received at " + r.URL()
	t.Note = r.String()
	return t
}

// String summarizes what arrived on one line.
func (r *Receiver) String() string {
	req, dup, rej := r.Requests()
	return fmt.Sprintf("%s members in %d batches from %d requests (%d duplicates dropped, %d rejected)",
		table.FormatInt(r.Members()), len(r.Batches()), req, dup, rej)
}

// DisplayParts shows the received batches as a table (display.Composite).
func (r *Receiver) DisplayParts() []any { return []any{r.Table()} }

// Close stops the server and waits for it to finish.
func (r *Receiver) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := r.srv.Shutdown(ctx)
	<-r.done
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("audience: close receiver: %w", err)
	}
	return nil
}
