package sandbox

import (
	"context"
	"database/sql/driver"
	"errors"
	"math"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Double precision arithmetic with PostgreSQL's errors (pgsql/floaterr.go writes the
// calls): DuckDB returns Infinity, 0 or NaN where PostgreSQL raises 22003 (value out
// of range: overflow / underflow), 22012 or 2201F.

var (
	errFloatOverflow  = errors.New("value out of range: overflow")
	errFloatUnderflow = errors.New("value out of range: underflow")
	errFloatDivZero   = errors.New("division by zero")
	errPowZeroNeg     = errors.New("zero raised to a negative power is undefined")
	errPowComplex     = errors.New("a negative number raised to a non-integer power yields a complex result")
)

func init() {
	binary := func(op func(a, b float64) (float64, error)) *pgFunc {
		return &pgFunc{in: []duckdb.Type{tFloat, tFloat}, out: tFloat, fn: func(a []driver.Value) (any, error) {
			x, _ := a[0].(float64)
			y, _ := a[1].(float64)
			return op(x, y)
		}}
	}
	addPGFunc(pgsql.FloatAddFunc, binary(func(x, y float64) (float64, error) { return checkOverflow(x+y, x, y) }))
	addPGFunc(pgsql.FloatSubFunc, binary(func(x, y float64) (float64, error) { return checkOverflow(x-y, x, y) }))
	addPGFunc(pgsql.FloatMulFunc, binary(func(x, y float64) (float64, error) {
		r, err := checkOverflow(x*y, x, y)
		if err == nil && r == 0 && x != 0 && y != 0 {
			return 0, errFloatUnderflow
		}
		return r, err
	}))
	addPGFunc(pgsql.FloatDivFunc, binary(func(x, y float64) (float64, error) {
		if y == 0 && !math.IsNaN(x) {
			return 0, errFloatDivZero
		}
		r := x / y
		if math.IsInf(r, 0) && !math.IsInf(x, 0) {
			return 0, errFloatOverflow
		}
		if r == 0 && x != 0 && !math.IsInf(y, 0) {
			return 0, errFloatUnderflow
		}
		return r, nil
	}))
	addPGFunc(pgsql.FloatExpFunc, &pgFunc{in: []duckdb.Type{tFloat}, out: tFloat, fn: func(a []driver.Value) (any, error) {
		x, _ := a[0].(float64)
		r := math.Exp(x)
		switch {
		case math.IsInf(r, 0) && !math.IsInf(x, 0):
			return nil, errFloatOverflow
		case r == 0 && !math.IsInf(x, 0):
			return nil, errFloatUnderflow
		}
		return r, nil
	}})
	addPGFunc(pgsql.FloatPowerFunc, &pgFunc{in: []duckdb.Type{tFloat, tFloat, tBool}, out: tFloat, fn: func(a []driver.Value) (any, error) {
		x, _ := a[0].(float64)
		y, _ := a[1].(float64)
		under, _ := a[2].(bool)
		return floatPower(x, y, under)
	}})
}

// checkOverflow is r, or 22003 when r is infinite and neither operand was.
func checkOverflow(r, x, y float64) (float64, error) {
	if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
		return 0, errFloatOverflow
	}
	return r, nil
}

// floatPower is PostgreSQL's dpow: 2201F for zero to a negative power and a negative
// number to a fractional one, 22003 when the result overflows (or underflows, when
// under is set: PostgreSQL's numeric power gives 0 there).
func floatPower(x, y float64, under bool) (float64, error) {
	if math.IsNaN(x) || math.IsNaN(y) {
		if x == 1 || y == 0 {
			return 1, nil
		}
		return math.NaN(), nil
	}
	if x == 0 && y < 0 {
		return 0, errPowZeroNeg
	}
	if x < 0 && y != math.Trunc(y) && !math.IsInf(y, 0) {
		return 0, errPowComplex
	}
	r := math.Pow(x, y)
	if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
		return 0, errFloatOverflow
	}
	if under && r == 0 && x != 0 && !math.IsInf(y, 0) && !math.IsInf(x, 0) {
		return 0, errFloatUnderflow
	}
	return r, nil
}

// checkFloatColumns writes PostgreSQL's overflow and underflow checks into p's
// arithmetic over double precision columns (f * 10), which the front end cannot type
// alone: the statement's tables are looked up (tableColumns, cached until the catalog
// changes) only when its text holds + - or * between operands.
func (ss *session) checkFloatColumns(ctx context.Context, p *plan) {
	if ss.srv.noFrontEnd {
		return
	}
	tables := pgsql.FloatColumnTables(p.duck)
	if tables == nil {
		return
	}
	var cols []wideColumns
	for _, t := range tables {
		cols = append(cols, ss.tableColumns(ctx, t[0], t[1]))
	}
	p.duck = pgsql.CheckFloatColumns(p.duck, func(name string) string {
		typ, double := "", false
		for _, c := range cols {
			switch t := c.typeOf(name); {
			case strings.Contains(t, "DATE") || strings.Contains(t, "TIME") || strings.Contains(t, "INTERVAL"):
				return t // a name that is also a date or time somewhere: left alone
			case t == "DOUBLE":
				double = true
			case t != "" && typ == "":
				typ = t
			}
		}
		if double {
			return "DOUBLE"
		}
		return typ
	})
}
