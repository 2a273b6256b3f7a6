package synth

import (
	"fmt"
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

// appendUUID appends a random (version 4) UUID in its 36-character text form.
func (u *userRand) appendUUID(b []byte) []byte {
	const hexd = "0123456789abcdef"
	hi, lo := u.Uint64(), u.Uint64()
	hi = hi&^(0xf<<12) | 0x4<<12 // version 4
	lo = lo&^(0x3<<62) | 0x2<<62 // RFC 4122 variant
	var raw [16]byte
	for k := 0; k < 8; k++ {
		raw[k] = byte(hi >> (56 - 8*k))
		raw[8+k] = byte(lo >> (56 - 8*k))
	}
	for k, c := range raw {
		if k == 4 || k == 6 || k == 8 || k == 10 {
			b = append(b, '-')
		}
		b = append(b, hexd[c>>4], hexd[c&0xf])
	}
	return b
}

// ECID returns the 38-digit Experience Cloud ID of an e-mail address: the two halves
// of the address's 128-bit FNV-1a hash, each mapped to a 19-digit number.
func ECID(email string) string {
	hi, lo := hash128(email)
	b := make([]byte, 0, 38)
	b = strconv.AppendUint(b, hi%9e18+1e18, 10)
	b = strconv.AppendUint(b, lo%9e18+1e18, 10)
	return string(b)
}

// hash128 returns the 128-bit FNV-1a hash of s as two 64-bit halves.
func hash128(s string) (hi, lo uint64) {
	h := fnv.New128a()
	h.Write([]byte(s))
	var sum [16]byte
	h.Sum(sum[:0])
	for k := 0; k < 8; k++ {
		hi = hi<<8 | uint64(sum[k])
		lo = lo<<8 | uint64(sum[8+k])
	}
	return hi, lo
}

// hashedEmail returns the hex form of the address's 128-bit hash.
func hashedEmail(email string) string {
	hi, lo := hash128(email)
	return fmt.Sprintf("%016x%016x", hi, lo)
}

// round2 rounds to cents.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
