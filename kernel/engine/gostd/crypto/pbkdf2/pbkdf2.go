// Package pbkdf2 is Sluice's interpreted source for the generic function of the
// standard package crypto/pbkdf2 (see kernel/engine/gostd): PBKDF2 with HMAC as RFC
// 8018 defines it.
package pbkdf2

import (
	"crypto/hmac"
	"errors"
	"hash"
)

// Key derives keyLength bytes from password and salt with iter rounds of HMAC over h.
// keyLength must be between 1 and (2^32 - 1) * h().Size().
func Key[Hash hash.Hash](h func() Hash, password string, salt []byte, iter, keyLength int) ([]byte, error) {
	newHash := func() hash.Hash { return h() }
	if keyLength <= 0 {
		return nil, errors.New("pkbdf2: keyLength must be larger than 0")
	}
	mac := hmac.New(newHash, []byte(password))
	size := mac.Size()
	if uint64(keyLength) > (1<<32-1)*uint64(size) {
		return nil, errors.New("pbkdf2: keyLength too long")
	}
	blocks := (keyLength + size - 1) / size
	out := make([]byte, 0, blocks*size)
	u := make([]byte, size)
	sum := make([]byte, size)
	for block := 1; block <= blocks; block++ {
		mac.Reset()
		mac.Write(salt)
		mac.Write([]byte{byte(block >> 24), byte(block >> 16), byte(block >> 8), byte(block)})
		u = mac.Sum(u[:0])
		copy(sum, u)
		for round := 2; round <= iter; round++ {
			mac.Reset()
			mac.Write(u)
			u = mac.Sum(u[:0])
			for k := range sum {
				sum[k] ^= u[k]
			}
		}
		out = append(out, sum...)
	}
	return out[:keyLength], nil
}
