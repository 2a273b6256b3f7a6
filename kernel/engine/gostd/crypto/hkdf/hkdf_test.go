package hkdf_test

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/crypto/hkdf"
)

func show(b []byte, err error) string {
	return fmt.Sprintf("%x nil=%v err=%v", b, b == nil, err)
}

func TestHKDFMatchesStd(t *testing.T) {
	hashes := map[string]func() hash.Hash{"sha1": sha1.New, "sha256": sha256.New, "sha512": sha512.New}
	secrets := [][]byte{nil, {}, []byte("secret"), bytes.Repeat([]byte{7}, 100)}
	salts := [][]byte{nil, {}, []byte("salt"), bytes.Repeat([]byte{1}, 200)}
	lengths := []int{0, 1, 20, 32, 33, 64, 255 * 20, 255*20 + 1, 255 * 32, 255*32 + 1, 255 * 64, 255*64 + 1}
	for name, h := range hashes {
		for _, secret := range secrets {
			for _, salt := range salts {
				if got, want := show(ours.Extract(h, secret, salt)), show(hkdf.Extract(h, secret, salt)); got != want {
					t.Errorf("Extract %s %q %q: ours %s, std %s", name, secret, salt, got, want)
				}
				for _, n := range lengths {
					for _, info := range []string{"", "context"} {
						if got, want := show(ours.Key(h, secret, salt, info, n)), show(hkdf.Key(h, secret, salt, info, n)); got != want {
							t.Errorf("Key %s %q %q %q %d: ours %.80s, std %.80s", name, secret, salt, info, n, got, want)
						}
						if got, want := show(ours.Expand(h, secret, info, n)), show(hkdf.Expand(h, secret, info, n)); got != want {
							t.Errorf("Expand %s %q %q %d: ours %.80s, std %.80s", name, secret, info, n, got, want)
						}
					}
				}
			}
		}
	}
	// A concrete hash type as the type argument, as callers usually write it.
	if got, want := show(ours.Key(sha256.New, []byte("s"), nil, "i", 42)), show(hkdf.Key(sha256.New, []byte("s"), nil, "i", 42)); got != want {
		t.Errorf("Key with sha256.New: ours %s, std %s", got, want)
	}
}
