package runner

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/sluice-dev/sluice/internal/redact"
)

// kernelLog keeps what a kernel writes to its standard error that can explain its death:
// the last bytes (a message logged just before exiting), and the start of a Go crash
// report. A crash report ends with a dump of every goroutine, many kilobytes long, while
// its cause ("fatal error: stack overflow", "panic: …") comes first: the tail alone
// would lose it.
type kernelLog struct {
	mu      sync.Mutex
	tail    []byte
	maxTail int
	partial string   // a line not yet ended
	crash   []string // the lines of the crash report, from its first line
	open    bool     // crash is still being filled
	closed  bool     // crash is complete: later lines (a goroutine dump) are not a new crash
}

// Crash reports keep at most this many lines.
const crashLines = 24

// crashStart matches the first line of a Go crash report as the runtime prints it.
var crashStart = regexp.MustCompile(`^(panic: |fatal error: |runtime: |fatal: |unexpected (signal|fault address)|SIG[A-Z]+: |runtime stack:$|goroutine \d+ .*\[running\]:$)`)

func newKernelLog() *kernelLog { return &kernelLog{maxTail: 8 << 10} }

func (l *kernelLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tail = append(l.tail, p...)
	if len(l.tail) > l.maxTail {
		l.tail = l.tail[len(l.tail)-l.maxTail:]
	}
	// The runtime writes a crash in small pieces: assemble lines first.
	text := l.partial + string(p)
	lines := strings.Split(text, "\n")
	l.partial = lines[len(lines)-1]
	if len(l.partial) > 4<<10 {
		l.partial = l.partial[:4<<10]
	}
	for _, line := range lines[:len(lines)-1] {
		l.line(line)
	}
	return len(p), nil
}

// line records one complete line: the first line of a crash starts the report, and the
// lines that follow are kept up to crashLines. A process crashes once: what comes after
// (other goroutines, some of them also running) belongs to the same report.
func (l *kernelLog) line(s string) {
	if !l.open && !l.closed && crashStart.MatchString(s) {
		l.open = true
	}
	if l.open {
		l.crash = append(l.crash, s)
		l.open = len(l.crash) < crashLines
		l.closed = !l.open
	}
}

// kernelDied explains err, a kernel death: the crash's cause and the start of its
// report when the kernel crashed, else the last lines it wrote.
func (l *kernelLog) kernelDied(err error) error {
	if cause, report := l.Crash(); cause != "" {
		return fmt.Errorf("%w\ncause: %s\nstart of the kernel's crash report:\n%s", err, redact.String(cause), redact.String(report))
	}
	if s := strings.TrimSpace(l.Tail()); s != "" && !strings.Contains(err.Error(), s) {
		return fmt.Errorf("%w\nlast kernel output:\n%s", err, redact.String(s))
	}
	return err
}

// diedOutput is the error output given to the cell that was running when the kernel
// died.
func (l *kernelLog) diedOutput(err error) map[string]any {
	cause, report := l.Crash()
	if cause == "" {
		cause = err.Error()
		if i := strings.IndexByte(cause, '\n'); i >= 0 {
			cause = cause[:i]
		}
	}
	tb := []any{}
	if report != "" {
		for _, s := range strings.Split(report, "\n") {
			tb = append(tb, redact.String(s))
		}
	}
	return map[string]any{"output_type": "error", "ename": "KernelDied",
		"evalue": redact.String("the kernel died while running this cell: " + cause), "traceback": tb}
}

// Tail returns the last bytes written.
func (l *kernelLog) Tail() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.tail)
}

// Crash returns the cause of a crash and the start of its report, or "" for both
// when the kernel wrote no crash report.
func (l *kernelLog) Crash() (cause, report string) {
	l.mu.Lock()
	lines := append([]string(nil), l.crash...)
	if l.open && l.partial != "" {
		lines = append(lines, l.partial)
	}
	l.mu.Unlock()
	if len(lines) == 0 {
		return "", ""
	}
	return crashCause(lines), strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// crashCause names the cause of the crash whose report starts with lines: the runtime's
// own cause lines when they are there, or else what the first frames of the report show.
// (The kernel redirects its standard error into cells; a fatal error's first lines go
// there before the runtime switches to the crash output, and die with the process.)
func crashCause(lines []string) string {
	var causes []string
	for _, s := range lines {
		if s == "" || s == "runtime stack:" || strings.HasPrefix(s, "goroutine ") {
			break
		}
		if !strings.HasPrefix(s, "runtime: sp=") && !strings.HasPrefix(s, "\t") {
			causes = append(causes, s)
		}
	}
	if len(causes) > 0 {
		return strings.Join(causes, "; ")
	}
	for _, s := range thrownBy(lines) {
		for _, k := range knownThrowers {
			if strings.HasPrefix(s, k.prefix) {
				return fmt.Sprintf("%s (the crash report shows the Go runtime failing in %s)", k.cause, s)
			}
		}
	}
	return "the Go runtime stopped the kernel (see the crash report)"
}

// thrownBy returns the function names of the first frames of a report, after the
// runtime's own throw.
func thrownBy(lines []string) []string {
	var funcs []string
	for _, s := range lines {
		if s == "" || strings.HasPrefix(s, "\t") || strings.HasSuffix(s, ":") {
			continue
		}
		name := s
		if i := strings.LastIndexByte(s, '('); i > 0 {
			name = s[:i]
		}
		if name == "runtime.throw" || name == "runtime.fatal" || name == "runtime.fatalthrow" || name == "runtime.systemstack" {
			continue
		}
		funcs = append(funcs, name)
		if len(funcs) == 3 {
			break
		}
	}
	return funcs
}

// knownThrowers maps a runtime function that throws to what its fatal error says.
var knownThrowers = []struct{ prefix, cause string }{
	{"runtime.newstack", "fatal error: stack overflow"},
	{"runtime.morestack", "fatal error: stack overflow"},
	{"runtime.mallocgc", "fatal error: out of memory"},
	{"runtime.(*mheap)", "fatal error: out of memory"},
	{"runtime.sysMap", "fatal error: out of memory"},
	{"internal/runtime/maps.", "fatal error: concurrent map access"},
	{"runtime.mapassign", "fatal error: concurrent map access"},
	{"runtime.mapaccess", "fatal error: concurrent map access"},
}
