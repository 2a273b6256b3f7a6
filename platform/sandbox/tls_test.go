package sandbox_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// TestTLS checks the certificate the sandbox makes in its data directory, pgx with
// sslmode=require and verify-full, COPY OUT and error positions inside TLS (the session
// writes those frames itself), and that the certificate survives a restart.
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	key, err := os.Stat(filepath.Join(dir, sandbox.KeyFile))
	if err != nil || key.Mode().Perm() != 0o600 {
		t.Fatalf("server.key: %v mode %v, want 0600", err, key.Mode().Perm())
	}
	if srv.CertFile() != filepath.Join(dir, sandbox.CertFile) {
		t.Fatalf("CertFile %q", srv.CertFile())
	}
	cert, err := os.ReadFile(srv.CertFile())
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []url.Values{
		{"sslmode": {"require"}},
		{"sslmode": {"verify-full"}, "sslrootcert": {srv.CertFile()}},
	} {
		c, err := pgx.Connect(ctx, withDSN(t, srv, sandbox.User, sandbox.Database, srv.Password(), mode))
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		if _, ok := c.PgConn().Conn().(*tls.Conn); !ok {
			t.Errorf("%v: connection is %T, not TLS", mode, c.PgConn().Conn())
		}
		var buf bytes.Buffer
		tag, err := c.PgConn().CopyTo(ctx, &buf, "COPY (SELECT 1 AS a, 'x,y' AS b) TO STDOUT (FORMAT csv)")
		if err != nil || buf.String() != "1,\"x,y\"\n" || tag.String() != "COPY 1" {
			t.Errorf("%v: COPY over TLS: %v %q %v", mode, err, buf.String(), tag)
		}
		if _, err := c.Exec(ctx, "SELECT nosuch FROM (SELECT 1) AS s"); err == nil || !strings.Contains(err.Error(), "42703") {
			t.Errorf("%v: error over TLS: %v", mode, err)
		}
		var n int
		if err := c.QueryRow(ctx, "SELECT 41 + 1").Scan(&n); err != nil || n != 42 {
			t.Errorf("%v: query after the error: %v %d", mode, err, n)
		}
		c.Close(ctx)
	}
	srv.Close()
	srv2, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	again, _ := os.ReadFile(srv2.CertFile())
	if !bytes.Equal(cert, again) {
		t.Error("the certificate changed across a restart")
	}
	c, err := pgx.Connect(ctx, withDSN(t, srv2, sandbox.User, sandbox.Database, srv2.Password(),
		url.Values{"sslmode": {"verify-full"}, "sslrootcert": {srv.CertFile()}}))
	if err != nil {
		t.Fatalf("verify-full after a restart: %v", err)
	}
	c.Close(ctx)
}

// TestTLSOff checks that a sandbox started with NoTLS refuses sslmode=require and
// still serves sslmode=prefer in clear text.
func TestTLSOff(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir, NoTLS: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.CertFile() != "" {
		t.Errorf("CertFile %q with TLS off", srv.CertFile())
	}
	if _, err := os.Stat(filepath.Join(dir, sandbox.KeyFile)); err == nil {
		t.Error("a key was made with TLS off")
	}
	if _, err := connectErr(t, withDSN(t, srv, sandbox.User, sandbox.Database, srv.Password(), url.Values{"sslmode": {"require"}})); err == nil {
		t.Error("sslmode=require accepted without TLS")
	}
	c, err := pgx.Connect(ctx, withDSN(t, srv, sandbox.User, sandbox.Database, srv.Password(), url.Values{"sslmode": {"prefer"}}))
	if err != nil {
		t.Fatalf("sslmode=prefer: %v", err)
	}
	if _, ok := c.PgConn().Conn().(*tls.Conn); ok {
		t.Error("TLS with TLS off")
	}
	c.Close(ctx)
}

// TestTLSPsql connects psql (libpq 15) with sslmode=require and verify-full and reads
// \conninfo, a COPY and an error's caret through TLS.
func TestTLSPsql(t *testing.T) {
	bin := testenv.Command(t, "psql")
	srv := startSandbox(t)
	run := func(env []string, args ...string) (string, error) {
		base := []string{"-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", strconv.Itoa(srv.Port()), "-U", sandbox.User, "-d", sandbox.Database}
		cmd := exec.Command(bin, append(base, args...)...)
		cmd.Env = append(os.Environ(), append(env, "PGPASSWORD="+srv.Password(), "PGCONNECT_TIMEOUT=5")...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run([]string{"PGSSLMODE=require"}, "-c", `\conninfo`, "-c", "COPY (SELECT 'a' || chr(9) || 'b' AS v, NULL AS n) TO STDOUT")
	if err != nil || !strings.Contains(out, "SSL connection (protocol: TLSv1.3") || !strings.Contains(out, "a\\tb\t\\N") {
		t.Fatalf("psql sslmode=require: %v\n%s", err, out)
	}
	out, err = run([]string{"PGSSLMODE=verify-full", "PGSSLROOTCERT=" + srv.CertFile()}, "-c", "SELECT nosuch FROM (SELECT 1) AS s")
	if err == nil || !strings.Contains(out, `column "nosuch" does not exist`) || !strings.Contains(out, "^") {
		t.Fatalf("psql verify-full error: %v\n%s", err, out)
	}
	// A client that trusts another root refuses the sandbox's certificate.
	other := filepath.Join(t.TempDir(), "other")
	osrv, err := sandbox.Serve(context.Background(), sandbox.Options{Dir: other})
	if err != nil {
		t.Fatal(err)
	}
	osrv.Close()
	if out, err := run([]string{"PGSSLMODE=verify-full", "PGSSLROOTCERT=" + filepath.Join(other, sandbox.CertFile)}, "-c", "SELECT 1"); err == nil {
		t.Fatalf("verify-full with another root accepted:\n%s", out)
	}
}
