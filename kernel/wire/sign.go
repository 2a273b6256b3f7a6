package wire

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
)

// Signer signs and verifies messages with the connection's key. A Signer with an empty
// key signs with "" and accepts any signature, as the protocol prescribes for an empty key.
type Signer struct {
	key     []byte
	newHash func() hash.Hash
}

// NewSigner returns a signer for scheme (hmac-sha256, also hmac-sha1 and hmac-sha512;
// "" means hmac-sha256) and key.
func NewSigner(scheme, key string) (*Signer, error) {
	s := &Signer{key: []byte(key)}
	switch scheme {
	case "", "hmac-sha256":
		s.newHash = sha256.New
	case "hmac-sha512":
		s.newHash = sha512.New
	case "hmac-sha1":
		s.newHash = sha1.New
	default:
		return nil, fmt.Errorf("unsupported signature_scheme %q (want hmac-sha256)", scheme)
	}
	return s, nil
}

// Enabled reports whether messages are signed (the key is not empty).
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Sign returns the hex signature of the four signed frames.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(header, parent, metadata, content))
}

// Verify reports whether sig is the signature of the four frames, comparing in constant time.
func (s *Signer) Verify(sig, header, parent, metadata, content []byte) bool {
	if !s.Enabled() {
		return true
	}
	want := s.mac(header, parent, metadata, content)
	got := make([]byte, hex.DecodedLen(len(sig)))
	n, err := hex.Decode(got, sig)
	if err != nil {
		// Still compare to keep the timing independent of where the error was.
		hmac.Equal(want, want)
		return false
	}
	return hmac.Equal(want, got[:n])
}

func (s *Signer) mac(frames ...[]byte) []byte {
	m := hmac.New(s.newHash, s.key)
	for _, f := range frames {
		m.Write(f)
	}
	return m.Sum(nil)
}
