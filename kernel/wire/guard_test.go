package wire

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"
)

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// guardedSocket starts sock listening on an ephemeral loopback port through g and
// returns its tcp endpoint.
func guardedSocket(t *testing.T, g *Guard, sock zmq4.Socket, gs GuardedSocket) string {
	t.Helper()
	if err := g.Listen(sock, "tcp://127.0.0.1:0", gs); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sock.Close() })
	return "tcp://" + sock.Addr().String()
}

// readyFrame encodes a READY command frame with props (name, value pairs).
func readyFrame(props ...string) []byte {
	body := []byte("\x05READY")
	for i := 0; i+1 < len(props); i += 2 {
		body = append(body, byte(len(props[i])))
		body = append(body, props[i]...)
		body = binary.BigEndian.AppendUint32(body, uint32(len(props[i+1])))
		body = append(body, props[i+1]...)
	}
	return append(frameHeader(flagCommand, uint64(len(body))), body...)
}

// frameHeader encodes a frame header announcing size bytes.
func frameHeader(flags byte, size uint64) []byte {
	if size > 255 {
		return binary.BigEndian.AppendUint64([]byte{flags | flagLong}, size)
	}
	return []byte{flags, byte(size)}
}

// rawPeer connects to ep with a plain TCP connection and completes the ZMTP handshake
// by hand as a peer of type typ, so a test can then send anything.
func rawPeer(t *testing.T, ep string, typ, identity string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(ep, "tcp://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := c.Write(append(append([]byte(nil), greeting...), readyFrame("Socket-Type", typ, "Identity", identity)...)); err != nil {
		t.Fatal(err)
	}
	var peer [greetingLen + 2]byte
	if _, err := io.ReadFull(c, peer[:]); err != nil {
		t.Fatalf("no greeting and READY from the guarded socket: %v", err)
	}
	if _, err := io.ReadFull(c, make([]byte, peer[greetingLen+1])); err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Time{})
	return c
}

// waitClosed reads c until the guard closes it; it fails the test if c is still open
// after a generous bound (this is a liveness bound, not a timing assertion).
func waitClosed(t *testing.T, c net.Conn, what ...string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the guard did not close the connection", what)
	}
}

// roundTrip sends a request from a fresh DEALER to the ROUTER at ep, which echoes it.
func roundTrip(t *testing.T, router zmq4.Socket, ep string, payload []byte) {
	t.Helper()
	d := zmq4.NewDealer(context.Background(), zmq4.WithTimeout(30*time.Second))
	defer d.Close()
	if err := d.Dial(ep); err != nil {
		t.Fatal(err)
	}
	if err := d.SendMulti(zmq4.NewMsgFrom([]byte("req"), payload)); err != nil {
		t.Fatal(err)
	}
	m, err := router.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Frames) != 3 || !bytes.Equal(m.Frames[2], payload) {
		t.Fatalf("router got %d frames", len(m.Frames))
	}
	if err := router.SendMulti(zmq4.NewMsgFrom(m.Frames[0], []byte("rep"), payload)); err != nil {
		t.Fatal(err)
	}
	got := make(chan zmq4.Msg, 1)
	go func() { r, _ := d.Recv(); got <- r }()
	select {
	case r := <-got:
		if len(r.Frames) != 2 || !bytes.Equal(r.Frames[1], payload) {
			t.Fatalf("dealer got %d frames", len(r.Frames))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no reply through the guarded router")
	}
}

func TestGuardRoundTrip(t *testing.T) {
	g := NewGuard(GuardConfig{Logger: quietLog})
	router := zmq4.NewRouter(context.Background())
	ep := guardedSocket(t, g, router, GuardedSocket{Name: "shell"})
	roundTrip(t, router, ep, []byte("small"))
	roundTrip(t, router, ep, bytes.Repeat([]byte("x"), 3<<20)) // long frames, many reads
	if s := g.Stats(); s != (GuardStats{}) {
		t.Errorf("stats after well-formed traffic: %+v", s)
	}
}

func TestGuardIPC(t *testing.T) {
	g := NewGuard(GuardConfig{Logger: quietLog})
	router := zmq4.NewRouter(context.Background())
	ci := ConnectionInfo{Transport: "ipc", IP: t.TempDir() + "/kernel"}
	ep := ci.Endpoint(1)
	if err := g.Listen(router, ep, GuardedSocket{Name: "shell"}); err != nil {
		t.Fatal(err)
	}
	defer router.Close()
	roundTrip(t, router, ep, []byte("over a unix socket"))
}

// TestGuardHugeFrame is row 1: a frame header announcing 2^63-1 bytes or 1 TiB, before
// or after a valid handshake, drops the connection; the socket keeps serving.
func TestGuardHugeFrame(t *testing.T) {
	const limit = 1 << 20
	g := NewGuard(GuardConfig{Logger: quietLog, MaxMessage: limit})
	router := zmq4.NewRouter(context.Background())
	ep := guardedSocket(t, g, router, GuardedSocket{Name: "shell"})
	for _, size := range []uint64{1<<63 - 1, 1 << 40, limit + 1} {
		for _, flags := range []byte{0, flagMore, flagCommand} {
			c := rawPeer(t, ep, "DEALER", "")
			c.Write(frameHeader(flags, size))
			waitClosed(t, c)
		}
		// The same header in place of READY.
		c, err := net.Dial("tcp", strings.TrimPrefix(ep, "tcp://"))
		if err != nil {
			t.Fatal(err)
		}
		c.Write(append(append([]byte(nil), greeting...), frameHeader(flagCommand, size)...))
		waitClosed(t, c)
	}
	// A message of frames within the limit that add up to more.
	c := rawPeer(t, ep, "DEALER", "")
	for range 5 {
		c.Write(frameHeader(flagMore, limit/4))
		c.Write(make([]byte, limit/4))
	}
	waitClosed(t, c)
	roundTrip(t, router, ep, []byte("still here"))
	if s := g.Stats(); s.Oversized != 10 || s.Rejected != 3 {
		t.Errorf("stats: %+v (want 10 oversized, 3 rejected)", s)
	}
}

// TestGuardInFlight: headers of large frames whose bodies do not follow reserve the
// guard's budget; beyond it a connection is dropped, and bodies that arrive (or
// connections that end) give it back.
func TestGuardInFlight(t *testing.T) {
	const size = 4 << 20
	g := NewGuard(GuardConfig{Logger: quietLog, MaxMessage: size}) // MaxInFlight 16 MiB
	router := zmq4.NewRouter(context.Background())
	ep := guardedSocket(t, g, router, GuardedSocket{Name: "shell"})
	var peers []net.Conn
	for i := range 4 {
		c := rawPeer(t, ep, "DEALER", fmt.Sprint("p", i))
		c.Write(frameHeader(0, size))
		peers = append(peers, c)
	}
	for i := 0; g.inFlight.Load() != 4*size; i++ {
		if i == 3000 {
			t.Fatalf("in flight: %d", g.inFlight.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	over := rawPeer(t, ep, "DEALER", "over")
	over.Write(frameHeader(0, size))
	waitClosed(t, over)
	peers[0].Write(make([]byte, size)) // its message arrives whole
	if m, err := router.Recv(); err != nil || string(m.Frames[0]) != "p0" || len(m.Frames[1]) != size {
		t.Fatalf("router: %v", err)
	}
	peers[1].Close()
	for i := 0; g.inFlight.Load() != 2*size; i++ {
		if i == 3000 {
			t.Fatalf("in flight after a body and a close: %d", g.inFlight.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	roundTrip(t, router, ep, make([]byte, size-100))
	if s := g.Stats(); s.Oversized != 1 {
		t.Errorf("stats: %+v", s)
	}
}

// TestGuardHandshakes: malformed handshakes are refused before zmq4 sees them (an
// unknown socket type or a truncated property would make zmq4 panic), and silent
// connections neither block others nor stay open past the deadline (row 2).
func TestGuardHandshakes(t *testing.T) {
	g := NewGuard(GuardConfig{Logger: quietLog, HandshakeTimeout: 300 * time.Millisecond})
	router := zmq4.NewRouter(context.Background())
	ep := guardedSocket(t, g, router, GuardedSocket{Name: "shell"})
	addr := strings.TrimPrefix(ep, "tcp://")
	var silent []net.Conn
	for range 5 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		silent = append(silent, c)
	}
	roundTrip(t, router, ep, []byte("while others are silent"))

	hello := func(greet []byte, ready []byte) []byte { return append(append([]byte(nil), greet...), ready...) }
	dealer := readyFrame("Socket-Type", "DEALER")
	greetWith := func(at int, b ...byte) []byte {
		g := append([]byte(nil), greeting...)
		copy(g[at:], b)
		return g
	}
	bad := map[string][]byte{
		"unknown type":   hello(greeting, readyFrame("Socket-Type", "FOO")),
		"no type":        hello(greeting, readyFrame("Identity", "x")),
		"incompatible":   hello(greeting, readyFrame("Socket-Type", "PUB")),
		"lower-case key": hello(greeting, readyFrame("socket-type", "DEALER")),
		"two types":      hello(greeting, readyFrame("Socket-Type", "DEALER", "Socket-Type", "DEALER")),
		"cut property":   hello(greeting, append(frameHeader(flagCommand, 10), "\x05READY\x09Soc"...)),
		"empty command":  hello(greeting, frameHeader(flagCommand, 0)),
		"not READY":      hello(greeting, append(frameHeader(flagCommand, 6), "\x05HELLO"...)),
		"message frame":  hello(greeting, append(frameHeader(0, 6), "\x05READY"...)),
		"version 2":      hello(greetWith(10, 2, 0), dealer),
		"PLAIN":          hello(greetWith(12, []byte("PLAIN")...), dealer),
		"as-server 7":    hello(greetWith(32, 7), dealer),
		"signature":      hello(greetWith(0, 0x7f), dealer),
	}
	for name, b := range bad {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.Write(b)
		waitClosed(t, c, name)
	}
	for _, c := range silent {
		waitClosed(t, c)
	}
	roundTrip(t, router, ep, []byte("after"))
	if s := g.Stats(); s.Rejected != int64(len(bad)+len(silent)) {
		t.Errorf("rejected %d connections, want %d", s.Rejected, len(bad)+len(silent))
	}
}

// TestGuardSlowSubscriber is row 22: a subscriber that never reads does not hold up the
// PUB socket; beyond MaxUnsent its messages are dropped, counted and logged, and the
// subscription hook sees both subscribers.
func TestGuardSlowSubscriber(t *testing.T) {
	var logBuf syncBuffer
	g := NewGuard(GuardConfig{Logger: slog.New(slog.NewTextHandler(&logBuf, nil)), MaxUnsent: 1 << 20})
	subs := make(chan string, 4)
	pub := zmq4.NewPub(context.Background())
	ep := guardedSocket(t, g, pub, GuardedSocket{Name: "iopub", OnSubscribe: func(topic []byte, sub bool) {
		if sub {
			subs <- string(topic)
		}
	}})
	slow := rawPeer(t, ep, "SUB", "")
	slow.Write(append(frameHeader(0, 2), 1, 'x')) // subscribes to "x", then never reads
	good := zmq4.NewSub(context.Background())
	defer good.Close()
	if err := good.Dial(ep); err != nil {
		t.Fatal(err)
	}
	good.SetOption(zmq4.OptionSubscribe, "x")
	for range 2 {
		select {
		case topic := <-subs:
			if topic != "x" {
				t.Errorf("subscription topic %q", topic)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the subscription hook was not called")
		}
	}
	// 20 MiB, published no faster than the good subscriber reads (at most 8 messages
	// ahead), so that only the slow one can fall MaxUnsent behind.
	const n, size, window = 320, 64 << 10, 8
	recvd := make(chan error, n)
	go func() {
		for i := range n {
			m, err := good.Recv()
			if err == nil && (len(m.Frames) != 2 || len(m.Frames[1]) != size || int(m.Frames[1][0]) != i%256) {
				err = errors.New("wrong or missing message")
			}
			recvd <- err
			if err != nil {
				return
			}
		}
	}()
	wait := func() {
		select {
		case err := <-recvd:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("the good subscriber stopped getting messages")
		}
	}
	for i := range n {
		if i >= window {
			wait()
		}
		body := make([]byte, size)
		body[0] = byte(i)
		if err := pub.SendMulti(zmq4.NewMsgFrom([]byte("x"), body)); err != nil {
			t.Fatal(err)
		}
	}
	for range window {
		wait()
	}
	if s := g.Stats(); s.DroppedMessages == 0 || s.SlowDisconnects != 0 {
		t.Errorf("stats: %+v (want dropped messages, no disconnect)", s)
	}
	pub.Close()
	g.Wait(10 * time.Second)
	for _, want := range []string{"dropping its messages", "messages dropped for a subscriber"} {
		if !strings.Contains(logBuf.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logBuf.String())
		}
	}
}

// TestGuardDropsWholeMessages: what a subscriber that falls behind and then reads again
// gets is well-formed ZMTP, in order, made of whole messages only.
func TestGuardDropsWholeMessages(t *testing.T) {
	g := NewGuard(GuardConfig{Logger: quietLog, MaxUnsent: 256 << 10})
	pub := zmq4.NewPub(context.Background())
	subscribed := make(chan bool, 1)
	ep := guardedSocket(t, g, pub, GuardedSocket{Name: "iopub", OnSubscribe: func([]byte, bool) { subscribed <- true }})
	c := rawPeer(t, ep, "SUB", "")
	c.Write(append(frameHeader(0, 1), 1))
	<-subscribed
	send := func(i int, size int) {
		body := make([]byte, size)
		binary.BigEndian.PutUint32(body, uint32(i))
		pub.SendMulti(zmq4.NewMsgFrom([]byte("t"), []byte("meta"), body))
	}
	i := 0
	for ; g.Stats().DroppedMessages < 20; i++ {
		if i == 100000 {
			t.Fatal("nothing dropped")
		}
		send(i, 1000+i%5000)
	}
	got := make(chan int, 1)
	go func() {
		r := bufio.NewReader(c)
		last := -1
		for {
			var frames [][]byte
			for more := true; more; {
				var h [9]byte
				if _, err := io.ReadFull(r, h[:2]); err != nil {
					return
				}
				size := uint64(h[1])
				if h[0]&flagLong != 0 {
					io.ReadFull(r, h[2:9])
					size = binary.BigEndian.Uint64(h[1:9])
				}
				if size > 1<<20 || h[0]&^(flagMore|flagLong) != 0 {
					t.Errorf("bad frame header %x", h)
					return
				}
				b := make([]byte, size)
				if _, err := io.ReadFull(r, b); err != nil {
					return
				}
				frames = append(frames, b)
				more = h[0]&flagMore != 0
			}
			if len(frames) != 3 || string(frames[0]) != "t" || string(frames[1]) != "meta" || len(frames[2]) < 4 {
				t.Errorf("a message of %d frames", len(frames))
				return
			}
			n := int(binary.BigEndian.Uint32(frames[2]))
			if n <= last {
				t.Errorf("message %d after %d", n, last)
				return
			}
			last = n
			if len(frames[2]) == 4 {
				got <- n
				return
			}
		}
	}()
	// Once the subscriber reads again, a last (4-byte) message gets through.
	for j := 0; ; j++ {
		select {
		case <-got:
			return
		case <-time.After(10 * time.Millisecond):
			if j == 3000 {
				t.Fatal("the subscriber never got the last message")
			}
			send(i+j, 4)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestGuardSlowPeer: on a ROUTER, a peer that does not read its replies is dropped once
// MaxUnsent bytes wait for it.
func TestGuardSlowPeer(t *testing.T) {
	g := NewGuard(GuardConfig{Logger: quietLog, MaxUnsent: 1 << 20})
	router := zmq4.NewRouter(context.Background(), zmq4.WithTimeout(30*time.Second))
	ep := guardedSocket(t, g, router, GuardedSocket{Name: "shell"})
	slow := rawPeer(t, ep, "DEALER", "slow")
	if tc, ok := slow.(*net.TCPConn); ok {
		tc.SetReadBuffer(4 << 10)
	}
	for i := 0; g.Stats().SlowDisconnects == 0; i++ {
		if i == 200 {
			t.Fatalf("not dropped after %d MiB; stats %+v", i, g.Stats())
		}
		router.SendMulti(zmq4.NewMsgFrom([]byte("slow"), make([]byte, 1<<20)))
	}
	waitClosed(t, slow)
	roundTrip(t, router, ep, []byte("others unaffected"))
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"268435456": 256 << 20, "256MiB": 256 << 20, "64 mb": 64 << 20,
		"1G": 1 << 30, "12k": 12 << 10, "7B": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "1T", "-5", "99999999999G"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) succeeded", in)
		}
	}
	t.Setenv("SLUICE_MAX_FRAME", "1MiB")
	t.Setenv("SLUICE_HANDSHAKE_TIMEOUT", "2s")
	c, err := GuardConfig{MaxUnsent: 5}.WithEnv()
	if err != nil || c.MaxMessage != 1<<20 || c.HandshakeTimeout != 2*time.Second || c.MaxUnsent != 5 {
		t.Errorf("WithEnv: %+v, %v", c, err)
	}
	t.Setenv("SLUICE_MAX_UNSENT", "lots")
	if _, err := (GuardConfig{}).WithEnv(); err == nil {
		t.Error("WithEnv accepted SLUICE_MAX_UNSENT=lots")
	}
}

// fuzzConn is the network side of a guarded connection in FuzzGuardFrame: writes are
// discarded (the guard reads through its own buffered reader).
type fuzzConn struct{}

func (*fuzzConn) Read([]byte) (int, error)         { return 0, io.EOF }
func (*fuzzConn) Write(p []byte) (int, error)      { return len(p), nil }
func (*fuzzConn) Close() error                     { return nil }
func (*fuzzConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (*fuzzConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (*fuzzConn) SetDeadline(time.Time) error      { return nil }
func (*fuzzConn) SetReadDeadline(time.Time) error  { return nil }
func (*fuzzConn) SetWriteDeadline(time.Time) error { return nil }

// FuzzGuardFrame feeds arbitrary peer bytes through the guard into zmq4's own
// handshake and frame reader: zmq4 must accept every handshake the guard accepts, never
// panic, and never get a message above the limits. The first byte picks the local
// socket type. The corpus in testdata/fuzz/FuzzGuardFrame runs in normal tests.
func FuzzGuardFrame(f *testing.F) {
	hs := append(append([]byte(nil), greeting...), readyFrame("Socket-Type", "DEALER", "Identity", "c1")...)
	sub := append(append([]byte(nil), greeting...), readyFrame("Socket-Type", "SUB")...)
	f.Add(append(append([]byte{0}, hs...), append(frameHeader(flagMore, 3), "abc\x00\x02hi"...)...))
	f.Add(append(append([]byte{0}, hs...), frameHeader(0, 1<<63-1)...))
	f.Add(append(append([]byte{0}, hs...), frameHeader(flagCommand, 5)...))
	f.Add(append(append([]byte{0}, hs...), append(frameHeader(flagCommand, 5), "\x04PING"...)...))
	f.Add(append(append([]byte{1}, sub...), append(frameHeader(0, 3), "\x01ab\x00\x01\x00"...)...))
	f.Add(append([]byte{2}, append(append([]byte(nil), greeting...), readyFrame("Socket-Type", "REQ")...)...))
	const maxMsg, maxFrames = 1 << 12, 16
	types := []zmq4.SocketType{zmq4.Router, zmq4.Pub, zmq4.Rep}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		local := types[int(in[0])%len(types)]
		g := NewGuard(GuardConfig{MaxMessage: maxMsg, MaxFrames: maxFrames, Logger: quietLog})
		var topics int
		spec := &listenSpec{g: g, sock: GuardedSocket{Name: "fuzz", Type: local,
			OnSubscribe: func(topic []byte, _ bool) { topics++ }}}
		br := bufio.NewReader(bytes.NewReader(in[1:]))
		pre, err := readHandshake(br, local)
		if err != nil {
			return
		}
		gc := newGuardConn(&fuzzConn{}, br, pre, spec)
		defer gc.Close()
		zc, err := zmq4.Open(gc, null.Security(), local, zmq4.SocketIdentity("fuzz"), true, nil)
		if err != nil {
			t.Fatalf("zmq4 refused a handshake the guard accepted: %v", err)
		}
		for {
			m, err := zc.RecvMsg()
			if err != nil {
				return
			}
			total := 0
			for _, fr := range m.Frames {
				total += len(fr)
			}
			if total > maxMsg || len(m.Frames) > maxFrames {
				t.Fatalf("zmq4 got a message of %d bytes in %d frames", total, len(m.Frames))
			}
		}
	})
}
