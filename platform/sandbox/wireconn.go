package sandbox

import (
	"bytes"
	"encoding/binary"
	"net"
	"strconv"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// wireConn wraps a client connection: it negotiates TLS before psql-wire reads the
// StartupMessage (tls.go), and amends what psql-wire writes, frame by frame:
// it adds the error position ('P' field) that psql-wire cannot express to the next
// ErrorResponse, drops the RowDescription psql-wire writes before a COPY FROM STDIN in
// the simple protocol, and reports a PostgreSQL-style server_version.
type wireConn struct {
	net.Conn // the connection frames travel on: raw, or its TLS layer once negotiated
	raw      net.Conn
	srv      *Server

	negotiated sync.Once
	negErr     error
	pending    []byte // bytes read while negotiating, for psql-wire

	mu          sync.Mutex
	position    int  // position for the next ErrorResponse, 0 for none
	dropRowDesc bool // drop the next RowDescription
	sess        *session
}

// setPosition makes the next ErrorResponse carry pos.
func (c *wireConn) setPosition(pos int) {
	c.mu.Lock()
	c.position = pos
	c.mu.Unlock()
}

func (c *wireConn) setDropRowDescription(drop bool) {
	c.mu.Lock()
	c.dropRowDesc = drop
	c.mu.Unlock()
}

// Write inspects p when it holds whole protocol frames and rewrites the frames it must;
// anything else (the one-byte SSL answer, partial writes) passes through unchanged.
func (c *wireConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	pos, drop := c.position, c.dropRowDesc
	c.mu.Unlock()
	if !framesOnly(p) {
		return c.conn().Write(p)
	}
	var out []byte
	changed := false
	for rest := p; len(rest) > 0; {
		n := int(binary.BigEndian.Uint32(rest[1:5])) + 1
		frame := rest[:n]
		rest = rest[n:]
		switch frame[0] {
		case 'E':
			if pos > 0 {
				frame = withPosition(frame, pos)
				pos = 0
				changed = true
				c.setPosition(0)
			}
		case 'T':
			if drop {
				drop = false
				changed = true
				c.setDropRowDescription(false)
				continue
			}
			if f, ok := withTypmods(frame); ok {
				frame, changed = f, true
			}
		case 'S':
			if bytes.HasPrefix(frame[5:], []byte("server_version\x00")) {
				frame = paramFrame("server_version", serverVersion)
				changed = true
			}
		}
		out = append(out, frame...)
	}
	if !changed {
		return c.conn().Write(p)
	}
	if _, err := c.conn().Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// typmodMark is what the session puts in a result column's table OID (which it
// otherwise leaves 0) to have withTypmods send the type modifier of a numeric(p,s)
// column, ((p << 16) | s) + 4, that psql-wire cannot send: its negation; 0 for any
// other type and for unbounded numeric.
func typmodMark(info duckdb.TypeInfo) int32 {
	if info == nil || info.InternalType() != duckdb.TYPE_DECIMAL {
		return 0
	}
	d, ok := info.Details().(*duckdb.DecimalDetails)
	if !ok || d.Width == pgsql.UnboundedPrecision && d.Scale == pgsql.UnboundedScale {
		return 0
	}
	return -(int32(d.Width)<<16 | int32(d.Scale) + 4)
}

// withTypmods moves the type modifiers typmodMark put in a RowDescription's table
// OIDs to their place (psql-wire writes -1 there).
func withTypmods(frame []byte) ([]byte, bool) {
	if len(frame) < 7 {
		return frame, false
	}
	n := int(binary.BigEndian.Uint16(frame[5:7]))
	out, changed := frame, false
	for i, at := 0, 7; i < n; i++ {
		end := bytes.IndexByte(out[at:], 0)
		if end < 0 || at+end+19 > len(out) {
			return frame, false
		}
		f := out[at+end+1:] // table OID, attnum, type OID, length, typmod, format
		if table := int32(binary.BigEndian.Uint32(f[0:4])); table < 0 {
			if !changed {
				out, changed = append([]byte(nil), frame...), true
				f = out[at+end+1:]
			}
			binary.BigEndian.PutUint32(f[0:4], 0)
			binary.BigEndian.PutUint32(f[12:16], uint32(-table))
		}
		at += end + 19
	}
	return out, changed
}

// Close forgets the connection's session before closing the socket.
func (c *wireConn) Close() error {
	c.srv.forgetConn(c)
	return c.conn().Close()
}

// framesOnly reports whether p is a sequence of complete backend messages.
func framesOnly(p []byte) bool {
	for len(p) > 0 {
		if len(p) < 5 || p[0] < 'A' || p[0] > 'z' {
			return false
		}
		n := int(binary.BigEndian.Uint32(p[1:5]))
		if n < 4 || n+1 > len(p) {
			return false
		}
		p = p[n+1:]
	}
	return true
}

// withPosition returns an ErrorResponse frame with a 'P' (position) field added before
// its terminator.
func withPosition(frame []byte, pos int) []byte {
	body := frame[5 : len(frame)-1] // fields without the final terminator
	field := append([]byte{'P'}, strconv.Itoa(pos)...)
	field = append(field, 0)
	out := make([]byte, 5, len(frame)+len(field))
	out[0] = 'E'
	out = append(out, body...)
	out = append(out, field...)
	out = append(out, 0)
	binary.BigEndian.PutUint32(out[1:5], uint32(len(out)-1))
	return out
}

// paramFrame builds a ParameterStatus frame.
func paramFrame(key, value string) []byte {
	out := []byte{'S', 0, 0, 0, 0}
	out = append(out, key...)
	out = append(out, 0)
	out = append(out, value...)
	out = append(out, 0)
	binary.BigEndian.PutUint32(out[1:5], uint32(len(out)-1))
	return out
}

// wireListener hands psql-wire wrapped connections.
type wireListener struct {
	net.Listener
	srv *Server
}

// Accept wraps and registers each new connection.
func (l *wireListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	wc := &wireConn{Conn: c, raw: c, srv: l.srv}
	l.srv.rememberConn(wc)
	return wc, nil
}
