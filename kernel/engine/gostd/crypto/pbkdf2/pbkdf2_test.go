package pbkdf2_test

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"hash"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/crypto/pbkdf2"
)

func show(b []byte, err error) string {
	return fmt.Sprintf("%x nil=%v err=%v", b, b == nil, err)
}

func TestPBKDF2MatchesStd(t *testing.T) {
	hashes := map[string]func() hash.Hash{"sha1": sha1.New, "sha256": sha256.New}
	for name, h := range hashes {
		for _, password := range []string{"", "pw", "a much longer password than a block of the hash function, to be hashed first"} {
			for _, salt := range [][]byte{nil, []byte("NaCl")} {
				for _, iter := range []int{-1, 0, 1, 2, 100} {
					for _, n := range []int{-5, 0, 1, 20, 21, 64, 65} {
						if got, want := show(ours.Key(h, password, salt, iter, n)), show(pbkdf2.Key(h, password, salt, iter, n)); got != want {
							t.Errorf("Key %s %q %q iter=%d len=%d: ours %s, std %s", name, password, salt, iter, n, got, want)
						}
					}
				}
			}
		}
	}
	huge := int(uint64(1<<32) * 20)
	if got, want := show(ours.Key(sha1.New, "p", nil, 1, huge)), show(pbkdf2.Key(sha1.New, "p", nil, 1, huge)); got != want {
		t.Errorf("Key with a too long keyLength: ours %s, std %s", got, want)
	}
	if got, want := show(ours.Key(sha256.New, "p", []byte("s"), 3, 40)), show(pbkdf2.Key(sha256.New, "p", []byte("s"), 3, 40)); got != want {
		t.Errorf("Key with sha256.New: ours %s, std %s", got, want)
	}
}
