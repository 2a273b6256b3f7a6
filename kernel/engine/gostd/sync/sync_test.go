package sync_test

import (
	"fmt"
	"sync"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/sync"
)

func calls(f func() string, n int) string {
	out := ""
	for range n {
		func() {
			defer func() {
				if r := recover(); r != nil {
					out += fmt.Sprintf("panic %v;", r)
				}
			}()
			out += f() + ";"
		}()
	}
	return out
}

func TestOnceValueMatchesStd(t *testing.T) {
	for _, panics := range []bool{false, true} {
		mk := func() (func() string, *int) {
			n := new(int)
			return func() string {
				*n++
				if panics {
					panic(fmt.Sprintf("boom %d", *n))
				}
				return fmt.Sprint("value ", *n)
			}, n
		}
		f1, n1 := mk()
		f2, n2 := mk()
		got, want := calls(ours.OnceValue(f1), 3), calls(sync.OnceValue(f2), 3)
		if got != want || *n1 != *n2 {
			t.Errorf("panics=%v: ours %s (%d calls), std %s (%d calls)", panics, got, *n1, want, *n2)
		}
		g1, m1 := mk()
		g2, m2 := mk()
		pair := func(f func() (string, int)) func() string {
			return func() string { s, n := f(); return fmt.Sprint(s, n) }
		}
		got = calls(pair(ours.OnceValues(func() (string, int) { return g1(), 7 })), 3)
		want = calls(pair(sync.OnceValues(func() (string, int) { return g2(), 7 })), 3)
		if got != want || *m1 != *m2 {
			t.Errorf("OnceValues panics=%v: ours %s, std %s", panics, got, want)
		}
	}
}

func TestOnceValueConcurrent(t *testing.T) {
	var mu sync.Mutex
	n := 0
	f := ours.OnceValue(func() int { mu.Lock(); defer mu.Unlock(); n++; return 42 })
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v := f(); v != 42 {
				t.Error(v)
			}
		}()
	}
	wg.Wait()
	if n != 1 {
		t.Fatalf("f ran %d times", n)
	}
}
