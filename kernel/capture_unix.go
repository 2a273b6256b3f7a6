//go:build unix

package kernel

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// capture redirects file descriptors 1 and 2 (and on Linux 0) onto pipes for the
// lifetime of the kernel, so that output written by any code in the process — fmt,
// os.Stdout, log, compiled libraries, child processes — becomes stream messages of the
// running cell, and reads of standard input become input requests.
type capture struct {
	k        *kernel
	savedOut int
	savedErr int
	logFile  *os.File // the original standard error, for the kernel's logs
	readers  []*pipeReader
	syncMu   sync.Mutex
	stdin    *stdinPipe // nil where reads cannot be detected
}

// pipeReader moves what is written to one redirected descriptor into a stream. It
// recognises sync markers written by capture.sync, which tell that everything written
// before them has been delivered.
type pipeReader struct {
	fd     int // the redirected descriptor (1 or 2)
	r      *os.File
	dst    io.Writer
	marker []byte
	sent   atomic.Int64
	seen   atomic.Int64
	ack    chan struct{}
	done   chan struct{}
}

func startCapture(k *kernel) (*capture, error) {
	c := &capture{k: k, savedOut: -1, savedErr: -1}
	var err error
	if c.savedOut, err = unix.FcntlInt(1, unix.F_DUPFD_CLOEXEC, 3); err != nil {
		return nil, fmt.Errorf("save stdout: %w", err)
	}
	if c.savedErr, err = unix.FcntlInt(2, unix.F_DUPFD_CLOEXEC, 3); err != nil {
		unix.Close(c.savedOut)
		return nil, fmt.Errorf("save stderr: %w", err)
	}
	logFD, err := unix.FcntlInt(uintptr(c.savedErr), unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		c.closeSaved()
		return nil, fmt.Errorf("save stderr: %w", err)
	}
	c.logFile = os.NewFile(uintptr(logFD), "original-stderr")
	token := wire.NewID()
	for _, t := range []struct {
		fd  int
		dst io.Writer
	}{{1, k.stdout}, {2, k.stderr}} {
		pr, err := redirect(t.fd, t.dst, []byte("\x00sluice-sync-"+token+"\x00"))
		if err != nil {
			c.stop()
			return nil, err
		}
		c.readers = append(c.readers, pr)
	}
	// A crash of the kernel itself must still be visible in the kernel's log.
	_ = debug.SetCrashOutput(c.logFile, debug.CrashOptions{})
	c.stdin = startStdin(k)
	return c, nil
}

// redirect points fd at the write end of a new pipe and starts reading its other end.
func redirect(fd int, dst io.Writer, marker []byte) (*pipeReader, error) {
	var p [2]int
	if err := pipe(p[:]); err != nil {
		return nil, fmt.Errorf("pipe for fd %d: %w", fd, err)
	}
	growPipe(p[1])
	if err := unix.Dup2(p[1], fd); err != nil {
		unix.Close(p[0])
		unix.Close(p[1])
		return nil, fmt.Errorf("redirect fd %d: %w", fd, err)
	}
	unix.Close(p[1])
	pr := &pipeReader{fd: fd, r: os.NewFile(uintptr(p[0]), fmt.Sprintf("fd%d-capture", fd)), dst: dst,
		marker: marker, ack: make(chan struct{}, 1), done: make(chan struct{})}
	go pr.run()
	return pr, nil
}

func (p *pipeReader) run() {
	defer close(p.done)
	buf := make([]byte, 64<<10)
	var pending []byte
	for {
		n, err := p.r.Read(buf)
		if n > 0 {
			data := append(pending, buf[:n]...)
			for {
				i := bytes.Index(data, p.marker)
				if i < 0 {
					break
				}
				if i > 0 {
					p.dst.Write(data[:i])
				}
				data = data[i+len(p.marker):]
				p.seen.Add(1)
				select {
				case p.ack <- struct{}{}:
				default:
				}
			}
			keep := partialSuffix(data, p.marker)
			if len(data)-keep > 0 {
				p.dst.Write(data[:len(data)-keep])
			}
			pending = append([]byte(nil), data[len(data)-keep:]...)
		}
		if err != nil {
			if len(pending) > 0 {
				p.dst.Write(pending)
			}
			p.r.Close()
			return
		}
	}
}

// partialSuffix returns the length of the longest suffix of data that is a proper
// prefix of marker (a marker split across two reads).
func partialSuffix(data, marker []byte) int {
	for k := min(len(marker)-1, len(data)); k > 0; k-- {
		if bytes.Equal(data[len(data)-k:], marker[:k]) {
			return k
		}
	}
	return 0
}

// sync waits until everything written to the redirected descriptors so far has been
// handed to the streams: it writes a marker through each pipe and waits to see it.
func (c *capture) sync() {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	deadline := time.NewTimer(time.Second)
	defer deadline.Stop()
	for _, p := range c.readers {
		target := p.sent.Add(1)
		if err := writeAll(p.fd, p.marker); err != nil {
			p.sent.Add(-1)
			continue
		}
		for p.seen.Load() < target {
			select {
			case <-p.ack:
			case <-p.done:
				return
			case <-deadline.C:
				c.k.log.Warn("output capture: a sync marker did not come back in time", "fd", p.fd)
				return
			}
		}
	}
}

func writeAll(fd int, b []byte) error {
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if err != nil {
			if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
				continue
			}
			return err
		}
		b = b[n:]
	}
	return nil
}

// logWriter returns the process's original standard error.
func (c *capture) logWriter() io.Writer { return c.logFile }

// stop puts the original descriptors back and waits for the pipes to drain.
func (c *capture) stop() {
	if c.stdin != nil {
		c.stdin.restore()
	}
	if len(c.readers) > 0 {
		c.sync()
	}
	if c.savedOut >= 0 {
		unix.Dup2(c.savedOut, 1)
	}
	if c.savedErr >= 0 {
		unix.Dup2(c.savedErr, 2)
	}
	for _, p := range c.readers {
		select {
		case <-p.done:
		case <-time.After(200 * time.Millisecond): // a child process may still hold the pipe
		}
	}
	_ = debug.SetCrashOutput(nil, debug.CrashOptions{})
	c.closeSaved()
	if c.logFile != nil {
		c.logFile.Close()
	}
}

func (c *capture) closeSaved() {
	if c.savedOut >= 0 {
		unix.Close(c.savedOut)
		c.savedOut = -1
	}
	if c.savedErr >= 0 {
		unix.Close(c.savedErr)
		c.savedErr = -1
	}
}

// watchStdin serves reads of standard input for cl while it runs (see stdinPipe).
func (c *capture) watchStdin(cl *cell) (stop func()) {
	if c.stdin == nil {
		return func() {}
	}
	return c.stdin.watch(cl)
}

// StderrCopy returns a new file for the process's current standard error that stays
// there after Run redirects descriptor 2 into the cells. The sluice binary logs to it.
func StderrCopy() (*os.File, error) {
	fd, err := unix.FcntlInt(2, unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		return nil, fmt.Errorf("duplicate stderr: %w", err)
	}
	return os.NewFile(uintptr(fd), "stderr"), nil
}
