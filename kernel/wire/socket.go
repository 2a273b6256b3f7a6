package wire

import (
	"fmt"

	"github.com/go-zeromq/zmq4"
)

// Send encodes m, signs it with s and sends it on sock as one multipart message.
func Send(sock zmq4.Socket, m *Message, s *Signer) error {
	frames, err := Encode(m, s)
	if err != nil {
		return err
	}
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("send %s: %w", m.Header.MsgType, err)
	}
	return nil
}

// Recv receives one message from sock and decodes it, verifying its signature with s.
// A receive error is returned as is; a decode error is wrapped and the message dropped,
// so callers can log it and call Recv again.
func Recv(sock zmq4.Socket, s *Signer) (*Message, error) {
	zm, err := sock.Recv()
	if err != nil {
		return nil, err
	}
	m, err := Decode(zm.Frames, s)
	if err != nil {
		return nil, &DecodeError{Err: err}
	}
	return m, nil
}

// DecodeError is returned by Recv for a message that was received but could not be
// decoded or verified. The socket is still usable.
type DecodeError struct{ Err error }

func (e *DecodeError) Error() string { return "drop message: " + e.Err.Error() }
func (e *DecodeError) Unwrap() error { return e.Err }
