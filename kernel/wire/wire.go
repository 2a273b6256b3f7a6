// Package wire is the Jupyter messaging protocol's wire format: the frames of a message,
// HMAC signing and constant-time verification, headers, message ids and connection files.
// The kernel uses it to serve clients and the batch runner uses it to drive kernels; it
// knows nothing about what a message means beyond its header.
//
// Guard (guard.go) is the transport the kernel's sockets listen through: a ZMTP layer
// registered with zmq4 (schemes sluicetcp and sluiceipc) that bounds frame and message
// sizes (SLUICE_MAX_FRAME), puts a deadline on each connection's handshake
// (SLUICE_HANDSHAKE_TIMEOUT), checks the handshake before zmq4 sees it, and queues what
// zmq4 writes per connection so that a peer that does not read never blocks the kernel
// (SLUICE_MAX_UNSENT: a PUB socket drops that peer's messages beyond it, other sockets
// drop the connection).
package wire

import (
	"encoding/json"
	"fmt"
)

// ProtocolVersion is the messaging protocol version written into every header and
// announced in kernel_info_reply: 5.5, whose debug_request and debug_event the kernel's
// debugger serves (a kernel without one says debugger: false).
const ProtocolVersion = "5.5"

// Delimiter separates the routing identities from the signed part of a message.
const Delimiter = "<IDS|MSG>"

// Header is a message header. Unknown keys of a received header are not kept here, but
// Message.RawHeader keeps the header exactly as it arrived.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message.
//
// Identities are the routing frames before the delimiter: the peer identity on a ROUTER
// socket, the topic on an IOPub socket. RawHeader is the header's JSON as received (or as
// encoded), so that a reply can echo it byte for byte as its parent_header. ParentHeader,
// Metadata and Content are kept as raw JSON; use DecodeContent and SetContent to convert.
type Message struct {
	Identities   [][]byte
	Header       Header
	RawHeader    json.RawMessage
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
}

// New returns a message of msgType in session with a fresh id and the current date,
// replying to parent (nil for none: the parent_header is then {}), with content encoded
// as JSON (nil content encodes as {}).
func New(msgType, session string, parent *Message, content any) (*Message, error) {
	m := &Message{Header: NewHeader(msgType, session)}
	if parent != nil {
		m.ParentHeader = parent.RawHeader
		if len(m.ParentHeader) == 0 {
			b, err := json.Marshal(parent.Header)
			if err != nil {
				return nil, fmt.Errorf("encode parent header: %w", err)
			}
			m.ParentHeader = b
		}
	}
	if err := m.SetContent(content); err != nil {
		return nil, err
	}
	return m, nil
}

// SetContent encodes v as the message's content. nil encodes as {}.
func (m *Message) SetContent(v any) error {
	if v == nil {
		m.Content = json.RawMessage("{}")
		return nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		m.Content = raw
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s content: %w", m.Header.MsgType, err)
	}
	m.Content = b
	return nil
}

// DecodeContent decodes the message's content into v.
func (m *Message) DecodeContent(v any) error {
	if len(m.Content) == 0 {
		return fmt.Errorf("decode %s content: empty", m.Header.MsgType)
	}
	if err := json.Unmarshal(m.Content, v); err != nil {
		return fmt.Errorf("decode %s content: %w", m.Header.MsgType, err)
	}
	return nil
}

// Parent decodes the message's parent_header. It returns a zero Header when there is none.
func (m *Message) Parent() Header {
	var h Header
	if len(m.ParentHeader) > 0 {
		_ = json.Unmarshal(m.ParentHeader, &h)
	}
	return h
}

// ParentID returns the msg_id of the message's parent, or "".
func (m *Message) ParentID() string { return m.Parent().MsgID }
