package display

import (
	"testing"
	"time"
)

// fakeBar is a LiveBar that records its updates.
type fakeBar struct {
	updates []float64
	closed  bool
}

func (f *fakeBar) View() (string, any)              { return "application/x-bar", "bar-1" }
func (f *fakeBar) Update(frac float64, line string) { f.updates = append(f.updates, frac) }
func (f *fakeBar) Close()                           { f.closed = true }

// TestProgressLiveBar: with a live bar, the output is published once with the bar's view
// beside the HTML, updates go to the bar, and Done replaces the output with plain HTML
// and closes the bar; without one (the maker says the front end cannot draw it) the
// progress is HTML updates as before.
func TestProgressLiveBar(t *testing.T) {
	bar := &fakeBar{}
	var asked []string
	SetLiveBars(func(title string) LiveBar {
		asked = append(asked, title)
		if title == "no widgets" {
			return nil
		}
		return bar
	})
	defer SetLiveBars(nil)

	r := &recorder{}
	clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgress("live", 100, r, nil, clk.now)
	for i := 0; i < 100; i++ {
		clk.advance(50 * time.Millisecond)
		p.Add(1)
	}
	p.Done()
	if len(r.msgs) != 2 {
		t.Fatalf("published %d outputs, want the first (with the bar) and the final one", len(r.msgs))
	}
	if r.msgs[0].b.Data["application/x-bar"] != "bar-1" || r.msgs[0].b.Data[MIMEHTML] == nil {
		t.Errorf("first output %v: want the bar's view beside the HTML", r.msgs[0].b.Data)
	}
	final := r.msgs[1]
	if !final.update || final.id != r.msgs[0].id || final.b.Data["application/x-bar"] != nil || final.b.Data[MIMEHTML] == nil {
		t.Errorf("final output %+v: want an update of the same display with HTML and no bar", final)
	}
	if n := len(bar.updates); n < 10 || n > 30 || bar.updates[n-1] < 0.9 {
		t.Errorf("the bar got %d updates (last %v), want throttled updates up to ~1", n, bar.updates)
	}
	if !bar.closed {
		t.Errorf("Done did not close the bar")
	}

	r2 := &recorder{}
	q := newProgress("no widgets", 10, r2, nil, clk.now)
	q.Done()
	if len(r2.msgs) != 2 || r2.msgs[0].b.Data["application/x-bar"] != nil {
		t.Errorf("without a bar: %+v", r2.msgs)
	}
	// No publisher (a terminal): the maker is not even asked.
	newProgress("terminal", 10, nil, &discard{}, clk.now)
	if len(asked) != 2 {
		t.Errorf("live bars asked for %q", asked)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
