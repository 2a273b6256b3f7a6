package symbols

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
)

// The extract tool maps os.Exit, os.FindProcess, log.Fatal*, log.New and log.Logger to
// the lower-case names below, so that a cell cannot end the kernel process.

// ExitError is the panic value of os.Exit called by interpreted code. The engine turns it
// into a cell error.
type ExitError struct{ Code int }

func (e ExitError) Error() string { return fmt.Sprintf("os.Exit(%d) called", e.Code) }

var errOwnProcess = errors.New("os.FindProcess: the kernel's own process is not available to cells")

func osExit(code int) { panic(ExitError{Code: code}) }

func osFindProcess(pid int) (*os.Process, error) {
	if pid == os.Getpid() {
		return nil, errOwnProcess
	}
	return os.FindProcess(pid)
}

// FatalError is the panic value of log.Fatal* called by interpreted code.
type FatalError struct{ Message string }

func (e FatalError) Error() string { return "log.Fatal: " + e.Message }

func fatal(l *log.Logger, msg string) {
	_ = l.Output(3, msg)
	panic(FatalError{Message: trimNewline(msg)})
}

func trimNewline(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\n' {
		return s[:n-1]
	}
	return s
}

func logFatal(v ...any)                 { fatal(log.Default(), fmt.Sprint(v...)) }
func logFatalf(format string, v ...any) { fatal(log.Default(), fmt.Sprintf(format, v...)) }
func logFatalln(v ...any)               { fatal(log.Default(), fmt.Sprintln(v...)) }

// logLogger is log.Logger whose Fatal methods panic with a FatalError instead of exiting.
type logLogger struct{ *log.Logger }

func logNew(out io.Writer, prefix string, flag int) *logLogger {
	return &logLogger{log.New(out, prefix, flag)}
}

func (l *logLogger) Fatal(v ...any)                 { fatal(l.Logger, fmt.Sprint(v...)) }
func (l *logLogger) Fatalf(format string, v ...any) { fatal(l.Logger, fmt.Sprintf(format, v...)) }
func (l *logLogger) Fatalln(v ...any)               { fatal(l.Logger, fmt.Sprintln(v...)) }
