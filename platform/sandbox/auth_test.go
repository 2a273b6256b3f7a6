package sandbox_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// withDSN returns srv's DSN with user, database, password or extra parameters changed.
func withDSN(t *testing.T, srv *sandbox.Server, user, db, password string, extra url.Values) string {
	t.Helper()
	u, err := url.Parse(srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(user, password)
	u.Path = "/" + db
	q := u.Query()
	for k, v := range extra {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// connectErr connects with pgx and returns the server's error, if any.
func connectErr(t *testing.T, dsn string) (*pgconn.PgError, error) {
	t.Helper()
	c, err := pgx.Connect(context.Background(), dsn)
	if err == nil {
		c.Close(context.Background())
		return nil, nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe, err
	}
	return nil, err
}

func TestAuthenticationPgx(t *testing.T) {
	srv := startSandbox(t)
	scramOnly := url.Values{"require_auth": {"scram-sha-256"}}
	if _, err := connectErr(t, withDSN(t, srv, sandbox.User, sandbox.Database, srv.Password(), scramOnly)); err != nil {
		t.Fatalf("SCRAM-SHA-256 with require_auth=scram-sha-256: %v", err)
	}
	// A client that insists on clear text is refused by the client itself: the
	// sandbox never asks for it.
	if _, err := connectErr(t, withDSN(t, srv, sandbox.User, sandbox.Database, srv.Password(),
		url.Values{"require_auth": {"password"}})); err == nil {
		t.Fatal("require_auth=password connected: the sandbox asked for a clear-text password")
	}
	for _, c := range []struct {
		name, user, db, password, code, msg string
	}{
		{"wrong password", sandbox.User, sandbox.Database, "wrong", "28P01", `password authentication failed for user "sluice"`},
		{"empty password", sandbox.User, sandbox.Database, "", "28P01", "password authentication failed"},
		{"wrong user", "postgres", sandbox.Database, srv.Password(), "28000", `role "postgres" does not exist`},
		{"wrong database", sandbox.User, "postgres", srv.Password(), "3D000", `database "postgres" does not exist`},
	} {
		pe, err := connectErr(t, withDSN(t, srv, c.user, c.db, c.password, nil))
		if err == nil {
			t.Errorf("%s: connected", c.name)
			continue
		}
		if pe == nil || pe.Code != c.code || !strings.Contains(pe.Message, c.msg) || pe.Severity != "FATAL" {
			t.Errorf("%s: got %v, want FATAL %s %q", c.name, err, c.code, c.msg)
		}
	}
	// The sandbox still serves after the failures.
	if _, err := connectErr(t, srv.DSN()); err != nil {
		t.Fatalf("after failed attempts: %v", err)
	}
}

// recordingProxy forwards one connection at a time to target and records every byte
// the client sends.
type recordingProxy struct {
	ln  net.Listener
	mu  sync.Mutex
	buf bytes.Buffer
}

func startProxy(t *testing.T, target string) *recordingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &recordingProxy{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				return
			}
			go func() { io.Copy(c, s); c.Close() }()
			go func() { io.Copy(io.MultiWriter(s, p), c); s.Close() }()
		}
	}()
	return p
}

func (p *recordingProxy) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.buf.Write(b)
}

func (p *recordingProxy) sent() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.buf.Bytes())
}

func TestPasswordNeverOnTheWire(t *testing.T) {
	srv := startSandbox(t)
	proxy := startProxy(t, srv.Addr().String())
	u, _ := url.Parse(srv.DSN())
	u.Host = proxy.ln.Addr().String()
	c, err := pgx.Connect(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	var one int
	if err := c.QueryRow(context.Background(), "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("query through proxy: %v", err)
	}
	c.Close(context.Background())
	sent := proxy.sent()
	if !bytes.Contains(sent, []byte("SCRAM-SHA-256")) {
		t.Fatalf("client did not choose SCRAM-SHA-256; it sent %q", sent)
	}
	if bytes.Contains(sent, []byte(srv.Password())) {
		t.Fatal("the password crossed the wire")
	}
}

func TestAuthenticationPsqlAndPsycopg2(t *testing.T) {
	srv := startSandbox(t)
	bin := testenv.Command(t, "psql")
	// psql connects through a proxy that records what it sends (libpq 15 has no
	// require_auth; the recording shows the password stays off the wire).
	proxy := startProxy(t, srv.Addr().String())
	_, port, _ := net.SplitHostPort(proxy.ln.Addr().String())
	run := func(user, db, password string) (string, error) {
		cmd := exec.Command(bin, "-X", "-A", "-t", "-h", "127.0.0.1", "-p", port, "-U", user, "-d", db, "-c", "SELECT 7")
		cmd.Env = append(os.Environ(), "PGPASSWORD="+password, "PGCONNECT_TIMEOUT=5", "PGSSLMODE=disable")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(sandbox.User, sandbox.Database, srv.Password()); err != nil || strings.TrimSpace(out) != "7" {
		t.Fatalf("psql: %v\n%s", err, out)
	}
	if sent := proxy.sent(); !bytes.Contains(sent, []byte("SCRAM-SHA-256")) || bytes.Contains(sent, []byte(srv.Password())) {
		t.Fatalf("psql did not authenticate with SCRAM-SHA-256 or sent the password: %q", sent)
	}
	for _, c := range [][4]string{
		{sandbox.User, sandbox.Database, "wrong", `password authentication failed for user "sluice"`},
		{"alice", sandbox.Database, srv.Password(), `role "alice" does not exist`},
		{sandbox.User, "shop", srv.Password(), `database "shop" does not exist`},
	} {
		if out, err := run(c[0], c[1], c[2]); err == nil || !strings.Contains(out, c[3]) {
			t.Errorf("psql as %s to %s: %v\n%s (want %q)", c[0], c[1], err, out, c[3])
		}
	}

	py := testenv.Python(t, "psycopg2")
	script := `
import sys, psycopg2
port, pw = int(sys.argv[1]), sys.argv[2]
def connect(user, db, password):
    return psycopg2.connect(host="127.0.0.1", port=port, user=user, password=password, dbname=db, connect_timeout=5, sslmode="disable")
conn = connect("sluice", "sluice", pw)
cur = conn.cursor()
cur.execute("SELECT 7")
assert cur.fetchone()[0] == 7
for args, want in [(("sluice", "sluice", "nope"), "password authentication failed"),
                   (("bob", "sluice", pw), 'role "bob" does not exist'),
                   (("sluice", "other", pw), 'database "other" does not exist')]:
    try:
        connect(*args)
        raise SystemExit("connected as %r" % (args[:2],))
    except psycopg2.OperationalError as e:
        assert want in str(e), str(e)
print("OK")
`
	pyProxy := startProxy(t, srv.Addr().String())
	_, pyPort, _ := net.SplitHostPort(pyProxy.ln.Addr().String())
	out, err := exec.Command(py, "-c", script, pyPort, srv.Password()).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "OK" {
		t.Fatalf("psycopg2: %v\n%s", err, out)
	}
	if sent := pyProxy.sent(); !bytes.Contains(sent, []byte("SCRAM-SHA-256")) || bytes.Contains(sent, []byte(srv.Password())) {
		t.Fatal("psycopg2 did not authenticate with SCRAM-SHA-256 or sent the password")
	}
}
