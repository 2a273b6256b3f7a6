package wire

import (
	"crypto/rand"
	"encoding/hex"
	"os/user"
	"sync"
	"time"
)

// DateFormat is the ISO-8601 layout of header dates (UTC, microseconds).
const DateFormat = "2006-01-02T15:04:05.000000Z07:00"

// NewHeader returns a header for a new message of msgType in session, with a fresh
// msg_id, the current user and the current time.
func NewHeader(msgType, session string) Header {
	return Header{
		MsgID:    NewID(),
		Session:  session,
		Username: username(),
		Date:     time.Now().UTC().Format(DateFormat),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// NewID returns a random identifier in UUID-4 text form, used for msg_id and session ids.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("wire: crypto/rand failed: " + err.Error()) // crypto/rand never fails on supported systems
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

var (
	userOnce sync.Once
	userName string
)

func username() string {
	userOnce.Do(func() {
		userName = "sluice"
		if u, err := user.Current(); err == nil && u.Username != "" {
			userName = u.Username
		}
	})
	return userName
}
