package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
)

// File names inside the sandbox directory besides the state files qs reads.
const (
	startLock = "start.lock" // held while a start is in progress
	serveLock = "serve.lock" // held by the serving process for its lifetime
	LogFile   = "sandbox.log"
)

// lockFile takes an exclusive flock on path, waiting up to timeout when wait is set.
func lockFile(path string, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			return nil, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ServeDir runs the sandbox of dir in the foreground until ctx ends or the process gets
// SIGINT or SIGTERM: it takes the directory's serve lock (so only one process owns the
// database), listens (on listen, else the port it used last when free, else an
// ephemeral one), writes its state files and removes them when it stops.
func ServeDir(ctx context.Context, dir, listen string, log *slog.Logger) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	lock, err := lockFile(filepath.Join(dir, serveLock), 0)
	if err != nil {
		return fmt.Errorf("sandbox: another sandbox process serves %s (%v)", dir, err)
	}
	defer lock.Close()
	// COPY spool files left by a killed server.
	if stale, _ := filepath.Glob(filepath.Join(dir, ".copy-*.csv")); len(stale) > 0 {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	prev, prevErr := qs.ReadSandboxState(dir)
	// A new password at every start: one that leaked (or that a stale client still
	// holds) dies with the sandbox that used it. Clients of the default connection read
	// the new one from the state files.
	password := RandomPassword()
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	opts := Options{Dir: dir, Listen: listen, Password: password, Logger: log}
	var srv *Server
	if listen == "" && prevErr == nil && prev.Port > 0 {
		opts.Listen = net.JoinHostPort("127.0.0.1", strconv.Itoa(prev.Port))
		srv, err = Serve(ctx, opts)
		if err != nil {
			opts.Listen = ""
		}
	}
	if srv == nil {
		srv, err = Serve(ctx, opts)
		if err != nil {
			return err
		}
	}
	st := qs.SandboxState{Host: srv.Addr().IP.String(), Port: srv.Port(), PID: os.Getpid(), Password: password}
	if err := qs.WriteSandboxState(dir, st); err != nil {
		srv.Close()
		return err
	}
	log.Info("sandbox serving", "addr", srv.Addr().String(), "data", filepath.Join(dir, DBFile), "pid", os.Getpid())
	<-ctx.Done()
	log.Info("sandbox stopping")
	qs.RemoveSandboxState(dir)
	return srv.Close()
}

// Start makes sure the sandbox of dir runs: when it does not, it starts exe with
// "sandbox serve --data dir [--listen listen]" detached from this process (logging to
// dir/sandbox.log) and waits until it accepts connections. Concurrent starts are
// serialised by a lock file, so two kernels starting at once share one sandbox.
func Start(exe, dir, listen string, timeout time.Duration) (qs.SandboxState, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return qs.SandboxState{}, fmt.Errorf("sandbox: %w", err)
	}
	lock, err := lockFile(filepath.Join(dir, startLock), timeout)
	if err != nil {
		return qs.SandboxState{}, fmt.Errorf("sandbox: waiting for another start: %w", err)
	}
	defer lock.Close()
	if st, err := qs.RunningSandbox(dir); err == nil {
		return st, nil
	}
	logf, err := os.OpenFile(filepath.Join(dir, LogFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return qs.SandboxState{}, fmt.Errorf("sandbox: log file: %w", err)
	}
	defer logf.Close()
	args := []string{"sandbox", "serve", "--data", dir}
	if listen != "" {
		args = append(args, "--listen", listen)
	}
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Env = append(os.Environ(), "SLUICE_SANDBOX_DAEMON=1")
	if err := cmd.Start(); err != nil {
		return qs.SandboxState{}, fmt.Errorf("sandbox: start %s: %w", exe, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(timeout)
	for {
		if st, err := qs.RunningSandbox(dir); err == nil && st.PID == cmd.Process.Pid {
			return st, nil
		}
		select {
		case err := <-exited:
			return qs.SandboxState{}, fmt.Errorf("sandbox: the server exited during start (%v); see %s", err, filepath.Join(dir, LogFile))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			return qs.SandboxState{}, fmt.Errorf("sandbox: not ready after %v; see %s", timeout, filepath.Join(dir, LogFile))
		}
	}
}

// Stop stops the sandbox of dir gracefully (SIGTERM, then SIGKILL after timeout) and
// reports whether one was running.
func Stop(dir string, timeout time.Duration) (bool, error) {
	st, err := qs.ReadSandboxState(dir)
	if err != nil || st.PID <= 0 {
		return false, nil
	}
	proc, err := os.FindProcess(st.PID)
	if err != nil {
		return false, nil
	}
	if err := proc.Signal(syscall.SIGTERM); err != nil {
		qs.RemoveSandboxState(dir)
		return false, nil
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if syscall.Kill(st.PID, 0) != nil {
			return true, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = proc.Signal(syscall.SIGKILL)
	qs.RemoveSandboxState(dir)
	return true, fmt.Errorf("sandbox: pid %d did not stop within %v and was killed", st.PID, timeout)
}
