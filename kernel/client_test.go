//go:build unix

package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// testClient is an in-process Jupyter client for a kernel served on ephemeral ports.
type testClient struct {
	t       *testing.T
	ci      wire.ConnectionInfo
	signer  *wire.Signer
	session string

	shell, control, stdin, iopub, hb zmq4.Socket

	shellIn, controlIn, stdinIn, iopubIn chan *wire.Message
	stash                                map[string][]*wire.Message // iopub by parent msg_id
	done                                 chan error                 // Serve's result
	cancel                               context.CancelFunc
}

const testTimeout = 10 * time.Second

// startKernel serves eng on ephemeral loopback ports and connects a client to it.
func startKernel(t *testing.T, eng Engine, opts Options) *testClient {
	t.Helper()
	ci := wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", SignatureScheme: "hmac-sha256", Key: "test-key-" + wire.NewID()}
	return startKernelWith(t, ci, eng, opts)
}

func startKernelWith(t *testing.T, ci wire.ConnectionInfo, eng Engine, opts Options) *testClient {
	t.Helper()
	ready := make(chan wire.ConnectionInfo, 1)
	opts.Ready = func(ci wire.ConnectionInfo) { ready <- ci }
	if opts.FlushInterval == 0 {
		opts.FlushInterval = 10 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &testClient{t: t, session: wire.NewID(), done: make(chan error, 1), cancel: cancel}
	go func() { c.done <- Serve(ctx, ci, eng, opts) }()
	select {
	case c.ci = <-ready:
	case err := <-c.done:
		t.Fatalf("kernel did not start: %v", err)
	case <-time.After(testTimeout):
		t.Fatal("kernel did not start in time")
	}
	c.signer, _ = c.ci.Signer()
	id := zmq4.WithID(zmq4.SocketIdentity("client-" + c.session[:8]))
	bg := context.Background()
	c.shell = zmq4.NewDealer(bg, id)
	c.control = zmq4.NewDealer(bg, id)
	c.stdin = zmq4.NewDealer(bg, id)
	c.iopub = zmq4.NewSub(bg)
	c.hb = zmq4.NewReq(bg)
	for _, d := range []struct {
		s    zmq4.Socket
		port int
	}{{c.shell, c.ci.ShellPort}, {c.control, c.ci.ControlPort}, {c.stdin, c.ci.StdinPort}, {c.iopub, c.ci.IOPubPort}, {c.hb, c.ci.HBPort}} {
		if err := d.s.Dial(c.ci.Endpoint(d.port)); err != nil {
			t.Fatalf("dial %d: %v", d.port, err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	c.shellIn, c.controlIn, c.stdinIn, c.iopubIn = c.pump(c.shell), c.pump(c.control), c.pump(c.stdin), c.pump(c.iopub)
	t.Cleanup(c.close)
	c.waitReady()
	return c
}

// pump receives decoded messages from sock into a channel.
func (c *testClient) pump(sock zmq4.Socket) chan *wire.Message {
	ch := make(chan *wire.Message, 1024)
	go func() {
		for {
			m, err := wire.Recv(sock, c.signer)
			if err != nil {
				var de *wire.DecodeError
				if errors.As(err, &de) {
					c.t.Errorf("client received a bad message: %v", err)
					continue
				}
				close(ch)
				return
			}
			ch <- m
		}
	}()
	return ch
}

// waitReady sends kernel_info_request until both its reply and an iopub message for
// it arrive (iopub is then connected), the way jupyter_client's wait_for_ready does.
func (c *testClient) waitReady() {
	deadline := time.Now().Add(testTimeout)
	for time.Now().Before(deadline) {
		req := c.send(c.shell, wire.KernelInfoRequest, nil)
		c.replyTo(c.shellIn, req)
		timeout := time.After(300 * time.Millisecond)
		for {
			select {
			case m := <-c.iopubIn:
				if m.ParentID() == req.Header.MsgID {
					c.drainIOPub()
					return
				}
				continue
			case <-timeout:
			}
			break
		}
	}
	c.t.Fatal("kernel never became ready")
}

// drainIOPub discards iopub messages until none arrives for 100 ms.
func (c *testClient) drainIOPub() {
	for {
		select {
		case <-c.iopubIn:
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}

func (c *testClient) close() {
	for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub, c.hb} {
		s.Close()
	}
	c.cancel()
	select {
	case <-c.done:
	case <-time.After(testTimeout):
		c.t.Error("kernel did not stop after cancel")
	}
}

// send signs and sends a request on sock and returns it.
func (c *testClient) send(sock zmq4.Socket, msgType string, content any) *wire.Message {
	c.t.Helper()
	m, err := wire.New(msgType, c.session, nil, content)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := wire.Send(sock, m, c.signer); err != nil {
		c.t.Fatal(err)
	}
	return m
}

// replyTo waits for the reply to req on ch.
func (c *testClient) replyTo(ch chan *wire.Message, req *wire.Message) *wire.Message {
	c.t.Helper()
	timeout := time.After(testTimeout)
	for {
		select {
		case m, ok := <-ch:
			if !ok {
				c.t.Fatalf("socket closed while waiting for the reply to %s", req.Header.MsgType)
			}
			if m.ParentID() == req.Header.MsgID {
				return m
			}
			c.t.Logf("skipping %s (parent %s)", m.Header.MsgType, m.ParentID())
		case <-timeout:
			c.t.Fatalf("no reply to %s", req.Header.MsgType)
		}
	}
}

// iopubFor collects the iopub messages of req from its busy to its idle status.
// Messages of other requests read meanwhile are kept for their own iopubFor call.
func (c *testClient) iopubFor(req *wire.Message) []*wire.Message {
	c.t.Helper()
	id := req.Header.MsgID
	var out []*wire.Message
	take := func(m *wire.Message) bool {
		out = append(out, m)
		return m.Header.MsgType == wire.Status && status(m) == "idle"
	}
	stash := c.stash[id]
	delete(c.stash, id)
	for _, m := range stash {
		if take(m) {
			return out
		}
	}
	timeout := time.After(testTimeout)
	for {
		select {
		case m := <-c.iopubIn:
			if p := m.ParentID(); p != id {
				if c.stash == nil {
					c.stash = map[string][]*wire.Message{}
				}
				c.stash[p] = append(c.stash[p], m)
				continue
			}
			if take(m) {
				return out
			}
		case <-timeout:
			c.t.Fatalf("no idle for %s; got %s", req.Header.MsgType, types(out))
		}
	}
}

// call sends a request on shell (or control) and returns its reply and iopub messages.
func (c *testClient) call(onControl bool, msgType string, content any) (*wire.Message, []*wire.Message) {
	c.t.Helper()
	sock, ch := c.shell, c.shellIn
	if onControl {
		sock, ch = c.control, c.controlIn
	}
	req := c.send(sock, msgType, content)
	reply := c.replyTo(ch, req)
	return reply, c.iopubFor(req)
}

// execute runs code with default options and returns the reply and iopub messages.
func (c *testClient) execute(code string, extra map[string]any) (map[string]any, []*wire.Message) {
	c.t.Helper()
	content := map[string]any{"code": code, "silent": false, "store_history": true, "allow_stdin": false}
	for k, v := range extra {
		content[k] = v
	}
	reply, pub := c.call(false, wire.ExecuteRequest, content)
	return decode(c.t, reply), pub
}

func decode(t *testing.T, m *wire.Message) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(m.Content, &v); err != nil {
		t.Fatalf("decode %s: %v", m.Header.MsgType, err)
	}
	return v
}

func status(m *wire.Message) string {
	var s wire.StatusContent
	_ = json.Unmarshal(m.Content, &s)
	return s.ExecutionState
}

func types(ms []*wire.Message) string {
	var s []string
	for _, m := range ms {
		t := m.Header.MsgType
		if t == wire.Status {
			t += ":" + status(m)
		}
		s = append(s, t)
	}
	return strings.Join(s, " ")
}

// streamText concatenates the text of the named stream in ms.
func streamText(t *testing.T, ms []*wire.Message, name string) string {
	var b strings.Builder
	for _, m := range ms {
		if m.Header.MsgType == wire.Stream {
			var s wire.StreamContent
			json.Unmarshal(m.Content, &s)
			if s.Name == name {
				b.WriteString(s.Text)
			}
		}
	}
	return b.String()
}

func find(ms []*wire.Message, typ string) *wire.Message {
	for _, m := range ms {
		if m.Header.MsgType == typ {
			return m
		}
	}
	return nil
}
