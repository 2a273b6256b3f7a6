//go:build unix

package kernel

// // The cause tee copies what is written to descriptor 2 from in to out, and copies the
// // lines that name the cause of a fatal Go runtime error at once to logfd as well (see
// // startCauseTee). It runs on a thread of its own that the Go scheduler does not know.
//
// #define _GNU_SOURCE
// #include <errno.h>
// #include <pthread.h>
// #include <stdlib.h>
// #include <string.h>
// #include <unistd.h>
//
// struct sluice_tee { int in, out, logfd; };
//
// static void sluice_write_all(int fd, const char *p, size_t n) {
// 	while (n > 0) {
// 		ssize_t w = write(fd, p, n);
// 		if (w < 0) {
// 			if (errno == EINTR || errno == EAGAIN) continue;
// 			return;
// 		}
// 		p += w;
// 		n -= (size_t)w;
// 	}
// }
//
// static int sluice_has_prefix(const char *s, size_t n, const char *pre) {
// 	size_t k = strlen(pre);
// 	return n >= k && memcmp(s, pre, k) == 0;
// }
//
// // sluice_cause returns where a line the runtime prints before it switches to the
// // crash output starts in s (a fatal error and the runtime's diagnostics that lead to
// // it), or NULL. Such a line may follow a cell's output that did not end its line.
// static const char *sluice_cause(const char *s, size_t n) {
// 	static const char *anywhere[] = {"fatal error: ", "runtime: goroutine stack exceeds ", NULL};
// 	if (sluice_has_prefix(s, n, "runtime: ")) return s;
// 	for (int i = 0; anywhere[i] != NULL; i++) {
// 		const char *p = memmem(s, n, anywhere[i], strlen(anywhere[i]));
// 		if (p != NULL) return p;
// 	}
// 	return NULL;
// }
//
// static void *sluice_tee_main(void *arg) {
// 	struct sluice_tee t = *(struct sluice_tee *)arg;
// 	free(arg);
// 	char buf[16384], line[4096], held[4096];
// 	size_t ln = 0, hn = 0;
// 	for (;;) {
// 		ssize_t n = read(t.in, buf, sizeof buf);
// 		if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
// 		if (n <= 0) break;
// 		for (ssize_t i = 0; i < n; i++) {
// 			if (buf[i] == '\0') { // the kernel's sync markers are delimited by NULs
// 				ln = 0;
// 				continue;
// 			}
// 			if (ln < sizeof line - 1) line[ln++] = buf[i];
// 			if (buf[i] != '\n') continue;
// 			if (line[ln - 1] != '\n') line[ln++] = '\n';
// 			const char *cause = sluice_cause(line, ln);
// 			if (cause != NULL) {
// 				size_t cn = ln - (size_t)(cause - line);
// 				// A panic that a fatal error follows (a fatal error while panicking)
// 				// was printed before the crash output too.
// 				if (hn > 0 && sluice_has_prefix(cause, cn, "fatal error: ")) sluice_write_all(t.logfd, held, hn);
// 				hn = 0;
// 				sluice_write_all(t.logfd, cause, cn);
// 			} else if (sluice_has_prefix(line, ln, "panic: ") && hn + ln <= sizeof held) {
// 				memcpy(held + hn, line, ln);
// 				hn += ln;
// 			} else {
// 				hn = 0;
// 			}
// 			ln = 0;
// 		}
// 		sluice_write_all(t.out, buf, (size_t)n);
// 	}
// 	close(t.in);
// 	close(t.out);
// 	close(t.logfd);
// 	return NULL;
// }
//
// static int sluice_start_tee(int in, int out, int logfd) {
// 	struct sluice_tee *t = malloc(sizeof *t);
// 	if (t == NULL) return ENOMEM;
// 	t->in = in;
// 	t->out = out;
// 	t->logfd = logfd;
// 	pthread_t th;
// 	int err = pthread_create(&th, NULL, sluice_tee_main, t);
// 	if (err != 0) {
// 		free(t);
// 		return err;
// 	}
// 	pthread_detach(th);
// 	return 0;
// }
import "C"

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
		logFD := -1
		if t.fd == 2 {
			logFD = c.savedErr
		}
		pr, err := redirect(t.fd, t.dst, []byte("\x00sluice-sync-"+token+"\x00"), logFD)
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
// With logFD >= 0 the pipe goes through a cause tee first (see startCauseTee).
func redirect(fd int, dst io.Writer, marker []byte, logFD int) (*pipeReader, error) {
	var p [2]int
	if err := pipe(p[:]); err != nil {
		return nil, fmt.Errorf("pipe for fd %d: %w", fd, err)
	}
	growPipe(p[1])
	if logFD >= 0 {
		r, err := startCauseTee(p[0], logFD)
		if err != nil {
			unix.Close(p[0])
			unix.Close(p[1])
			return nil, fmt.Errorf("fd %d: %w", fd, err)
		}
		p[0] = r
	}
	if err := unix.Dup2(p[1], fd); err != nil {
		unix.Close(p[0])
		unix.Close(p[1]) // the tee, if any, ends when it reads the end of the pipe
		return nil, fmt.Errorf("redirect fd %d: %w", fd, err)
	}
	unix.Close(p[1])
	pr := &pipeReader{fd: fd, r: os.NewFile(uintptr(p[0]), fmt.Sprintf("fd%d-capture", fd)), dst: dst,
		marker: marker, ack: make(chan struct{}, 1), done: make(chan struct{})}
	go pr.run()
	return pr, nil
}

// startCauseTee puts a tee between in, the read end of the pipe behind descriptor 2, and
// the pipe reader: it returns the read end of a second pipe that receives everything,
// while the lines a fatal Go runtime error prints before its crash report ("runtime:
// goroutine stack exceeds …", "fatal error: …", a "panic: …" that precedes a fatal
// error) are also written to logFD, the kernel's original standard error, as soon as
// they are read. The Go runtime prints those lines to descriptor 2, freezes every
// goroutine (so a pipe reader in Go would not get to run) and only then writes its
// crash report to the crash output; the tee runs on a C thread that the freeze does
// not stop. Takes ownership of in; logFD is duplicated.
func startCauseTee(in, logFD int) (int, error) {
	var out [2]int
	if err := pipe(out[:]); err != nil {
		return -1, fmt.Errorf("cause tee: %w", err)
	}
	growPipe(out[1])
	logDup, err := unix.FcntlInt(uintptr(logFD), unix.F_DUPFD_CLOEXEC, 3)
	if err != nil {
		unix.Close(out[0])
		unix.Close(out[1])
		return -1, fmt.Errorf("cause tee: duplicate stderr: %w", err)
	}
	if rc := C.sluice_start_tee(C.int(in), C.int(out[1]), C.int(logDup)); rc != 0 {
		unix.Close(out[0])
		unix.Close(out[1])
		unix.Close(logDup)
		return -1, fmt.Errorf("cause tee: start thread: %w", unix.Errno(rc))
	}
	return out[0], nil
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
