package wire

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds arbitrary frames to Decode: it must never panic, and whatever it
// accepts must re-encode to a message that decodes to the same header and content.
// The seed corpus in testdata/fuzz/FuzzDecode runs in normal tests.
func FuzzDecode(f *testing.F) {
	s, _ := NewSigner("hmac-sha256", "fuzz-key")
	m, _ := New("execute_request", "s", nil, map[string]any{"code": "x"})
	frames, _ := Encode(m, s)
	f.Add(bytes.Join(frames, []byte{0}), true)
	f.Add([]byte("<IDS|MSG>"), false)
	f.Fuzz(func(t *testing.T, blob []byte, sign bool) {
		frames := bytes.Split(blob, []byte{0})
		// Let the fuzzer reach the JSON checks by signing whatever it made.
		if sign {
			for i, fr := range frames {
				if string(fr) == Delimiter && len(frames) >= i+6 {
					frames[i+1] = []byte(s.Sign(frames[i+2], frames[i+3], frames[i+4], frames[i+5]))
					break
				}
			}
		}
		msg, err := Decode(frames, s)
		if err != nil {
			return
		}
		out, err := Encode(msg, s)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		again, err := Decode(out, s)
		if err != nil {
			t.Fatalf("decode of re-encoded message: %v", err)
		}
		if again.Header != msg.Header || !bytes.Equal(again.Content, msg.Content) {
			t.Fatalf("round trip changed the message")
		}
	})
}
