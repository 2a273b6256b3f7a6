package kernel

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// stdinPipe puts a pipe on file descriptor 0 and feeds it from input_reply messages.
//
// A blocking read cannot announce itself, so while a cell runs the kernel looks for a
// thread of this process blocked in read(0, …) (Linux reports each thread's current
// system call in /proc/self/task/*/syscall) with the pipe empty. Seen twice in a row,
// it means the cell waits for input: the kernel sends an input_request and writes the
// reply, plus a newline, into the pipe. When the cell may not ask for input
// (allow_stdin=false) or was interrupted, the kernel closes the pipe's write end so the
// read returns end-of-file, writes why on the cell's stderr, and puts a fresh pipe on fd 0.
type stdinPipe struct {
	k     *kernel
	mu    sync.Mutex
	w     int // write end, -1 when closed
	saved int // the original fd 0
}

// A running cell is checked for a pending read of fd 0 every stdinPoll at first; each
// check reads every thread's /proc syscall file (about 5 % of an interpreted loop's time
// at that rate). Cells read their standard input through the interpreter's own reader,
// which asks the front end directly, so only code that reads descriptor 0 itself (C
// code, a raw syscall) is found this way: after stdinFastFor of a cell without one, the
// interval doubles up to stdinSlow, and a read found resets it.
const (
	stdinPoll    = 40 * time.Millisecond
	stdinFastFor = time.Second
	stdinSlow    = time.Second
)

// nextStdinPoll is the interval after a check that found nothing, elapsed into the cell.
func nextStdinPoll(cur, elapsed time.Duration) time.Duration {
	if elapsed < stdinFastFor {
		return stdinPoll
	}
	return min(2*cur, stdinSlow)
}

func startStdin(k *kernel) *stdinPipe {
	saved, err := unix.FcntlInt(0, unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		k.log.Warn("stdin capture disabled", "err", err)
		return nil
	}
	s := &stdinPipe{k: k, w: -1, saved: saved}
	if err := s.fresh(); err != nil {
		k.log.Warn("stdin capture disabled", "err", err)
		unix.Close(saved)
		return nil
	}
	return s
}

// fresh puts a new, empty pipe on fd 0. s.mu must be held (or s unshared).
func (s *stdinPipe) fresh() error {
	var p [2]int
	if err := pipe(p[:]); err != nil {
		return err
	}
	if err := unix.Dup2(p[0], 0); err != nil {
		unix.Close(p[0])
		unix.Close(p[1])
		return err
	}
	unix.Close(p[0])
	if s.w >= 0 {
		unix.Close(s.w)
	}
	s.w = p[1]
	return nil
}

func (s *stdinPipe) restore() {
	s.mu.Lock()
	defer s.mu.Unlock()
	unix.Dup2(s.saved, 0)
	unix.Close(s.saved)
	if s.w >= 0 {
		unix.Close(s.w)
		s.w = -1
	}
}

// feed writes text into the pipe.
func (s *stdinPipe) feed(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w >= 0 {
		writeAll(s.w, []byte(text))
	}
}

// eof makes the pending read return end-of-file, then replaces the pipe.
func (s *stdinPipe) eof() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w >= 0 {
		unix.Close(s.w)
		s.w = -1
	}
	for i := 0; i < 40 && pendingStdinRead(); i++ {
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.fresh(); err != nil {
		s.k.log.Warn("stdin: replacing the pipe", "err", err)
	}
}

// watch polls for reads of fd 0 while cl runs; stop ends the polling.
func (s *stdinPipe) watch(cl *cell) (stop func()) {
	quit := make(chan struct{})
	done := make(chan struct{})
	// ctx also ends when stop is called: an input_request still open when the cell
	// returns (a read by a goroutine the cell left behind) must not keep stop, and so
	// the shell, waiting for a reply.
	ctx, cancel := context.WithCancel(cl.ctx)
	go func() {
		defer close(done)
		start, every := time.Now(), stdinPoll
		tick := time.NewTimer(every)
		defer tick.Stop()
		seen, warned := 0, false
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
			}
			if n, err := unix.IoctlGetInt(0, unix.TIOCINQ); err != nil || n > 0 || !pendingStdinRead() {
				seen = 0
				every = nextStdinPoll(every, time.Since(start))
				tick.Reset(every)
				continue
			}
			// A read is pending: confirm it at the fast rate.
			every = stdinPoll
			tick.Reset(every)
			if seen++; seen < 2 {
				continue
			}
			seen = 0
			switch {
			case cl.ctx.Err() != nil:
				s.eof()
			case !cl.allowStdin:
				if !warned {
					s.k.stderr.Write([]byte("sluice: reading standard input failed: " + ErrNoStdin.Error() + "\n"))
					warned = true
				}
				s.eof()
			default:
				v, err := s.k.input(ctx, "", false)
				if err != nil {
					if ctx.Err() == nil {
						s.k.stderr.Write([]byte("sluice: reading standard input failed: " + err.Error() + "\n"))
					}
					s.eof()
					continue
				}
				s.feed(v + "\n")
			}
		}
	}()
	return func() { close(quit); cancel(); <-done }
}

var readSyscall = []byte(strconv.Itoa(unix.SYS_READ) + " 0x0 ")

// pendingStdinRead reports whether a thread of this process is blocked reading fd 0.
func pendingStdinRead() bool {
	tasks, _ := filepath.Glob("/proc/self/task/*/syscall")
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err == nil && bytes.HasPrefix(b, readSyscall) {
			return true
		}
	}
	return false
}

// growPipe asks for a 1 MiB pipe buffer so bursts of output rarely block the writer.
func growPipe(fd int) { _, _ = unix.FcntlInt(uintptr(fd), unix.F_SETPIPE_SZ, 1<<20) }

// pipe makes a blocking pipe whose ends are closed on exec.
func pipe(p []int) error { return unix.Pipe2(p, unix.O_CLOEXEC) }
