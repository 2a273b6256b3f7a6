package weak_test

import (
	"runtime"
	"testing"
	"time"
	"weak"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/weak"
)

type blob struct {
	name string
	pad  [128]byte
}

// TestWeakMatchesStd: Value returns the pointer while the object lives and nil once it
// is reclaimed, as for std's weak pointers made at the same time; equality follows the
// pointers.
func TestWeakMatchesStd(t *testing.T) {
	a, b := &blob{name: "a"}, &blob{name: "b"}
	oa, sa := ours.Make(a), weak.Make(a)
	ob := ours.Make(b)
	if oa.Value() != a || sa.Value() != a || ob.Value() != b {
		t.Fatal("Value of a live object")
	}
	if (ours.Make(a) == oa) != (weak.Make(a) == sa) || (oa == ob) != (sa == weak.Make(b)) {
		t.Error("equality differs from std")
	}
	var zero ours.Pointer[blob]
	if zero.Value() != nil || ours.Make[blob](nil).Value() != nil || ours.Make[blob](nil) != zero {
		t.Error("nil and zero weak pointers")
	}
	runtime.KeepAlive(a)
	a = nil
	deadline := time.Now().Add(5 * time.Second)
	for (oa.Value() != nil || sa.Value() != nil) && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if oa.Value() != nil || sa.Value() != nil {
		t.Errorf("after collection: ours %v, std %v", oa.Value(), sa.Value())
	}
	if ob.Value() != b || ob.Value().name != "b" {
		t.Error("a live object's weak pointer lost its value")
	}
	runtime.KeepAlive(b)
}
