package magics

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

func shMagic(ctx context.Context, env *Env, inv Invocation) (any, error) {
	if err := runShell(ctx, env, inv.Body, "%%sh"); err != nil {
		return nil, err
	}
	return nil, nil
}

// shellPath is the shell scripts run with: bash when there is one, else sh.
func shellPath() string {
	if p, err := exec.LookPath("bash"); err == nil {
		return p
	}
	return "/bin/sh"
}

// killGroup signals a process group (a variable so that tests can make it fail).
var killGroup = syscall.Kill

// runShell runs script with the shell in its own process group, streaming its output line
// by line to env.Stdout and env.Stderr as it comes. Cancelling ctx sends SIGINT to the
// group and SIGKILL half a second later. A non-zero exit status is an error.
func runShell(ctx context.Context, env *Env, script, label string) error {
	cmd := exec.Command(shellPath(), "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := &lineWriter{w: env.Stdout}
	errw := &lineWriter{w: env.Stderr}
	cmd.Stdout, cmd.Stderr = out, errw
	// A background child holding the pipes open must not hang the cell after the
	// shell itself exits.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return &Error{Name: "ShellError", Value: fmt.Sprintf("%s: start %s: %v", label, shellPath(), err), Err: err}
	}
	done := make(chan struct{})
	var interrupted bool
	var watchPanic any // a panic in the watcher, which would otherwise end the process
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if v := recover(); v != nil {
				watchPanic = v
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the group may still run
			}
		}()
		select {
		case <-done:
		case <-ctx.Done():
			interrupted = true
			pgid := cmd.Process.Pid
			_ = killGroup(-pgid, syscall.SIGINT)
			select {
			case <-done:
			case <-time.After(500 * time.Millisecond):
				_ = killGroup(-pgid, syscall.SIGKILL)
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	wg.Wait()
	out.Flush()
	errw.Flush()
	if watchPanic != nil {
		return &Error{Name: "ShellError", Value: fmt.Sprintf("%s: internal error while interrupting: %v; the process group was killed", label, watchPanic), Err: err}
	}
	if interrupted {
		return &Error{Name: "Interrupted", Value: label + ": interrupted; the process group was stopped", Err: ctx.Err()}
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() >= 0 {
			return &Error{Name: "ShellError", Value: fmt.Sprintf("%s exited with status %d", label, ee.ExitCode()), Err: err}
		}
		if errors.Is(err, exec.ErrWaitDelay) {
			return nil
		}
		return &Error{Name: "ShellError", Value: fmt.Sprintf("%s: %v", label, err), Err: err}
	}
	return nil
}

// lineWriter passes whole lines to w as they complete; Flush writes what is left. Its
// Write runs in os/exec's copying goroutine, so a panic in w becomes an error there
// (the command's error) instead of ending the process.
type lineWriter struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	if i := bytes.LastIndexByte(l.buf, '\n'); i >= 0 {
		if err := safeWrite(l.w, l.buf[:i+1]); err != nil {
			return 0, err
		}
		l.buf = append(l.buf[:0], l.buf[i+1:]...)
	}
	return len(p), nil
}

// Flush writes a trailing partial line.
func (l *lineWriter) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) > 0 {
		_ = safeWrite(l.w, l.buf)
	}
	l.buf = nil
}

// safeWrite writes b to w (nothing when w is nil), returning a panic in w as an error.
func safeWrite(w io.Writer, b []byte) (err error) {
	if w == nil {
		return nil
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("writing the output panicked: %v", v)
		}
	}()
	_, err = w.Write(b)
	return err
}
