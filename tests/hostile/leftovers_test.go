package hostile

// A panic in a goroutine that one of our compiled packages starts, driven from a cell in
// the real kernel (filed under row 16, whose scoring panic was the first of these): it
// must be the cell's error, never the end of the process.

import (
	"strings"
	"testing"
)

func init() {
	register(16, "panic in synth's event workers", leftSynthWorkerPanic)
}

// leftSynthWorkerPanic asks synth.Events for a range no machine can hold: growing a
// worker's columns panics inside the worker goroutine (the kernel died with "cannot be
// negative" before the workers recovered).
func leftSynthWorkerPanic(t *testing.T) {
	k := startKernel(t)
	if c := k.run("keep := 42\n_ = keep"); c.status != "ok" {
		t.Fatalf("keep: %s: %s", c.ename, c.evalue)
	}
	c := k.run("import \"github.com/sluice-dev/sluice/platform/synth\"\n\nt := synth.Events(synth.Config{Users: 10}, 0, 1<<61)\n_ = t")
	if c.status != "error" || !strings.Contains(c.evalue, "synth: internal error while generating the events of users") {
		t.Fatalf("the cell: %s %s: %s\n%s", c.status, c.ename, c.evalue, strings.Join(c.traceback, "\n"))
	}
	k.survived()
}
