package rand_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/math/rand/v2"
)

func panicOf(f func()) (s string) {
	defer func() { s = fmt.Sprint(recover()) }()
	f()
	return ""
}

func TestNMatchesStd(t *testing.T) {
	for _, n := range []int64{0, -1, -100} {
		if got, want := panicOf(func() { ours.N(n) }), panicOf(func() { rand.N(n) }); got != want || want == "" {
			t.Errorf("N(%d) panics %q, std %q", n, got, want)
		}
	}
	if got, want := panicOf(func() { ours.N(int8(-128)) }), panicOf(func() { rand.N(int8(-128)) }); got != want {
		t.Errorf("N(int8) panics %q, std %q", got, want)
	}
	// Every value of [0,n) shows up and nothing else, for several integer types.
	seen := map[uint8]bool{}
	for range 2000 {
		v := ours.N(uint8(7))
		if v >= 7 {
			t.Fatalf("N(7) = %d", v)
		}
		seen[v] = true
	}
	if len(seen) != 7 {
		t.Errorf("N(uint8(7)) covered %d values", len(seen))
	}
	for range 1000 {
		if d := ours.N(time.Second); d < 0 || d >= time.Second {
			t.Fatalf("N(time.Second) = %v", d)
		}
		if v := ours.N(uint64(1)<<63 + 5); v >= 1<<63+5 {
			t.Fatalf("N(2^63+5) = %d", v)
		}
		if v := ours.N(1); v != 0 {
			t.Fatalf("N(1) = %d", v)
		}
	}
}
