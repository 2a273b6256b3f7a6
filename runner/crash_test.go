package runner

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// writePieces writes s to w a few bytes at a time, as the Go runtime writes a crash.
func writePieces(w interface{ Write([]byte) (int, error) }, s string) {
	for len(s) > 0 {
		n := min(7, len(s))
		w.Write([]byte(s[:n]))
		s = s[n:]
	}
}

// goroutineDump is many kilobytes of other goroutines, as a fatal error prints them.
func goroutineDump() string {
	var b strings.Builder
	for i := range 200 {
		state := "IO wait"
		if i%50 == 7 {
			state = "running" // another thread's goroutine: not a new crash
		}
		fmt.Fprintf(&b, "\ngoroutine %d gp=0x1 m=nil [%s]:\nruntime.gopark(0x0)\n\t/usr/local/go/src/runtime/proc.go:462 +0xce\n", i+2, state)
	}
	return b.String()
}

func TestKernelLogKeepsTheCause(t *testing.T) {
	const frames = "\nruntime stack:\nruntime.throw({0x56e73f9?, 0xf2ab1a?})\n\t/usr/local/go/src/runtime/panic.go:1229 +0x48\nruntime.newstack()\n\t/usr/local/go/src/runtime/stack.go:1207 +0x5fd\nruntime.morestack()\n\t/usr/local/go/src/runtime/asm_amd64.s:681 +0x7d\n\ngoroutine 31 gp=0x15b m=10 [running]:\ngithub.com/traefik/yaegi/interp.call.func9(0x15b)\n"
	for _, c := range []struct {
		name, stderr, cause string
	}{
		{"stack overflow with its cause lines",
			"time=x level=INFO msg=\"kernel started\"\nruntime: goroutine stack exceeds 1000000000-byte limit\nruntime: sp=0xc0200e0390 stack=[0xc0200e0000, 0xc0400e0000]\nfatal error: stack overflow\n" + frames + goroutineDump(),
			"runtime: goroutine stack exceeds 1000000000-byte limit; fatal error: stack overflow"},
		{"stack overflow whose cause lines were lost",
			"time=x level=INFO msg=\"kernel started\"\n" + frames + goroutineDump(),
			"fatal error: stack overflow (the crash report shows the Go runtime failing in runtime.newstack)"},
		{"a panic in a kernel goroutine",
			"panic: runtime error: index out of range [5] with length 3\n\ngoroutine 7 [running]:\nmain.f()\n\t/x.go:3\n" + goroutineDump(),
			"panic: runtime error: index out of range [5] with length 3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := newKernelLog()
			writePieces(l, c.stderr)
			cause, report := l.Crash()
			if cause != c.cause {
				t.Errorf("cause = %q, want %q", cause, c.cause)
			}
			if n := strings.Count(report, "\n") + 1; n > crashLines || n < 3 {
				t.Errorf("the report has %d lines:\n%s", n, report)
			}
			err := l.kernelDied(fmt.Errorf("%w: process exited (exit status 2)", ErrKernelDied))
			if !errors.Is(err, ErrKernelDied) || !strings.Contains(err.Error(), "cause: "+c.cause) || strings.Contains(err.Error(), "goroutine 150 ") {
				t.Errorf("report:\n%s", err)
			}
			out := l.diedOutput(err)
			if out["ename"] != "KernelDied" || out["evalue"] != "the kernel died while running this cell: "+c.cause || len(out["traceback"].([]any)) < 3 {
				t.Errorf("cell output %v", out)
			}
		})
	}
	// No crash report: the last lines the kernel wrote explain the death.
	l := newKernelLog()
	writePieces(l, strings.Repeat("x", 10<<10)+"\nlevel=ERROR msg=\"cannot bind the shell port\"\n")
	err := l.kernelDied(ErrKernelDied)
	if !strings.HasSuffix(err.Error(), "cannot bind the shell port\"") || len(err.Error()) > 9<<10 {
		t.Errorf("without a crash: %.200q…", err)
	}
	if out := l.diedOutput(ErrKernelDied); out["evalue"] != "the kernel died while running this cell: kernel died" {
		t.Errorf("without a crash: %v", out)
	}
}

// The live log prefixes a line written in pieces once.
func TestLogWriterPrefixesWholeLines(t *testing.T) {
	var b strings.Builder
	w := &logWriter{w: &b, prefix: "kernel"}
	writePieces(w, "runtime.runCfg(0x15b11b343cc0, 0x15b12c162840)\n\tat x.go:3\nlast")
	want := "[kernel] runtime.runCfg(0x15b11b343cc0, 0x15b12c162840)\n[kernel] \tat x.go:3\n[kernel] last"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}
