package synth

import (
	"encoding/binary"
	"encoding/hex"
	"hash"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
)

// Random streams: every user has one stream per purpose, seeded from the seed and
// the user's index through splitmix64 so that neighbouring users' streams are
// unrelated.
const (
	streamProfile uint64 = 0x70726f66696c6531 // identity and profile attributes
	streamEvents  uint64 = 0x6576656e74733131 // simulation and event detail fields
)

// splitmix64 is the finaliser of the SplitMix64 generator: a bijective 64-bit mixer.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// userRand is a reusable per-user random stream.
type userRand struct {
	pcg rand.PCG
	*rand.Rand
}

func newUserRand() *userRand {
	u := &userRand{}
	u.Rand = rand.New(&u.pcg)
	return u
}

// reset seeds the stream for user index i and purpose stream.
func (u *userRand) reset(seed int64, i int, stream uint64) {
	hi := splitmix64(uint64(seed) ^ splitmix64(uint64(i)))
	lo := splitmix64(hi ^ stream)
	u.pcg.Seed(hi, lo)
}

// poisson draws from Poisson(λ) given expNeg = e^-λ (Knuth's method; λ is small).
func (u *userRand) poisson(expNeg float64) int {
	n := 0
	p := u.Float64()
	for p > expNeg {
		n++
		p *= u.Float64()
	}
	return n
}

// appendRawUUID appends the 16 bytes of a random (version 4) UUID; table shows it as
// its 36-character text (table.UUIDColumn).
func (u *userRand) appendRawUUID(b []byte) []byte {
	hi, lo := u.Uint64(), u.Uint64()
	hi = hi&^(0xf<<12) | 0x4<<12 // version 4
	lo = lo&^(0x3<<62) | 0x2<<62 // RFC 4122 variant
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(b, hi), lo)
}

// ECID returns the 38-digit Experience Cloud ID of an e-mail address: the two halves
// of the address's 128-bit FNV-1a hash, each mapped to a 19-digit number.
func ECID(email string) string {
	var h hasher
	return string(h.appendECID(make([]byte, 0, 38), []byte(email)))
}

// hasher computes the 128-bit FNV-1a hash of e-mail addresses, reusing its state.
type hasher struct {
	h   hash.Hash
	sum [16]byte
}

// hash128 returns the hash of b as two 64-bit halves.
func (h *hasher) hash128(b []byte) (hi, lo uint64) {
	if h.h == nil {
		h.h = fnv.New128a()
	}
	h.h.Reset()
	h.h.Write(b)
	sum := h.h.Sum(h.sum[:0])
	return binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:])
}

// appendECID appends the ECID of the address email to dst.
func (h *hasher) appendECID(dst, email []byte) []byte {
	hi, lo := h.hash128(email)
	dst = strconv.AppendUint(dst, hi%9e18+1e18, 10)
	return strconv.AppendUint(dst, lo%9e18+1e18, 10)
}

// appendHashedEmail appends the hex form of the address's 128-bit hash to dst.
func (h *hasher) appendHashedEmail(dst, email []byte) []byte {
	h.hash128(email)
	return hex.AppendEncode(dst, h.sum[:])
}

// round2 rounds to cents.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
