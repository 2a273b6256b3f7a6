package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Errors returned by Decode. Callers log them and drop the message.
var (
	ErrNoDelimiter  = errors.New("wire: no <IDS|MSG> delimiter")
	ErrShortMessage = errors.New("wire: fewer than 5 frames after the delimiter")
	ErrSignature    = errors.New("wire: bad or missing signature")
	ErrHeader       = errors.New("wire: malformed header")
)

// MaxIdentities bounds the routing frames accepted before the delimiter.
const MaxIdentities = 64

// Decode parses the frames of a received message and verifies its signature with s.
// It never panics on malformed input: it returns an error describing what was wrong.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if i > MaxIdentities {
			break
		}
		if string(f) == Delimiter {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, ErrNoDelimiter
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, ErrShortMessage
	}
	sig, header, parent, metadata, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if !s.Verify(sig, header, parent, metadata, content) {
		return nil, ErrSignature
	}
	m := &Message{
		RawHeader:    json.RawMessage(clone(header)),
		ParentHeader: json.RawMessage(clone(parent)),
		Metadata:     json.RawMessage(clone(metadata)),
		Content:      json.RawMessage(clone(content)),
	}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHeader, err)
	}
	if m.Header.MsgType == "" {
		return nil, fmt.Errorf("%w: no msg_type", ErrHeader)
	}
	for _, f := range []json.RawMessage{m.ParentHeader, m.Metadata, m.Content} {
		if !json.Valid(f) {
			return nil, fmt.Errorf("wire: %s message has a frame that is not JSON", m.Header.MsgType)
		}
	}
	if delim > 0 {
		m.Identities = make([][]byte, delim)
		for i := range delim {
			m.Identities[i] = clone(frames[i])
		}
	}
	if len(rest) > 5 {
		m.Buffers = make([][]byte, len(rest)-5)
		for i, b := range rest[5:] {
			m.Buffers[i] = clone(b)
		}
	}
	return m, nil
}

// Encode returns the frames of m, signed with s: identities, delimiter, signature,
// header, parent_header, metadata, content and buffers. It fills RawHeader from Header
// when RawHeader is empty, and encodes empty JSON frames as {}.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	header := []byte(m.RawHeader)
	if len(header) == 0 {
		b, err := json.Marshal(m.Header)
		if err != nil {
			return nil, fmt.Errorf("encode header: %w", err)
		}
		header = b
		m.RawHeader = b
	}
	parent, metadata, content := orEmpty(m.ParentHeader), orEmpty(m.Metadata), orEmpty(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(header, parent, metadata, content)),
		header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

func orEmpty(b json.RawMessage) []byte {
	if len(bytes.TrimSpace(b)) == 0 {
		return []byte("{}")
	}
	return b
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }
