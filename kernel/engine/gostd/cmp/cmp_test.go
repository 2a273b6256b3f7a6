package cmp_test

import (
	"cmp"
	"fmt"
	"math"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/cmp"
)

func TestCompareAndLessMatchStd(t *testing.T) {
	floats := []float64{math.NaN(), math.Inf(-1), -1, math.Copysign(0, -1), 0, 0.5, math.Inf(1), -math.NaN()}
	for _, x := range floats {
		for _, y := range floats {
			if got, want := ours.Compare(x, y), cmp.Compare(x, y); got != want {
				t.Errorf("Compare(%v, %v) = %d, std %d", x, y, got, want)
			}
			if got, want := ours.Less(x, y), cmp.Less(x, y); got != want {
				t.Errorf("Less(%v, %v) = %v, std %v", x, y, got, want)
			}
			fx, fy := float32(x), float32(y)
			if got, want := ours.Compare(fx, fy), cmp.Compare(fx, fy); got != want {
				t.Errorf("Compare(float32 %v, %v) = %d, std %d", x, y, got, want)
			}
		}
	}
	strs := []string{"", "a", "ab", "b", "é"}
	for _, x := range strs {
		for _, y := range strs {
			if ours.Compare(x, y) != cmp.Compare(x, y) || ours.Less(x, y) != cmp.Less(x, y) {
				t.Errorf("Compare/Less(%q, %q) differ from std", x, y)
			}
		}
	}
	type myInt int8
	for x := myInt(-128); x < 127; x += 7 {
		for y := myInt(-128); y < 127; y += 11 {
			if ours.Compare(x, y) != cmp.Compare(x, y) || ours.Less(x, y) != cmp.Less(x, y) {
				t.Errorf("Compare/Less(%d, %d) differ from std", x, y)
			}
		}
	}
}

func TestOrMatchesStd(t *testing.T) {
	cases := [][]string{nil, {}, {""}, {"", "a"}, {"b", "a"}, {"", "", "c"}}
	for _, c := range cases {
		if got, want := ours.Or(c...), cmp.Or(c...); got != want {
			t.Errorf("Or(%q) = %q, std %q", c, got, want)
		}
	}
	nz := math.Copysign(0, -1)
	for _, c := range [][]float64{{nz, 1}, {0, nz}, {math.NaN(), 1}} {
		if got, want := fmt.Sprint(ours.Or(c...)), fmt.Sprint(cmp.Or(c...)); got != want {
			t.Errorf("Or(%v) = %s, std %s", c, got, want)
		}
	}
	type pair struct{ a, b int }
	if got, want := ours.Or(pair{}, pair{0, 1}, pair{2, 0}), cmp.Or(pair{}, pair{0, 1}, pair{2, 0}); got != want {
		t.Errorf("Or(structs) = %v, std %v", got, want)
	}
}
