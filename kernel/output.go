package kernel

import (
	"bytes"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// maxStreamChunk is the most text one stream message carries; a burst larger than that
// is sent in several messages without waiting for the flush interval.
const maxStreamChunk = 256 << 10

// stream coalesces writes to stdout or stderr into stream messages: text is held for
// the kernel's flush interval (or until maxStreamChunk) and then sent to the cell that
// owns output at that moment.
type stream struct {
	k     *kernel
	name  string
	mu    sync.Mutex
	buf   []byte
	timer *time.Timer
}

func newStream(k *kernel, name string) *stream { return &stream{k: k, name: name} }

// Write queues p for the next stream message. It never blocks on the network.
func (s *stream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = append(s.buf, p...)
	if len(s.buf) >= maxStreamChunk {
		s.flushLocked(false)
	}
	if len(s.buf) > 0 && s.timer == nil {
		s.timer = time.AfterFunc(s.k.opts.FlushInterval, s.flushComplete)
	}
	return len(p), nil
}

// flushComplete sends the queued text up to its last complete character: what the
// flush timer does, so a character written in two pieces is never split across two
// messages (each half would arrive as U+FFFD).
func (s *stream) flushComplete() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked(false)
}

// Flush sends whatever is queued now, an incomplete character included.
func (s *stream) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked(true)
}

// flushLocked sends the buffer. Unless final, an incomplete UTF-8 sequence at its end
// is kept for the next message so no character is split across two.
func (s *stream) flushLocked(final bool) {
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	n := len(s.buf)
	if !final {
		n = completeUTF8(s.buf)
	}
	if n == 0 {
		return
	}
	text := string(s.buf[:n])
	s.buf = append(s.buf[:0], s.buf[n:]...)
	parent, silent := s.k.outputParent()
	switch {
	case silent:
		return
	case parent == nil:
		s.k.log.Info("output outside any cell", "stream", s.name, "text", truncate(text, 500))
		return
	}
	s.k.publish(parent, wire.Stream, wire.StreamContent{Name: s.name, Text: text})
}

// maxPrompt bounds the text takePartialLine turns into an input prompt.
const maxPrompt = 200

// takePartialLine removes and returns the unsent text after the last newline (what a
// cell printed just before reading input, like "Name: "), or "" when there is none.
func (s *stream) takePartialLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := bytes.LastIndexByte(s.buf, '\n') + 1
	tail := s.buf[i:]
	if len(tail) == 0 || len(tail) > maxPrompt || !utf8.Valid(tail) {
		return ""
	}
	p := string(tail)
	s.buf = s.buf[:i]
	return p
}

// completeUTF8 returns the length of the longest prefix of b that does not end inside
// a UTF-8 sequence.
func completeUTF8(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// cellWriter is the CellIO writer handed to the engine: the coalescing stream behind a
// type that offers only Write, so the engine cannot reach the stream's other methods.
type cellWriter struct{ s *stream }

func (w cellWriter) Write(p []byte) (int, error) { return w.s.Write(p) }

// flushOutput makes everything written so far — through CellIO, os.Stdout or file
// descriptors 1 and 2 — go out as stream messages before it returns.
func (k *kernel) flushOutput() {
	// An engine that buffers its cells' output (through pipes that keep fmt and
	// os.Stdout in order) delivers it first.
	if s, ok := k.eng.(interface{ SyncOutput() }); ok {
		s.SyncOutput()
	}
	if k.capture != nil {
		k.capture.sync()
	}
	k.stdout.Flush()
	k.stderr.Flush()
}
