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

// TestProgressLiveBar: with a live bar, the output starts as HTML; once the work has run
// for liveAfter the bar's view is published beside the HTML (an update of the same
// display), updates go to the bar, and Done replaces the output with plain HTML and
// closes the bar (after liveCloseDelay); without one (the maker says the front end
// cannot draw it) the progress is HTML updates as before, and work that ends quickly
// never asks for a bar.
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
	defer func(d time.Duration) { liveCloseDelay = d }(liveCloseDelay)
	liveCloseDelay = 0

	r := &recorder{}
	clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgress("live", 100, r, nil, clk.now)
	for i := 0; i < 100; i++ {
		clk.advance(50 * time.Millisecond)
		p.Add(1)
	}
	p.Done()
	withBar := -1
	for i, m := range r.msgs {
		if m.b.Data["application/x-bar"] != nil {
			if withBar >= 0 {
				t.Fatalf("the bar's view was published twice (outputs %d and %d)", withBar, i)
			}
			withBar = i
		}
	}
	switch {
	case withBar <= 0:
		t.Fatalf("bar view in output %d of %d: want it after the first HTML output", withBar, len(r.msgs))
	case withBar != len(r.msgs)-2:
		t.Errorf("%d outputs after the bar's, want only the final one", len(r.msgs)-1-withBar)
	case !r.msgs[withBar].update || r.msgs[withBar].id != r.msgs[0].id || r.msgs[withBar].b.Data[MIMEHTML] == nil:
		t.Errorf("bar output %+v: want an update of the same display beside the HTML", r.msgs[withBar])
	}
	final := r.msgs[len(r.msgs)-1]
	if !final.update || final.id != r.msgs[0].id || final.b.Data["application/x-bar"] != nil || final.b.Data[MIMEHTML] == nil {
		t.Errorf("final output %+v: want an update of the same display with HTML and no bar", final)
	}
	if n := len(bar.updates); n < 5 || n > 30 || bar.updates[n-1] < 0.9 {
		t.Errorf("the bar got %d updates (last %v), want throttled updates up to ~1", n, bar.updates)
	}
	if !bar.closed {
		t.Errorf("Done did not close the bar")
	}

	// Quick work never asks for a bar.
	r1 := &recorder{}
	newProgress("quick", 10, r1, nil, clk.now).Done()
	r2 := &recorder{}
	q := newProgress("no widgets", 10, r2, nil, clk.now)
	for i := 0; i < 30; i++ {
		clk.advance(50 * time.Millisecond)
		q.Add(1)
	}
	q.Done()
	for _, m := range r2.msgs {
		if m.b.Data["application/x-bar"] != nil {
			t.Errorf("without a bar: %+v", r2.msgs)
		}
	}
	// No publisher (a terminal): the maker is not even asked.
	newProgress("terminal", 10, nil, &discard{}, clk.now)
	if len(asked) != 2 || asked[0] != "live" || asked[1] != "no widgets" {
		t.Errorf("live bars asked for %q", asked)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
