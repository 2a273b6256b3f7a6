package sandbox

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The front end turns a cast to numeric without precision of anything but a literal
// (x::numeric, $1::numeric) and a value written into such a column by INSERT … SELECT
// or an expression (pgsql.NumericFunc) into a call of sluice_numeric, and
// round(x::numeric, n)/trunc(x::numeric, n) into sluice_numeric_round(x, n, trunc).
// These work out the value PostgreSQL's cast gives — exact for integers, decimals and
// text, float8 to 15 significant digits and float4 to 6 as PostgreSQL's float8_numeric
// and float4_numeric do — and return it as the sandbox's unbounded numeric
// (DECIMAL(38,12)) only when it fits whole; a value with more decimals or integer
// digits is refused with SQLSTATE 22003, never rounded. DuckDB's own cast rounds to
// 12 decimals without a word.

// registerNumeric adds sluice_numeric(any), sluice_numeric_text(varchar) and
// sluice_numeric_round(any, integer, boolean), all returning DECIMAL(38,12).
func registerNumeric(c *sql.Conn) error {
	anyT, err := duckdb.NewTypeInfo(duckdb.TYPE_ANY)
	if err != nil {
		return err
	}
	intT, err := duckdb.NewTypeInfo(duckdb.TYPE_INTEGER)
	if err != nil {
		return err
	}
	boolT, err := duckdb.NewTypeInfo(duckdb.TYPE_BOOLEAN)
	if err != nil {
		return err
	}
	dec, err := duckdb.NewDecimalInfo(pgsql.UnboundedPrecision, pgsql.UnboundedScale)
	if err != nil {
		return err
	}
	if err := duckdb.RegisterScalarUDF(c, pgsql.NumericFunc, numericFunc{in: []duckdb.TypeInfo{anyT}, out: dec}); err != nil {
		return err
	}
	textT, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	if err := duckdb.RegisterScalarUDF(c, pgsql.NumericTextFunc, numericFunc{in: []duckdb.TypeInfo{textT}, out: dec}); err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, pgsql.NumericRoundFunc, numericFunc{in: []duckdb.TypeInfo{anyT, intT, boolT}, out: dec, round: true})
}

type numericFunc struct {
	in    []duckdb.TypeInfo
	out   duckdb.TypeInfo
	round bool
}

// Config declares the function's inputs and its DECIMAL(38,12) result.
func (f numericFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out}
}

// Executor converts one value.
func (f numericFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		if !f.round {
			if v, ok := fastUnbounded(values[0]); ok {
				return v, nil
			}
		}
		d, err := pgNumeric(values[0])
		if err != nil {
			return nil, err
		}
		if f.round {
			n, _ := values[1].(int32)
			trunc, _ := values[2].(bool)
			d = d.round(int(n), trunc)
		}
		return d.unbounded()
	}}
}

// decimal is the exact value i·10^-scale.
type decimal struct {
	i     *big.Int
	scale int
}

// pgNumeric is the numeric PostgreSQL's cast makes of v, a value of any DuckDB type.
func pgNumeric(v any) (decimal, error) {
	switch x := v.(type) {
	case int8, int16, int32, int64, uint8, uint16, uint32:
		n, _ := strconv.ParseInt(fmt.Sprint(x), 10, 64)
		return decimal{i: big.NewInt(n)}, nil
	case uint64:
		return decimal{i: new(big.Int).SetUint64(x)}, nil
	case *big.Int:
		return decimal{i: new(big.Int).Set(x)}, nil
	case duckdb.Decimal:
		return decimal{i: new(big.Int).Set(x.Value), scale: int(x.Scale)}, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return decimal{}, fmt.Errorf("invalid input syntax for type numeric: %q (the sandbox's numeric has no NaN or infinity)", strconv.FormatFloat(x, 'g', -1, 64))
		}
		return parseNumeric(strconv.FormatFloat(x, 'g', 15, 64)) // DBL_DIG significant digits
	case float32:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return decimal{}, fmt.Errorf("invalid input syntax for type numeric: %q (the sandbox's numeric has no NaN or infinity)", strconv.FormatFloat(f, 'g', -1, 32))
		}
		return parseNumeric(strconv.FormatFloat(f, 'g', 6, 32)) // FLT_DIG significant digits
	case string:
		return parseNumeric(x)
	case []byte:
		return parseNumeric(string(x))
	}
	return decimal{}, fmt.Errorf("cannot cast a value of Go type %T to numeric", v)
}

// parseNumeric reads PostgreSQL's numeric input: blanks around, a sign, digits with
// an optional point, an optional exponent.
func parseNumeric(s string) (decimal, error) {
	bad := func() (decimal, error) {
		return decimal{}, fmt.Errorf("invalid input syntax for type numeric: %q", s)
	}
	t := strings.TrimSpace(s)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	mant, exp := t, 0
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		e, err := strconv.Atoi(t[i+1:])
		if err != nil || e > 1000 || e < -1000 {
			return bad()
		}
		mant, exp = t[:i], e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" {
		return bad()
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return bad()
		}
	}
	i, _ := new(big.Int).SetString(digits, 10)
	if neg {
		i.Neg(i)
	}
	d := decimal{i: i, scale: len(frac) - exp}
	if d.scale < 0 {
		d.i.Mul(d.i, pow10(-d.scale))
		d.scale = 0
	}
	return d, nil
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// round rounds d to n decimals (n < 0: to tens, hundreds…), half away from zero as
// PostgreSQL's round(numeric, n) does, or toward zero when trunc.
func (d decimal) round(n int, trunc bool) decimal {
	if n >= d.scale {
		return d
	}
	div := pow10(d.scale - n)
	q, r := new(big.Int).QuoRem(d.i, div, new(big.Int))
	if !trunc {
		r.Abs(r).Mul(r, big.NewInt(2))
		if r.Cmp(div) >= 0 {
			if d.i.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	if n < 0 {
		return decimal{i: q.Mul(q, pow10(-n))}
	}
	return decimal{i: q, scale: n}
}

// unbounded returns d as the unscaled value of a DECIMAL(38,12), or an error (22003)
// when it has more decimals, trailing zeros aside, or more integer digits than that
// holds.
func (d decimal) unbounded() (any, error) {
	i, scale := new(big.Int).Set(d.i), d.scale
	ten, r := big.NewInt(10), new(big.Int)
	for scale > pgsql.UnboundedScale {
		q, m := new(big.Int).QuoRem(i, ten, r)
		if m.Sign() != 0 {
			return nil, fmt.Errorf("value is out of range for the sandbox's numeric: %s has more than %d decimals (PostgreSQL keeps them all; round it, or cast to numeric(p,s))",
				d, pgsql.UnboundedScale)
		}
		i, scale = q, scale-1
	}
	i.Mul(i, pow10(pgsql.UnboundedScale-scale))
	if new(big.Int).Abs(i).Cmp(pow10(pgsql.UnboundedPrecision)) >= 0 {
		return nil, fmt.Errorf("value is out of range for the sandbox's numeric: %s has more than %d integer digits (PostgreSQL keeps them all)",
			d, pgsql.UnboundedPrecision-pgsql.UnboundedScale)
	}
	return i, nil
}

// String writes d in plain decimal notation.
func (d decimal) String() string {
	s := numericText(d.i, -int32(d.scale))
	if d.i.Sign() < 0 {
		return "-" + s
	}
	return s
}

// fastUnbounded is pgNumeric(v).unbounded() for the common values — text and floats
// that fit, as an int64 — without big integers; ok is false for anything else (the
// slow path then converts it or says why not).
func fastUnbounded(v any) (any, bool) {
	var t string
	switch x := v.(type) {
	case string:
		t = strings.TrimSpace(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, false
		}
		t = strconv.FormatFloat(x, 'g', 15, 64)
	case duckdb.Decimal:
		// A decimal of at most 12 decimals is exact at scale 12 (n * 1 of a column).
		if x.Value == nil || x.Scale > pgsql.UnboundedScale || !x.Value.IsInt64() {
			return nil, false
		}
		u := x.Value.Int64()
		for s := x.Scale; s < pgsql.UnboundedScale; s++ {
			if u > math.MaxInt64/10 || u < math.MinInt64/10 {
				return nil, false
			}
			u *= 10
		}
		return u, true
	default:
		return nil, false
	}
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	exp := 0
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		e, err := strconv.Atoi(t[i+1:])
		if err != nil || e > 40 || e < -40 {
			return nil, false
		}
		t, exp = t[:i], e
	}
	intPart, frac, _ := strings.Cut(t, ".")
	frac = strings.TrimRight(frac, "0")
	digits := strings.TrimLeft(intPart+frac, "0")
	scale := len(frac) - exp
	if intPart+frac == "" || scale > pgsql.UnboundedScale || len(digits)-scale > pgsql.UnboundedPrecision-pgsql.UnboundedScale {
		return nil, false
	}
	n := len(digits) + pgsql.UnboundedScale - scale // digits of the unscaled value
	if n > 18 {
		return nil, false
	}
	var u int64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return nil, false
		}
		u = u*10 + int64(c-'0')
	}
	for i := 0; i < pgsql.UnboundedScale-scale; i++ {
		u *= 10
	}
	if neg {
		u = -u
	}
	return u, true
}
