package qs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sluice-dev/sluice/platform/config"
)

// SandboxState is what a running sandbox leaves in its directory, each in its own file
// of mode 0600: its listen address (address, host:port), the port alone (port, for
// scripts), its process id (pid) and password (password).
type SandboxState struct {
	Host     string
	Port     int
	PID      int
	Password string
}

// SandboxUser and SandboxDatabase are the user name and database name of the sandbox.
const (
	SandboxUser     = "sluice"
	SandboxDatabase = "sluice"
)

// State file names inside the sandbox directory.
const (
	addressFile  = "address"
	portFile     = "port"
	pidFile      = "pid"
	passwordFile = "password"
)

// sandboxDSNQuery is the query string of every sandbox DSN. It carries no require_auth:
// the DSN is shown to users, and libpq 15's psql refuses that option; a client of this
// package sets it on every sandbox connection instead (sandboxRequireAuth).
const sandboxDSNQuery = "sslmode=disable"

// DSN returns the sandbox's connection URL (it holds the password: redact before showing).
func (s SandboxState) DSN() string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(SandboxUser, s.Password),
		Host: s.addr(), Path: "/" + SandboxDatabase, RawQuery: sandboxDSNQuery}
	return u.String()
}

// ReadSandboxState reads the state files in dir (config.SandboxDir() when dir is "").
func ReadSandboxState(dir string) (SandboxState, error) {
	if dir == "" {
		dir = config.SandboxDir()
	}
	var st SandboxState
	read := func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		return string(bytes.TrimSpace(b)), nil
	}
	// A sandbox started by an older sluice wrote host:port into port.
	addr, err := read(addressFile)
	if errors.Is(err, os.ErrNotExist) {
		addr, err = read(portFile)
	}
	if err != nil {
		return st, fmt.Errorf("read sandbox state: %w", err)
	}
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		host, p = "127.0.0.1", addr
	}
	if st.Port, err = strconv.Atoi(p); err != nil {
		return st, fmt.Errorf("read sandbox state: bad address %q", addr)
	}
	st.Host = host
	pid, err := read(pidFile)
	if err != nil {
		return st, fmt.Errorf("read sandbox state: %w", err)
	}
	if st.PID, err = strconv.Atoi(pid); err != nil {
		return st, fmt.Errorf("read sandbox state: bad pid %q", pid)
	}
	if st.Password, err = read(passwordFile); err != nil {
		return st, fmt.Errorf("read sandbox state: %w", err)
	}
	return st, nil
}

// WriteSandboxState writes the state files into dir with mode 0600; the password file
// is written first and the address file last, so a reader that finds the address finds
// the rest.
func WriteSandboxState(dir string, st SandboxState) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("write sandbox state: %w", err)
	}
	files := [][2]string{
		{passwordFile, st.Password},
		{pidFile, strconv.Itoa(st.PID)},
		{portFile, strconv.Itoa(st.Port)},
		{addressFile, net.JoinHostPort(st.Host, strconv.Itoa(st.Port))},
	}
	for _, f := range files {
		tmp := filepath.Join(dir, "."+f[0]+".tmp")
		if err := os.WriteFile(tmp, []byte(f[1]+"\n"), 0o600); err != nil {
			return fmt.Errorf("write sandbox state: %w", err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, f[0])); err != nil {
			return fmt.Errorf("write sandbox state: %w", err)
		}
	}
	return nil
}

// RemoveSandboxState deletes the state files of a stopped sandbox. The password goes
// too: every start makes a new one, so an old DSN stops working with the sandbox.
func RemoveSandboxState(dir string) {
	os.Remove(filepath.Join(dir, addressFile))
	os.Remove(filepath.Join(dir, portFile))
	os.Remove(filepath.Join(dir, pidFile))
	os.Remove(filepath.Join(dir, passwordFile))
}

// ownedBy reports whether the sandbox process st.PID serves st's port (true when the
// system cannot tell).
func (s SandboxState) ownedBy() bool {
	err := checkListener(s.Host, s.Port, s.PID)
	return err == nil || errors.Is(err, errNoProcNet)
}

// addr is the sandbox's host:port.
func (s SandboxState) addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Running reports whether the sandbox the state describes is alive: its process exists,
// owns the socket listening on its port (checked through /proc, so another process that
// took the port after the sandbox stopped does not count) and the port accepts
// connections.
func (s SandboxState) Running() bool {
	if s.PID <= 0 {
		return false
	}
	if err := syscall.Kill(s.PID, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	if !s.ownedBy() {
		return false
	}
	c, err := net.DialTimeout("tcp", s.addr(), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// RunningSandbox returns the state of the sandbox running from dir ("" for the default
// directory), or an error when none runs.
func RunningSandbox(dir string) (SandboxState, error) {
	st, err := ReadSandboxState(dir)
	if err != nil {
		return st, err
	}
	if !st.Running() {
		return st, fmt.Errorf("the sandbox (pid %d, port %d) is not running", st.PID, st.Port)
	}
	return st, nil
}

// SluiceBinary finds the sluice executable: $SLUICE_BIN, else this process's own
// executable when it is called sluice, else sluice on PATH.
func SluiceBinary() (string, error) {
	if b := os.Getenv("SLUICE_BIN"); b != "" {
		return b, nil
	}
	if exe, err := os.Executable(); err == nil && filepath.Base(exe) == "sluice" {
		return exe, nil
	}
	p, err := exec.LookPath("sluice")
	if err != nil {
		return "", fmt.Errorf("cannot start the sandbox: no sluice binary (set SLUICE_BIN, SLUICE_DSN, or put sluice on PATH)")
	}
	return p, nil
}

// EnsureSandbox returns the DSN of the local sandbox, starting it with `sluice sandbox
// start` when it does not run. Starting is race-free: the sandbox command takes a lock,
// so two kernels starting at once get the same sandbox.
func EnsureSandbox() (string, error) {
	st, err := ensureSandbox(context.Background(), config.SandboxDir())
	if err != nil {
		return "", err
	}
	return st.DSN(), nil
}

// ensureSandbox returns the state of the sandbox of dir, starting it when it does not run.
func ensureSandbox(ctx context.Context, dir string) (SandboxState, error) {
	if st, err := RunningSandbox(dir); err == nil {
		return st, nil
	}
	bin, err := SluiceBinary()
	if err != nil {
		return SandboxState{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "sandbox", "start", "--data", dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return SandboxState{}, fmt.Errorf("start the sandbox (%s sandbox start): %v: %s", bin, err, strings.TrimSpace(string(out)))
	}
	st, err := RunningSandbox(dir)
	if err != nil {
		return st, fmt.Errorf("start the sandbox: %w", err)
	}
	return st, nil
}
