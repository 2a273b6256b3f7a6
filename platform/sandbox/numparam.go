package sandbox

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"unsafe"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jeroenrinzema/psql-wire/codes"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// Parameters DuckDB types as DECIMAL (a numeric column's value or comparison: INSERT …
// VALUES ($1), SET n = $1, WHERE n = $1) may arrive as something else than numeric
// when the client typed them itself: psycopg 3 sends a Python float as float8 and a
// str as text. DuckDB casts such a value to the parameter's DECIMAL rounding it
// silently — a float8 from its binary value, text to 12 decimals for the unbounded
// numeric. bindDecimal converts it as PostgreSQL does instead: float8 to its 15
// significant digits (float4 to 6), text exactly; for the unbounded numeric that value
// or 22003 (numericfunc.go), for a numeric(p,s) the value's text, which DuckDB rounds
// to the scale half away from zero as PostgreSQL does.

// decimalParam says how DuckDB types a parameter as DECIMAL: not at all (kind
// notDecimal), as the sandbox's unbounded numeric, or as a numeric(width, scale).
type decimalParam struct {
	kind         decimalKind
	width, scale int
}

type decimalKind byte

const (
	notDecimal       decimalKind = iota
	unboundedDecimal             // DECIMAL(38,12), the sandbox's numeric
	boundedDecimal               // another DECIMAL(p,s): numeric(p,s)
)

// decimalParams returns, for each parameter of s DuckDB types as DECIMAL, its width
// and scale; nil when there is none.
func decimalParams(s *duckdb.Stmt) []decimalParam {
	var out []decimalParam
	n := s.NumInput()
	for i := 1; i <= n; i++ {
		if t, err := s.ParamType(i); err != nil || t != duckdb.TYPE_DECIMAL {
			continue
		}
		if out == nil {
			out = make([]decimalParam, n)
		}
		w, sc, ok := paramDecimal(s, i)
		switch {
		case !ok:
			out[i-1] = decimalParam{kind: boundedDecimal} // not checked
		case int(w) == pgsql.UnboundedPrecision && int(sc) == pgsql.UnboundedScale:
			out[i-1] = decimalParam{kind: unboundedDecimal, width: int(w), scale: int(sc)}
		default:
			out[i-1] = decimalParam{kind: boundedDecimal, width: int(w), scale: int(sc)}
		}
	}
	return out
}

// paramDecimal returns the width and scale of parameter n (1-based) of s, a DECIMAL.
// duckdb-go v2 tells a parameter's type id only; the prepared-statement handle it
// keeps (unexported) answers through the C API's logical type, as listParamElem reads
// it. A duckdb-go without that field makes every DECIMAL parameter count as bounded
// and unchecked (a float8 is still converted as PostgreSQL converts it).
func paramDecimal(s *duckdb.Stmt, n int) (width, scale uint8, ok bool) {
	f := reflect.ValueOf(s).Elem().FieldByName("preparedStmt")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*mapping.PreparedStatement)(nil)) {
		return 0, 0, false
	}
	ps := *(**mapping.PreparedStatement)(unsafe.Pointer(f.UnsafeAddr()))
	if ps == nil || n < 1 || n > s.NumInput() {
		return 0, 0, false
	}
	lt := mapping.ParamLogicalType(*ps, mapping.IdxT(n))
	defer mapping.DestroyLogicalType(&lt)
	if mapping.GetTypeId(lt) != mapping.TypeDecimal {
		return 0, 0, false
	}
	return mapping.DecimalWidth(lt), mapping.DecimalScale(lt), true
}

// bindNumber checks and converts v, parameter i (0-based) of p decoded as oid, where
// DuckDB would read it otherwise than PostgreSQL: a numeric with more decimals or
// integer digits than the sandbox's numeric keeps (22003, numericParamFits), a float
// or text for a DECIMAL parameter (bindDecimal), and text pgx's decoder refused for an
// integer parameter, which DuckDB's cast would round ('2.5' as 3) where PostgreSQL
// refuses it (22P02). A parameter the statement checks itself (p.sqlNumParams) is
// left alone.
func bindNumber(p *plan, i int, oid uint32, v any) (any, error) {
	if p.sqlNumParams[i+1] {
		// The statement checks it (pgsql.NothingOnConflict), as text: a float as
		// PostgreSQL converts it to numeric, an integer or a numeric as its digits
		// (bindValue writes a pgtype.Numeric's).
		// DuckDB would prepare the statement again for a value of another type.
		switch v.(type) {
		case string, pgtype.Numeric:
			return v, nil
		}
		d, err := pgNumeric(v)
		if err != nil {
			return nil, &sqlError{code: codes.InvalidTextRepresentation, msg: fmt.Sprintf("parameter $%d: %v", i+1, err)}
		}
		return d.String(), nil
	}
	if s, ok := v.(string); ok && (oid == oidInt2 || oid == oidInt4 || oid == oidInt8) && !integerText(s) {
		return nil, &sqlError{code: codes.InvalidTextRepresentation,
			msg: fmt.Sprintf("parameter $%d: invalid input syntax for type %s: %q", i+1, oidName(oid), s)}
	}
	var dp decimalParam
	if i < len(p.decParams) {
		dp = p.decParams[i]
	}
	if dp.kind != notDecimal {
		var err error
		if v, err = bindDecimal(v, dp, i); err != nil {
			return nil, err
		}
	}
	if oid == oidNumeric && dp.kind != boundedDecimal {
		if err := numericParamFits(v); err != nil {
			return nil, &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf("parameter $%d: %v", i+1, err)}
		}
	}
	return v, nil
}

// integerText reports whether s is an integer as PostgreSQL's integer input reads it:
// blanks around, a sign, digits (whether it fits, DuckDB's cast says).
func integerText(s string) bool {
	s = strings.TrimSpace(s)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bindDecimal converts v, parameter i (0-based) decoded as the client typed it, for a
// DECIMAL parameter dp: a float becomes the decimal PostgreSQL's conversion gives,
// text (and any decimal) is checked against the unbounded numeric (22003, never
// rounded) or against numeric(p,s)'s integer digits (22003, as PostgreSQL's numeric
// field overflow; DuckDB would say 22P02), and DuckDB rounds what fits to the scale
// half away from zero as PostgreSQL does.
func bindDecimal(v any, dp decimalParam, i int) (any, error) {
	var d decimal
	var err error
	switch x := v.(type) {
	case float64, float32, string:
		d, err = pgNumeric(x)
	case pgtype.Numeric:
		if dp.kind != boundedDecimal || !x.Valid || x.NaN || x.InfinityModifier != pgtype.Finite {
			return v, nil // the unbounded numeric's check is numericParamFits
		}
		d, err = parseNumeric(numericText(x.Int, x.Exp))
		if x.Int.Sign() < 0 {
			d.i.Neg(d.i)
		}
	default:
		return v, nil
	}
	if err != nil {
		return nil, &sqlError{code: codes.InvalidTextRepresentation, msg: fmt.Sprintf("parameter $%d: %v", i+1, err)}
	}
	switch dp.kind {
	case unboundedDecimal:
		if _, err := d.unbounded(); err != nil {
			return nil, &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf("parameter $%d: %v", i+1, err)}
		}
	case boundedDecimal:
		if dp.width > 0 {
			r := d.round(dp.scale, false)
			if new(big.Int).Abs(r.i).Cmp(pow10(dp.width-dp.scale+r.scale)) >= 0 {
				return nil, &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf(
					"parameter $%d: numeric field overflow: a field with precision %d, scale %d must round to an absolute value less than 10^%d",
					i+1, dp.width, dp.scale, dp.width-dp.scale)}
			}
		}
	}
	return d.String(), nil
}

// typeOperandParams types the parameters DuckDB left untyped (and the client did not
// type) that are an operand of arithmetic or a comparison, as PostgreSQL types them
// by the other operand (n + $1 and $1 + 1.5 numeric, $1 * 2 integer, f + $1 double
// precision; pgsql.ParamOperandTypes): the statement is prepared again with them cast
// to that type, and they are announced as it, so a driver can send a float or a
// decimal for a numeric one, which is checked when bound. A float8 (or float4)
// parameter the client typed itself that DuckDB types as DECIMAL because it is
// compared with a numeric (WHERE n = $1, n < $1), and used nowhere else, is cast to
// double: PostgreSQL compares n::float8 with it. It parses the statement only when it has such
// parameters.
func (ss *session) typeOperandParams(ctx context.Context, c *duckdb.Conn, p *plan) *duckdb.Stmt {
	if ss.srv.noFrontEnd || p.stmt == nil {
		return nil
	}
	untyped, floats := map[int]bool{}, map[int]bool{}
	for i := 1; i <= p.stmt.NumInput(); i++ {
		t, err := p.stmt.ParamType(i)
		if err != nil {
			continue
		}
		client := uint32(0)
		if i <= len(p.clientP) {
			client = p.clientP[i-1]
		}
		switch {
		case t == duckdb.TYPE_DECIMAL && (client == oidFloat8 || client == oidFloat4):
			floats[i] = true
		case (t == duckdb.TYPE_INVALID || t == duckdb.TYPE_ANY || t == duckdb.TYPE_SQLNULL) && client == 0 && !p.numParams[i]:
			untyped[i] = true
		}
	}
	if len(untyped) == 0 && len(floats) == 0 {
		return nil
	}
	ops := pgsql.ParamOperandTypes(p.sql, func(tables []pgsql.ParamTable, qualifier, column string) uint32 {
		for _, t := range tables {
			if qualifier != "" && !strings.EqualFold(qualifier, t.Alias) {
				continue
			}
			if typ := ss.tableColumnsOn(ctx, c, t.Schema, t.Table).typeOf(column); typ != "" {
				return duckColumnOID(typ)
			}
		}
		return 0
	})
	casts := map[int]string{}
	for n, oid := range ops.Types {
		if untyped[n] {
			casts[n] = duckTypeName(oid)
		}
	}
	for n := range floats {
		if ops.Compared[n] {
			casts[n] = duckTypeName(p.clientP[n-1])
		}
	}
	return recastParams(ctx, c, p, casts)
}

// duckColumnOID is the PostgreSQL type of a column of DuckDB type typ (as
// duckdb_columns() writes it) where it is a number, 0 otherwise.
func duckColumnOID(typ string) uint32 {
	switch {
	case strings.HasPrefix(typ, "DECIMAL"), typ == "HUGEINT":
		return pgsql.NumericOID
	case typ == "INTEGER":
		return oidInt4
	case typ == "BIGINT":
		return oidInt8
	case typ == "SMALLINT":
		return oidInt2
	case typ == "DOUBLE":
		return oidFloat8
	case typ == "FLOAT":
		return oidFloat4
	}
	return 0
}
