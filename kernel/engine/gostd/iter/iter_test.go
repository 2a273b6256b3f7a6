package iter_test

import (
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/iter"
)

// script describes a push iterator and how the test drives its pull form.
type script struct {
	name     string
	n        int  // values the iterator offers
	panicAt  int  // the iterator panics before offering value panicAt (-1: never)
	ignore   bool // the iterator keeps yielding after yield returned false
	nexts    int  // how many times next is called
	stop     bool // whether stop is called after the nexts
	stopTwce bool
}

// run drives a pull iterator made by pull and returns the trace of what happened:
// the iterator's own log and each next/stop result or panic.
func run(s script, pull func(seq func(func(int) bool)) (func() (int, bool), func())) string {
	var log strings.Builder
	seq := func(yield func(int) bool) {
		defer fmt.Fprintf(&log, "seq returns;")
		for i := 0; i < s.n; i++ {
			if i == s.panicAt {
				panic(fmt.Sprintf("boom at %d", i))
			}
			ok := yield(i * 10)
			fmt.Fprintf(&log, "yield(%d)=%v;", i*10, ok)
			if !ok && !s.ignore {
				return
			}
		}
	}
	next, stop := pull(seq)
	call := func(name string, f func()) {
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(&log, "%s panics %v;", name, r)
			}
		}()
		f()
	}
	for range s.nexts {
		call("next", func() {
			v, ok := next()
			fmt.Fprintf(&log, "next=%d,%v;", v, ok)
		})
	}
	if s.stop {
		call("stop", stop)
		if s.stopTwce {
			call("stop again", stop)
		}
		call("next after stop", func() {
			v, ok := next()
			fmt.Fprintf(&log, "next=%d,%v;", v, ok)
		})
	}
	return log.String()
}

func scripts() []script {
	var out []script
	for n := 0; n < 4; n++ {
		for nexts := 0; nexts <= n+2; nexts++ {
			for _, panicAt := range []int{-1, 0, 1, 2} {
				for _, stop := range []bool{false, true} {
					out = append(out, script{n: n, nexts: nexts, panicAt: panicAt, stop: stop, stopTwce: nexts%2 == 0, ignore: n == 3 && panicAt == -1})
				}
			}
		}
	}
	return out
}

func TestPullMatchesStd(t *testing.T) {
	for _, s := range scripts() {
		got := run(s, func(seq func(func(int) bool)) (func() (int, bool), func()) { return ours.Pull(seq) })
		want := run(s, func(seq func(func(int) bool)) (func() (int, bool), func()) { return iter.Pull(iter.Seq[int](seq)) })
		if got != want {
			t.Errorf("%+v:\n ours %s\n std  %s", s, got, want)
		}
	}
}

func TestPull2MatchesStd(t *testing.T) {
	for _, s := range scripts() {
		pairs := func(pull2 func(func(func(int, string) bool)) (func() (int, string, bool), func())) func(seq func(func(int) bool)) (func() (int, bool), func()) {
			return func(seq func(func(int) bool)) (func() (int, bool), func()) {
				next, stop := pull2(func(yield func(int, string) bool) {
					seq(func(v int) bool { return yield(v, fmt.Sprint(v)) })
				})
				return func() (int, bool) {
					k, v, ok := next()
					if ok && v != fmt.Sprint(k) {
						panic("pair mismatch")
					}
					return k, ok
				}, stop
			}
		}
		got := run(s, pairs(func(seq func(func(int, string) bool)) (func() (int, string, bool), func()) { return ours.Pull2(seq) }))
		want := run(s, pairs(func(seq func(func(int, string) bool)) (func() (int, string, bool), func()) {
			return iter.Pull2(iter.Seq2[int, string](seq))
		}))
		if got != want {
			t.Errorf("%+v:\n ours %s\n std  %s", s, got, want)
		}
	}
}

// TestPullGoexit: runtime.Goexit in the iterator ends the goroutine that called next,
// running its deferred calls, as the standard Pull does.
func TestPullGoexit(t *testing.T) {
	for _, name := range []string{"ours", "std"} {
		var wg sync.WaitGroup
		var trace []string
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { trace = append(trace, "deferred") }()
			seq := func(yield func(int) bool) { yield(1); runtime.Goexit() }
			var next func() (int, bool)
			if name == "ours" {
				next, _ = ours.Pull(seq)
			} else {
				next, _ = iter.Pull(iter.Seq[int](seq))
			}
			v, _ := next()
			trace = append(trace, fmt.Sprint(v))
			next()
			trace = append(trace, "after Goexit")
		}()
		wg.Wait()
		if got := strings.Join(trace, ","); got != "1,deferred" {
			t.Errorf("%s: trace %s", name, got)
		}
	}
}

// TestSeqTypes: our Seq and Seq2 have the standard shapes.
func TestSeqTypes(t *testing.T) {
	var s ours.Seq[int] = func(yield func(int) bool) { yield(1) }
	var std iter.Seq[int] = iter.Seq[int](s)
	var s2 ours.Seq2[int, string] = ours.Seq2[int, string](iter.Seq2[int, string](func(yield func(int, string) bool) { yield(1, "a") }))
	n := 0
	std(func(int) bool { n++; return true })
	s2(func(int, string) bool { n++; return true })
	if n != 2 {
		t.Fatal(n)
	}
}
