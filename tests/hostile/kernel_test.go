package hostile

// The one Jupyter client every attack on the kernel uses: a `sluice kernel` process from
// the real binary in a SLUICE_HOME of its own, a shell DEALER and an IOPub SUB on it, and
// the checks that the kernel survived an attack.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/kernel/wire"
)

// kernel is a sluice kernel process with a Jupyter client on its shell and IOPub ports.
type kernel struct {
	t       *testing.T
	bin     string // the sluice binary
	home    string // the kernel's SLUICE_HOME
	ci      wire.ConnectionInfo
	cmd     *exec.Cmd
	exited  chan struct{}
	log     *logBuffer // the process's stdout and stderr
	signer  *wire.Signer
	ctx     context.Context
	session string
	shell   zmq4.Socket
	iopub   zmq4.Socket
	replies chan *wire.Message
	pub     chan *wire.Message
}

// logBuffer is a buffer safe for the process's writes and the test's reads.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// cell is what one execute_request produced.
type cell struct {
	status         string // "ok" or "error"
	stdout, stderr string
	out            string // streams and text/plain results, in order
	ename, evalue  string
	traceback      []string
	data           []map[string]any // display_data and execute_result bundles
}

// errText is "ename: evalue", or "" when the cell raised nothing.
func (c cell) errText() string {
	if c.ename == "" && c.evalue == "" {
		return ""
	}
	return c.ename + ": " + c.evalue
}

// privateVars are the variables of the caller's environment that would point a kernel
// or a run at the caller's home, query service or storage.
var privateVars = map[string]bool{"SLUICE_HOME": true, "SLUICE_DSN": true, "SLUICE_STORAGE": true, "JUPYTER_PATH": true,
	"JUPYTER_DATA_DIR": true, "DATABASE_URL": true, "PGHOST": true, "PGPORT": true, "PGUSER": true, "PGPASSWORD": true,
	"PGDATABASE": true, "PGSERVICE": true, "HOME": true}

// privateEnv is this process's environment without privateVars, with SLUICE_HOME and HOME
// set to home, then extra (a later value of a variable wins).
func privateEnv(home string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !privateVars[k] {
			env = append(env, kv)
		}
	}
	return append(append(env, "SLUICE_HOME="+home, "HOME="+home), extra...)
}

// startKernel starts `sluice kernel` in a private environment (privateEnv with a fresh
// SLUICE_HOME, SLUICE_BIN set to the binary) plus env, connects a client, and sets
// keep := 42 for survived. The kernel is killed, and any sandbox it started in its home
// stopped, when the test ends.
func startKernel(t *testing.T, env ...string) *kernel {
	t.Helper()
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "SLUICE_HOME="); ok {
			home = v
		}
	}
	ci, err := wire.LoopbackConnection()
	if err != nil {
		t.Fatal(err)
	}
	cf := filepath.Join(dir, "kernel.json")
	if err := wire.WriteConnectionFile(cf, ci); err != nil {
		t.Fatal(err)
	}
	signer, err := ci.Signer()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	k := &kernel{t: t, bin: bin, home: home, ci: ci, exited: make(chan struct{}), log: &logBuffer{}, signer: signer, ctx: ctx}
	k.cmd = exec.Command(bin, "kernel", "--connection-file", cf)
	k.cmd.Dir = dir
	k.cmd.Env = privateEnv(filepath.Join(dir, "home"), append([]string{"SLUICE_BIN=" + bin}, env...)...)
	k.cmd.Stdout, k.cmd.Stderr = k.log, k.log
	if err := k.cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	go func() { _ = k.cmd.Wait(); close(k.exited) }()
	t.Cleanup(func() {
		k.stop()
		cancel()
		if k.shell != nil {
			k.shell.Close()
			k.iopub.Close()
		}
		if _, err := os.Stat(k.sandboxDir()); err == nil {
			exec.Command(bin, "sandbox", "stop", "--data", k.sandboxDir()).Run()
		}
	})
	if err := k.connect(2 * time.Minute); err != nil {
		t.Fatalf("%v\nkernel log:\n%s", err, k.log)
	}
	k.ok("keep := 42")
	return k
}

// sandboxDir is where the sandbox the kernel starts on demand keeps its data and state.
func (k *kernel) sandboxDir() string { return filepath.Join(k.home, "sandbox") }

// stop kills the kernel process unless it has exited, and waits for it.
func (k *kernel) stop() {
	select {
	case <-k.exited:
	default:
		_ = k.cmd.Process.Kill()
		<-k.exited
	}
}

// connect connects a fresh client (a new session; the previous client's sockets are
// closed) and waits until kernel_info is answered within timeout, as a front end does.
// zmq4's Dial waits for the handshake without a deadline, so it runs in a goroutine left
// behind on failure.
func (k *kernel) connect(timeout time.Duration) error {
	if k.shell != nil {
		k.shell.Close()
		k.iopub.Close()
	}
	k.session = wire.NewID()
	k.replies, k.pub = make(chan *wire.Message, 16), make(chan *wire.Message, 4096)
	opts := []zmq4.Option{zmq4.WithDialerRetry(50 * time.Millisecond), zmq4.WithDialerMaxRetries(600)}
	k.shell = zmq4.NewDealer(k.ctx, append(opts, zmq4.WithID(zmq4.SocketIdentity(k.session)))...)
	k.iopub = zmq4.NewSub(k.ctx, opts...)
	shell, iopub, replies, pub := k.shell, k.iopub, k.replies, k.pub
	dialed := make(chan error, 1)
	go func() {
		if err := shell.Dial(k.ci.Endpoint(k.ci.ShellPort)); err != nil {
			dialed <- fmt.Errorf("dial shell: %w", err)
			return
		}
		if err := iopub.Dial(k.ci.Endpoint(k.ci.IOPubPort)); err != nil {
			dialed <- fmt.Errorf("dial iopub: %w", err)
			return
		}
		dialed <- iopub.SetOption(zmq4.OptionSubscribe, "")
	}()
	deadline := time.Now().Add(timeout)
	select {
	case err := <-dialed:
		if err != nil {
			return err
		}
	case <-k.exited:
		return fmt.Errorf("the kernel process exited (%v) before a client could connect", k.cmd.ProcessState)
	case <-time.After(timeout):
		return fmt.Errorf("no connection within %s (the kernel did not complete the handshake)", timeout)
	}
	go k.recv(shell, replies)
	go k.recv(iopub, pub)
	// The subscription may reach the kernel after the first status: ask again until
	// kernel_info's reply and its idle status both arrive.
	for {
		err := k.kernelInfo(time.Second)
		if err == nil {
			return nil
		}
		select {
		case <-k.exited:
			return err
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no kernel_info within %s: %w", timeout, err)
		}
	}
}

func (k *kernel) recv(sock zmq4.Socket, ch chan<- *wire.Message) {
	for {
		m, err := wire.Recv(sock, k.signer)
		var de *wire.DecodeError
		if errors.As(err, &de) {
			continue
		}
		if err != nil {
			return
		}
		ch <- m
	}
}

// request sends msgType on shell and waits for its reply and for IOPub's idle status
// under it, returning the reply and the IOPub messages under it.
func (k *kernel) request(msgType string, content any, timeout time.Duration) (*wire.Message, []*wire.Message, error) {
	m, err := wire.New(msgType, k.session, nil, content)
	if err != nil {
		return nil, nil, err
	}
	if err := wire.Send(k.shell, m, k.signer); err != nil {
		return nil, nil, err
	}
	limit := time.NewTimer(timeout)
	defer limit.Stop()
	var reply *wire.Message
	var pub []*wire.Message
	for idle := false; reply == nil || !idle; {
		select {
		case r := <-k.replies:
			if r.ParentID() == m.Header.MsgID {
				reply = r
			}
		case p := <-k.pub:
			if p.ParentID() != m.Header.MsgID {
				continue
			}
			pub = append(pub, p)
			var st wire.StatusContent
			if p.Header.MsgType == wire.Status && p.DecodeContent(&st) == nil && st.ExecutionState == "idle" {
				idle = true
			}
		case <-k.exited:
			return nil, pub, fmt.Errorf("the kernel process exited (%v) during %s", k.cmd.ProcessState, msgType)
		case <-limit.C:
			return nil, pub, fmt.Errorf("no reply to %s within %s (reply %t, idle %t)", msgType, timeout, reply != nil, idle)
		}
	}
	return reply, pub, nil
}

func (k *kernel) kernelInfo(timeout time.Duration) error {
	r, _, err := k.request(wire.KernelInfoRequest, nil, timeout)
	if err == nil && r.Header.MsgType != wire.KernelInfoReply {
		err = fmt.Errorf("kernel_info_request answered with %s", r.Header.MsgType)
	}
	return err
}

// runErr executes code and collects its streams, bundles and error; it returns a failure
// to get a reply, so it may run off the test's goroutine.
func (k *kernel) runErr(code string, timeout time.Duration) (cell, error) {
	r, pub, err := k.request(wire.ExecuteRequest, map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}, timeout)
	if err != nil {
		return cell{}, err
	}
	var rc wire.ExecuteReplyContent
	if err := r.DecodeContent(&rc); err != nil {
		return cell{}, err
	}
	c := cell{status: rc.Status}
	var stdout, stderr, out strings.Builder
	raised := false
	for _, p := range pub {
		switch p.Header.MsgType {
		case wire.Stream:
			var s wire.StreamContent
			_ = p.DecodeContent(&s)
			if s.Name == "stderr" {
				stderr.WriteString(s.Text)
			} else {
				stdout.WriteString(s.Text)
			}
			out.WriteString(s.Text)
		case wire.ExecuteResult, wire.DisplayData:
			var d wire.DisplayDataContent
			_ = p.DecodeContent(&d)
			c.data = append(c.data, d.Data)
			if s, ok := d.Data["text/plain"].(string); ok {
				out.WriteString(s + "\n")
			}
		case wire.Error:
			var e wire.ErrorContent
			_ = p.DecodeContent(&e)
			c.ename, c.evalue, c.traceback, raised = e.EName, e.EValue, e.Traceback, true
		}
	}
	if !raised && rc.Status == "error" {
		c.ename, c.evalue = rc.EName, rc.EValue
	}
	c.stdout, c.stderr, c.out = stdout.String(), stderr.String(), out.String()
	return c, nil
}

// runWithin runs code, failing the test when no reply comes within timeout.
func (k *kernel) runWithin(code string, timeout time.Duration) cell {
	k.t.Helper()
	c, err := k.runErr(code, timeout)
	if err != nil {
		k.t.Fatalf("cell %q: %v\nkernel log:\n%s", code, err, k.log)
	}
	return c
}

// run runs code, failing the test when no reply comes within 3 minutes.
func (k *kernel) run(code string) cell { k.t.Helper(); return k.runWithin(code, 3*time.Minute) }

// ok runs code and fails the test unless the cell succeeds.
func (k *kernel) ok(code string) cell {
	k.t.Helper()
	c := k.run(code)
	if c.status != "ok" {
		k.t.Fatalf("cell %q: %s %s\n%s", code, c.status, c.errText(), c.out)
	}
	return c
}

// survived checks the kernel after an attack: the process lives, answers kernel_info and
// still holds keep, set when it started.
func (k *kernel) survived() {
	k.t.Helper()
	select {
	case <-k.exited:
		k.t.Fatalf("the kernel process died: %v\nits log:\n%s", k.cmd.ProcessState, k.log)
	default:
	}
	if err := k.kernelInfo(30 * time.Second); err != nil {
		k.t.Fatalf("after the attack: %v\nkernel log:\n%s", err, k.log)
	}
	if c := k.runWithin(`fmt.Println("keep =", keep)`, time.Minute); c.status != "ok" || !strings.Contains(c.stdout, "keep = 42") {
		k.t.Fatalf("the session lost keep: %s %s %q", c.status, c.errText(), c.out)
	}
}
