package wire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// guardConn is the connection zmq4 gets from a guarded listener. Reads replay the
// handshake the guard has read, then pass frames through a frameReader. Writes swallow
// zmq4's greeting (the guard sent it already) and are queued for a writer goroutine, so
// that a peer that does not read never blocks zmq4's writers (a PUB socket writes to
// all its peers from one goroutine).
type guardConn struct {
	net.Conn
	spec     *listenSpec
	pre      []byte
	fr       frameReader
	readFail bool // the read side's refusal was logged

	skip     int  // bytes of zmq4's greeting still to swallow
	dropMsgs bool // PUB: drop messages beyond MaxUnsent instead of the connection

	mu       sync.Mutex
	cond     *sync.Cond
	queue    [][]byte
	tailOpen bool  // the last queue entry is ours to append to
	unsent   int64 // queued bytes and bytes being written
	closed   bool  // no more writes; the writer flushes and closes
	failed   error // the connection is dead

	// write-side framing, to drop whole messages only.
	whdr               [9]byte
	whdrN              int
	wbody              int64
	wmore              bool
	dropping           bool
	dropped, dropBytes int64 // in the current episode
}

func newGuardConn(c net.Conn, br *bufio.Reader, pre []byte, spec *listenSpec) *guardConn {
	cfg := spec.g.cfg
	gc := &guardConn{
		Conn: c,
		spec: spec,
		pre:  pre,
		fr: frameReader{r: br, maxMsg: cfg.MaxMessage, maxFrames: cfg.MaxFrames,
			inFlight: &spec.g.inFlight, maxInFlight: cfg.MaxInFlight},
		skip: greetingLen,
	}
	gc.cond = sync.NewCond(&gc.mu)
	if t := spec.sock.Type; t == zmq4.Pub || t == zmq4.XPub {
		gc.dropMsgs = true
		if spec.sock.OnSubscribe != nil {
			gc.fr.watchSubs = true
			gc.fr.onSubFrame = func(sub bool, topic []byte) { spec.sock.OnSubscribe(topic, sub) }
		}
	}
	spec.g.wg.Add(1)
	go gc.writeLoop()
	return gc
}

func (c *guardConn) opError(op string, err error) error {
	return &net.OpError{Op: op, Net: c.LocalAddr().Network(), Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: err}
}

// Read implements net.Conn for zmq4.
func (c *guardConn) Read(p []byte) (int, error) {
	if len(c.pre) > 0 {
		n := copy(p, c.pre)
		c.pre = c.pre[n:]
		return n, nil
	}
	n, err := c.fr.Read(p)
	var fe *FrameError
	if err != nil && errors.As(err, &fe) {
		if !c.readFail {
			c.readFail = true
			c.spec.g.oversized.Add(1)
			c.spec.g.cfg.Logger.Warn("zmtp guard: connection dropped", "socket", c.spec.sock.Name,
				"peer", c.RemoteAddr().String(), "err", fe)
			c.abort(fe)
		}
		// A net.Error that is not a timeout: zmq4 marks the connection closed.
		return n, c.opError("read", fe)
	}
	return n, err
}

// Write queues p; it blocks only on the queue's lock.
func (c *guardConn) Write(p []byte) (int, error) {
	total := len(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failed != nil {
		return 0, c.opError("write", c.failed)
	}
	if c.closed {
		return 0, c.opError("write", net.ErrClosed)
	}
	if c.skip > 0 {
		k := min(c.skip, len(p))
		c.skip -= k
		p = p[k:]
	}
	for len(p) > 0 {
		if c.wbody > 0 {
			k := int(min(int64(len(p)), c.wbody))
			c.emit(p[:k])
			c.wbody -= int64(k)
			p = p[k:]
			continue
		}
		need := 2
		if c.whdrN > 0 && c.whdr[0]&flagLong != 0 {
			need = 9
		}
		k := copy(c.whdr[c.whdrN:need], p)
		c.whdrN += k
		p = p[k:]
		if c.whdrN < need || (need == 2 && c.whdr[0]&flagLong != 0) {
			continue // the header is not complete yet
		}
		flags := c.whdr[0]
		size := uint64(c.whdr[1])
		if need == 9 {
			size = binary.BigEndian.Uint64(c.whdr[1:9])
		}
		if flags&flagCommand != 0 {
			c.dropping = false // commands are never dropped
		} else if !c.wmore {
			if err := c.admit(); err != nil {
				return 0, err
			}
		}
		c.wmore = flags&flagMore != 0
		c.emit(c.whdr[:need])
		c.whdrN, c.wbody = 0, int64(size)
	}
	return total, nil
}

// admit decides, as a message starts, whether it is queued: beyond MaxUnsent a PUB
// connection drops the message and any other connection is dropped.
func (c *guardConn) admit() error {
	g := c.spec.g
	if c.unsent <= g.cfg.MaxUnsent {
		if c.dropping || c.dropped > 0 {
			c.reportDrops("the peer reads again")
		}
		c.dropping = false
		return nil
	}
	if !c.dropMsgs {
		g.slowDrops.Add(1)
		g.cfg.Logger.Warn("zmtp guard: peer is not reading; connection dropped", "socket", c.spec.sock.Name,
			"peer", c.RemoteAddr().String(), "unsent", c.unsent, "limit", g.cfg.MaxUnsent)
		c.fail(errSlowPeer)
		return c.opError("write", errSlowPeer)
	}
	if c.dropped == 0 {
		g.cfg.Logger.Warn("zmtp guard: subscriber is not reading; dropping its messages", "socket", c.spec.sock.Name,
			"peer", c.RemoteAddr().String(), "unsent", c.unsent, "limit", g.cfg.MaxUnsent)
	}
	c.dropping = true
	c.dropped++
	g.droppedMsgs.Add(1)
	return nil
}

// reportDrops logs the messages dropped in the current episode. c.mu is held.
func (c *guardConn) reportDrops(why string) {
	if c.dropped > 0 {
		c.spec.g.cfg.Logger.Warn("zmtp guard: messages dropped for a subscriber that was not reading", "socket", c.spec.sock.Name,
			"peer", c.RemoteAddr().String(), "messages", c.dropped, "bytes", c.dropBytes, "end", why)
	}
	c.dropped, c.dropBytes = 0, 0
}

// emit queues a copy of b unless the current message is being dropped. c.mu is held.
func (c *guardConn) emit(b []byte) {
	if c.dropping {
		c.dropBytes += int64(len(b))
		return
	}
	c.unsent += int64(len(b))
	if n := len(c.queue); c.tailOpen && n > 0 && cap(c.queue[n-1])-len(c.queue[n-1]) >= len(b) {
		c.queue[n-1] = append(c.queue[n-1], b...)
	} else if len(b) < 4<<10 {
		c.queue = append(c.queue, append(make([]byte, 0, 8<<10), b...))
		c.tailOpen = true
	} else {
		c.queue = append(c.queue, append([]byte(nil), b...))
		c.tailOpen = false
	}
	c.cond.Signal()
}

// fail marks the connection dead and closes it at once, discarding what the system
// still holds for it (a reset, not an orderly close that would keep sending to a peer
// that does not read). c.mu is held.
func (c *guardConn) fail(err error) {
	if c.failed == nil {
		c.failed, c.closed = err, true
		if tc, ok := c.Conn.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
		c.Conn.Close()
		c.cond.Broadcast()
	}
}

// abort closes the connection at once, dropping what is queued.
func (c *guardConn) abort(err error) {
	c.mu.Lock()
	c.fail(err)
	c.mu.Unlock()
}

// Close stops writes; the writer sends what is queued (within Linger) and closes.
func (c *guardConn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	c.Conn.SetWriteDeadline(time.Now().Add(c.spec.g.cfg.Linger))
	c.cond.Broadcast()
	return nil
}

// writeLoop sends the queue until the connection is closed or fails.
func (c *guardConn) writeLoop() {
	defer c.spec.g.wg.Done()
	for {
		c.mu.Lock()
		for len(c.queue) == 0 && !c.closed {
			c.cond.Wait()
		}
		if c.failed != nil || len(c.queue) == 0 {
			c.reportDrops("connection closed")
			c.mu.Unlock()
			c.Conn.Close()
			return
		}
		bufs := c.queue
		c.queue, c.tailOpen = nil, false
		c.mu.Unlock()

		var n int64
		for _, b := range bufs {
			n += int64(len(b))
		}
		nb := net.Buffers(bufs)
		_, err := nb.WriteTo(c.Conn)

		c.mu.Lock()
		c.unsent -= n
		if err != nil && c.failed == nil {
			c.failed, c.closed = err, true
		}
		c.mu.Unlock()
	}
}
