// Package iter is Sluice's interpreted source for the generic API of the standard
// package iter (see kernel/engine/gostd): the iterator types Seq and Seq2, and Pull
// and Pull2, which run the push iterator in a goroutine and hand its values over
// channels, one at a time, when next is called.
package iter

// Seq is an iterator over sequences of individual values.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)

// pullStep is what the iterator goroutine reports to next or stop: a value, the end
// of the sequence, or the panic (or runtime.Goexit) that ended it.
type pullStep[V any] struct {
	value    V
	done     bool
	panicked bool
	panicVal any
	goexit   bool
}

// puller drives one push iterator from its own goroutine. resume carries true to ask
// for the next value and false to ask the iterator to stop.
type puller[V any] struct {
	started  bool
	finished bool
	resume   chan bool
	steps    chan pullStep[V]
}

func (p *puller[V]) start(run func(yield func(V) bool)) {
	p.started = true
	p.resume = make(chan bool)
	p.steps = make(chan pullStep[V])
	go func() {
		normal := false
		defer func() {
			step := pullStep[V]{done: true}
			if !normal {
				if r := recover(); r != nil {
					step.panicked, step.panicVal = true, r
				} else {
					step.goexit = true
				}
			}
			p.steps <- step
		}()
		if <-p.resume {
			stopped := false
			run(func(v V) bool {
				if stopped {
					return false
				}
				p.steps <- pullStep[V]{value: v}
				if !<-p.resume {
					stopped = true
					return false
				}
				return true
			})
		}
		normal = true
	}()
}

// step resumes the iterator goroutine (want: a next value, or a stop) and returns what
// it reports, re-raising a panic of the iterator in the caller.
func (p *puller[V]) step(want bool) pullStep[V] {
	p.resume <- want
	s := <-p.steps
	if s.done {
		p.finished = true
		if s.panicked {
			panic(s.panicVal)
		}
		if s.goexit {
			goexitCaller()
		}
	}
	return s
}

func (p *puller[V]) next(run func(yield func(V) bool)) (V, bool) {
	var zero V
	if p.finished {
		return zero, false
	}
	if !p.started {
		p.start(run)
	}
	s := p.step(true)
	if s.done {
		return zero, false
	}
	return s.value, true
}

func (p *puller[V]) stop() {
	if p.finished {
		return
	}
	if !p.started {
		p.finished = true
		return
	}
	p.step(false)
}

// Pull converts the push iterator seq into a pull iterator: next returns the next
// value and true, or the zero value and false at the end of the sequence; stop ends
// the iteration (it makes the pending yield return false and waits for seq to
// return). Calling stop after the end, or more than once, is a no-op. A panic in seq
// propagates to the caller of next or stop. next and stop must not be called from
// multiple goroutines simultaneously.
func Pull[V any](seq Seq[V]) (next func() (V, bool), stop func()) {
	p := &puller[V]{}
	return func() (V, bool) { return p.next(seq) }, p.stop
}

// pair carries the two values of a Seq2 through a single-value puller.
type pair[K, V any] struct {
	k K
	v V
}

// Pull2 converts the push iterator seq into a pull iterator over pairs; see Pull.
func Pull2[K, V any](seq Seq2[K, V]) (next func() (K, V, bool), stop func()) {
	p := &puller[pair[K, V]]{}
	run := func(yield func(pair[K, V]) bool) {
		seq(func(k K, v V) bool { return yield(pair[K, V]{k, v}) })
	}
	return func() (K, V, bool) {
		kv, ok := p.next(run)
		return kv.k, kv.v, ok
	}, p.stop
}
