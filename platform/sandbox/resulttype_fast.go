package sandbox

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The fast paths of the result functions, for a division in a result column over
// many rows: operands of at most 18 digits divided in 128-bit arithmetic, and the
// text read back without big-integer parsing (resulttype_internal_test.go checks
// them against the exact path).

// pow10u are the powers of ten a uint64 holds.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// smallNum is v as an unscaled int64 and its display scale, for the values that fit
// (the division's fast path: integers and decimals of at most 18 digits).
func smallNum(v any) (i int64, scale int, ok bool) {
	switch x := v.(type) {
	case int8, int16, int32, int64:
		return intArg(x), 0, true
	case duckdb.Decimal:
		if x.Value == nil || !x.Value.IsInt64() || x.Scale > 18 {
			return 0, 0, false
		}
		i, scale = x.Value.Int64(), int(x.Scale)
		if x.Width == pgsql.UnboundedPrecision && x.Scale == pgsql.UnboundedScale {
			for scale > 0 && i%10 == 0 {
				i, scale = i/10, scale-1
			}
			if i == 0 {
				scale = 0
			}
		}
		return i, scale, true
	}
	return 0, 0, false
}

// digitsU is the number of decimal digits of u (1 for 0).
func digitsU(u uint64) int {
	n := 1
	for n < len(pow10u) && u >= pow10u[n] {
		n++
	}
	return n
}

// leadU is nbaseLead for u·10^-scale.
func leadU(u uint64, scale int) (weight, first int) {
	if u == 0 {
		return 0, 0
	}
	n := digitsU(u)
	lead := n - scale - 1
	weight = lead / 4
	if lead < 0 && lead%4 != 0 {
		weight--
	}
	k := lead - 4*weight + 1
	if n >= k {
		return weight, int(u / pow10u[n-k])
	}
	return weight, int(u * pow10u[k-n])
}

func absU(i int64) uint64 {
	if i < 0 {
		return uint64(-(i + 1)) + 1
	}
	return uint64(i)
}

// fastDiv is arith('/') of two small numerics in 128-bit arithmetic; ok is false
// where it does not fit (the exact path then computes it) or b is zero.
func fastDiv(a, b any) (string, bool) {
	ai, as, ok1 := smallNum(a)
	bi, bs, ok2 := smallNum(b)
	if !ok1 || !ok2 || bi == 0 {
		return "", false
	}
	au, bu := absU(ai), absU(bi)
	w1, f1 := leadU(au, as)
	w2, f2 := leadU(bu, bs)
	qweight := w1 - w2
	if f1 <= f2 {
		qweight--
	}
	rscale := min(max(16-qweight*4, as, bs, 0), maxDisplayScale)
	// |a|/|b|·10^rscale = |a|·10^(rscale+bs-as) / |b|
	e := rscale + bs - as
	den := bu
	var hi, lo uint64
	switch {
	case e >= 0 && e < len(pow10u):
		hi, lo = bits.Mul64(au, pow10u[e])
	case e < 0 && -e < len(pow10u):
		h, d := bits.Mul64(bu, pow10u[-e])
		if h != 0 {
			return "", false
		}
		lo, den = au, d
	default:
		return "", false
	}
	if hi >= den {
		return "", false
	}
	q, r := bits.Div64(hi, lo, den)
	if r >= den-r { // 2r >= den: half away from zero
		if q == math.MaxUint64 {
			return "", false
		}
		q++
	}
	var buf [48]byte
	out := strconv.AppendUint(buf[:0], q, 10)
	neg := (ai < 0) != (bi < 0) && q != 0
	if rscale > 0 {
		if len(out) <= rscale {
			pad := rscale - len(out) + 1
			out = append(out, make([]byte, pad)...)
			copy(out[pad:], out[:len(out)-pad])
			for i := 0; i < pad; i++ {
				out[i] = '0'
			}
		}
		p := len(out) - rscale
		out = append(out, 0)
		copy(out[p+1:], out[p:len(out)-1])
		out[p] = '.'
	}
	if neg {
		return "-" + string(out), true
	}
	return string(out), true
}

// smallNumericText reads a result function's text ([-]digits[.digits]) of at most
// 18 digits without big-integer parsing.
func smallNumericText(s string) (pgtype.Numeric, bool) {
	neg := strings.HasPrefix(s, "-")
	t := strings.TrimPrefix(s, "-")
	var u int64
	n, scale, point := 0, 0, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '.' && !point:
			point = true
		case c >= '0' && c <= '9':
			if n++; n > 18 {
				return pgtype.Numeric{}, false
			}
			u = u*10 + int64(c-'0')
			if point {
				scale++
			}
		default:
			return pgtype.Numeric{}, false
		}
	}
	if n == 0 {
		return pgtype.Numeric{}, false
	}
	if neg {
		u = -u
	}
	return pgtype.Numeric{Int: big.NewInt(u), Exp: -int32(scale), Valid: true}, true
}
