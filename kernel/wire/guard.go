package wire

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// The guarded transports, registered with zmq4 by this package. Guard.Listen maps an
// endpoint's tcp:// or ipc:// onto them.
const (
	GuardedTCP = "sluicetcp"
	GuardedIPC = "sluiceipc"
)

func init() {
	for scheme, network := range map[string]string{GuardedTCP: "tcp", GuardedIPC: "unix"} {
		if err := zmq4.RegisterTransport(scheme, guardTransport{network: network}); err != nil {
			panic(err)
		}
	}
}

// Defaults of GuardConfig.
const (
	DefaultMaxMessage       = 256 << 20
	DefaultMaxFrames        = 4096
	DefaultHandshakeTimeout = 5 * time.Second
	DefaultMaxUnsent        = 64 << 20
	DefaultLinger           = time.Second
)

// GuardConfig bounds what one peer of a guarded socket can make the process do. Zero
// fields take the defaults.
type GuardConfig struct {
	// MaxMessage is the most bytes one received message (so also one frame) may hold; a
	// frame header announcing more drops the connection before zmq4 allocates anything.
	// Environment: SLUICE_MAX_FRAME. Default 256 MiB.
	MaxMessage int64
	// MaxFrames is the most frames one received message may have. Default 4096.
	MaxFrames int
	// MaxInFlight bounds the bytes of frames above 1 MiB whose header has arrived but not
	// yet their whole body, over all connections: zmq4 allocates a body as soon as it
	// reads the header, so without it peers could make the process reserve MaxMessage
	// bytes each by sending headers alone. A header beyond it drops its connection.
	// Default 4 × MaxMessage.
	MaxInFlight int64
	// HandshakeTimeout bounds the ZMTP greeting and handshake of each new connection;
	// each runs in its own goroutine, so a silent peer delays no one else.
	// Environment: SLUICE_HANDSHAKE_TIMEOUT (a Go duration). Default 5 s.
	HandshakeTimeout time.Duration
	// MaxUnsent is how many bytes may wait for one peer that is not reading. Beyond it a
	// PUB socket drops whole messages for that peer (as ZeroMQ does at its high-water
	// mark) and any other socket drops the connection. Environment: SLUICE_MAX_UNSENT.
	// Default 64 MiB.
	MaxUnsent int64
	// Linger is how long a closed connection may take to send what is queued. Default 1 s.
	Linger time.Duration
	// Logger receives dropped connections and messages. nil: slog.Default().
	Logger *slog.Logger
}

// WithEnv returns c with the fields left zero taken from the environment variables named
// in GuardConfig, then from the defaults.
func (c GuardConfig) WithEnv() (GuardConfig, error) {
	for _, v := range []struct {
		name string
		dst  *int64
	}{{"SLUICE_MAX_FRAME", &c.MaxMessage}, {"SLUICE_MAX_UNSENT", &c.MaxUnsent}} {
		if s := os.Getenv(v.name); s != "" && *v.dst == 0 {
			n, err := ParseSize(s)
			if err != nil || n <= 0 {
				return c, fmt.Errorf("%s=%q: want a positive size such as 268435456 or 256MiB", v.name, s)
			}
			*v.dst = n
		}
	}
	if s := os.Getenv("SLUICE_HANDSHAKE_TIMEOUT"); s != "" && c.HandshakeTimeout == 0 {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("SLUICE_HANDSHAKE_TIMEOUT=%q: want a positive duration such as 5s", s)
		}
		c.HandshakeTimeout = d
	}
	return c.withDefaults(), nil
}

func (c GuardConfig) withDefaults() GuardConfig {
	if c.MaxMessage <= 0 {
		c.MaxMessage = DefaultMaxMessage
	}
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = 4 * c.MaxMessage
	}
	if c.MaxFrames <= 0 {
		c.MaxFrames = DefaultMaxFrames
	}
	if c.HandshakeTimeout <= 0 {
		c.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if c.MaxUnsent <= 0 {
		c.MaxUnsent = DefaultMaxUnsent
	}
	if c.Linger <= 0 {
		c.Linger = DefaultLinger
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// ParseSize reads a byte count: digits with an optional unit B, K/KB/KiB, M/MB/MiB or
// G/GB/GiB (all binary: K is 1024).
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("size %q: %w", s, err)
	}
	shift := 0
	switch strings.ToLower(strings.TrimSpace(s[i:])) {
	case "", "b":
	case "k", "kb", "kib":
		shift = 10
	case "m", "mb", "mib":
		shift = 20
	case "g", "gb", "gib":
		shift = 30
	default:
		return 0, fmt.Errorf("size %q: unknown unit", s)
	}
	if n > (1<<63-1)>>shift {
		return 0, fmt.Errorf("size %q: too large", s)
	}
	return n << shift, nil
}

// Guard puts the limits of a GuardConfig in front of the zmq4 sockets it listens for.
// zmq4 (never forked) reads frames, so the guard sits in the connection it hands zmq4:
//
//   - the accept loop only accepts; each connection's greeting and handshake run in their
//     own goroutine under HandshakeTimeout, and zmq4 gets the connection only once they
//     are well-formed (zmq4 runs the handshake inside its accept loop, and panics or
//     leaks the connection on some malformed ones);
//   - the read side parses ZMTP frames and drops the connection on a header announcing
//     more than MaxMessage, before zmq4 sees that header;
//   - the write side never blocks zmq4: what zmq4 writes is queued per connection and
//     sent by a goroutine of its own, up to MaxUnsent bytes (see GuardConfig).
type Guard struct {
	cfg      GuardConfig
	wg       sync.WaitGroup // connections' writers
	inFlight atomic.Int64   // see GuardConfig.MaxInFlight

	rejected, oversized, droppedMsgs, slowDrops atomic.Int64
}

// GuardStats counts what a Guard refused.
type GuardStats struct {
	Rejected        int64 // connections closed during the greeting or handshake (malformed, incompatible or silent)
	Oversized       int64 // connections dropped for a frame or message beyond the limits
	DroppedMessages int64 // PUB messages not sent to a peer that was not reading
	SlowDisconnects int64 // connections dropped because their peer was not reading
}

// NewGuard returns a guard with cfg (zero fields take the defaults, not the environment;
// see GuardConfig.WithEnv).
func NewGuard(cfg GuardConfig) *Guard { return &Guard{cfg: cfg.withDefaults()} }

// Config returns the guard's limits.
func (g *Guard) Config() GuardConfig { return g.cfg }

// Stats returns what the guard has refused so far.
func (g *Guard) Stats() GuardStats {
	return GuardStats{g.rejected.Load(), g.oversized.Load(), g.droppedMsgs.Load(), g.slowDrops.Load()}
}

// GuardedSocket describes the local socket of a guarded listener.
type GuardedSocket struct {
	Name string          // in logs, e.g. "shell"
	Type zmq4.SocketType // the local socket's type: a peer must be compatible with it
	// OnSubscribe, for a PUB or XPUB socket, is called with each subscription (subscribe
	// set) or unsubscription a peer sends, once zmq4 has recorded it: a message published
	// from then on reaches that peer. It runs in zmq4's reader goroutine: do not block.
	OnSubscribe func(topic []byte, subscribe bool)
}

// Listen makes sock listen on ep (tcp:// or ipc://) through the guarded transport.
// Other schemes are passed to sock.Listen unguarded.
func (g *Guard) Listen(sock zmq4.Socket, ep string, gs GuardedSocket) error {
	scheme, rest, ok := strings.Cut(ep, "://")
	switch {
	case ok && scheme == "tcp":
		scheme = GuardedTCP
	case ok && scheme == "ipc":
		scheme = GuardedIPC
	default:
		return sock.Listen(ep)
	}
	if gs.Type == "" {
		gs.Type = sock.Type()
	}
	id := strconv.FormatUint(listenSeq.Add(1), 10)
	listenSpecs.Store(id, &listenSpec{g: g, sock: gs})
	defer listenSpecs.Delete(id)
	return sock.Listen(scheme + "://" + id + "@" + rest)
}

// Wait waits up to d for closed connections to send what they had queued.
func (g *Guard) Wait(d time.Duration) {
	done := make(chan struct{})
	go func() { g.wg.Wait(); close(done) }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
}

// listenSpecs passes a Guard and its socket's description from Guard.Listen through
// zmq4's Listen to the transport, keyed by the id written into the endpoint.
var (
	listenSpecs sync.Map // id → *listenSpec
	listenSeq   atomic.Uint64
)

type listenSpec struct {
	g    *Guard
	sock GuardedSocket
}

// guardTransport is the zmq4 transport of GuardedTCP and GuardedIPC. Its addresses are
// "ID@ADDR", ID naming the listenSpec.
type guardTransport struct{ network string }

func splitGuardAddr(a string) (id, addr string) {
	if i := strings.IndexByte(a, '@'); i > 0 {
		if _, err := strconv.ParseUint(a[:i], 10, 64); err == nil {
			return a[:i], a[i+1:]
		}
	}
	return "", a
}

// Dial connects unguarded (the kernel only listens; a client can still use the scheme).
func (t guardTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	_, a := splitGuardAddr(addr)
	return d.DialContext(ctx, t.network, a)
}

// Listen listens on addr and guards each connection with the listenSpec addr names.
func (t guardTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	id, a := splitGuardAddr(addr)
	v, ok := listenSpecs.Load(id)
	if !ok {
		return nil, fmt.Errorf("zmtp guard: listen on %q: use wire.Guard.Listen", addr)
	}
	ln, err := net.Listen(t.network, a)
	if err != nil {
		return nil, err
	}
	l := &guardListener{Listener: ln, spec: v.(*listenSpec), ready: make(chan *guardConn), done: make(chan struct{})}
	go l.acceptLoop()
	return l, nil
}

// Addr normalizes a listen address the way zmq4's tcp transport does.
func (t guardTransport) Addr(ep string) (string, error) {
	id, a := splitGuardAddr(ep)
	if t.network == "tcp" {
		host, port, err := net.SplitHostPort(a)
		if err != nil {
			return "", err
		}
		if port == "*" || port == "" {
			port = "0"
		}
		if host == "*" || host == "" {
			host = "0.0.0.0"
		}
		a = net.JoinHostPort(host, port)
	}
	if id == "" {
		return a, nil
	}
	return id + "@" + a, nil
}

// guardListener hands zmq4 connections whose handshake has already been read and checked.
type guardListener struct {
	net.Listener
	spec      *listenSpec
	ready     chan *guardConn
	done      chan struct{}
	closeOnce sync.Once
}

// Accept returns the next connection that passed its handshake. It blocks until there
// is one or the listener is closed (zmq4's accept loop retries at once on any error).
func (l *guardListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.ready:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting.
func (l *guardListener) Close() error {
	err := net.ErrClosed
	l.closeOnce.Do(func() {
		close(l.done)
		err = l.Listener.Close()
	})
	return err
}

func (l *guardListener) acceptLoop() {
	delay := 5 * time.Millisecond
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			select {
			case <-l.done:
				return
			default:
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors and the like: back off, bounded.
			l.spec.g.cfg.Logger.Warn("zmtp guard: accept", "socket", l.spec.sock.Name, "err", err)
			time.Sleep(delay)
			delay = min(2*delay, time.Second)
			continue
		}
		delay = 5 * time.Millisecond
		go l.handshake(c)
	}
}

// handshake sends the greeting zmq4 would send, reads the peer's greeting and READY
// under the deadline, and hands the connection to Accept.
func (l *guardListener) handshake(c net.Conn) {
	g, name := l.spec.g, l.spec.sock.Name
	c.SetDeadline(time.Now().Add(g.cfg.HandshakeTimeout))
	br := bufio.NewReaderSize(c, 32<<10)
	_, err := c.Write(greeting)
	var pre []byte
	if err == nil {
		pre, err = readHandshake(br, l.spec.sock.Type)
	}
	if err != nil {
		g.rejected.Add(1)
		c.Close()
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout():
			g.cfg.Logger.Warn("zmtp guard: no handshake in time; connection closed", "socket", name,
				"peer", c.RemoteAddr().String(), "timeout", g.cfg.HandshakeTimeout)
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			g.cfg.Logger.Debug("zmtp guard: peer left during the handshake", "socket", name, "peer", c.RemoteAddr().String())
		default:
			g.cfg.Logger.Warn("zmtp guard: handshake refused; connection closed", "socket", name,
				"peer", c.RemoteAddr().String(), "err", err)
		}
		return
	}
	c.SetDeadline(time.Time{})
	gc := newGuardConn(c, br, pre, l.spec)
	select {
	case l.ready <- gc:
	case <-l.done:
		gc.abort(net.ErrClosed)
	}
}
