package display

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fakeClock advances only when told to.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestProgressThrottlesUpdates(t *testing.T) {
	r := &recorder{}
	clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgress("Ingesting", 10000, r, nil, clk.now)
	// 10,000 updates over 2 seconds of (fake) time.
	for i := 0; i < 10000; i++ {
		clk.advance(200 * time.Microsecond)
		p.Add(1)
	}
	p.Done()
	p.Done() // a second Done changes nothing

	// Shown once, then at most 5 updates per second for 2 s, then the final state.
	if n := len(r.msgs); n < 5 || n > 1+10+1 {
		t.Fatalf("published %d messages for 10,000 updates over 2s; want throttling to ≤ 5/s", n)
	}
	first, last := r.msgs[0], r.msgs[len(r.msgs)-1]
	if first.update || first.id == "" {
		t.Errorf("first message should create display %q (update=%v)", first.id, first.update)
	}
	for _, m := range r.msgs[1:] {
		if !m.update || m.id != first.id {
			t.Fatalf("later messages must update display %q, got %+v", first.id, m)
		}
	}
	txt := last.b.Data[MIMEText].(string)
	if !strings.Contains(txt, "Ingesting: done, 10,000 in 2s (5,000/s)") {
		t.Errorf("final text = %q", txt)
	}
	h := last.b.Data[MIMEHTML].(string)
	if !strings.Contains(h, `data-state="done"`) || !strings.Contains(h, "width:100.0%") {
		t.Errorf("final HTML = %s", h)
	}
	mid := r.msgs[len(r.msgs)/2].b.Data[MIMEText].(string)
	if !strings.Contains(mid, "/ 10,000 (") || !strings.Contains(mid, "/s · ETA ") {
		t.Errorf("running text lacks count, rate or ETA: %q", mid)
	}
}

func TestProgressTextFallback(t *testing.T) {
	var out bytes.Buffer
	clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgress("Export", 0, nil, &out, clk.now)
	for i := 0; i < 120; i++ { // one unit a second for two minutes
		clk.advance(time.Second)
		p.Add(1)
	}
	p.DoneWith("3 files")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	// A start line, one line per 5 s, and the final line.
	if len(lines) < 20 || len(lines) > 1+24+1 {
		t.Fatalf("%d text lines for 2 minutes; want about one per 5s:\n%s", len(lines), out.String())
	}
	if lines[len(lines)-1] != "Export: done, 120 in 2m00s (1/s) · 3 files" {
		t.Errorf("final line = %q", lines[len(lines)-1])
	}
	if !strings.HasPrefix(lines[3], "Export: ") || strings.Contains(lines[3], "ETA") {
		t.Errorf("unknown-total line = %q (no ETA without a total)", lines[3])
	}
}

func TestProgressUsesInstalledPublisher(t *testing.T) {
	r := &recorder{}
	withPublisher(t, r)
	p := NewProgress("Scoring", 3)
	p.Set(3)
	p.Done()
	if len(r.msgs) < 2 || !strings.Contains(r.msgs[len(r.msgs)-1].b.Data[MIMEText].(string), "Scoring: done, 3") {
		t.Fatalf("messages = %+v", r.msgs)
	}
	if p.Count() != 3 {
		t.Errorf("Count = %d", p.Count())
	}
}

func TestProgressUnits(t *testing.T) {
	r := &recorder{}
	clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgress("Export", 10<<20, r, nil, clk.now).SetUnit("bytes")
	clk.advance(2 * time.Second)
	p.Set(4 << 20)
	if got := r.msgs[len(r.msgs)-1].b.Data[MIMEText]; got != "Export: 4 MiB / 10 MiB (40.0%) · 2 MiB/s · ETA 3s" {
		t.Errorf("bytes line = %q", got)
	}
	q := newProgress("Ingest", 100, r, nil, clk.now).SetUnit("rows")
	clk.advance(time.Second)
	q.Set(50)
	if got := r.msgs[len(r.msgs)-1].b.Data[MIMEText]; got != "Ingest: 50 / 100 rows (50.0%) · 50 rows/s · ETA 1s" {
		t.Errorf("rows line = %q", got)
	}
	q.Done()
	if got := r.msgs[len(r.msgs)-1].b.Data[MIMEText]; got != "Ingest: done, 50 rows in 1s (50 rows/s)" {
		t.Errorf("done line = %q", got)
	}
}
