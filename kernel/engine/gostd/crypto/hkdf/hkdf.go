// Package hkdf is Sluice's interpreted source for the generic functions of the standard
// package crypto/hkdf (see kernel/engine/gostd): HKDF as RFC 5869 defines it, over
// HMAC from crypto/hmac.
package hkdf

import (
	"crypto/hmac"
	"errors"
	"hash"
)

// Extract generates a pseudorandom key for Expand from secret and an optional salt
// (nil means a string of hash-length zeros).
func Extract[H hash.Hash](h func() H, secret, salt []byte) ([]byte, error) {
	newHash := func() hash.Hash { return h() }
	if salt == nil {
		salt = make([]byte, newHash().Size())
	}
	mac := hmac.New(newHash, salt)
	mac.Write(secret)
	return mac.Sum(nil), nil
}

// Expand derives keyLength bytes from pseudorandomKey and info (RFC 5869, section
// 2.3). It fails when keyLength is more than 255 hash lengths.
func Expand[H hash.Hash](h func() H, pseudorandomKey []byte, info string, keyLength int) ([]byte, error) {
	newHash := func() hash.Hash { return h() }
	return expand(newHash, pseudorandomKey, info, keyLength)
}

// Key derives keyLength bytes from secret, salt and info: Extract, then Expand.
func Key[Hash hash.Hash](h func() Hash, secret, salt []byte, info string, keyLength int) ([]byte, error) {
	newHash := func() hash.Hash { return h() }
	if keyLength > 255*newHash().Size() {
		return nil, errors.New("hkdf: requested key length too large")
	}
	prk, err := Extract(newHash, secret, salt)
	if err != nil {
		return nil, err
	}
	return expand(newHash, prk, info, keyLength)
}

func expand(newHash func() hash.Hash, prk []byte, info string, keyLength int) ([]byte, error) {
	mac := hmac.New(newHash, prk)
	if keyLength > 255*mac.Size() {
		return nil, errors.New("hkdf: requested key length too large")
	}
	out := make([]byte, 0, keyLength)
	var block []byte
	for counter := byte(1); len(out) < keyLength; counter++ {
		mac.Reset()
		mac.Write(block)
		mac.Write([]byte(info))
		mac.Write([]byte{counter})
		block = mac.Sum(block[:0])
		need := keyLength - len(out)
		if need > len(block) {
			need = len(block)
		}
		out = append(out, block[:need]...)
	}
	return out, nil
}
