package unique_test

import (
	"math"
	"testing"
	"unique"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/unique"
)

type point struct {
	x, y int
	name string
}

// TestHandlesMatchStd: two handles are equal exactly when std's handles for the same
// values are, and Value returns the value.
func TestHandlesMatchStd(t *testing.T) {
	strs := []string{"", "a", "b", "a", string([]byte{'a'}), "ab"[:1]}
	for _, x := range strs {
		for _, y := range strs {
			if (ours.Make(x) == ours.Make(y)) != (unique.Make(x) == unique.Make(y)) {
				t.Errorf("Make(%q) == Make(%q) differs from std", x, y)
			}
		}
		if ours.Make(x).Value() != x {
			t.Errorf("Value of %q", x)
		}
	}
	pts := []point{{1, 2, "a"}, {1, 2, "a"}, {2, 1, "a"}, {}}
	for _, p := range pts {
		for _, q := range pts {
			if (ours.Make(p) == ours.Make(q)) != (unique.Make(p) == unique.Make(q)) {
				t.Errorf("Make(%v) == Make(%v) differs from std", p, q)
			}
		}
	}
	// Values of different types never share a handle table entry.
	if ours.Make(int32(1)).Value() != 1 || ours.Make(int64(1)).Value() != 1 {
		t.Error("int32/int64 handles")
	}
	nan := math.NaN()
	if (ours.Make(nan) == ours.Make(nan)) != (unique.Make(nan) == unique.Make(nan)) {
		t.Error("NaN handles differ from std")
	}
	nz := math.Copysign(0, -1)
	if (ours.Make(nz) == ours.Make(0.0)) != (unique.Make(nz) == unique.Make(0.0)) {
		t.Error("signed zero handles differ from std")
	}
	var a, b any = 1, 1
	if (ours.Make(a) == ours.Make(b)) != (unique.Make(a) == unique.Make(b)) {
		t.Error("interface handles differ from std")
	}
}
