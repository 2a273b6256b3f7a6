//go:build linux

package notebooks

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/internal/testnet"
)

// TestChainThroughPgbouncer runs the seven notebooks against PostgreSQL reached through
// Debian's pgbouncer in transaction-pooling mode, the way hosted PostgreSQL-compatible
// services are usually reached: the kernel connects with the simple protocol, and each
// transaction may run on another server connection (pgbouncer hands its servers out in
// turn), so nothing a notebook needs may live in a server session between statements.
func TestChainThroughPgbouncer(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the notebook chain in -short mode")
	}
	db := testdb.DatabaseDSN(t)
	bin := testenv.Pgbouncer(t)
	b := startPgbouncer(t, bin, db)
	b.checkRotation(t)

	c := newChain(t, b.dsn)
	c.executeWithNBClient(t)
	c.checkOutputs(t)
	c.checkPlatform(t)

	mode, queries, xacts := b.stats(t)
	if mode != "transaction" {
		t.Errorf("pgbouncer pool_mode of %s is %q, want transaction", b.database, mode)
	}
	// The chain runs some two hundred statements (bulk loads go through COPY); a count
	// this low means the notebooks reached PostgreSQL some other way.
	if queries < 100 || xacts < 100 {
		t.Errorf("pgbouncer served %d queries in %d transactions for %s; the notebooks did not go through it",
			queries, xacts, b.database)
	}
	t.Logf("pgbouncer: %d queries in %d transactions", queries, xacts)
}

// bouncer is a pgbouncer started for one test.
type bouncer struct {
	dsn      string // the notebooks' DSN: through pgbouncer, simple protocol
	admin    string // pgbouncer's admin console
	database string
}

// startPgbouncer starts pgbouncer on a free loopback port in transaction-pooling mode in
// front of the database of target (a postgres:// URL with user and password), and stops
// it at the end of the test. Its configuration lives in t.TempDir().
func startPgbouncer(t *testing.T, bin, target string) *bouncer {
	t.Helper()
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		t.Fatal(err)
	}
	port := testnet.FreePort(t)
	dir := t.TempDir()
	users := filepath.Join(dir, "userlist.txt")
	ini := filepath.Join(dir, "pgbouncer.ini")
	write(t, users, fmt.Sprintf("%q %q\n", cfg.User, cfg.Password))
	// server_round_robin hands the servers out in turn, so consecutive transactions of
	// one client land on different server connections even when the chain is quiet.
	write(t, ini, fmt.Sprintf(`[databases]
%s = host=%s port=%d dbname=%s

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %d
unix_socket_dir =
auth_type = scram-sha-256
auth_file = %s
admin_users = %s
pool_mode = transaction
default_pool_size = 4
min_pool_size = 2
server_round_robin = 1
max_client_conn = 200
query_wait_timeout = 60
`, cfg.Database, cfg.Host, cfg.Port, cfg.Database, port, users, cfg.User))

	// pgbouncer refuses to run as root: under root it runs as the postgres user, which
	// must be able to read its files.
	attr := &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if os.Geteuid() == 0 {
		uid, gid := lookupUser(t, "postgres")
		attr.Credential = &syscall.Credential{Uid: uid, Gid: gid}
		for _, p := range []string{users, ini, dir} {
			if err := os.Chown(p, int(uid), int(gid)); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil {
			t.Fatal(err)
		}
	}

	// Bounded lifetime: killed at the end of the test, at the test's deadline, or when
	// the test process dies (Pdeathsig).
	dl, ok := t.Deadline()
	if !ok {
		dl = time.Now().Add(time.Hour)
	}
	ctx, cancel := context.WithDeadline(context.Background(), dl)
	cmd := exec.CommandContext(ctx, bin, ini)
	cmd.SysProcAttr = attr
	var log syncBuffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start pgbouncer: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cancel()
		<-exited
		if t.Failed() {
			t.Logf("pgbouncer log:\n%s", log.String())
		}
	})

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for i := 0; ; i++ {
		select {
		case <-exited:
			t.Fatalf("pgbouncer exited at start:\n%s", log.String())
		default:
		}
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			break
		}
		if i == 100 {
			t.Fatalf("pgbouncer does not listen on %s: %v\n%s", addr, err, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	u := url.URL{Scheme: "postgres", User: url.UserPassword(cfg.User, cfg.Password), Host: addr}
	b := &bouncer{database: cfg.Database}
	u.Path = "/" + cfg.Database
	u.RawQuery = "sslmode=disable&default_query_exec_mode=simple_protocol"
	b.dsn = u.String()
	u.Path = "/pgbouncer"
	u.RawQuery = "sslmode=disable&default_query_exec_mode=simple_protocol"
	b.admin = u.String()
	return b
}

// checkRotation checks the premise of the test: one client's consecutive
// transactions run on different PostgreSQL backends (pgbouncer starts the second
// server of min_pool_size within a second or two; the loop is bounded).
func (b *bouncer) checkRotation(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, b.dsn)
	if err != nil {
		t.Fatalf("connect through pgbouncer: %v", err)
	}
	defer conn.Close(ctx)
	pids := map[int32]bool{}
	for i := 0; i < 100 && len(pids) < 2; i++ {
		var pid int32
		if err := conn.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
			t.Fatalf("through pgbouncer: %v", err)
		}
		pids[pid] = true
		time.Sleep(50 * time.Millisecond)
	}
	if len(pids) < 2 {
		t.Fatalf("one client's transactions all ran on backend %v: pgbouncer is not rotating servers", pids)
	}
}

// stats reads the pool mode of the test's database and the queries and transactions
// pgbouncer served for it from the admin console.
func (b *bouncer) stats(t *testing.T) (mode string, queries, xacts int64) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, b.admin)
	if err != nil {
		t.Fatalf("pgbouncer admin console: %v", err)
	}
	defer conn.Close(ctx)
	mode = column(t, conn, "SHOW POOLS", "database", b.database, "pool_mode")
	queries, _ = strconv.ParseInt(column(t, conn, "SHOW STATS", "database", b.database, "total_query_count"), 10, 64)
	xacts, _ = strconv.ParseInt(column(t, conn, "SHOW STATS", "database", b.database, "total_xact_count"), 10, 64)
	return mode, queries, xacts
}

// column runs an admin-console SHOW and returns the text of column want in the row
// whose column key equals value.
func column(t *testing.T, conn *pgx.Conn, show, key, value, want string) string {
	t.Helper()
	rows, err := conn.Query(context.Background(), show)
	if err != nil {
		t.Fatalf("%s: %v", show, err)
	}
	defer rows.Close()
	ki, wi := -1, -1
	for i, f := range rows.FieldDescriptions() {
		switch f.Name {
		case key:
			ki = i
		case want:
			wi = i
		}
	}
	if ki < 0 || wi < 0 {
		t.Fatalf("%s has no column %s or %s", show, key, want)
	}
	for rows.Next() {
		vals := rows.RawValues()
		if string(vals[ki]) == value {
			return string(vals[wi])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", show, err)
	}
	t.Fatalf("%s has no row with %s = %s", show, key, value)
	return ""
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func lookupUser(t *testing.T, name string) (uid, gid uint32) {
	t.Helper()
	u, err := user.Lookup(name)
	if err != nil {
		testenv.Missing(t, "a "+name+" user to run pgbouncer as (it refuses root)")
	}
	id, err1 := strconv.ParseUint(u.Uid, 10, 32)
	g, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		t.Fatalf("user %s: uid %q gid %q", name, u.Uid, u.Gid)
	}
	return uint32(id), uint32(g)
}

// syncBuffer collects pgbouncer's log from the goroutines exec copies it with.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
