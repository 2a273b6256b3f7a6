// Package progress lets packages below display report the advance of long work (an
// ingestion, an export) without importing display: they Start a Bar here and display,
// which installs itself with SetStarter when it is linked (it always is in the kernel),
// draws it — an updating bar in a notebook, an occasional line on a terminal. Without a
// starter, bars are silent.
//
// The arrows run one way: platform packages and display import this package, which
// imports nothing of ours.
package progress

import "sync/atomic"

// Bar reports the advance of one long operation. It is safe for concurrent use.
type Bar interface {
	// Add records n more units done.
	Add(n int64)
	// DoneWith marks the work finished, with a closing summary such as "3 files, 12.4 MiB"
	// shown after the final count; later calls do nothing.
	DoneWith(summary string)
}

// Starter begins a bar for total units of work (total ≤ 0 when the amount is unknown).
type Starter func(title string, total int64) Bar

var starter atomic.Pointer[Starter]

// SetStarter installs the maker of the bars Start returns (display's, from its init);
// nil removes it.
func SetStarter(f Starter) {
	if f == nil {
		starter.Store(nil)
		return
	}
	starter.Store(&f)
}

// Start begins a bar for total units of work through the installed Starter, or returns
// Silent when none is installed.
func Start(title string, total int64) Bar {
	if f := starter.Load(); f != nil {
		if b := (*f)(title, total); b != nil {
			return b
		}
	}
	return Silent
}

// Silent is a Bar that shows nothing, for work asked to be quiet.
var Silent Bar = silent{}

type silent struct{}

func (silent) Add(int64)       {}
func (silent) DoneWith(string) {}
