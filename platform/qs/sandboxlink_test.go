package qs_test

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/qs"
)

// fakeServer is a PostgreSQL-wire impostor: it answers every startup message with
// AuthenticationCleartextPassword and records any password a client sends it.
type fakeServer struct {
	ln        net.Listener
	mu        sync.Mutex
	conns     int // PostgreSQL startup messages received
	passwords []string
	wg        sync.WaitGroup
}

// startFake listens on 127.0.0.1:port (retrying while the old owner lets it go).
func startFake(t *testing.T, port int) *fakeServer {
	t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 100; i++ {
		if ln, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("fake server on port %d: %v", port, err)
	}
	f := &fakeServer{ln: ln}
	f.wg.Add(1)
	go f.serve()
	t.Cleanup(f.close)
	return f
}

func (f *fakeServer) serve() {
	defer f.wg.Done()
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			f.handle(c)
		}()
	}
}

// handle reads the startup message (refusing SSL), asks for a clear-text password and
// records the password message if one comes. Only PostgreSQL startups count as
// connections: the port was freed by the sandbox, and other local processes (a Jupyter
// client that picked it as a free port, say) may dial it too.
func (f *fakeServer) handle(c net.Conn) {
	r := bufio.NewReader(c)
	for i := 0; i < 3; i++ {
		var hdr [8]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(hdr[:4]))
		code := binary.BigEndian.Uint32(hdr[4:])
		if n < 8 || n > 1<<16 {
			return
		}
		if _, err := io.CopyN(io.Discard, r, int64(n-8)); err != nil {
			return
		}
		if code == 80877103 || code == 80877104 { // SSLRequest, GSSENCRequest
			c.Write([]byte{'N'})
			continue
		}
		if code != 196608 { // not a protocol 3.0 startup: some other local client
			return
		}
		f.mu.Lock()
		f.conns++
		f.mu.Unlock()
		break
	}
	c.Write([]byte{'R', 0, 0, 0, 8, 0, 0, 0, 3}) // AuthenticationCleartextPassword
	typ, err := r.ReadByte()
	if err != nil || typ != 'p' {
		return
	}
	var lb [4]byte
	if _, err := io.ReadFull(r, lb[:]); err != nil {
		return
	}
	n := int(binary.BigEndian.Uint32(lb[:]))
	if n < 4 || n > 1<<16 {
		return
	}
	body := make([]byte, n-4)
	io.ReadFull(r, body)
	f.mu.Lock()
	f.passwords = append(f.passwords, strings.TrimRight(string(body), "\x00"))
	f.mu.Unlock()
}

func (f *fakeServer) close() {
	f.ln.Close()
	f.wg.Wait()
}

func (f *fakeServer) got() (conns int, passwords []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conns, append([]string(nil), f.passwords...)
}

// sandboxHome makes a SLUICE_HOME with no query service configured, so the default
// connection is the sandbox that the real binary starts there.
func sandboxHome(t *testing.T) (bin, dir string) {
	t.Helper()
	bin = testenv.SluiceBinary(t)
	home := t.TempDir()
	t.Setenv("SLUICE_HOME", home)
	t.Setenv("SLUICE_BIN", bin)
	t.Setenv("HOME", t.TempDir())
	for _, k := range []string{"SLUICE_DSN", "DATABASE_URL", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE"} {
		t.Setenv(k, "")
	}
	dir = filepath.Join(home, "sandbox")
	t.Cleanup(func() {
		exec.Command(bin, "sandbox", "stop", "--data", dir).Run()
		qs.RegistryOf(context.Background()).CloseAll()
	})
	return bin, dir
}

func sandboxCmd(t *testing.T, bin, dir, sub string) {
	t.Helper()
	if out, err := exec.Command(bin, "sandbox", sub, "--data", dir).CombinedOutput(); err != nil {
		t.Fatalf("sluice sandbox %s: %v\n%s", sub, err, out)
	}
}

// TestSandboxGoneIsNotSentThePassword stops the sandbox the default connection uses,
// puts an impostor that asks for a clear-text password on its old port, and checks that
// the next statement never reaches the impostor and runs on a freshly started sandbox
// with a new password.
func TestSandboxGoneIsNotSentThePassword(t *testing.T) {
	bin, dir := sandboxHome(t)
	ctx := context.Background()
	c, err := qs.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Session()
	sessExec(t, ctx, s, "CREATE TABLE kept AS SELECT 42 AS v")
	old, err := qs.ReadSandboxState(dir)
	if err != nil {
		t.Fatal(err)
	}

	for _, how := range []string{"stop", "kill -9"} {
		t.Run(how, func(t *testing.T) {
			st, err := qs.ReadSandboxState(dir)
			if err != nil {
				t.Fatal(err)
			}
			if how == "stop" {
				sandboxCmd(t, bin, dir, "stop")
			} else {
				p, _ := os.FindProcess(st.PID)
				p.Kill()
				p.Wait()
				for i := 0; i < 200 && st.Running(); i++ {
					time.Sleep(20 * time.Millisecond)
				}
			}
			fake := startFake(t, st.Port)
			time.Sleep(300 * time.Millisecond) // let the pooled connections go idle
			if got := scalar(t, ctx, s, "SELECT v FROM kept"); got != "42" {
				t.Fatalf("after the restart: %s", got)
			}
			if tab, err := c.Query(ctx, "SELECT v FROM kept"); err != nil || tab.NumRows() != 1 {
				t.Fatalf("pool after the restart: %v", err)
			}
			conns, pws := fake.got()
			if len(pws) > 0 {
				t.Fatalf("the impostor on port %d got a password (%d connections)", st.Port, conns)
			}
			now, err := qs.ReadSandboxState(dir)
			if err != nil {
				t.Fatal(err)
			}
			if now.PID == st.PID || now.Port == st.Port {
				t.Fatalf("still the old sandbox: %+v", now)
			}
			if now.Password == st.Password || now.Password == old.Password {
				t.Fatal("the password did not change with the restart")
			}
		})
	}
}

// TestSandboxDSNFollowsButDoesNotStart checks a client opened with the sandbox's own DSN:
// it follows a restarted sandbox to its new port and password, and when the sandbox is
// gone it fails clearly without sending the password to whoever holds the port.
func TestSandboxDSNFollowsButDoesNotStart(t *testing.T) {
	bin, dir := sandboxHome(t)
	sandboxCmd(t, bin, dir, "start")
	st, err := qs.ReadSandboxState(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := qs.Open(ctx, st.DSN(), qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := c.Session()
	scalar(t, ctx, s, "SELECT 1")

	sandboxCmd(t, bin, dir, "stop")
	fake := startFake(t, st.Port)
	time.Sleep(300 * time.Millisecond)
	_, err = s.Query(ctx, "SELECT 1")
	if !errors.Is(err, qs.ErrSandboxGone) || !strings.Contains(err.Error(), "sluice sandbox start") {
		t.Fatalf("statement with the sandbox gone: %v", err)
	}
	if strings.Contains(err.Error(), st.Password) {
		t.Fatalf("the error shows the password: %v", err)
	}
	if _, err := c.Query(ctx, "SELECT 1"); !errors.Is(err, qs.ErrSandboxGone) {
		t.Fatalf("pool statement with the sandbox gone: %v", err)
	}
	if conns, pws := fake.got(); len(pws) > 0 || conns > 0 {
		t.Fatalf("the impostor was reached: %d connections, %d passwords", conns, len(pws))
	}
	fake.close()

	// Started again (elsewhere, with a new password): the same client follows it.
	sandboxCmd(t, bin, dir, "start")
	if got := scalar(t, ctx, s, "SELECT 7"); got != "7" {
		t.Fatalf("after the sandbox started again: %s", got)
	}
}

// TestSandboxStateOfAnotherProcess records a live process that is not the sandbox as
// the sandbox's pid, with an impostor on the port: it is not running, and a client does
// not send it the password.
func TestSandboxStateOfAnotherProcess(t *testing.T) {
	_, dir := sandboxHome(t)
	sleep := exec.Command("sleep", "60")
	if err := sleep.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	defer func() { sleep.Process.Kill(); sleep.Wait() }()
	fake := startFake(t, 0)
	port := fake.ln.Addr().(*net.TCPAddr).Port
	st := qs.SandboxState{Host: "127.0.0.1", Port: port, PID: sleep.Process.Pid, Password: "secret-of-the-test"}
	if err := qs.WriteSandboxState(dir, st); err != nil {
		t.Fatal(err)
	}
	if st.Running() {
		t.Fatal("a port held by another process counts as the running sandbox")
	}
	if _, err := qs.RunningSandbox(dir); err == nil {
		t.Fatal("RunningSandbox accepted the impostor")
	}
	c, err := qs.Open(context.Background(), st.DSN(), qs.Options{})
	if err == nil {
		c.Close()
		t.Fatal("connected to the impostor")
	}
	if !errors.Is(err, qs.ErrSandboxGone) {
		t.Errorf("error: %v", err)
	}
	if _, pws := fake.got(); len(pws) > 0 {
		t.Fatalf("the impostor got the password %q", pws)
	}
}

// TestSandboxClientRequiresSCRAM records this test process as the sandbox, so the /proc
// check passes for an impostor it runs: the client still does not send the password,
// because sandbox connections require SCRAM-SHA-256 and the impostor asks for it in clear.
func TestSandboxClientRequiresSCRAM(t *testing.T) {
	_, dir := sandboxHome(t)
	fake := startFake(t, 0)
	st := qs.SandboxState{Host: "127.0.0.1", Port: fake.ln.Addr().(*net.TCPAddr).Port, PID: os.Getpid(), Password: "secret-of-the-test"}
	if err := qs.WriteSandboxState(dir, st); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { qs.RemoveSandboxState(dir) }) // before sandboxHome's stop signals the pid in it
	c, err := qs.Open(context.Background(), st.DSN(), qs.Options{})
	if err == nil {
		c.Close()
		t.Fatal("connected to the impostor")
	}
	conns, pws := fake.got()
	if conns == 0 {
		t.Fatalf("the client never reached the impostor (the /proc check should have passed): %v", err)
	}
	if len(pws) > 0 {
		t.Fatalf("the impostor got the password %q", pws)
	}
	if strings.Contains(st.DSN(), "require_auth") {
		t.Errorf("the user-facing DSN carries require_auth (libpq 15 refuses it): %s", qs.Redact(st.DSN()))
	}
}
