package display

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluice-dev/sluice/internal/progress"
)

// Packages below display (platform/catalog, platform/export) start their bars through
// package progress; display draws them as a Progress.
func init() {
	progress.SetStarter(func(title string, total int64) progress.Bar { return NewProgress(title, total) })
}

// Update intervals of a Progress: at most about five display updates a second in a
// notebook, and one text line every textInterval on a terminal or in a log.
const (
	progressInterval = 200 * time.Millisecond
	textInterval     = 5 * time.Second
)

// Progress is an updating progress display (bar, count, rate, ETA) for long operations.
// In a notebook it is one output that is replaced in place, at most about five times a
// second; without a front end it writes an occasional line to standard error. It is safe
// for concurrent use.
type Progress struct {
	mu      sync.Mutex
	title   string
	total   int64
	n       int64
	start   time.Time
	last    time.Time // last update shown
	done    bool
	shown   bool
	handle  *Handle
	pub     Publisher // nil: text lines on out
	out     io.Writer
	now     func() time.Time
	every   time.Duration
	summary string
	unit    string
	live    LiveBar // drawn by the front end while running; nil: HTML updates
	// makeLive makes the live bar once the work has run for liveAfter; liveShown: its
	// view has been published.
	makeLive  func(title string) LiveBar
	liveShown bool
}

// A live bar is made only for work that runs a while, and closed a while after its
// output was replaced: JupyterLab builds a widget's views asynchronously, and a bar
// published and replaced within moments had its models closed under views still being
// built ("Could not add child view to box" in the browser console).
var (
	liveAfter      = time.Second
	liveCloseDelay = 3 * time.Second
)

// LiveBar is a progress bar the front end draws itself (an ipywidgets progress bar), so
// that an update is a small state change instead of a new HTML output. Package widgets
// installs a maker with SetLiveBars; where the front end has no widget manager (the
// classic Notebook's ipywidgets 6, nbconvert, sluice run) the maker returns nil and the
// progress is an HTML display as without it.
type LiveBar interface {
	// View returns the MIME type and data that show the bar in a display bundle.
	View() (mime string, data any)
	// Update shows the fraction done (negative when unknown) and the state as a line.
	Update(frac float64, line string)
	// Close ends the bar (its output has been replaced by the final state).
	Close()
}

var liveBars atomic.Pointer[func(title string) LiveBar]

// SetLiveBars installs the maker of live progress bars (nil removes it).
func SetLiveBars(f func(title string) LiveBar) {
	if f == nil {
		liveBars.Store(nil)
		return
	}
	liveBars.Store(&f)
}

// NewProgress starts a progress display for total units of work (total ≤ 0 when the
// amount is unknown: count and rate are shown without a bar or ETA).
func NewProgress(title string, total int64) *Progress {
	return newProgress(title, total, currentPublisher(), os.Stderr, time.Now)
}

func newProgress(title string, total int64, pub Publisher, out io.Writer, now func() time.Time) *Progress {
	p := &Progress{title: title, total: total, pub: pub, out: out, now: now, handle: NewHandle()}
	p.start = now()
	p.every = textInterval
	if pub != nil {
		p.every = progressInterval
		if mk := liveBars.Load(); mk != nil {
			p.makeLive = *mk
		}
	}
	p.mu.Lock()
	p.show(true)
	p.mu.Unlock()
	return p
}

// Add records n more units done.
func (p *Progress) Add(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += n
	p.maybeShow()
}

// Set records the number of units done so far.
func (p *Progress) Set(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = n
	p.maybeShow()
}

// SetTotal changes the total, for work whose size becomes known on the way.
func (p *Progress) SetTotal(total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = total
	p.maybeShow()
}

// SetUnit names what is counted, such as "rows" or "files"; "bytes" shows counts and
// rates as sizes (KiB, MiB…). It returns p, so it can follow NewProgress.
func (p *Progress) SetUnit(unit string) *Progress {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.unit = unit
	if !p.done {
		p.show(true)
	}
	return p
}

// count formats n in the progress unit.
func (p *Progress) count(n int64) string {
	if p.unit == "bytes" {
		return FormatBytes(n)
	}
	return FormatInt(n)
}

// rateText formats a rate per second in the progress unit.
func (p *Progress) rateText(r float64) string {
	switch p.unit {
	case "bytes":
		return FormatBytes(int64(r)) + "/s"
	case "":
		return FormatFloat(roundRate(r)) + "/s"
	default:
		return FormatFloat(roundRate(r)) + " " + p.unit + "/s"
	}
}

// suffix is the unit after a count, as in "45,000 rows".
func (p *Progress) suffix() string {
	if p.unit == "" || p.unit == "bytes" {
		return ""
	}
	return " " + p.unit
}

// Count returns the units done so far.
func (p *Progress) Count() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// Done marks the work finished and shows the final state with its duration and rate.
// Later calls do nothing.
func (p *Progress) Done() {
	p.DoneWith("")
}

// DoneWith is Done with a closing summary (for example "3 files, 12.4 MiB") appended to
// the final line.
func (p *Progress) DoneWith(summary string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	p.done = true
	p.summary = summary
	p.show(true)
}

// maybeShow shows the current state if the last update is old enough.
func (p *Progress) maybeShow() {
	if p.done {
		return
	}
	p.show(false)
}

func (p *Progress) show(force bool) {
	now := p.now()
	if !force && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	if p.pub == nil {
		fmt.Fprintln(p.out, p.line(now))
		return
	}
	b := Bundle{Data: map[string]any{MIMEText: p.line(now), MIMEHTML: p.html(now)}}
	if p.makeLive != nil && !p.done && now.Sub(p.start) >= liveAfter {
		p.live, p.makeLive = p.makeLive(p.title), nil
	}
	if p.live != nil && !p.done {
		frac, _, _, _ := p.stats(now)
		p.live.Update(frac, p.line(now))
		if p.liveShown {
			return
		}
		mime, data := p.live.View()
		b.Data[mime] = data
		p.liveShown = true
	}
	var err error
	if !p.shown {
		err = p.pub.Publish(b, p.handle.ID(), false)
		p.shown = true
	} else {
		err = p.pub.Publish(b, p.handle.ID(), true)
	}
	if p.done && p.live != nil {
		// The final state is plain HTML, so the saved notebook shows it without widgets.
		closeLive(p.live)
		p.live = nil
	}
	if err != nil { // the front end went away: fall back to text
		p.pub, p.every = nil, textInterval
		if p.live != nil {
			p.live.Close()
			p.live = nil
		}
	}
}

// closeLive closes a live bar after liveCloseDelay.
func closeLive(l LiveBar) {
	if liveCloseDelay <= 0 {
		l.Close()
		return
	}
	time.AfterFunc(liveCloseDelay, l.Close)
}

// stats returns the fraction done (-1 when unknown), rate per second and ETA.
func (p *Progress) stats(now time.Time) (frac, rate float64, eta time.Duration, elapsed time.Duration) {
	elapsed = now.Sub(p.start)
	if elapsed > 0 {
		rate = float64(p.n) / elapsed.Seconds()
	}
	frac = -1
	if p.total > 0 {
		frac = min(max(float64(p.n)/float64(p.total), 0), 1)
		if rate > 0 && p.n < p.total {
			eta = time.Duration(float64(p.total-p.n) / rate * float64(time.Second))
		}
	}
	return
}

// line renders the state as one text line.
func (p *Progress) line(now time.Time) string {
	frac, rate, eta, elapsed := p.stats(now)
	var b strings.Builder
	if p.title != "" {
		b.WriteString(p.title + ": ")
	}
	if p.done {
		fmt.Fprintf(&b, "done, %s%s in %s", p.count(p.n), p.suffix(), FormatDuration(elapsed))
		if rate > 0 {
			fmt.Fprintf(&b, " (%s)", p.rateText(rate))
		}
		if p.summary != "" {
			b.WriteString(" · " + p.summary)
		}
		return b.String()
	}
	if frac >= 0 {
		fmt.Fprintf(&b, "%s / %s%s (%.1f%%)", p.count(p.n), p.count(p.total), p.suffix(), frac*100)
	} else {
		b.WriteString(p.count(p.n) + p.suffix())
	}
	if p.n > 0 && elapsed > 0 {
		fmt.Fprintf(&b, " · %s", p.rateText(rate))
		if eta > 0 {
			b.WriteString(" · ETA " + FormatDuration(eta.Round(time.Second/10)))
		}
	}
	return b.String()
}

// html renders the state as a bar with the text line beside it, styled inline so it
// shows the same in every front end.
func (p *Progress) html(now time.Time) string {
	frac, _, _, _ := p.stats(now)
	width := frac * 100
	colour := "#0072B2"
	state := "running"
	if p.done {
		state = "done"
		colour = "#009E73"
		if frac < 0 {
			width = 100
		}
	}
	var bar string
	if frac >= 0 || p.done {
		bar = fmt.Sprintf(`<div style="flex:0 0 240px;height:10px;background:#e6e6e6;border-radius:5px;overflow:hidden">`+
			`<div style="width:%.1f%%;height:100%%;background:%s"></div></div>`, width, colour)
	}
	return fmt.Sprintf(`<div class="sluice-progress" data-state="%s" style="display:flex;align-items:center;gap:10px;`+
		`font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Arial,sans-serif;font-size:12px;color:#333;margin:2px 0">`+
		`%s<span>%s</span></div>`, state, bar, htmlEscape(p.line(now)))
}

// String returns the current state as one line of text.
func (p *Progress) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.line(p.now())
}

func roundRate(r float64) float64 {
	if r >= 100 {
		return float64(int64(r + 0.5))
	}
	return float64(int64(r*10+0.5)) / 10
}
