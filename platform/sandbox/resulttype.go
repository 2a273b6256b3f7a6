package sandbox

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The result functions (pgsql/resulttype.go) give a result column PostgreSQL's type
// where DuckDB's differs: avg of integers and numerics, sum of integers, variance and
// standard deviation, division of numerics and the arithmetic over them are numeric in
// PostgreSQL, with a display scale its rules pick per value (division: at least 16
// significant digits, at least the operands' display scales — select_div_scale in
// PostgreSQL's numeric.c). DuckDB gives double precision or a DECIMAL of one scale.
// Each function is a set of overloads DuckDB chooses by the arguments' types: double
// precision arguments give double precision, integers the integer type PostgreSQL
// gives, anything else the exact numeric as text with PostgreSQL's display scale,
// which the session announces as numeric (numericTextValue).

// errDivZero is PostgreSQL's division by zero (22012, errors.go).
var errDivZero = errors.New("division by zero")

// maxDisplayScale is PostgreSQL's NUMERIC_MAX_DISPLAY_SCALE.
const maxDisplayScale = 1000

// resultKind is what an overload returns.
type resultKind int

const (
	resText  resultKind = iota // numeric text
	resFloat                   // DOUBLE
	resReal                    // FLOAT
	resInt2
	resInt4
	resInt8
	resPass // its argument (resultFunc.pass) unchanged
)

type resultFunc struct {
	in   []duckdb.TypeInfo
	out  duckdb.TypeInfo
	kind resultKind
	pass int // resPass: the argument returned
	// nulls: the function sees NULL arguments (sum's second, a value of x's type
	// beside a window function, is NULL on a row whose x is).
	nulls bool
	fn    func(k resultKind, v []driver.Value) (any, error)
}

func (f resultFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out, SpecialNullHandling: f.nulls}
}

func (f resultFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(v []driver.Value) (any, error) {
		if f.kind == resPass || v[0] == nil {
			return v[f.pass], nil
		}
		return f.fn(f.kind, v)
	}}
}

// registerResultTypes registers the result functions.
func registerResultTypes(c *sql.Conn) error {
	ti := map[duckdb.Type]duckdb.TypeInfo{}
	for _, t := range []duckdb.Type{duckdb.TYPE_ANY, duckdb.TYPE_VARCHAR, duckdb.TYPE_DOUBLE, duckdb.TYPE_FLOAT,
		duckdb.TYPE_TINYINT, duckdb.TYPE_SMALLINT, duckdb.TYPE_INTEGER, duckdb.TYPE_BIGINT, duckdb.TYPE_HUGEINT,
		duckdb.TYPE_INTERVAL, duckdb.TYPE_BOOLEAN} {
		i, err := duckdb.NewTypeInfo(t)
		if err != nil {
			return err
		}
		ti[t] = i
	}
	A, V, D, F, H, I := ti[duckdb.TYPE_ANY], ti[duckdb.TYPE_VARCHAR], ti[duckdb.TYPE_DOUBLE], ti[duckdb.TYPE_FLOAT], ti[duckdb.TYPE_HUGEINT], ti[duckdb.TYPE_INTERVAL]
	ints := []duckdb.Type{duckdb.TYPE_TINYINT, duckdb.TYPE_SMALLINT, duckdb.TYPE_INTEGER, duckdb.TYPE_BIGINT}
	intKind := func(t duckdb.Type) resultKind {
		switch t {
		case duckdb.TYPE_BIGINT:
			return resInt8
		case duckdb.TYPE_INTEGER:
			return resInt4
		}
		return resInt2
	}
	kindType := map[resultKind]duckdb.TypeInfo{resText: V, resFloat: D, resReal: F,
		resInt2: ti[duckdb.TYPE_SMALLINT], resInt4: ti[duckdb.TYPE_INTEGER], resInt8: ti[duckdb.TYPE_BIGINT]}
	mk := func(fn func(resultKind, []driver.Value) (any, error), k resultKind, in ...duckdb.TypeInfo) duckdb.ScalarFunc {
		return resultFunc{in: in, out: kindType[k], kind: k, fn: fn}
	}
	pass := func(i int, out duckdb.TypeInfo, in ...duckdb.TypeInfo) duckdb.ScalarFunc {
		return resultFunc{in: in, out: out, kind: resPass, pass: i}
	}
	binary := func(op byte) []duckdb.ScalarFunc {
		fn := func(k resultKind, v []driver.Value) (any, error) { return arith(op, k, v[0], v[1]) }
		set := []duckdb.ScalarFunc{mk(fn, resText, A, A),
			mk(fn, resFloat, D, A), mk(fn, resFloat, A, D), mk(fn, resFloat, D, D),
			mk(fn, resFloat, F, A), mk(fn, resFloat, A, F), mk(fn, resReal, F, F),
			mk(fn, resFloat, D, F), mk(fn, resFloat, F, D)}
		if op == '/' {
			set = append(set, intervalDivFunc(I, A))
		}
		for _, a := range ints {
			for _, b := range ints {
				set = append(set, mk(fn, max(intKind(a), intKind(b)), ti[a], ti[b]))
			}
		}
		return set
	}
	sets := map[string][]duckdb.ScalarFunc{
		pgsql.ResultDiv: binary('/'), pgsql.ResultMul: binary('*'),
		pgsql.ResultAdd: binary('+'), pgsql.ResultSub: binary('-'),
		pgsql.ResultNeg: {mk(negate, resText, A), mk(negate, resFloat, D), mk(negate, resReal, F),
			mk(negate, resInt2, ti[duckdb.TYPE_SMALLINT]), mk(negate, resInt4, ti[duckdb.TYPE_INTEGER]), mk(negate, resInt8, ti[duckdb.TYPE_BIGINT])},
		pgsql.ResultAvg: {mk(avgResult, resText, A, A), mk(avgResult, resFloat, D, A)},
		pgsql.ResultSum: {mk(sumResult, resText, A, A), pass(0, D, D, A), pass(0, I, I, A), pass(0, H, H, A),
			mk(sumResult, resInt8, H, ti[duckdb.TYPE_INTEGER]), mk(sumResult, resInt8, H, ti[duckdb.TYPE_SMALLINT]),
			mk(sumResult, resInt8, H, ti[duckdb.TYPE_TINYINT]), mk(sumResult, resInt8, H, ti[duckdb.TYPE_BOOLEAN]),
			mk(sumResult, resReal, D, F)},
		pgsql.ResultVar:    {mk(varResult, resText, A, A, A, A, V), pass(3, D, D, A, A, D, V)},
		pgsql.ResultRound:  {mk(roundResult, resText, A, ti[duckdb.TYPE_INTEGER], V)},
		pgsql.ResultRound1: {mk(roundResult, resText, A, V), mk(roundResult, resFloat, D, V), mk(roundResult, resReal, F, V)},
	}
	for i, f := range sets[pgsql.ResultSum] {
		rf := f.(resultFunc)
		rf.nulls = true
		sets[pgsql.ResultSum][i] = rf
	}
	for name, set := range sets {
		if err := duckdb.RegisterScalarUDFSet(c, name, set...); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// numValue is v, a value of any DuckDB type but floats, as an exact numeric with its
// display scale: an unbounded numeric (DECIMAL(38,12)) has the scale its digits need,
// as the sandbox sends it; a DECIMAL(p,s) has s; text is read with its own scale.
func numValue(v any) (decimal, error) {
	switch x := v.(type) {
	case duckdb.Decimal:
		d := decimal{i: new(big.Int).Set(x.Value), scale: int(x.Scale)}
		if x.Width == pgsql.UnboundedPrecision && x.Scale == pgsql.UnboundedScale {
			d = d.trimmed()
		}
		return d, nil
	case bool:
		if x {
			return decimal{i: big.NewInt(1)}, nil
		}
		return decimal{i: new(big.Int)}, nil
	}
	return pgNumeric(v)
}

// trimmed drops d's trailing decimal zeros.
func (d decimal) trimmed() decimal {
	i, s := new(big.Int).Set(d.i), d.scale
	ten, q, r := big.NewInt(10), new(big.Int), new(big.Int)
	for s > 0 && i.Sign() != 0 {
		q.QuoRem(i, ten, r)
		if r.Sign() != 0 {
			break
		}
		i.Set(q)
		s--
	}
	if i.Sign() == 0 {
		s = 0
	}
	return decimal{i: i, scale: s}
}

// rescaled is d with scale s >= d.scale.
func (d decimal) rescaled(s int) *big.Int {
	return new(big.Int).Mul(d.i, pow10(s-d.scale))
}

// nbaseLead returns the weight and first digit of d in PostgreSQL's base-10000
// representation (0, 0 for zero).
func (d decimal) nbaseLead() (weight, first int) {
	if d.i.Sign() == 0 {
		return 0, 0
	}
	digits := new(big.Int).Abs(d.i).String()
	lead := len(digits) - d.scale - 1 // the power of ten of the leading digit
	weight = lead / 4
	if lead < 0 && lead%4 != 0 {
		weight--
	}
	n := lead - 4*weight + 1 // digits of the first base-10000 digit
	first, _ = strconv.Atoi(digits[:min(n, len(digits))])
	for k := len(digits); k < n; k++ {
		first *= 10
	}
	return weight, first
}

// selectDivScale is PostgreSQL's select_div_scale: the scale of a / b's result.
func selectDivScale(a, b decimal) int {
	w1, f1 := a.nbaseLead()
	w2, f2 := b.nbaseLead()
	qweight := w1 - w2
	if f1 <= f2 {
		qweight--
	}
	rscale := 16 - qweight*4 // NUMERIC_MIN_SIG_DIGITS - qweight * DEC_DIGITS
	rscale = max(rscale, a.scale, b.scale, 0)
	return min(rscale, maxDisplayScale)
}

// quotient is a / b rounded half away from zero to scale s.
func quotient(a, b decimal, s int) (decimal, error) {
	if b.i.Sign() == 0 {
		return decimal{}, errDivZero
	}
	// a/b·10^s = a.i·10^(s + b.scale) / (b.i·10^a.scale)
	num := new(big.Int).Mul(a.i, pow10(s+b.scale))
	den := new(big.Int).Mul(b.i, pow10(a.scale))
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.CmpAbs(den) >= 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimal{i: q, scale: s}, nil
}

// arith computes a op b as PostgreSQL does for the result kind DuckDB chose.
func arith(op byte, k resultKind, a, b any) (any, error) {
	switch k {
	case resFloat, resReal:
		x, err := toFloat(a)
		if err != nil {
			return nil, err
		}
		y, err := toFloat(b)
		if err != nil {
			return nil, err
		}
		var r float64
		switch op {
		case '/':
			if y == 0 {
				return nil, errDivZero
			}
			r = x / y
		case '*':
			r = x * y
		case '+':
			r = x + y
		default:
			r = x - y
		}
		if k == resReal {
			f := float32(r)
			if math.IsInf(float64(f), 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
				return nil, errors.New("value is out of range: overflow")
			}
			return f, nil
		}
		if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
			return nil, errors.New("value is out of range: overflow")
		}
		return r, nil
	case resInt2, resInt4, resInt8:
		x, y := intArg(a), intArg(b)
		var r *big.Int
		switch op {
		case '/':
			if y == 0 {
				return nil, errDivZero
			}
			r = new(big.Int).Quo(big.NewInt(x), big.NewInt(y))
		case '*':
			r = new(big.Int).Mul(big.NewInt(x), big.NewInt(y))
		case '+':
			r = new(big.Int).Add(big.NewInt(x), big.NewInt(y))
		default:
			r = new(big.Int).Sub(big.NewInt(x), big.NewInt(y))
		}
		return intResult(k, r)
	}
	if op == '/' {
		if s, ok := fastDiv(a, b); ok {
			return s, nil
		}
	}
	x, err := numValue(a)
	if err != nil {
		return nil, err
	}
	y, err := numValue(b)
	if err != nil {
		return nil, err
	}
	var r decimal
	switch op {
	case '/':
		if r, err = quotient(x, y, selectDivScale(x, y)); err != nil {
			return nil, err
		}
	case '*':
		r = decimal{i: new(big.Int).Mul(x.i, y.i), scale: x.scale + y.scale}
	default:
		s := max(x.scale, y.scale)
		if op == '+' {
			r = decimal{i: new(big.Int).Add(x.rescaled(s), y.rescaled(s)), scale: s}
		} else {
			r = decimal{i: new(big.Int).Sub(x.rescaled(s), y.rescaled(s)), scale: s}
		}
	}
	return r.String(), nil
}

// intResult is r as the integer of kind k, or PostgreSQL's out-of-range error.
func intResult(k resultKind, r *big.Int) (any, error) {
	if !r.IsInt64() {
		return nil, errors.New("bigint out of range (the value is out of range)")
	}
	v := r.Int64()
	switch k {
	case resInt2:
		if v < math.MinInt16 || v > math.MaxInt16 {
			return nil, errors.New("smallint out of range (the value is out of range)")
		}
		return int16(v), nil
	case resInt4:
		if v < math.MinInt32 || v > math.MaxInt32 {
			return nil, errors.New("integer out of range (the value is out of range)")
		}
		return int32(v), nil
	}
	return v, nil
}

func intArg(v any) int64 {
	switch x := v.(type) {
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int64:
		return x
	}
	return 0
}

// toFloat is v as float8: numerics as PostgreSQL converts them (correctly rounded).
func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int8, int16, int32, int64:
		return float64(intArg(x)), nil
	}
	d, err := numValue(v)
	if err != nil {
		return 0, err
	}
	return strconv.ParseFloat(d.String(), 64)
}

// negate is -a.
func negate(k resultKind, v []driver.Value) (any, error) {
	switch x := v[0].(type) {
	case float64:
		return -x, nil
	case float32:
		return -x, nil
	}
	if k != resText {
		return intResult(k, new(big.Int).Neg(big.NewInt(intArg(v[0]))))
	}
	d, err := numValue(v[0])
	if err != nil {
		return nil, err
	}
	return decimal{i: d.i.Neg(d.i), scale: d.scale}.String(), nil
}

// avgResult is avg's numeric: sum / count, as PostgreSQL divides them; of double
// precision sum / count in double precision (DuckDB's avg, and PostgreSQL's).
func avgResult(k resultKind, v []driver.Value) (any, error) {
	if s, ok := v[0].(float64); ok && k == resFloat {
		return s / float64(intArg(v[1])), nil
	}
	return arith('/', resText, v[0], v[1])
}

// sumResult is sum of smallint or integer values as bigint, and a numeric sum as
// its text.
func sumResult(k resultKind, v []driver.Value) (any, error) {
	if f, ok := v[0].(float64); ok && k == resReal {
		return float32(f), nil // sum of real is real
	}
	if k == resInt8 {
		s, ok := v[0].(*big.Int)
		if !ok {
			return nil, fmt.Errorf("sum: unexpected %T", v[0])
		}
		return intResult(resInt8, s)
	}
	d, err := numValue(v[0])
	if err != nil {
		return nil, err
	}
	return d.String(), nil
}

// varResult is PostgreSQL's numeric variance or standard deviation from sum(x),
// sum(x*x) and count(x) (numeric_stddev_internal).
func varResult(_ resultKind, v []driver.Value) (any, error) {
	sumX, err := numValue(v[0])
	if err != nil {
		return nil, err
	}
	sumX2, err := numValue(v[1])
	if err != nil {
		return nil, err
	}
	n := intArg(v[2])
	kind, _ := v[4].(string)
	sample := kind == "stddev" || kind == "stddev_samp" || kind == "variance" || kind == "var_samp"
	if n <= 0 || sample && n <= 1 {
		return nil, nil
	}
	// PostgreSQL's numerator N·sumX2 − sumX² has twice sumX's display scale.
	sumX2 = sumX2.trimmed()
	ds := max(2*sumX.scale, sumX2.scale)
	bn := big.NewInt(n)
	sq := new(big.Int).Mul(sumX.i, sumX.i)
	sq.Mul(sq, pow10(ds-2*sumX.scale))
	num := new(big.Int).Mul(bn, sumX2.rescaled(ds))
	num.Sub(num, sq)
	if num.Sign() <= 0 {
		return "0", nil
	}
	den := new(big.Int).Mul(bn, bn)
	if sample {
		den = new(big.Int).Mul(bn, big.NewInt(n-1))
	}
	a, b := decimal{i: num, scale: ds}, decimal{i: den}
	rscale := selectDivScale(a, b)
	q, err := quotient(a, b, rscale)
	if err != nil {
		return nil, err
	}
	if kind == "variance" || kind == "var_samp" || kind == "var_pop" {
		return q.String(), nil
	}
	// The square root of the rounded variance, rounded to rscale: one more digit
	// by the integer square root, then rounded half up.
	x := new(big.Int).Mul(q.i, pow10(2*(rscale+1)-q.scale))
	r := new(big.Int).Sqrt(x)
	last := new(big.Int).Mod(r, big.NewInt(10)).Int64()
	r.Quo(r, big.NewInt(10))
	if last >= 5 {
		r.Add(r, big.NewInt(1))
	}
	return decimal{i: r, scale: rscale}.String(), nil
}

// roundResult is round(a, n) or trunc(a, n) (mode round, trunc; round1 and trunc1
// without n) of a numeric: the value to n places, display scale max(n, 0); a float
// with n is the numeric of its 15 significant digits, rounded; a float without n is
// rounded half to even (PostgreSQL's rint) or truncated.
func roundResult(k resultKind, v []driver.Value) (any, error) {
	mode, _ := v[len(v)-1].(string)
	places := 0
	if len(v) == 3 {
		places = int(intArg(v[1]))
	}
	trunc := mode == "trunc" || mode == "trunc1"
	switch x := v[0].(type) {
	case float64:
		if k == resFloat {
			if trunc {
				return math.Trunc(x), nil
			}
			return math.RoundToEven(x), nil
		}
	case float32:
		if k == resReal {
			if trunc {
				return float32(math.Trunc(float64(x))), nil
			}
			return float32(math.RoundToEven(float64(x))), nil
		}
	}
	d, err := numValue(v[0])
	if err != nil {
		return nil, err
	}
	places = min(places, maxDisplayScale)
	if places >= d.scale {
		return decimal{i: d.rescaled(places), scale: places}.String(), nil
	}
	r := d.round(places, trunc)
	if r.scale < 0 {
		r = decimal{i: r.i, scale: 0}
	}
	return r.String(), nil
}

// numericTextValue converts a result function's numeric text into the numeric pgx
// sends, keeping its display scale.
func numericTextValue(v any) any {
	s, ok := v.(string)
	if !ok {
		return toNumeric(v)
	}
	if n, ok := smallNumericText(s); ok {
		return n
	}
	d, err := parseNumeric(s)
	if err != nil {
		return s
	}
	return pgtype.Numeric{Int: d.i, Exp: -int32(d.scale), Valid: true}
}

// duckResultTypes prepares p's statement without the result functions when DuckDB
// refused them (they need sum(x), which DuckDB lacks for intervals): the columns
// keep DuckDB's types, as before the rewrite. When that fails too, the statement is
// wrong whatever the rewrite, and its error is the one DuckDB gives without it.
func (ss *session) duckResultTypes(ctx context.Context, c *duckdb.Conn, p *plan) (driver.Stmt, error) {
	tr := pgsql.TranslateDuckTypes(p.sql)
	p.duck, p.hints = tr.SQL, tr.Hints
	return c.PrepareContext(ctx, tr.SQL)
}

// intervalDivFunc is interval / number, as PostgreSQL's interval_div divides: months
// and days divided, their fractions carried down into days and microseconds.
func intervalDivFunc(in, num duckdb.TypeInfo) duckdb.ScalarFunc {
	return resultFunc{in: []duckdb.TypeInfo{in, num}, out: in, kind: resText, fn: func(_ resultKind, v []driver.Value) (any, error) {
		iv, ok := v[0].(duckdb.Interval)
		if !ok {
			return nil, fmt.Errorf("interval division: unexpected %T", v[0])
		}
		f, err := toFloat(v[1])
		if err != nil {
			return nil, err
		}
		if f == 0 {
			return nil, errDivZero
		}
		const daysPerMonth, secsPerDay = 30, 86400
		months := int32(float64(iv.Months) / f)
		days := int32(float64(iv.Days) / f)
		monthRem := (float64(iv.Months)/f - float64(months)) * daysPerMonth
		monthRem = math.Round(monthRem*1e6) / 1e6 // TSROUND
		secRem := (float64(iv.Days)/f - float64(days) + monthRem - math.Trunc(monthRem)) * secsPerDay
		secRem = math.Round(secRem*1e6) / 1e6 // TSROUND: microseconds
		if math.Abs(secRem) >= secsPerDay {
			days += int32(secRem / secsPerDay)
			secRem -= math.Trunc(secRem/secsPerDay) * secsPerDay
		}
		days += int32(monthRem)
		micros := math.RoundToEven(float64(iv.Micros)/f + secRem*1e6)
		return duckdb.Interval{Months: months, Days: days, Micros: int64(micros)}, nil
	}}
}
