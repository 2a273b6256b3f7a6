package qs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sluice-dev/sluice/platform/config"
)

// ErrSandboxGone says that the sandbox a client was connected to is no longer running
// (it stopped, or another process now holds its port), so the client would not send it
// the password.
var ErrSandboxGone = errors.New("the sandbox is not running")

// sandboxRequireAuth is the authentication every sandbox connection of this package
// requires (pgx's require_auth): the sandbox speaks SCRAM-SHA-256, so a server that asks
// for the password in clear or for none is refused before the password could leave.
// This is the one place it is set.
const sandboxRequireAuth = "scram-sha-256"

// sandboxLink makes a client follow the local sandbox of one directory: before each new
// connection it reads the sandbox's state files again (the sandbox may have restarted on
// another port, and its password changes at every start), checks through /proc that
// the recorded port's listening socket belongs to the recorded sandbox process, and only
// then lets pgx connect, requiring SCRAM-SHA-256 so that the password itself never
// crosses the wire; after the TCP connection is made the check runs again, so a process
// that takes the port in between gets nothing either.
// When the check fails the sandbox is gone: a link made for the default connection
// (autoStart) starts a fresh sandbox, as the kernel did for its first query; any other
// link fails with ErrSandboxGone.
type sandboxLink struct {
	dir       string
	autoStart bool

	warnOnce sync.Once // warns once when /proc cannot be read
}

// beforeConnect points cfg at the running sandbox (its current port and password) after
// checking that the sandbox owns that port, starting it first when allowed.
func (l *sandboxLink) beforeConnect(ctx context.Context, cfg *pgx.ConnConfig) error {
	st, err := l.running()
	if err != nil && l.autoStart {
		if st, err = ensureSandbox(ctx, l.dir); err == nil {
			err = l.verify(st)
		}
	}
	if err != nil {
		return err
	}
	cfg.Host, cfg.Port, cfg.Password = st.Host, uint16(st.Port), st.Password
	cfg.RequireAuth = sandboxRequireAuth
	cfg.Fallbacks = nil
	cfg.AfterNetConnect = func(_ context.Context, _ *pgconn.Config, conn net.Conn) (net.Conn, error) {
		if err := l.verify(st); err != nil {
			conn.Close()
			return nil, err
		}
		return conn, nil
	}
	return nil
}

// running reads the sandbox state and checks it.
func (l *sandboxLink) running() (SandboxState, error) {
	st, err := ReadSandboxState(l.dir)
	if err != nil {
		return st, fmt.Errorf("%w (no state in %s); start it with `sluice sandbox start`", ErrSandboxGone, l.dir)
	}
	return st, l.verify(st)
}

// verify checks that the sandbox process of st serves st's port.
func (l *sandboxLink) verify(st SandboxState) error {
	err := checkListener(st.Host, st.Port, st.PID)
	if errors.Is(err, errNoProcNet) {
		l.warnOnce.Do(func() {
			slog.Warn("qs: cannot check who serves the sandbox port on this system", "err", err)
		})
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w (pid %d, port %d): %v; start it with `sluice sandbox start`", ErrSandboxGone, st.PID, st.Port, err)
	}
	return nil
}

// linkFor returns the sandbox link for a client of dsn: the default connection when
// it was resolved to the sandbox (which it may restart), or a DSN that holds the
// password of the sandbox recorded in the default directory (which it follows but does
// not start); nil for any other service.
func linkFor(dsn, source string) *sandboxLink {
	dir := config.SandboxDir()
	if source == SourceSandbox {
		return &sandboxLink{dir: dir, autoStart: true}
	}
	st, err := ReadSandboxState(dir)
	if err != nil || st.Password == "" {
		return nil
	}
	if pw := passwordOf(dsn); pw == st.Password {
		return &sandboxLink{dir: dir}
	}
	return nil
}
