package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func mustSigner(t testing.TB, key string) *Signer {
	t.Helper()
	s, err := NewSigner("hmac-sha256", key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRoundTripKeepsRawParentAndBuffers(t *testing.T) {
	s := mustSigner(t, "secret")
	// A request whose header carries a key this package does not know about.
	req := &Message{
		Identities: [][]byte{[]byte("peer-1")},
		RawHeader:  json.RawMessage(`{"msg_id":"abc","session":"s1","username":"u","date":"2026-01-01T00:00:00Z","msg_type":"execute_request","version":"5.3","subshell_id":null}`),
		Content:    json.RawMessage(`{"code":"1+1"}`),
	}
	frames, err := Encode(req, s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(frames, s)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.MsgType != "execute_request" || got.Header.MsgID != "abc" {
		t.Fatalf("header = %+v", got.Header)
	}
	if string(got.Identities[0]) != "peer-1" {
		t.Fatalf("identities = %q", got.Identities)
	}
	reply, err := New("execute_reply", "kernel-session", got, map[string]any{"status": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	reply.Buffers = [][]byte{{0, 1, 2}}
	frames, err = Encode(reply, s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(frames, s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(back.ParentHeader, []byte(`"subshell_id":null`)) {
		t.Fatalf("parent header lost unknown keys: %s", back.ParentHeader)
	}
	if back.ParentID() != "abc" {
		t.Fatalf("ParentID = %q", back.ParentID())
	}
	if len(back.Buffers) != 1 || !bytes.Equal(back.Buffers[0], []byte{0, 1, 2}) {
		t.Fatalf("buffers = %v", back.Buffers)
	}
	if _, err := time.Parse(time.RFC3339Nano, back.Header.Date); err != nil {
		t.Fatalf("date %q is not ISO-8601: %v", back.Header.Date, err)
	}
	if back.Header.Version != ProtocolVersion || back.Header.Session != "kernel-session" {
		t.Fatalf("header = %+v", back.Header)
	}
}

func TestDecodeRejects(t *testing.T) {
	s := mustSigner(t, "secret")
	good, err := New("kernel_info_request", "s", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	frames, _ := Encode(good, s)
	other := mustSigner(t, "other")
	wrongKey, _ := Encode(good, other)
	unsigned, _ := Encode(good, mustSigner(t, ""))
	tamper := append([][]byte(nil), frames...)
	tamper[5] = []byte(`{"code":"evil"}`)
	badJSON, _ := Encode(&Message{Header: good.Header, Content: json.RawMessage(`{"x":`)}, s)
	noType, _ := Encode(&Message{RawHeader: json.RawMessage(`{"msg_id":"1"}`)}, s)
	cases := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"empty", nil, ErrNoDelimiter},
		{"no delimiter", [][]byte{[]byte("a"), []byte("b")}, ErrNoDelimiter},
		{"short", frames[:4], ErrShortMessage},
		{"wrong key", wrongKey, ErrSignature},
		{"unsigned", unsigned, ErrSignature},
		{"tampered content", tamper, ErrSignature},
		{"non-hex signature", append([][]byte{frames[0], []byte("zz")}, frames[2:]...), ErrSignature},
		{"no msg_type", noType, ErrHeader},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.frames, s)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
	if _, err := Decode(badJSON, s); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Fatalf("bad JSON content: err = %v", err)
	}
}

func TestEmptyKeyAcceptsUnsigned(t *testing.T) {
	s := mustSigner(t, "")
	m, _ := New("kernel_info_request", "s", nil, nil)
	frames, _ := Encode(m, s)
	if string(frames[1]) != "" {
		t.Fatalf("signature with empty key = %q", frames[1])
	}
	if _, err := Decode(frames, s); err != nil {
		t.Fatal(err)
	}
}

func TestNewSignerRejectsUnknownScheme(t *testing.T) {
	if _, err := NewSigner("hmac-md5", "k"); err == nil {
		t.Fatal("hmac-md5 accepted")
	}
}

func TestNewIDUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if len(id) != 36 || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

func TestConnectionFile(t *testing.T) {
	path := t.TempDir() + "/conn.json"
	ci := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: 5000, Key: "k", SignatureScheme: "hmac-sha256"}
	if err := WriteConnectionFile(path, ci); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != ci {
		t.Fatalf("got %+v", got)
	}
	if e := got.Endpoint(5000); e != "tcp://127.0.0.1:5000" {
		t.Fatalf("endpoint %q", e)
	}
	ipc := ConnectionInfo{Transport: "ipc", IP: "/tmp/k"}
	if e := ipc.Endpoint(3); e != "ipc:///tmp/k-3" {
		t.Fatalf("ipc endpoint %q", e)
	}
	bad := t.TempDir() + "/bad.json"
	WriteConnectionFile(bad, ConnectionInfo{Transport: "udp"})
	if _, err := ReadConnectionFile(bad); err == nil {
		t.Fatal("udp transport accepted")
	}
}
