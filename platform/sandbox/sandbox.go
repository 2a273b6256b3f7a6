// Package sandbox is the embedded query service: a DuckDB database served over the
// PostgreSQL wire protocol (psql-wire), so that pgx, psql, psycopg2 and BI tools talk to
// it as they would to PostgreSQL. One sandbox process owns the database file; every
// client connection gets its own DuckDB connection (its own transaction state), clients
// authenticate with SCRAM-SHA-256 (the password never crosses the wire) as the one user
// and database the sandbox has, and only loopback addresses are served.
//
// What it speaks: the simple and extended query protocols (statements are described with
// DuckDB's prepared statements, parameters decoded by their format code), PostgreSQL
// type OIDs for DuckDB's types, COPY FROM STDIN and COPY … TO STDOUT in text and CSV
// formats, cursors (DECLARE/FETCH/MOVE/CLOSE), BEGIN/COMMIT/ROLLBACK with the transaction
// status clients expect, errors with SQLSTATE codes and positions, cancel requests, and
// TLS with a self-signed certificate kept in the data directory. Common PostgreSQL housekeeping statements (SHOW, SET of
// unknown settings, version()) are answered so that tools connect without complaint.
//
// Memory and threads: DuckDB's own defaults (a memory limit of 80 % of the machine's
// memory, one thread per core) let a long session's sandbox grow past a gigabyte of
// resident memory. The sandbox sets DuckDB's memory_limit to DefaultMemoryLimit (256 MiB;
// work beyond it spills to sluice.duckdb.tmp in the data directory) and threads to
// DefaultThreads, which keeps the process near 512 MiB resident after the seven example
// notebooks. Override them, and checkpoint_threshold, with Options or with a settings
// file, sandbox.conf in the data directory (for the sandbox `sluice` starts, that is
// $SLUICE_HOME/sandbox/sandbox.conf), read at start:
//
//	# sandbox.conf: DuckDB settings of the sandbox ("name = value" lines)
//	memory_limit = 1GiB
//	threads = 4
//
// A session can also change them while the sandbox runs (SET memory_limit = '1GiB'),
// for every session, until the sandbox stops.
package sandbox

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/pkg/types"
)

// DBFile is the name of the sandbox's DuckDB file inside its data directory.
const DBFile = "sluice.duckdb"

// User and Database are the user and database names the sandbox accepts.
const (
	User     = "sluice"
	Database = "sluice"
)

// serverVersion is announced as server_version and returned by version(); tools parse
// the leading "15.0".
const serverVersion = "15.0 (Sluice sandbox on DuckDB)"

// Options configures a sandbox.
type Options struct {
	// Dir is the data directory holding sluice.duckdb; it is created when missing.
	Dir string
	// Listen is the TCP address to serve, on a loopback interface (default
	// "127.0.0.1:0", an ephemeral port).
	Listen string
	// Password is the password clients must present (default: a random one).
	Password string
	// Logger receives the server's logs (default: slog.Default()).
	Logger *slog.Logger
	// CheckpointThreshold is the size the write-ahead log may reach before a commit
	// checkpoints it into the database file, as a DuckDB size such as "512MiB" (default
	// DefaultCheckpointThreshold). Every commit still writes and syncs the WAL, so
	// committed data survives a crash either way; a larger threshold keeps the
	// compression of checkpoints out of bulk loads (they happen when the WAL is full and
	// when the server closes) at the cost of memory and of replay time after a crash.
	CheckpointThreshold string
	// MemoryLimit is DuckDB's memory_limit, the memory its buffer manager may hold
	// before it spills to temporary files, as a DuckDB size such as "1GiB" (default:
	// sandbox.conf's memory_limit, else DefaultMemoryLimit).
	MemoryLimit string
	// Threads is DuckDB's threads setting (default: sandbox.conf's threads, else
	// DefaultThreads()).
	Threads int
	// NoTLS refuses clients' SSLRequest; by default the sandbox serves TLS with the
	// self-signed certificate in Dir (server.crt, server.key), made on first start.
	NoTLS bool
}

// DefaultCheckpointThreshold is the default Options.CheckpointThreshold: room for about
// 40 batches of 100k synthetic events (≈ 25 MiB of WAL each). DuckDB's own default,
// 16 MiB, checkpoints after every such batch, which costs more than the batch's load.
const DefaultCheckpointThreshold = "1GiB"

// DefaultMemoryLimit is the default Options.MemoryLimit. Queries that need more (large
// sorts, joins and aggregates) spill to disk instead of failing.
const DefaultMemoryLimit = "256MiB"

// DefaultThreads returns the default Options.Threads: one per core, at most 4 (every
// DuckDB thread keeps buffers of its own).
func DefaultThreads() int { return min(runtime.NumCPU(), 4) }

// SettingsFile is the name of the optional settings file in the data directory.
const SettingsFile = "sandbox.conf"

// settingNames are the DuckDB settings sandbox.conf may set.
var settingNames = map[string]bool{"memory_limit": true, "threads": true, "checkpoint_threshold": true}

// readSettings reads dir's sandbox.conf: "name = value" lines, blank lines and lines
// starting with # ignored. A missing file is no settings.
func readSettings(dir string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, SettingsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	set := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.Trim(strings.TrimSpace(value), `'"`)
		if !ok || value == "" {
			return nil, fmt.Errorf("sandbox: %s line %d: want name = value, got %q", SettingsFile, i+1, line)
		}
		if !settingNames[name] {
			return nil, fmt.Errorf("sandbox: %s line %d: unknown setting %q (memory_limit, threads and checkpoint_threshold can be set)", SettingsFile, i+1, name)
		}
		set[name] = value
	}
	return set, nil
}

// duckDBSettings resolves the DuckDB settings the database opens with: opts, then dir's
// sandbox.conf, then the defaults.
func duckDBSettings(opts Options) (url.Values, error) {
	file, err := readSettings(opts.Dir)
	if err != nil {
		return nil, err
	}
	pick := func(name, opt, def string) string {
		switch {
		case opt != "":
			return opt
		case file[name] != "":
			return file[name]
		}
		return def
	}
	threads := ""
	if opts.Threads > 0 {
		threads = strconv.Itoa(opts.Threads)
	} else if opts.Threads < 0 {
		return nil, fmt.Errorf("sandbox: threads %d must be positive", opts.Threads)
	}
	v := url.Values{}
	v.Set("checkpoint_threshold", pick("checkpoint_threshold", opts.CheckpointThreshold, DefaultCheckpointThreshold))
	v.Set("memory_limit", pick("memory_limit", opts.MemoryLimit, DefaultMemoryLimit))
	t := pick("threads", threads, strconv.Itoa(DefaultThreads()))
	if n, err := strconv.Atoi(t); err != nil || n < 1 {
		return nil, fmt.Errorf("sandbox: threads %q must be a positive number", t)
	}
	v.Set("threads", t)
	// PostgreSQL sorts NULL last ascending and first descending (DuckDB: last in both).
	v.Set("default_null_order", "nulls_last_on_asc_first_on_desc")
	// PostgreSQL folds unquoted names to lower case (DuckDB kept them as written).
	v.Set("preserve_identifier_case", "false")
	return v, nil
}

// Server is a running sandbox.
type Server struct {
	opts   Options
	db     *sql.DB
	ln     net.Listener
	wire   *wire.Server
	log    *slog.Logger
	served chan error
	scram  scramSecret
	// tlsConfig serves clients that ask for TLS; nil when Options.NoTLS.
	tlsConfig *tls.Config
	// dirFile is the data directory held open while DuckDB reaches it through
	// /proc/self/fd (see duckDBPath); nil when not needed.
	dirFile *os.File

	noFrontEnd bool // statements go to DuckDB untranslated (benchmarks compare)
	// catalogGen counts statements that may change the catalog (numeric.go).
	catalogGen atomic.Int64
	// writeGen counts the commits of every session (statements that may write run
	// outside a transaction, and COMMITs), so that a savepoint's replay can tell whether
	// another session changed what the transaction read (savepoint.go).
	writeGen atomic.Uint64

	mu       sync.Mutex
	sessions map[int32]*session
	conns    map[string]*wireConn
	nextPID  int32
	closed   bool
}

// Serve opens the database, starts serving in the background and returns once the
// server accepts connections. The server stops when ctx ends or Close is called.
func Serve(ctx context.Context, opts Options) (*Server, error) {
	s, err := newServer(opts)
	if err != nil {
		return nil, err
	}
	go func() { s.served <- s.wire.Serve(&wireListener{Listener: s.ln, srv: s}) }()
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s, nil
}

func newServer(opts Options) (*Server, error) {
	if opts.Dir == "" {
		return nil, errors.New("sandbox: no data directory")
	}
	if opts.Listen == "" {
		opts.Listen = "127.0.0.1:0"
	}
	if err := checkLoopback(opts.Listen); err != nil {
		return nil, err
	}
	if opts.Password == "" {
		opts.Password = RandomPassword()
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("sandbox: data directory: %w", err)
	}
	s := &Server{opts: opts, log: opts.Logger, served: make(chan error, 1),
		sessions: map[int32]*session{}, conns: map[string]*wireConn{}, nextPID: int32(os.Getpid()%10000) * 1000}
	settings, err := duckDBSettings(opts)
	if err != nil {
		return nil, err
	}
	if !opts.NoTLS {
		cert, err := loadOrCreateCert(opts.Dir)
		if err != nil {
			return nil, err
		}
		s.tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	path := filepath.Join(opts.Dir, DBFile)
	dbPath, dirFile, err := duckDBPath(opts.Dir)
	if err != nil {
		return nil, err
	}
	s.dirFile = dirFile
	defer func() {
		if s.ln == nil && dirFile != nil { // not started
			dirFile.Close()
		}
	}()
	dsn := dbPath + "?" + settings.Encode()
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: open %s: %w", path, err)
	}
	if s.scram, err = newScramSecret(opts.Password); err != nil {
		return nil, fmt.Errorf("sandbox: password secret: %w", err)
	}
	s.db = sql.OpenDB(connector)
	s.db.SetMaxIdleConns(0) // a closed session's DuckDB connection (and its state) goes away
	if err := s.bootstrap(); err != nil {
		s.db.Close()
		return nil, err
	}
	s.wire, err = wire.NewServer(s.parse,
		wire.Logger(s.log),
		wire.SessionAuthStrategy(s.scramAuth),
		wire.BackendKeyData(s.backendKey),
		wire.CancelRequest(s.cancelRequest),
		wire.SessionMiddleware(s.openSession),
		wire.CloseConn(s.closeSession),
		wire.TxStatus(s.txStatus),
		wire.Statements(func() wire.StatementCache { return &statementCache{} }),
		wire.GlobalParameters(wire.Parameters{
			"standard_conforming_strings": "on",
			"DateStyle":                   "ISO, MDY",
			"IntervalStyle":               "postgres",
			"TimeZone":                    "UTC",
			"integer_datetimes":           "on",
			"application_name":            "",
		}),
		wire.Version(serverVersion),
		wire.ExtendTypes(extendTypes),
	)
	if err != nil {
		s.db.Close()
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	s.ln, err = net.Listen("tcp", opts.Listen)
	if err != nil {
		s.db.Close()
		return nil, fmt.Errorf("sandbox: listen on %s: %w", opts.Listen, err)
	}
	return s, nil
}

// bootstrap registers the PostgreSQL compatibility functions in the database.
func (s *Server) bootstrap() error {
	ctx := context.Background()
	c, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sandbox: connect: %w", err)
	}
	defer c.Close()
	if err := registerSleep(c); err != nil {
		return fmt.Errorf("sandbox: register pg_sleep: %w", err)
	}
	if err := registerViewDef(c); err != nil {
		return fmt.Errorf("sandbox: register sluice_viewdef: %w", err)
	}
	if err := registerViewTables(c); err != nil {
		return fmt.Errorf("sandbox: register sluice_view_tables: %w", err)
	}
	if err := registerVarlen(c); err != nil { // varlen.go
		return fmt.Errorf("sandbox: register sluice_varlen: %w", err)
	}
	if err := registerUpsertKeep(c); err != nil { // upsert_keep.go
		return fmt.Errorf("sandbox: register sluice_upsert_keep: %w", err)
	}
	if err := registerNumeric(c); err != nil {
		return fmt.Errorf("sandbox: register sluice_numeric: %w", err)
	}
	if err := registerResultTypes(c); err != nil { // resulttype.go
		return fmt.Errorf("sandbox: register result functions: %w", err)
	}
	if err := registerToChar(c); err != nil {
		return fmt.Errorf("sandbox: register to_char: %w", err)
	}
	if err := registerFormat(c); err != nil {
		return fmt.Errorf("sandbox: register sluice_format: %w", err)
	}
	if err := registerPGFuncs(c); err != nil {
		return fmt.Errorf("sandbox: register PostgreSQL functions: %w", err)
	}
	// PostgreSQL's jsonb, as DuckDB's JSON (stored in the database the first time).
	var n int
	if err := c.QueryRowContext(ctx, "SELECT count(*) FROM duckdb_types() WHERE type_name = 'jsonb'").Scan(&n); err != nil {
		return fmt.Errorf("sandbox: bootstrap: %w", err)
	}
	if n == 0 {
		if _, err := c.ExecContext(ctx, "CREATE TYPE jsonb AS JSON"); err != nil {
			return fmt.Errorf("sandbox: bootstrap: create type jsonb: %w", err)
		}
	}
	return nil
}

// checkLoopback refuses addresses other than loopback ones.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("sandbox: refusing to listen on %q: only loopback addresses (127.0.0.1, ::1) are served", addr)
	}
	return nil
}

// RandomPassword returns a new random password (32 hex digits).
func RandomPassword() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return hex.EncodeToString(b)
}

// Addr returns the address the server listens on.
func (s *Server) Addr() *net.TCPAddr { return s.ln.Addr().(*net.TCPAddr) }

// Port returns the TCP port the server listens on.
func (s *Server) Port() int { return s.Addr().Port }

// CertFile returns the path of the server's TLS certificate ("" when TLS is off):
// clients that verify it (sslmode=verify-full) take it as their root certificate.
func (s *Server) CertFile() string {
	if s.tlsConfig == nil {
		return ""
	}
	return filepath.Join(s.opts.Dir, CertFile)
}

// Password returns the password clients must present.
func (s *Server) Password() string { return s.opts.Password }

// DSN returns a postgres:// URL for the server, password included.
func (s *Server) DSN() string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(User, s.opts.Password),
		Host: net.JoinHostPort(s.Addr().IP.String(), strconv.Itoa(s.Port())), Path: "/" + Database,
		RawQuery: "sslmode=disable"}
	return u.String()
}

// Close stops accepting connections, closes the open ones and closes the database
// (checkpointing its write-ahead log). It is safe to call more than once.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	conns := make([]*wireConn, 0, len(s.conns))
	for _, c := range s.conns {
		conns = append(conns, c)
	}
	for _, ss := range s.sessions {
		ss.cancelRunning()
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	go func() {
		// Shutdown waits for connections to finish their current command; closing
		// the sockets ends idle ones.
		time.Sleep(100 * time.Millisecond)
		for _, c := range conns {
			c.raw.Close()
		}
	}()
	_ = s.wire.Shutdown(ctx)
	s.ln.Close()
	s.wire.Wait()
	err := s.db.Close()
	if s.dirFile != nil {
		s.dirFile.Close()
	}
	return err
}

// Wait blocks until the server stops serving and returns why.
func (s *Server) Wait() error {
	err := <-s.served
	s.served <- err
	return err
}

func (s *Server) rememberConn(c *wireConn) {
	s.mu.Lock()
	s.conns[c.RemoteAddr().String()] = c
	s.mu.Unlock()
}

func (s *Server) forgetConn(c *wireConn) {
	s.mu.Lock()
	delete(s.conns, c.RemoteAddr().String())
	if c.sess != nil {
		delete(s.sessions, c.sess.pid)
	}
	s.mu.Unlock()
}

// newSession creates the session of a connection that has just authenticated.
func (s *Server) newSession(ctx context.Context) (context.Context, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	addr := wire.RemoteAddress(ctx)
	var wc *wireConn
	if addr != nil {
		wc = s.conns[addr.String()]
	}
	if wc == nil {
		return ctx, errors.New("sandbox: unknown connection")
	}
	s.nextPID++
	ss := &session{srv: s, wc: wc, pid: s.nextPID, secret: randomInt32(), plans: map[*wire.PreparedStatement]*plan{}}
	wc.sess = ss
	s.sessions[ss.pid] = ss
	return context.WithValue(ctx, sessionKey{}, ss), nil
}

func (s *Server) backendKey(ctx context.Context) (int32, int32) {
	ss := sessionFrom(ctx)
	if ss == nil {
		return 0, 0
	}
	return ss.pid, ss.secret
}

// cancelRequest cancels the running query of the session the key names.
func (s *Server) cancelRequest(ctx context.Context, pid, secret int32) error {
	s.mu.Lock()
	ss := s.sessions[pid]
	s.mu.Unlock()
	if ss == nil || ss.secret != secret {
		return nil // PostgreSQL ignores bad cancel requests silently
	}
	ss.cancelRunning()
	return nil
}

// openSession gives an authenticated connection its DuckDB connection.
func (s *Server) openSession(ctx context.Context) (context.Context, error) {
	ss := sessionFrom(ctx)
	if ss == nil {
		return ctx, errors.New("sandbox: no session")
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return ctx, fmt.Errorf("sandbox: open DuckDB connection: %w", err)
	}
	ss.conn = c
	if err := ss.init(ctx); err != nil {
		c.Close()
		return ctx, err
	}
	return ctx, nil
}

func (s *Server) closeSession(ctx context.Context) error {
	if ss := sessionFrom(ctx); ss != nil {
		ss.close()
	}
	return nil
}

func (s *Server) txStatus(ctx context.Context) types.ServerStatus {
	ss := sessionFrom(ctx)
	if ss == nil {
		return types.ServerIdle
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	switch {
	case ss.failed:
		return types.ServerTransactionFailed
	case ss.inTx:
		return types.ServerTransactionBlock
	}
	return types.ServerIdle
}

type sessionKey struct{}

func sessionFrom(ctx context.Context) *session {
	ss, _ := ctx.Value(sessionKey{}).(*session)
	return ss
}
