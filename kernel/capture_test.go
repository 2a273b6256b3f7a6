//go:build linux

package kernel

import (
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// TestCaptureFileDescriptors runs a kernel that redirects this test process's file
// descriptors 0, 1 and 2, as the sluice binary does, and restores them at the end.
func TestCaptureFileDescriptors(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{CaptureOutput: true})

	r, pub := c.execute("osstdout via os.Stdout\nfd1 via write(2)\nprint via CellIO", nil)
	if r["status"] != "ok" {
		t.Fatalf("reply = %v", r)
	}
	out := streamText(t, pub, "stdout")
	for _, want := range []string{"via os.Stdout\n", "via write(2)\n", "via CellIO\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout %q lacks %q", out, want)
		}
	}

	// A read of os.Stdin becomes an input_request when the request allows stdin.
	req := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "readline", "allow_stdin": true})
	var ir *wire.Message
	select {
	case ir = <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request for a read of os.Stdin")
	}
	rep, _ := wire.New(wire.InputReply, c.session, ir, wire.InputReplyContent{Value: "typed line"})
	wire.Send(c.stdin, rep, c.signer)
	if r := decode(t, c.replyTo(c.shellIn, req)); r["status"] != "ok" {
		t.Fatalf("readline reply = %v", r)
	}
	if s := streamText(t, c.iopubFor(req), "stdout"); !strings.Contains(s, "read typed line\n") {
		t.Fatalf("readline output = %q", s)
	}

	// Without allow_stdin the read fails with end-of-file and a message saying why.
	r, pub = c.execute("readline", map[string]any{"allow_stdin": false})
	if r["status"] != "error" || !strings.Contains(r["evalue"].(string), "EOF") {
		t.Fatalf("readline without stdin = %v", r)
	}
	if s := streamText(t, pub, "stderr"); !strings.Contains(s, "allow_stdin=false") {
		t.Errorf("stderr = %q", s)
	}

	// Interrupting a cell blocked reading stdin stops it.
	req = c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "readline", "allow_stdin": true})
	select {
	case <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request")
	}
	c.call(true, wire.InterruptRequest, nil)
	if r := decode(t, c.replyTo(c.shellIn, req)); r["status"] != "error" {
		t.Fatalf("interrupted readline = %v", r)
	}
	if r, _ := c.execute("print still alive", nil); r["status"] != "ok" {
		t.Fatalf("after interrupt: %v", r)
	}
}

// A read of os.Stdin by a goroutine the cell left behind gets an input_request while the
// cell runs; when the cell returns unanswered, the cell still finishes (the read gets
// end-of-file) instead of holding the shell until someone answers.
func TestCellReturnsWithInputRequestOpen(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{CaptureOutput: true})
	req := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "bgread", "allow_stdin": true})
	select {
	case <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request for the goroutine's read of os.Stdin")
	}
	if r := decode(t, c.replyTo(c.shellIn, req)); r["status"] != "ok" {
		t.Fatalf("reply = %v", r)
	}
	if r, _ := c.execute("print still alive", nil); r["status"] != "ok" {
		t.Fatalf("next cell: %v", r)
	}
}

// A read of descriptor 0 that starts after the watcher has slowed down is still answered.
func TestLateStdinRead(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{CaptureOutput: true})
	req := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "latereadline", "allow_stdin": true})
	var ir *wire.Message
	select {
	case ir = <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request for a read of os.Stdin two seconds into the cell")
	}
	rep, _ := wire.New(wire.InputReply, c.session, ir, wire.InputReplyContent{Value: "late line"})
	wire.Send(c.stdin, rep, c.signer)
	if r := decode(t, c.replyTo(c.shellIn, req)); r["status"] != "ok" {
		t.Fatalf("reply = %v", r)
	}
	if s := streamText(t, c.iopubFor(req), "stdout"); !strings.Contains(s, "read late line\n") {
		t.Fatalf("output = %q", s)
	}
}

func TestStdinPollBacksOff(t *testing.T) {
	every := stdinPoll
	for elapsed := time.Duration(0); elapsed < stdinFastFor; elapsed += every {
		if every = nextStdinPoll(every, elapsed); every != stdinPoll {
			t.Fatalf("%v into the cell: %v", elapsed, every)
		}
	}
	checks := 0
	for elapsed := stdinFastFor; elapsed < stdinFastFor+time.Minute; elapsed += every {
		every = nextStdinPoll(every, elapsed)
		checks++
	}
	// About one check a second once slowed down, instead of 25.
	if every != stdinSlow || checks > 70 {
		t.Fatalf("after a minute: every %v, %d checks", every, checks)
	}
}

// BenchmarkPendingStdinRead is the cost of one check; its share of a cell's time is this
// cost times the checks per second (25 at stdinPoll, 1 at stdinSlow).
func BenchmarkPendingStdinRead(b *testing.B) {
	for b.Loop() {
		pendingStdinRead()
	}
}
