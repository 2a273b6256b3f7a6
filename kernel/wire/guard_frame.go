package wire

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/go-zeromq/zmq4"
)

// ZMTP 3.0 framing (RFC 23) as far as the guard needs it: the 64-byte greeting, the
// NULL mechanism's READY command, and frame headers (a flags byte, then a 1-byte or an
// 8-byte big-endian size).
const (
	greetingLen  = 64
	flagMore     = 0x01
	flagLong     = 0x02
	flagCommand  = 0x04
	flagReserved = 0xf8

	// maxCommand bounds a command frame (READY, PING, …). Real ones are a few hundred
	// bytes; the guard reads a handshake command whole before zmq4 sees it.
	maxCommand = 64 << 10
	// maxTopic bounds the subscription topics reported to OnSubscribe.
	maxTopic = 4 << 10
	// largeFrame: frames above it count against GuardConfig.MaxInFlight.
	largeFrame = 1 << 20
)

// greeting is what the guard sends for zmq4: the same bytes zmq4 sends (ZMTP 3.0, the
// NULL mechanism, not as-server), so that zmq4's own greeting can be swallowed.
var greeting = func() []byte {
	var g [greetingLen]byte
	g[0], g[9] = 0xff, 0x7f
	g[10], g[11] = 3, 0
	copy(g[12:32], "NULL")
	return g[:]
}()

// FrameError is why the guard dropped a connection: a greeting, handshake or frame that
// zmq4 must not see (it would crash, allocate without bound or leak the connection).
type FrameError struct{ Reason string }

func (e *FrameError) Error() string { return "zmtp guard: " + e.Reason }

func frameErrorf(format string, args ...any) error {
	return &FrameError{Reason: fmt.Sprintf(format, args...)}
}

// checkGreeting accepts what zmq4 accepts without failing: the signature, a version of
// at least 3.0, the NULL mechanism and an as-server byte of 0 or 1.
func checkGreeting(g []byte) error {
	switch {
	case len(g) != greetingLen:
		return frameErrorf("short greeting")
	case g[0] != 0xff || g[9] != 0x7f:
		return frameErrorf("not a ZMTP 3 signature")
	case g[10] < 3:
		return frameErrorf("ZMTP version %d.%d (want 3.x)", g[10], g[11])
	case string(bytes.TrimRight(g[12:32], "\x00")) != "NULL":
		return frameErrorf("security mechanism %q (want NULL)", bytes.TrimRight(g[12:32], "\x00"))
	case g[32] > 1:
		return frameErrorf("as-server byte %d", g[32])
	}
	return nil
}

// readHandshake reads the peer's greeting and first command from r and checks them
// against what zmq4's Open does with them: it must be a well-formed READY whose
// Socket-Type is known and compatible with local (zmq4 panics on an unknown type and
// never closes a connection whose handshake failed). It returns the raw bytes read,
// which zmq4 then reads again through the guarded connection.
func readHandshake(r *bufio.Reader, local zmq4.SocketType) ([]byte, error) {
	raw := make([]byte, greetingLen, greetingLen+64)
	if _, err := io.ReadFull(r, raw); err != nil {
		return nil, err
	}
	if err := checkGreeting(raw); err != nil {
		return nil, err
	}
	var hdr [9]byte
	if _, err := io.ReadFull(r, hdr[:2]); err != nil {
		return nil, err
	}
	flags := hdr[0]
	if flags&^(flagLong) != flagCommand {
		return nil, frameErrorf("handshake frame with flags %#x (want a single command)", flags)
	}
	size, n := uint64(hdr[1]), 2
	if flags&flagLong != 0 {
		if _, err := io.ReadFull(r, hdr[2:9]); err != nil {
			return nil, err
		}
		size, n = binary.BigEndian.Uint64(hdr[1:9]), 9
	}
	if size > maxCommand {
		return nil, frameErrorf("handshake command of %d bytes (at most %d)", size, maxCommand)
	}
	raw = append(raw, hdr[:n]...)
	body := make([]byte, size)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	if err := checkReady(body, local); err != nil {
		return nil, err
	}
	return append(raw, body...), nil
}

// knownTypes are the socket types zmq4's IsCompatible knows (it panics on others).
var knownTypes = []zmq4.SocketType{zmq4.Pair, zmq4.Pub, zmq4.Sub, zmq4.Req, zmq4.Rep,
	zmq4.Dealer, zmq4.Router, zmq4.Pull, zmq4.Push, zmq4.XPub, zmq4.XSub}

// checkReady checks a READY command body: its properties must parse within bounds (zmq4
// slices them unchecked) and name exactly one Socket-Type, compatible with local.
func checkReady(body []byte, local zmq4.SocketType) error {
	if len(body) < 1 || int(body[0]) > len(body)-1 {
		return frameErrorf("malformed command")
	}
	if name := string(body[1 : 1+int(body[0])]); name != "READY" {
		return frameErrorf("handshake command %q (want READY)", name)
	}
	p := body[1+int(body[0]):]
	peer := ""
	seen := false
	for len(p) > 0 {
		klen := int(p[0])
		if klen == 0 || len(p) < 1+klen+4 {
			return frameErrorf("malformed READY property")
		}
		key := string(p[1 : 1+klen])
		vlen := binary.BigEndian.Uint32(p[1+klen:])
		p = p[1+klen+4:]
		if uint64(vlen) > uint64(len(p)) {
			return frameErrorf("malformed READY property %q", key)
		}
		val := string(p[:vlen])
		p = p[vlen:]
		if len(key) == len("Socket-Type") && bytes.EqualFold([]byte(key), []byte("Socket-Type")) {
			// zmq4 title-cases keys; only the canonical spelling is sure to reach it.
			if key != "Socket-Type" || seen {
				return frameErrorf("ambiguous Socket-Type property")
			}
			peer, seen = val, true
		}
	}
	for _, t := range knownTypes {
		if string(t) == peer {
			if !t.IsCompatible(local) {
				return frameErrorf("peer socket type %s cannot talk to %s", peer, local)
			}
			return nil
		}
	}
	return frameErrorf("peer socket type %q unknown", peer)
}

// frameReader hands zmq4 the frames read from r, one header at a time: a header is read
// and checked whole before any of its bytes are handed out, so zmq4 never sees a size
// above the limits (it allocates a frame's body as soon as it has read its size).
// Bodies pass through without copying.
type frameReader struct {
	r         *bufio.Reader
	maxMsg    int64 // bytes in one message (so also in one frame)
	maxFrames int   // frames in one message

	hdr        [9]byte
	hdrN, hdrI int   // header bytes to hand out: hdr[hdrI:hdrN]
	body       int64 // body bytes of the current frame still to hand out
	more       bool  // the current message has more frames
	msgBytes   int64
	msgFrames  int
	err        error

	// subscription tracking (PUB sockets): a single-frame message starting with 1 or 0.
	watchSubs  bool
	capturing  bool
	topic      []byte
	pending    bool // a whole subscription frame was handed out
	onSubFrame func(subscribe bool, topic []byte)

	// the guard's budget for bodies of large frames announced but not yet handed out.
	inFlight    *atomic.Int64
	maxInFlight int64
	held        int64 // this frame's share of inFlight
}

// Read implements io.Reader for zmq4's frame reader.
func (f *frameReader) Read(p []byte) (int, error) {
	if f.pending {
		// zmq4 asks for the next frame only after it has handled the previous message,
		// so the subscription is recorded by now.
		f.pending = false
		if f.onSubFrame != nil {
			f.onSubFrame(f.topic[0] == 1, f.topic[1:])
		}
	}
	if f.err != nil {
		return 0, f.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if f.hdrI < f.hdrN {
		n := copy(p, f.hdr[f.hdrI:f.hdrN])
		f.hdrI += n
		return n, nil
	}
	if f.body == 0 {
		if err := f.nextHeader(); err != nil {
			f.err = err
			return 0, err
		}
		n := copy(p, f.hdr[:f.hdrN])
		f.hdrI = n
		return n, nil
	}
	if int64(len(p)) > f.body {
		p = p[:f.body]
	}
	n, err := f.r.Read(p)
	f.body -= int64(n)
	f.release(min(int64(n), f.held))
	if f.capturing {
		f.topic = append(f.topic, p[:n]...)
		if f.body == 0 {
			f.capturing = false
			f.pending = f.topic[0] <= 1
		}
	}
	if err != nil && f.body > 0 {
		f.err = err
		f.release(f.held)
	}
	return n, err
}

// release gives back n bytes of the large frame in progress to the guard's budget.
func (f *frameReader) release(n int64) {
	if n > 0 {
		f.held -= n
		f.inFlight.Add(-n)
	}
}

// nextHeader reads and checks the next frame header.
func (f *frameReader) nextHeader() error {
	if _, err := io.ReadFull(f.r, f.hdr[:2]); err != nil {
		return eof(err)
	}
	flags := f.hdr[0]
	if flags&flagReserved != 0 {
		return frameErrorf("frame flags %#x use reserved bits", flags)
	}
	size, n := uint64(f.hdr[1]), 2
	if flags&flagLong != 0 {
		if _, err := io.ReadFull(f.r, f.hdr[2:9]); err != nil {
			return eof(err)
		}
		size, n = binary.BigEndian.Uint64(f.hdr[1:9]), 9
	}
	start := !f.more
	if start {
		f.msgBytes, f.msgFrames = 0, 0
	}
	if flags&flagCommand != 0 {
		if !start || flags&flagMore != 0 {
			return frameErrorf("command frame inside a multipart message")
		}
		if size > maxCommand {
			return frameErrorf("command of %d bytes (at most %d)", size, maxCommand)
		}
	}
	if size > uint64(f.maxMsg) || f.msgBytes+int64(size) > f.maxMsg {
		return frameErrorf("frame of %d bytes: a message may hold at most %d (SLUICE_MAX_FRAME)", size, f.maxMsg)
	}
	if f.msgFrames++; f.msgFrames > f.maxFrames {
		return frameErrorf("message of more than %d frames", f.maxFrames)
	}
	if size > largeFrame && f.inFlight != nil {
		// zmq4 allocates the whole body on reading the header: bound what all peers
		// together can make it allocate without sending the bytes.
		if f.inFlight.Add(int64(size)) > f.maxInFlight {
			f.inFlight.Add(-int64(size))
			return frameErrorf("frame of %d bytes while other large frames are still arriving (at most %d bytes in all)", size, f.maxInFlight)
		}
		f.held = int64(size)
	}
	f.msgBytes += int64(size)
	f.more = flags&flagMore != 0
	f.hdrN, f.hdrI, f.body = n, 0, int64(size)
	f.capturing = f.watchSubs && start && !f.more && flags&flagCommand == 0 && size > 0 && size <= maxTopic
	f.topic = f.topic[:0]
	return nil
}

// eof turns a header cut short into io.EOF: zmq4 marks a connection closed (and
// forgets it) on io.EOF or a network error, not on io.ErrUnexpectedEOF.
func eof(err error) error {
	if err == io.ErrUnexpectedEOF {
		return io.EOF
	}
	return err
}

// errSlowPeer is the write error of a connection dropped because its peer did not read.
var errSlowPeer = errors.New("zmtp guard: peer is not reading (unsent bytes above the limit)")
