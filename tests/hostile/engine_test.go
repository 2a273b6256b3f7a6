package hostile

// Attacks by cell code on the engine (rows 3, 4, 6 and 21 of the hardening table), run
// in the real kernel: runaway recursion, allocations past the limit, a goroutine that
// panics after its cell ended, and the line a panic is reported at.

import (
	"strings"
	"testing"
	"time"
)

func init() {
	register(3, "runaway recursion", engAttackRecursion)
	register(4, "one allocation above SLUICE_MAX_ALLOC", engAttackHugeAlloc)
	register(4, "heap growth past SLUICE_MAX_HEAP_GROWTH", engAttackHeapGrowth)
	register(6, "goroutine panic after its cell ended", engAttackLatePanic)
	register(21, "panic on line 3 after a call on line 1", engAttackPanicLine)
}

// engLimits are the guards' limits the attacks run under (the 1 GiB).
var engLimits = []string{"SLUICE_MAX_ALLOC=1G", "SLUICE_MAX_HEAP_GROWTH=1G"}

// engFailsWith runs code and checks the cell's error.
func (k *kernel) engFailsWith(code, ename, evalue string) cell {
	k.t.Helper()
	c := k.run(code)
	if c.status != "error" || c.ename != ename || !strings.Contains(c.evalue, evalue) {
		k.t.Fatalf("cell %q: got %s %s: %s, want %s containing %q", code, c.status, c.ename, c.evalue, ename, evalue)
	}
	return c
}

func engAttackRecursion(t *testing.T) {
	k := startKernel(t, engLimits...)
	k.engFailsWith("func rec(n int) int { return rec(n+1) + 1 }\nrec(0)", "RecursionError", "maximum recursion depth exceeded in rec")
	k.survived()
}

func engAttackHugeAlloc(t *testing.T) {
	k := startKernel(t, engLimits...)
	k.engFailsWith("b := make([]byte, 20<<30)\n_ = b", "panic", "make: 20.0 GiB exceeds the allocation limit of 1.0 GiB (SLUICE_MAX_ALLOC)")
	k.survived()
	k.engFailsWith("n := 40\ns := strings.Repeat(\"x\", n<<30)\n_ = s", "panic", "strings.Repeat: 40.0 GiB exceeds the allocation limit")
	k.survived()
}

func engAttackHeapGrowth(t *testing.T) {
	k := startKernel(t, engLimits...)
	k.engFailsWith("var hold [][]byte\nfor {\n\thold = append(hold, make([]byte, 16<<20))\n}", "MemoryError", "SLUICE_MAX_HEAP_GROWTH")
	k.survived()
	k.run("hold = nil")
}

func engAttackLatePanic(t *testing.T) {
	k := startKernel(t)
	c := k.run("started := make(chan bool)\ngo func() {\n\tclose(started)\n\ttime.Sleep(300 * time.Millisecond)\n\tpanic(\"late boom\")\n}()\n<-started")
	if c.status != "ok" {
		t.Fatalf("the starting cell failed: %s: %s", c.ename, c.evalue)
	}
	// The panic happens between cells; the next cell shows it.
	time.Sleep(time.Second)
	c = k.run("x := 1\n_ = x")
	want := `panic in a goroutine started by an earlier cell (the cell beginning "started := make(chan bool)"): late boom`
	if c.status != "ok" || !strings.Contains(c.stderr, want) {
		t.Fatalf("the next cell: status %s, stderr %q, want %q", c.status, c.stderr, want)
	}
	k.survived()
}

func engAttackPanicLine(t *testing.T) {
	k := startKernel(t)
	for _, code := range []string{
		"fmt.Println(1)\nvar m map[string]int\nm[\"a\"] = 1",
		"func g() {\n\tfmt.Println(1)\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\ng()",
	} {
		c := k.engFailsWith(code, "panic", "assignment to entry in nil map (cell line")
		tb := strings.Join(c.traceback, "\n")
		if !strings.Contains(c.evalue, "(cell line 4)") && !strings.Contains(c.evalue, "(cell line 3)") || strings.Contains(tb, "at cell:1:") {
			t.Fatalf("cell %q: %s\n%s", code, c.evalue, tb)
		}
		want := "(cell line 3)"
		if strings.HasPrefix(code, "func") {
			want = "(cell line 4)"
		}
		if !strings.Contains(c.evalue, want) {
			t.Fatalf("cell %q reported at %s, want %s", code, c.evalue, want)
		}
	}
	k.survived()
}
