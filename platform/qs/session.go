package qs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sluice-dev/sluice/table"
)

// ErrSessionLost says that the server session went away (the service restarted or the
// connection broke) while a transaction was open in it: the server rolled the
// transaction back, and the statement that found out was not run.
var ErrSessionLost = errors.New("the server session was lost with a transaction open")

// Session is one dedicated server session of a client: a single connection, outside the
// pool, that keeps its state between calls the way one psql session does — SET values
// (search_path, time zone…), TEMP tables, prepared statements and a transaction opened
// with BEGIN in one call and ended with COMMIT in a later one. %sql runs every statement
// of a connection on its session; helpers that need no session state use the Client's
// pool, concurrently and without seeing the session's uncommitted work.
//
// Calls on a session run one at a time (a call waits, cancellably, for the one before
// to finish). A context that ends cancels the running statement with a cancel request.
// When the connection was lost (for example the service restarted), the next call opens
// a new one and reports it as a notice; if a transaction was open in the lost session
// the call fails with ErrSessionLost instead, since the work since BEGIN is gone.
type Session struct {
	c    *Client
	turn chan struct{} // holds a token while a call (or a Tx) uses the connection

	mu       sync.Mutex
	conn     *pgx.Conn
	opened   bool // a connection was opened before (a new one is a reconnect)
	closed   bool
	txStatus byte      // 'I' idle, 'T' in a transaction, 'E' in a failed one
	lastUsed time.Time // when the last call ended
	notify   func(string)
}

// pingAfter is how long a session's connection may sit idle before a call checks that
// the server still answers.
const pingAfter = 200 * time.Millisecond

// Session returns the client's server session, creating it on first use; the
// connection itself is opened by the session's first call. Closing the client closes
// its session.
func (c *Client) Session() *Session {
	c.sessMu.Lock()
	defer c.sessMu.Unlock()
	if c.sess == nil {
		c.sess = &Session{c: c, turn: make(chan struct{}, 1), txStatus: 'I'}
	}
	return c.sess
}

// closeSession closes the client's session, if it has one.
func (c *Client) closeSession() {
	c.sessMu.Lock()
	if c.sess == nil {
		// Session() on a closed client hands out a session that refuses calls.
		c.sess = &Session{c: c, turn: make(chan struct{}, 1), txStatus: 'I', closed: true}
	}
	s := c.sess
	c.sessMu.Unlock()
	s.Close()
}

type noticeKey struct{}

// WithNotices returns a context under which session calls report to f the server's
// notices and warnings (as psql prints them, "WARNING:  there is no transaction in
// progress") and the reopening of a lost session.
func WithNotices(ctx context.Context, f func(msg string)) context.Context {
	return context.WithValue(ctx, noticeKey{}, f)
}

// Run runs one statement of any kind in the session (see Client.Run).
func (s *Session) Run(ctx context.Context, limit int, sql string, args ...any) (*Result, error) {
	var res *Result
	err := s.call(ctx, sql, func(conn *pgx.Conn) error {
		var err error
		res, err = run(ctx, conn, s.c, sql, limit, args)
		return err
	})
	return res, err
}

// Query runs sql in the session and fetches the whole result into a table.
func (s *Session) Query(ctx context.Context, sql string, args ...any) (*table.Table, error) {
	r, err := s.Run(ctx, 0, sql, args...)
	if err != nil {
		return nil, err
	}
	return r.Table, nil
}

// Exec runs a statement in the session and returns the number of rows it affected.
func (s *Session) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	var n int64
	err := s.call(ctx, sql, func(conn *pgx.Conn) error {
		var err error
		n, err = execSQL(ctx, conn, s.c, sql, args)
		return err
	})
	return n, err
}

// Begin starts a transaction in the session. Until the returned Tx commits or rolls back
// it has the session to itself: other calls on the session wait for it.
func (s *Session) Begin(ctx context.Context) (*Tx, error) {
	conn, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		s.release(conn)
		return nil, fmt.Errorf("begin: %w", s.c.wrapCtx(ctx, err, "BEGIN"))
	}
	var once sync.Once
	return &Tx{tx: tx, c: s.c, done: func() { once.Do(func() { s.release(conn) }) }}, nil
}

// InTransaction reports whether a transaction is open in the session (started with
// BEGIN and not yet ended), including one that failed and awaits ROLLBACK.
func (s *Session) InTransaction() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn != nil && s.txStatus != 'I'
}

// Close ends the session; a statement running in it is left to finish and the
// connection closes when it does. A closed session refuses further calls.
func (s *Session) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	select {
	case s.turn <- struct{}{}:
		s.mu.Lock()
		conn := s.conn
		s.conn = nil
		s.mu.Unlock()
		closeConn(conn)
		<-s.turn
	default: // busy: release closes it
	}
}

// call runs f on the session's connection, reopening a lost connection first. A
// statement that failed because the connection was already gone (it never reached the
// server) and was not inside a transaction is sent once more on a new connection.
func (s *Session) call(ctx context.Context, sql string, f func(conn *pgx.Conn) error) error {
	conn, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	inTx := conn.PgConn().TxStatus() != 'I'
	err = f(conn)
	if err != nil && !inTx && ctx.Err() == nil && conn.IsClosed() && pgconn.SafeToRetry(err) {
		s.release(conn)
		if conn, err = s.acquire(ctx); err != nil {
			return err
		}
		err = f(conn)
	}
	s.release(conn)
	return err
}

// acquire waits for the session's turn and returns a live connection, opening one when
// there is none or the last one was lost.
func (s *Session) acquire(ctx context.Context) (*pgx.Conn, error) {
	select {
	case s.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, &Error{Code: "57014", Message: "canceling statement due to user request (waiting for the session)", cause: ctx.Err()}
	}
	conn, err := s.live(ctx)
	if err != nil {
		<-s.turn
		return nil, err
	}
	s.mu.Lock()
	if f, ok := ctx.Value(noticeKey{}).(func(string)); ok {
		s.notify = f
	}
	s.mu.Unlock()
	return conn, nil
}

// release records the connection's transaction state and gives the turn back.
func (s *Session) release(conn *pgx.Conn) {
	s.mu.Lock()
	s.notify = nil
	s.lastUsed = time.Now()
	if conn.IsClosed() {
		// What was open in it is gone; say so once, at the next call.
		s.txStatus = lostStatus(s.txStatus, conn.PgConn().TxStatus())
	} else {
		s.txStatus = conn.PgConn().TxStatus()
	}
	closing := s.closed
	if closing {
		s.conn = nil
	}
	s.mu.Unlock()
	if closing {
		closeConn(conn)
	}
	<-s.turn
}

// lostStatus is the transaction state to remember for a connection that closed during
// a call: the transaction it was in, if any.
func lostStatus(before, after byte) byte {
	if after == 'T' || after == 'E' {
		return after
	}
	return before
}

// live returns the session's connection after checking it, or a new one. The caller
// holds the turn.
func (s *Session) live(ctx context.Context) (*pgx.Conn, error) {
	s.mu.Lock()
	conn, closed, idle, status, reopen := s.conn, s.closed, time.Since(s.lastUsed), s.txStatus, s.opened
	s.mu.Unlock()
	if closed {
		return nil, fmt.Errorf("session on %s: the connection was closed", s.c.redacted)
	}
	if conn != nil && !conn.IsClosed() {
		if idle < pingAfter {
			return conn, nil
		}
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := conn.Ping(pctx)
		cancel()
		if err == nil {
			return conn, nil
		}
		if ctx.Err() != nil {
			return nil, s.c.wrapCtx(ctx, err, "")
		}
	}
	closeConn(conn)
	s.mu.Lock()
	s.conn = nil
	s.mu.Unlock()
	conn, err := s.open(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.conn, s.txStatus, s.lastUsed, s.opened = conn, 'I', time.Now(), true
	s.mu.Unlock()
	if !reopen {
		return conn, nil
	}
	if status != 'I' {
		// The new session works; the caller's statement would run outside the
		// transaction it was written for, so it is not run.
		s.emit(ctx, fmt.Sprintf("NOTICE:  the connection to %s was lost and a new server session was opened", s.c.redacted))
		return nil, fmt.Errorf("%w on %s: the server rolled it back, so nothing since BEGIN was committed, and the statement was not run; "+
			"a new session is open (SET values and TEMP tables are gone) — run BEGIN and the transaction's statements again", ErrSessionLost, s.c.redacted)
	}
	s.emit(ctx, fmt.Sprintf("NOTICE:  the connection to %s was lost and a new server session was opened; "+
		"SET values, TEMP tables and prepared statements of the old session are gone", s.c.redacted))
	return conn, nil
}

// open connects a new session with the pool's settings, forwarding the server's notices.
func (s *Session) open(ctx context.Context) (*pgx.Conn, error) {
	cfg := s.c.pool.Config().ConnConfig.Copy()
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) {
		s.mu.Lock()
		f := s.notify
		s.mu.Unlock()
		msg := fmt.Sprintf("%s:  %s", n.Severity, n.Message)
		if n.Detail != "" {
			msg += "\nDETAIL:  " + n.Detail
		}
		if n.Hint != "" {
			msg += "\nHINT:  " + n.Hint
		}
		if f != nil {
			f(msg)
		} else {
			slog.Info("query service notice", "dsn", s.c.redacted, "notice", msg)
		}
	}
	if s.c.beforeConnect != nil {
		if err := s.c.beforeConnect(ctx, cfg); err != nil {
			return nil, fmt.Errorf("open a session on %s: %w", s.c.redacted, err)
		}
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		msg := err.Error()
		if cfg.Password != "" {
			msg = strings.ReplaceAll(msg, cfg.Password, "xxxxx")
		}
		return nil, fmt.Errorf("open a session on %s: %s", s.c.redacted, msg)
	}
	return conn, nil
}

// emit reports msg to the notice handler of ctx, else to the log.
func (s *Session) emit(ctx context.Context, msg string) {
	if f, ok := ctx.Value(noticeKey{}).(func(string)); ok {
		f(msg)
		return
	}
	slog.Warn("query service session", "dsn", s.c.redacted, "notice", msg)
}

// closeConn closes conn (when not nil) without waiting long for the server.
func closeConn(conn *pgx.Conn) {
	if conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = conn.Close(ctx)
}
