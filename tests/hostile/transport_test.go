package hostile

// Attacks on the kernel's ZeroMQ sockets (rows 1, 2 and 22 of the hardening table), run
// against the real binary with plain TCP connections that speak as much ZMTP as the
// attack needs: a huge frame header, silent connections, a subscriber that never reads.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
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

func init() {
	register(1, "huge frame header on shell and heartbeat", transportHugeFrame)
	register(2, "silent connection on every port", transportSilent)
	register(22, "IOPub subscriber that never reads", transportStalledSubscriber)
}

// transportKernel is a sluice kernel process with a Jupyter client on shell and IOPub.
type transportKernel struct {
	t       *testing.T
	ci      wire.ConnectionInfo
	cmd     *exec.Cmd
	exited  chan struct{}
	log     *transportBuffer
	signer  *wire.Signer
	session string
	shell   zmq4.Socket
	iopub   zmq4.Socket
	replies chan *wire.Message
	pub     chan *wire.Message
}

type transportBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *transportBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *transportBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// transportStart starts `sluice kernel` on five free loopback ports; it does not connect.
func transportStart(t *testing.T) *transportKernel {
	t.Helper()
	bin := testenv.SluiceBinary(t)
	dir := t.TempDir()
	var ports [5]int
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	ci := wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: ports[0], IOPubPort: ports[1],
		StdinPort: ports[2], ControlPort: ports[3], HBPort: ports[4], SignatureScheme: "hmac-sha256", Key: wire.NewID()}
	cf := filepath.Join(dir, "kernel.json")
	if err := wire.WriteConnectionFile(cf, ci); err != nil {
		t.Fatal(err)
	}
	signer, err := ci.Signer()
	if err != nil {
		t.Fatal(err)
	}
	k := &transportKernel{t: t, ci: ci, signer: signer, session: wire.NewID(), exited: make(chan struct{}),
		log: &transportBuffer{}, replies: make(chan *wire.Message, 16), pub: make(chan *wire.Message, 1024)}
	k.cmd = exec.Command(bin, "kernel", "--connection-file", cf)
	k.cmd.Dir = dir
	k.cmd.Env = append(os.Environ(), "SLUICE_HOME="+filepath.Join(dir, "home"))
	k.cmd.Stdout, k.cmd.Stderr = k.log, k.log
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = k.cmd.Wait(); close(k.exited) }()
	t.Cleanup(func() {
		select {
		case <-k.exited:
		default:
			_ = k.cmd.Process.Kill()
			<-k.exited
		}
		if k.shell != nil {
			k.shell.Close()
			k.iopub.Close()
		}
	})
	// Wait until the kernel listens on every port.
	for _, p := range ports {
		for i := 0; ; i++ {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err == nil {
				c.Close()
				break
			}
			if i == 600 {
				t.Fatalf("the kernel never listened on %d\n%s", p, k.log)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return k
}

// connect connects a fresh Jupyter client (shell DEALER, IOPub SUB) and waits until
// kernel_info is answered within timeout, as a front end does. (zmq4's Dial waits for
// the handshake without a deadline, so it runs in a goroutine left behind on failure.)
func (k *transportKernel) connect(timeout time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- k.dial(timeout) }()
	select {
	case err := <-done:
		return err
	case <-time.After(timeout):
		return fmt.Errorf("no connection within %s (the kernel did not complete the handshake)", timeout)
	}
}

func (k *transportKernel) dial(timeout time.Duration) error {
	if k.shell != nil {
		k.shell.Close()
		k.iopub.Close()
	}
	k.session = wire.NewID()
	k.replies, k.pub = make(chan *wire.Message, 16), make(chan *wire.Message, 1024)
	k.shell = zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity(k.session)))
	k.iopub = zmq4.NewSub(context.Background())
	if err := k.shell.Dial(k.ci.Endpoint(k.ci.ShellPort)); err != nil {
		return err
	}
	if err := k.iopub.Dial(k.ci.Endpoint(k.ci.IOPubPort)); err != nil {
		return err
	}
	if err := k.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		return err
	}
	for _, s := range []struct {
		sock zmq4.Socket
		ch   chan *wire.Message
	}{{k.shell, k.replies}, {k.iopub, k.pub}} {
		go func() {
			for {
				m, err := wire.Recv(s.sock, k.signer)
				var de *wire.DecodeError
				if errors.As(err, &de) {
					continue
				}
				if err != nil {
					return
				}
				s.ch <- m
			}
		}()
	}
	// The subscription may reach the kernel after the first status: ask again, within
	// the front end's timeout, until kernel_info's reply and its idle status both arrive.
	deadline := time.Now().Add(timeout)
	for {
		_, _, err := k.request(wire.KernelInfoRequest, nil, time.Second)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no kernel_info within %s: %w", timeout, err)
		}
	}
}

// request sends msgType on shell and collects the IOPub messages under it until its
// reply and the idle status have arrived.
func (k *transportKernel) request(msgType string, content any, timeout time.Duration) (*wire.Message, []*wire.Message, error) {
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
			return nil, pub, fmt.Errorf("the kernel process exited (%v)", k.cmd.ProcessState)
		case <-limit.C:
			return nil, pub, fmt.Errorf("no reply to %s within %s (reply %t)", msgType, timeout, reply != nil)
		}
	}
	return reply, pub, nil
}

// run executes code and returns its status and everything it printed on stdout.
func (k *transportKernel) run(code string, timeout time.Duration) (string, string) {
	k.t.Helper()
	r, pub, err := k.request(wire.ExecuteRequest, map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true}, timeout)
	if err != nil {
		k.t.Fatalf("cell %q: %v\nkernel log:\n%s", code, err, k.log)
	}
	var rc wire.ExecuteReplyContent
	_ = r.DecodeContent(&rc)
	var out strings.Builder
	for _, p := range pub {
		var s wire.StreamContent
		if p.Header.MsgType == wire.Stream && p.DecodeContent(&s) == nil && s.Name == "stdout" {
			out.WriteString(s.Text)
		}
	}
	return rc.Status, out.String()
}

// survived checks that the kernel process lives, answers kernel_info and still holds
// keep, set before the attack.
func (k *transportKernel) survived() {
	k.t.Helper()
	select {
	case <-k.exited:
		k.t.Fatalf("the kernel process died: %v\nits log:\n%s", k.cmd.ProcessState, k.log)
	default:
	}
	if _, _, err := k.request(wire.KernelInfoRequest, nil, 30*time.Second); err != nil {
		k.t.Fatalf("after the attack: %v\nkernel log:\n%s", err, k.log)
	}
	if st, out := k.run(`fmt.Println("keep =", keep)`, time.Minute); st != "ok" || !strings.Contains(out, "keep = 42") {
		k.t.Fatalf("the session lost its variable: %s %q", st, out)
	}
}

// transportSetUp starts a kernel, connects and sets keep.
func transportSetUp(t *testing.T) *transportKernel {
	k := transportStart(t)
	if err := k.connect(60 * time.Second); err != nil {
		t.Fatalf("%v\nkernel log:\n%s", err, k.log)
	}
	if st, _ := k.run(`keep := 42`, time.Minute); st != "ok" {
		t.Fatalf("keep := 42: %s", st)
	}
	return k
}

// ZMTP 3.0 as a raw peer speaks it.
var transportGreeting = func() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}()

func transportFrameHeader(flags byte, size uint64) []byte {
	if size > 255 {
		return binary.BigEndian.AppendUint64([]byte{flags | 0x02}, size)
	}
	return []byte{flags, byte(size)}
}

func transportReady(socketType string) []byte {
	body := append([]byte("\x05READY\x0bSocket-Type"), binary.BigEndian.AppendUint32(nil, uint32(len(socketType)))...)
	body = append(body, socketType...)
	return append(transportFrameHeader(0x04, uint64(len(body))), body...)
}

// transportDropped reads c until the kernel closes it; a connection still open after a
// generous bound fails the test.
func transportDropped(t *testing.T, c net.Conn, what string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("%s: the kernel kept the connection open", what)
	}
}

// transportHugeFrame is row 1: a ZMTP greeting, then a frame header announcing 2^63-1
// bytes or 1 TiB (in place of the handshake, or after it), on shell and heartbeat.
func transportHugeFrame(t *testing.T) {
	k := transportSetUp(t)
	for _, port := range []struct {
		name, peer string
		port       int
	}{{"shell", "DEALER", k.ci.ShellPort}, {"heartbeat", "REQ", k.ci.HBPort}} {
		for _, size := range []uint64{1<<63 - 1, 1 << 40} {
			for _, handshake := range []bool{false, true} {
				c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port.port))
				if err != nil {
					t.Fatal(err)
				}
				attack := append([]byte(nil), transportGreeting...)
				flags := byte(0x04) // a command where READY belongs
				if handshake {
					attack = append(attack, transportReady(port.peer)...)
					flags = 0x01
				}
				c.Write(append(attack, transportFrameHeader(flags, size)...))
				transportDropped(t, c, fmt.Sprintf("%s, %d bytes, handshake %t", port.name, size, handshake))
				c.Close()
			}
		}
	}
	k.survived()
	if !strings.Contains(k.log.String(), "zmtp guard") {
		t.Errorf("the kernel log does not mention the dropped connections:\n%s", k.log)
	}
}

// transportSilent is row 2: one raw TCP connection to each kernel port that sends
// nothing; a new client still gets kernel_info within the front end's usual timeout.
func transportSilent(t *testing.T) {
	k := transportSetUp(t)
	for _, p := range []int{k.ci.ShellPort, k.ci.IOPubPort, k.ci.StdinPort, k.ci.ControlPort, k.ci.HBPort} {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	// jupyter_client gives up after 20 s ("Kernel didn't respond in 20 seconds").
	if err := k.connect(20 * time.Second); err != nil {
		t.Fatalf("a new client with silent connections open: %v\nkernel log:\n%s", err, k.log)
	}
	k.survived()
}

// transportStalledSubscriber is row 22: a subscriber on IOPub that never reads while
// another client runs a cell printing 20 MB; the good client gets all of it and its reply.
func transportStalledSubscriber(t *testing.T) {
	k := transportSetUp(t)
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", k.ci.IOPubPort))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4 << 10)
	// Greeting, READY as a SUB, a subscription to everything; then it never reads.
	c.Write(append(append(append([]byte(nil), transportGreeting...), transportReady("SUB")...), 0, 1, 1))
	// A cell whose output reaches the stalled subscriber: once its subscription is in.
	for i := 0; ; i++ {
		if st, _ := k.run(`fmt.Println("warm-up")`, time.Minute); st != "ok" {
			t.Fatal("warm-up cell failed")
		}
		if i == 2 {
			break
		}
	}
	const lines, width = 20000, 1000 // 20 MB
	st, out := k.run(fmt.Sprintf(`for i := 0; i < %d; i++ { fmt.Println(strings.Repeat("x", %d)) }`, lines, width-1), 2*time.Minute)
	if st != "ok" {
		t.Fatalf("the 20 MB cell: %s", st)
	}
	if len(out) != lines*width || strings.Count(out, "\n") != lines {
		t.Fatalf("the good client got %d bytes in %d lines of output, want %d in %d", len(out), strings.Count(out, "\n"), lines*width, lines)
	}
	k.survived()
}
