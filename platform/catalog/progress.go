package catalog

import "github.com/sluice-dev/sluice/display"

// progress reports a multi-batch load's advance through display.Progress (an updating
// bar in a notebook, an occasional line on a terminal); quiet ones show nothing.
type progress struct {
	p *display.Progress
}

func newProgress(title string, total int64, quiet bool) *progress {
	if quiet {
		return &progress{}
	}
	return &progress{p: display.NewProgress(title, total)}
}

func (p *progress) add(n int64) {
	if p.p != nil {
		p.p.Add(n)
	}
}

func (p *progress) finish(summary string) {
	if p.p != nil {
		p.p.DoneWith(summary)
	}
}
