package catalog

// progress reports a multi-batch load's advance.
type progress struct {
	title string
	total int64
	done_ int64
	quiet bool
}

func newProgress(title string, total int64, quiet bool) *progress {
	return &progress{title: title, total: total, quiet: quiet}
}

func (p *progress) add(n int64, label string) { p.done_ += n }

func (p *progress) done() {}
