package maphash_test

import (
	"fmt"
	"hash/maphash"
	"math"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/hash/maphash"
)

type inner struct {
	f float64
	s string
}

type rec struct {
	A int
	_ int
	B inner
	P *int
	I any
	C [2]complex64
}

func panicOf(f func()) (s string) {
	defer func() { s = fmt.Sprint(recover()) }()
	f()
	return ""
}

// hashes checks the documented contract on a set of values: equal values hash equally
// (for ours), and mostly-distinct values hash distinctly, like std.
func hashes[T comparable](t *testing.T, vals []T) {
	t.Helper()
	seed := maphash.MakeSeed()
	for _, x := range vals {
		for _, y := range vals {
			eq := x == y
			o := ours.Comparable(seed, x) == ours.Comparable(seed, y)
			s := maphash.Comparable(seed, x) == maphash.Comparable(seed, y)
			if eq && !o {
				t.Errorf("%#v == %#v but our hashes differ", x, y)
			}
			if o && !s {
				t.Errorf("%#v vs %#v: our hashes collide, std's do not", x, y)
			}
		}
		var h1, h2 maphash.Hash
		h1.SetSeed(seed)
		h2.SetSeed(seed)
		ours.WriteComparable(&h1, x)
		ours.WriteComparable(&h2, x)
		if x == x && h1.Sum64() != h2.Sum64() {
			t.Errorf("WriteComparable(%#v) is not deterministic", x)
		}
	}
}

func TestComparableMatchesStdContract(t *testing.T) {
	one, two := 1, 1
	nz := math.Copysign(0, -1)
	hashes(t, []int{0, 1, -1, 1 << 40})
	hashes(t, []string{"", "a", "b", "ab", "a"})
	hashes(t, []float64{0, nz, 1, math.Inf(1)})
	hashes(t, []any{nil, 1, int64(1), "1", 1.0, nz, 0.0, &one, &two, [2]int{1, 2}, inner{1, "x"}})
	hashes(t, []rec{{A: 1}, {A: 1, P: &one}, {A: 1, P: &two}, {B: inner{nz, "x"}}, {B: inner{0, "x"}}, {I: 3}, {I: "3"}, {C: [2]complex64{1i, 2}}})
	hashes(t, []*int{nil, &one, &two, &one})
	ch := make(chan int)
	hashes(t, []chan int{nil, ch, make(chan int), ch})
	// NaN is never equal to itself; std hashes it randomly.
	seed := maphash.MakeSeed()
	if ours.Comparable(seed, math.NaN()) == ours.Comparable(seed, math.NaN()) {
		t.Error("two NaN hashes are equal")
	}
	// Seeds matter.
	if ours.Comparable(maphash.MakeSeed(), "x") == ours.Comparable(maphash.MakeSeed(), "x") {
		t.Error("different seeds give the same hash")
	}
	// An unhashable dynamic type panics as std does.
	var bad any = []int{1}
	if got, want := panicOf(func() { ours.Comparable(seed, bad) }), panicOf(func() { maphash.Comparable(seed, bad) }); got != want || want == "" {
		t.Errorf("unhashable: ours %q, std %q", got, want)
	}
}
