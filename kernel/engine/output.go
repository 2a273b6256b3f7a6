// Output: the interpreter's os.Stdout and os.Stderr, delivered to the running cell in
// program order, and the interpreter's own diagnostics, kept out of cells.

package engine

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluice-dev/sluice/kernel/engine/symbols"
)

// How it works. Each engine owns two pipes. In the interpreter, os.Stdout and os.Stderr
// are the write ends of these pipes (real *os.File values); fmt.Print*, the log
// package's standard logger and yaegi's builtin print/println (through stdPipe.Write)
// write to the same files. So every way a cell writes — fmt.Print, os.Stdout.Write,
// json.NewEncoder(os.Stdout), bufio.NewWriter(os.Stdout), log.SetOutput(os.Stdout),
// goroutines — enters one byte stream per file in program order. A reader goroutine per pipe hands what arrives to
// the current cell's writer (e.out / e.errw, which fall back to Options.Stdout/Stderr
// between cells).
//
// The flush barrier: syncOutput writes a token (random per engine) into each pipe and
// waits until the reader has passed it. Everything written to the pipe before the token
// has then reached the writer that was current. The engine syncs after every statement
// or declaration group, before a read of stdin asks the front end (so that a printed
// prompt shows first), and before Execute switches back from the cell's writers.
//
// A cell may close os.Stdout. The next barrier notices (writing the token fails), lets
// the old reader drain, and makes a new pipe, which the interpreter's os.Stdout (if the
// cell did not assign something else to it) and its standard logger then use.

// stdio is an engine's standard output and error pipes.
type stdio struct {
	out, err *stdPipe

	mu     sync.Mutex
	logger *log.Logger // the interpreter's log package standard logger (per session)
}

// stdPipe is one of the two pipes.
type stdPipe struct {
	name  string
	dst   io.Writer
	token []byte
	log   *slog.Logger
	// renewed is called with the old and the new write end when the pipe was recreated.
	renewed func(old, new *os.File)

	// file is the variable the interpreter's os.Stdout (os.Stderr) is bound to. It starts
	// as w; a cell may assign another file to it, and fmt.Print* follow it as in Go.
	file *os.File

	mu     sync.Mutex // guards w, rd, closed (and file, for the engine's own accesses)
	w      *os.File   // the write end the engine owns
	rd     *pipeReader
	closed bool

	syncMu sync.Mutex // one barrier at a time
}

// pipeReader moves what arrives on the read end of one pipe to dst.
type pipeReader struct {
	r     *os.File
	dst   io.Writer
	token []byte
	sent  int64        // tokens written (under stdPipe.syncMu)
	seen  atomic.Int64 // tokens read
	ack   chan struct{}
	done  chan struct{}
}

// syncTimeout bounds a barrier: the pipe holds at most its capacity when the token is
// written, so only a writer that blocks (a stuck front end) makes a barrier wait long.
const syncTimeout = 5 * time.Second

// startIO creates the engine's pipes and their readers. It is called once, by New.
func (e *Engine) startIO() error {
	var raw [12]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return fmt.Errorf("output token: %w", err)
	}
	// The token starts with a NUL byte: text rarely ends with one, so a reader seldom
	// holds back the end of a chunk as a possible start of a token.
	token := []byte("\x00sluice-flush-" + hex.EncodeToString(raw[:]) + "\x00")
	e.std = &stdio{}
	renew := func(old, nw *os.File) { e.std.renewed(old, nw) }
	e.std.out = &stdPipe{name: "stdout", dst: e.out, token: token, log: e.log, renewed: renew}
	e.std.err = &stdPipe{name: "stderr", dst: e.errw, token: token, log: e.log, renewed: renew}
	if err := e.std.out.open(); err != nil {
		return err
	}
	if err := e.std.err.open(); err != nil {
		e.std.out.close()
		return err
	}
	installLogFilter(e.log)
	return nil
}

// closeIO stops the readers once they have delivered what the pipes hold.
func (e *Engine) closeIO() {
	if e.std == nil {
		return
	}
	e.std.out.close()
	e.std.err.close()
}

// syncOutput waits until everything written to the interpreter's os.Stdout and
// os.Stderr so far has been handed to the current writers.
func (e *Engine) syncOutput() {
	if e.std == nil {
		return
	}
	e.std.out.sync()
	e.std.err.sync()
}

// SyncOutput waits until everything cells have written to os.Stdout and os.Stderr so
// far has reached the running cell's CellIO writers (or Options.Stdout/Stderr between
// cells). Execute already does this before it returns; the kernel calls it before a
// display message so that text printed before a display shows above it.
func (e *Engine) SyncOutput() { e.syncOutput() }

// renewed points the interpreter's standard logger at a recreated pipe when it wrote to
// the closed one.
func (s *stdio) renewed(old, nw *os.File) {
	s.mu.Lock()
	l := s.logger
	s.mu.Unlock()
	if l != nil {
		if f, ok := l.Writer().(*os.File); ok && f == old {
			l.SetOutput(nw)
		}
	}
}

// stdioSymbols binds the interpreter's os.Stdout, os.Stderr, log and flag.CommandLine to
// the engine's pipes. yaegi binds fmt.Print* to Options.Stdout itself (a stdPipe);
// it binds os.Stdout only to an *os.File given as Options.Stdout, which would not follow
// a recreated pipe, so the engine binds the variables it owns instead. It must be used
// after the symbol tables, whose loading rebinds these names.
func (e *Engine) stdioSymbols() map[string]map[string]reflect.Value {
	s := e.std
	// A new session starts with the engine's files, whatever an earlier one assigned.
	s.out.mu.Lock()
	s.out.file = s.out.w
	s.out.mu.Unlock()
	s.err.mu.Lock()
	s.err.file = s.err.w
	l := log.New(s.err.w, "", log.LstdFlags)
	s.err.mu.Unlock()
	s.mu.Lock()
	s.logger = l
	s.mu.Unlock()

	fs := flag.NewFlagSet("sluice", flag.PanicOnError)
	fs.SetOutput(s.err)

	// The logger's methods get the interface wrappers that log.Print has, so that
	// cell-defined types print with their String and Error methods.
	printing := symbols.MapTypes[reflect.ValueOf(log.Print)]
	lg := map[string]reflect.Value{
		"Default":   reflect.ValueOf(func() *log.Logger { return l }),
		"Flags":     reflect.ValueOf(l.Flags),
		"Output":    reflect.ValueOf(l.Output),
		"Panic":     reflect.ValueOf(l.Panic),
		"Panicf":    reflect.ValueOf(l.Panicf),
		"Panicln":   reflect.ValueOf(l.Panicln),
		"Prefix":    reflect.ValueOf(l.Prefix),
		"Print":     reflect.ValueOf(l.Print),
		"Printf":    reflect.ValueOf(l.Printf),
		"Println":   reflect.ValueOf(l.Println),
		"SetFlags":  reflect.ValueOf(l.SetFlags),
		"SetOutput": reflect.ValueOf(l.SetOutput),
		"SetPrefix": reflect.ValueOf(l.SetPrefix),
		"Writer":    reflect.ValueOf(l.Writer),
	}
	mt := map[reflect.Value][]reflect.Type{}
	for _, k := range []string{"Panic", "Panicf", "Panicln", "Print", "Printf", "Println"} {
		mt[lg[k]] = printing
	}
	return map[string]map[string]reflect.Value{
		"os/os": {
			"Stdout": reflect.ValueOf(&s.out.file).Elem(),
			"Stderr": reflect.ValueOf(&s.err.file).Elem(),
		},
		"log/log":   lg,
		"flag/flag": {"CommandLine": reflect.ValueOf(&fs).Elem()},
		".":         {"MapTypes": reflect.ValueOf(mt)},
	}
}

// logFatal writes a log.Fatal message the way the interpreter's standard logger writes
// (its flags, prefix and output, in order with the cell's other writes to it).
func (e *Engine) logFatal(msg string) {
	e.std.mu.Lock()
	l := e.std.logger
	e.std.mu.Unlock()
	if l == nil {
		fmt.Fprint(e.errw, msg)
		return
	}
	_ = l.Output(3, msg)
}

// open creates the pipe and starts its reader.
func (p *stdPipe) open() error {
	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("%s pipe: %w", p.name, err)
	}
	rd := &pipeReader{r: r, dst: p.dst, token: p.token, ack: make(chan struct{}, 1), done: make(chan struct{})}
	go rd.run()
	p.mu.Lock()
	old := p.w
	p.w, p.rd = w, rd
	if p.file == nil || p.file == old {
		p.file = w
	}
	p.mu.Unlock()
	if old != nil && p.renewed != nil {
		p.renewed(old, w)
	}
	return nil
}

// Write writes to the interpreter's current os.Stdout (os.Stderr): yaegi's fmt.Print*,
// print and println use it.
func (p *stdPipe) Write(b []byte) (int, error) {
	p.mu.Lock()
	f := p.file
	p.mu.Unlock()
	return f.Write(b)
}

// sync is the flush barrier (see the top of this file).
func (p *stdPipe) sync() {
	p.syncMu.Lock()
	defer p.syncMu.Unlock()
	p.mu.Lock()
	w, rd, closed := p.w, p.rd, p.closed
	p.mu.Unlock()
	if closed || w == nil {
		return
	}
	rd.sent++
	target := rd.sent
	if _, err := w.Write(p.token); err != nil {
		rd.sent--
		if !errors.Is(err, os.ErrClosed) {
			p.log.Warn("engine output: flush failed", "stream", p.name, "err", err)
			return
		}
		// A cell closed os.Stdout (os.Stderr): deliver what the old pipe holds, then
		// make a new one.
		select {
		case <-rd.done:
		case <-time.After(syncTimeout):
			p.log.Warn("engine output: a closed pipe did not drain in time", "stream", p.name)
		}
		if err := p.open(); err != nil {
			p.log.Error("engine output: recreate the pipe", "stream", p.name, "err", err)
		}
		return
	}
	deadline := time.NewTimer(syncTimeout)
	defer deadline.Stop()
	for rd.seen.Load() < target {
		select {
		case <-rd.ack:
		case <-rd.done:
			return
		case <-deadline.C:
			p.log.Warn("engine output: a flush token did not come back in time", "stream", p.name)
			return
		}
	}
}

// close closes the write end and waits (bounded) for the reader to drain and stop.
func (p *stdPipe) close() {
	p.mu.Lock()
	if p.closed || p.w == nil {
		p.mu.Unlock()
		return
	}
	p.closed = true
	w, rd := p.w, p.rd
	p.mu.Unlock()
	_ = w.Close()
	select {
	case <-rd.done:
	case <-time.After(syncTimeout):
		p.log.Warn("engine output: the reader did not stop in time", "stream", p.name)
		_ = rd.r.Close()
	}
}

func (r *pipeReader) run() {
	defer close(r.done)
	defer r.r.Close()
	buf := make([]byte, 64<<10)
	var held []byte // the end of the previous read, which may be the start of a token
	for {
		n, err := r.r.Read(buf)
		if n > 0 {
			data := buf[:n]
			if len(held) > 0 {
				data = append(held, data...)
			}
			held = r.deliver(data)
		}
		if err != nil {
			r.write(held)
			return
		}
	}
}

// deliver writes data up to each token, counts the tokens, and returns a copy of the end
// of data that may be the beginning of a token split across reads.
func (r *pipeReader) deliver(data []byte) []byte {
	for {
		i := bytes.Index(data, r.token)
		if i < 0 {
			break
		}
		r.write(data[:i])
		data = data[i+len(r.token):]
		r.seen.Add(1)
		select {
		case r.ack <- struct{}{}:
		default:
		}
	}
	k := tokenStart(data, r.token)
	r.write(data[:len(data)-k])
	if k == 0 {
		return nil
	}
	return append([]byte(nil), data[len(data)-k:]...)
}

func (r *pipeReader) write(b []byte) {
	if len(b) > 0 {
		_, _ = r.dst.Write(b)
	}
}

// tokenStart returns the length of the longest end of data that is a proper beginning
// of token.
func tokenStart(data, token []byte) int {
	from := max(0, len(data)-len(token)+1)
	for i := from; i < len(data); i++ {
		if data[i] == token[0] && bytes.HasPrefix(token, data[i:]) {
			return len(data) - i
		}
	}
	return 0
}

// interpStderr is the interpreter's own stderr (interp.Options.Stderr). Cells do not
// write to it — their os.Stderr and log are the engine's pipe — so it receives only what
// yaegi prints itself: the panic location lines go to the cell's traceback (traceFilter),
// anything else to the engine's log at debug level.
type interpStderr struct{ e *Engine }

func (s interpStderr) Write(p []byte) (int, error) {
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		if traceRE.MatchString(line) {
			_, _ = (&traceFilter{e: s.e}).Write([]byte(line))
			continue
		}
		s.e.log.Debug("interpreter", "stderr", strings.TrimSuffix(line, "\n"))
	}
	return len(p), nil
}

// The log package's standard logger is the process's. yaegi calls log.Panic while it
// compiles (it prints "nil type" and panics, and recovers the panic itself), so these
// lines would reach the process's stderr, which the kernel shows in the running cell.
// A filter installed once per process in front of the standard logger's writer passes
// every line on except those logged directly by yaegi's code, which go to the log of the
// most recently started engine, at debug level.

var (
	logFilterOnce sync.Once
	logSink       atomic.Pointer[slog.Logger]
)

func installLogFilter(l *slog.Logger) {
	logSink.Store(l)
	logFilterOnce.Do(func() {
		log.SetOutput(&logFilter{next: log.Writer()})
	})
}

// logFilter is the writer of the process's standard logger.
type logFilter struct{ next io.Writer }

const yaegiPrefix = "github.com/traefik/yaegi/"

func (f *logFilter) Write(p []byte) (int, error) {
	if !loggedByYaegi() {
		return f.next.Write(p)
	}
	if l := logSink.Load(); l != nil && l.Enabled(context.Background(), slog.LevelDebug) {
		// The standard logger's lock is held here, and slog's default handler writes
		// through that logger: log from another goroutine.
		msg := strings.TrimSuffix(string(p), "\n")
		go l.Debug("interpreter", "log", msg)
	}
	return len(p), nil
}

// loggedByYaegi reports whether the function that called the log package is yaegi's.
func loggedByYaegi() bool {
	var pcs [32]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		fr, more := frames.Next()
		fn := fr.Function
		if !strings.HasPrefix(fn, "log.") {
			return strings.HasPrefix(fn, yaegiPrefix)
		}
		if !more {
			return false
		}
	}
}
