package audience

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// HTTPDestination POSTs members as JSON batches to URL. Each batch carries an
// Idempotency-Key header that stays the same across its retries (audience, activation
// and batch number), so a receiver can drop a batch it already processed when a
// response was lost. Failures that may pass — 5xx, 408, 429, timeouts and connection
// errors — are retried with exponential backoff and jitter (honouring Retry-After);
// other 4xx responses fail the batch at once. A batch that still fails is
// dead-lettered with its payload.
//
// The body of each request is
//
//	{"audience": "...", "activation": 7, "batch": 1, "batches": 4, "members": [{...}, ...]}
type HTTPDestination struct {
	URL        string
	Include    []string      // attributes sent besides the identity (nil: every column)
	BatchSize  int           // members per request (default 500)
	Attempts   int           // tries per batch, the first included (default 5)
	Backoff    time.Duration // wait before the first retry, doubled each time (default 200ms)
	MaxBackoff time.Duration // cap on one wait (default 10s)
	Timeout    time.Duration // per request (default 30s)
	// Headers are added to every request (for example Authorization); they are never
	// shown in run records.
	Headers map[string]string
	// Client sends the requests (default: a client with Timeout).
	Client *http.Client
}

// NewHTTPDestination returns an HTTP destination for url sending attributes (besides
// the identity) with default batching and retries.
func NewHTTPDestination(url string, attributes ...string) *HTTPDestination {
	return &HTTPDestination{URL: url, Include: attributes}
}

// Attributes returns the attributes sent besides the identity.
func (h *HTTPDestination) Attributes() []string { return h.Include }

// Describe names the destination by its URL without user information or query.
func (h *HTTPDestination) Describe() string {
	u, err := url.Parse(h.URL)
	if err != nil {
		return "http (invalid URL)"
	}
	u.User, u.RawQuery = nil, ""
	return "http " + u.String()
}

func (h *HTTPDestination) defaults() HTTPDestination {
	c := *h
	if c.BatchSize <= 0 {
		c.BatchSize = 500
	}
	if c.Attempts <= 0 {
		c.Attempts = 5
	}
	if c.Backoff <= 0 {
		c.Backoff = 200 * time.Millisecond
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 10 * time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Client == nil {
		c.Client = &http.Client{Timeout: c.Timeout}
	}
	return c
}

// Deliver sends the members batch by batch, in order.
func (h *HTTPDestination) Deliver(ctx context.Context, d *Delivery) (*Outcome, error) {
	cfg := h.defaults()
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("HTTP destination: %q is not an http(s) URL", h.Describe())
	}
	out := &Outcome{Location: h.Describe()}
	rows := d.Members.NumRows()
	batches := (rows + cfg.BatchSize - 1) / cfg.BatchSize
	out.Batches = batches
	for b := 0; b < batches; b++ {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("HTTP destination: interrupted after %d of %d batches: %w", b, batches, err)
		}
		from, to := b*cfg.BatchSize, min((b+1)*cfg.BatchSize, rows)
		body, err := json.Marshal(map[string]any{
			"audience": d.Audience, "activation": d.ActivationID, "batch": b + 1, "batches": batches,
			"members": memberObjects(d.Members, from, to),
		})
		if err != nil {
			return out, fmt.Errorf("HTTP destination: encode batch %d: %w", b+1, err)
		}
		key := fmt.Sprintf("%s-%d-%d", d.Audience, d.ActivationID, b+1)
		attempts, err := cfg.send(ctx, body, key)
		n := int64(to - from)
		out.Bytes += int64(len(body)) * int64(attempts)
		if attempts > 1 {
			out.Retries += int64(attempts - 1)
			out.RetriedBatches++
		}
		if err != nil {
			if ctx.Err() != nil {
				return out, fmt.Errorf("HTTP destination: interrupted in batch %d: %w", b+1, ctx.Err())
			}
			out.DeadLettered += n
			out.DeadLetters = append(out.DeadLetters, DeadLetter{Batch: b + 1, IdempotencyKey: key, Members: n,
				Attempts: attempts, Reason: err.Error(), Payload: string(body)})
			continue
		}
		out.Delivered += n
	}
	return out, nil
}

// errPermanent marks a failure that retrying cannot fix.
type errPermanent struct{ error }

// send POSTs body until it is accepted, a permanent failure, or the attempts run out,
// and returns how many attempts it made.
func (h *HTTPDestination) send(ctx context.Context, body []byte, key string) (int, error) {
	var last error
	for attempt := 1; attempt <= h.Attempts; attempt++ {
		wait, err := h.post(ctx, body, key)
		if err == nil {
			return attempt, nil
		}
		last = err
		var perm errPermanent
		if errors.As(err, &perm) || ctx.Err() != nil || attempt == h.Attempts {
			if attempt == h.Attempts && !errors.As(err, &perm) {
				last = fmt.Errorf("gave up after %d attempts: %w", attempt, err)
			}
			return attempt, last
		}
		if wait <= 0 {
			// Exponential backoff with jitter: base·2^(attempt-1), scaled by 0.5–1.
			d := float64(h.Backoff) * math.Pow(2, float64(attempt-1))
			wait = time.Duration(d * (0.5 + rand.Float64()/2))
		}
		wait = min(wait, h.MaxBackoff)
		select {
		case <-ctx.Done():
			return attempt, ctx.Err()
		case <-time.After(wait):
		}
	}
	return h.Attempts, last
}

// post makes one attempt. It returns a server-requested wait (Retry-After) with a
// retryable error, or errPermanent.
func (h *HTTPDestination) post(ctx context.Context, body []byte, key string) (time.Duration, error) {
	rctx, cancel := context.WithTimeout(ctx, h.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return 0, errPermanent{err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	for k, v := range h.Headers {
		req.Header.Set(k, v)
	}
	resp, err := h.Client.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return 0, fmt.Errorf("timed out after %s", h.Timeout)
		}
		return 0, fmt.Errorf("request failed: %w", scrubURL(err))
	}
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return 0, nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests:
		var wait time.Duration
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
			wait = time.Duration(s) * time.Second
		}
		return wait, fmt.Errorf("HTTP %d: %s", resp.StatusCode, bytes.TrimSpace(msg))
	default:
		return 0, errPermanent{fmt.Errorf("HTTP %d (not retried): %s", resp.StatusCode, bytes.TrimSpace(msg))}
	}
}

// scrubURL drops the URL from a client error (it may hold credentials).
func scrubURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// memberObjects turns rows [from, to) into JSON objects keyed by column name.
func memberObjects(t *table.Table, from, to int) []map[string]any {
	out := make([]map[string]any, 0, to-from)
	for r := from; r < to; r++ {
		m := make(map[string]any, len(t.Columns))
		for _, c := range t.Columns {
			v := c.Value(r)
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				v = nil
			}
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC().Format(time.RFC3339Nano)
			}
			m[c.Name] = v
		}
		out = append(out, m)
	}
	return out
}
