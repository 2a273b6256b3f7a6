package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// PostgreSQL type OIDs the sandbox announces.
const (
	oidBool        = pgtype.BoolOID
	oidBytea       = pgtype.ByteaOID
	oidInt2        = pgtype.Int2OID
	oidInt4        = pgtype.Int4OID
	oidInt8        = pgtype.Int8OID
	oidText        = pgtype.TextOID
	oidJSON        = pgtype.JSONOID
	oidFloat4      = pgtype.Float4OID
	oidFloat8      = pgtype.Float8OID
	oidDate        = pgtype.DateOID
	oidTime        = pgtype.TimeOID
	oidTimestamp   = pgtype.TimestampOID
	oidTimestamptz = pgtype.TimestamptzOID
	oidInterval    = pgtype.IntervalOID
	oidNumeric     = pgtype.NumericOID
	oidUUID        = pgtype.UUIDOID
)

// converter turns a value read from DuckDB into one pgx's codec for the column's OID
// encodes.
type converter func(any) any

// columnType maps a DuckDB result column to a PostgreSQL type OID and the converter its
// values need.
func columnType(info duckdb.TypeInfo) (uint32, converter) {
	if info == nil {
		return oidText, toText
	}
	if strings.EqualFold(info.Alias(), "json") {
		return oidJSON, toJSON
	}
	if strings.EqualFold(info.Alias(), "jsonb") {
		return pgtype.JSONBOID, toJSON
	}
	switch info.InternalType() {
	case duckdb.TYPE_BOOLEAN:
		return oidBool, nil
	case duckdb.TYPE_SMALLINT:
		return oidInt2, nil // int16: pgx encodes it as it is
	case duckdb.TYPE_TINYINT, duckdb.TYPE_UTINYINT:
		return oidInt2, toInt64
	case duckdb.TYPE_INTEGER:
		return oidInt4, nil // int32
	case duckdb.TYPE_USMALLINT:
		return oidInt4, toInt64
	case duckdb.TYPE_BIGINT:
		return oidInt8, nil // int64
	case duckdb.TYPE_UINTEGER:
		return oidInt8, toInt64
	case duckdb.TYPE_UBIGINT, duckdb.TYPE_HUGEINT, duckdb.TYPE_UHUGEINT, duckdb.TYPE_BIGNUM, duckdb.TYPE_DECIMAL:
		return oidNumeric, toNumeric
	case duckdb.TYPE_FLOAT:
		return oidFloat4, nil
	case duckdb.TYPE_DOUBLE:
		return oidFloat8, nil
	case duckdb.TYPE_VARCHAR, duckdb.TYPE_ENUM:
		return oidText, toText
	case duckdb.TYPE_BLOB:
		return oidBytea, nil
	case duckdb.TYPE_DATE:
		return oidDate, toPGDate
	case duckdb.TYPE_TIME:
		return oidTime, toPGTime
	case duckdb.TYPE_TIME_TZ:
		return oidTimetz, toPGTimetz // dtinput_timetz.go
	case duckdb.TYPE_TIMESTAMP:
		return oidTimestamp, toPGTimestamp
	case duckdb.TYPE_TIMESTAMP_S, duckdb.TYPE_TIMESTAMP_MS, duckdb.TYPE_TIMESTAMP_NS:
		return oidTimestamp, nil
	case duckdb.TYPE_TIMESTAMP_TZ:
		return oidTimestamptz, toPGTimestamptz
	case duckdb.TYPE_INTERVAL:
		return oidInterval, toPGInterval
	case duckdb.TYPE_UUID:
		return oidUUID, toUUID
	case duckdb.TYPE_LIST:
		if arr, conv := nestedArrayType(info); arr != 0 {
			return arr, conv
		}
		if d, ok := info.Details().(*duckdb.ListDetails); ok && d.Child != nil {
			if arr, elem := arrayType(d.Child); arr != 0 {
				return arr, listOf(elem)
			}
		}
		return oidJSON, toJSON
	case duckdb.TYPE_STRUCT, duckdb.TYPE_MAP, duckdb.TYPE_ARRAY, duckdb.TYPE_UNION:
		return oidJSON, toJSON
	}
	return oidText, toText
}

// arrayType returns the array OID for a list whose elements have the given type, and the
// element converter; 0 when there is no matching PostgreSQL array type.
func arrayType(child duckdb.TypeInfo) (uint32, converter) {
	if child.Alias() != "" {
		return 0, nil
	}
	oid, conv := columnType(child)
	switch oid {
	case oidBool:
		return pgtype.BoolArrayOID, conv
	case oidInt2:
		return pgtype.Int2ArrayOID, conv
	case oidInt4:
		return pgtype.Int4ArrayOID, conv
	case oidInt8:
		return pgtype.Int8ArrayOID, conv
	case oidFloat4:
		return pgtype.Float4ArrayOID, conv
	case oidFloat8:
		return pgtype.Float8ArrayOID, conv
	case oidText:
		return pgtype.TextArrayOID, conv
	case oidNumeric:
		return pgtype.NumericArrayOID, conv
	case oidDate:
		return pgtype.DateArrayOID, conv
	case oidTimestamp:
		return pgtype.TimestampArrayOID, conv
	case oidTimestamptz:
		return pgtype.TimestamptzArrayOID, conv
	case oidUUID:
		return pgtype.UUIDArrayOID, conv
	}
	return 0, nil
}

// nestedArrayType returns the array OID and converter for a list of lists (of lists…)
// of scalars, a multidimensional array of the innermost elements; 0 for anything else.
func nestedArrayType(info duckdb.TypeInfo) (uint32, converter) {
	depth, inner := 0, info
	for inner.InternalType() == duckdb.TYPE_LIST {
		d, ok := inner.Details().(*duckdb.ListDetails)
		if !ok || d.Child == nil {
			return 0, nil
		}
		inner, depth = d.Child, depth+1
	}
	if depth < 2 {
		return 0, nil
	}
	switch inner.InternalType() {
	case duckdb.TYPE_STRUCT, duckdb.TYPE_MAP, duckdb.TYPE_ARRAY, duckdb.TYPE_UNION:
		return 0, nil
	}
	arr, elem := arrayType(inner)
	if arr == 0 {
		return 0, nil
	}
	return arr, nestedList(elem, depth)
}

// nestedList converts a list of lists (depth levels) into a PostgreSQL array of as many
// dimensions; sub-lists of different lengths, or NULL ones, have no PostgreSQL form
// (2202E, as PostgreSQL refuses such arrays).
func nestedList(elem converter, depth int) converter {
	return func(v any) any {
		var dims []pgtype.ArrayDimension
		var flat []any
		var walk func(x any, level int) bool
		walk = func(x any, level int) bool {
			list, ok := x.([]any)
			if !ok {
				return false
			}
			if level == len(dims) {
				dims = append(dims, pgtype.ArrayDimension{Length: int32(len(list)), LowerBound: 1})
			} else if dims[level].Length != int32(len(list)) {
				return false
			}
			for _, e := range list {
				if level+1 < depth {
					if !walk(e, level+1) {
						return false
					}
					continue
				}
				if e != nil && elem != nil {
					e = elem(e)
				}
				flat = append(flat, e)
			}
			return true
		}
		if !walk(v, 0) {
			return &sqlError{code: codes.ArraySubscript,
				msg: "multidimensional arrays must have sub-arrays with matching dimensions"}
		}
		if len(flat) == 0 {
			return pgtype.Array[any]{Dims: []pgtype.ArrayDimension{}, Valid: true}
		}
		return pgtype.Array[any]{Elements: flat, Dims: dims, Valid: true}
	}
}

func listOf(elem converter) converter {
	return func(v any) any {
		list, ok := v.([]any)
		if ok && len(list) == 0 {
			// PostgreSQL's empty array has no dimensions; pgx writes a []any as one.
			return pgtype.Array[any]{Dims: []pgtype.ArrayDimension{}, Valid: true}
		}
		if !ok || elem == nil {
			return v
		}
		out := make([]any, len(list))
		for i, x := range list {
			if x != nil {
				x = elem(x)
			}
			out[i] = x
		}
		return out
	}
}

func toInt64(v any) any {
	switch x := v.(type) {
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	}
	return v
}

func toNumeric(v any) any {
	switch x := v.(type) {
	case duckdb.Decimal:
		if x.Width == pgsql.UnboundedPrecision && x.Scale == pgsql.UnboundedScale {
			return unboundedNumeric(x.Value, int32(x.Scale))
		}
		return pgtype.Numeric{Int: x.Value, Exp: -int32(x.Scale), Valid: true}
	case *big.Int:
		return pgtype.Numeric{Int: x, Valid: true}
	case uint64:
		return pgtype.Numeric{Int: new(big.Int).SetUint64(x), Valid: true}
	case float64:
		return x
	}
	return v
}

// unboundedNumeric is a value of the type unbounded numeric maps to, without the
// trailing zeros of its fixed scale: 1.5 stored as 1.5000000000000000 is sent as 1.5.
func unboundedNumeric(v *big.Int, scale int32) pgtype.Numeric {
	if v.Sign() == 0 {
		return pgtype.Numeric{Int: new(big.Int), Valid: true}
	}
	i, ten, r := new(big.Int).Set(v), big.NewInt(10), new(big.Int)
	for scale > 0 {
		q, m := new(big.Int).QuoRem(i, ten, r)
		if m.Sign() != 0 {
			break
		}
		i, scale = q, scale-1
	}
	return pgtype.Numeric{Int: i, Exp: -scale, Valid: true}
}

func toText(v any) any {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return nil
	}
	return fmt.Sprint(v)
}

func toJSON(v any) any {
	b, err := appendPGJSON(nil, jsonable(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// appendPGJSON writes v as PostgreSQL writes jsonb: ", " and ": " between items, object
// keys shorter first and then bytewise (DuckDB hands JSON over parsed, its key order
// lost), strings without HTML escaping.
func appendPGJSON(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			var err error
			if b, err = appendPGJSON(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if len(keys[i]) != len(keys[j]) {
				return len(keys[i]) < len(keys[j])
			}
			return keys[i] < keys[j]
		})
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ", "...)
			}
			var err error
			if b, err = appendPGJSON(b, k); err != nil {
				return nil, err
			}
			b = append(b, ": "...)
			if b, err = appendPGJSON(b, x[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}

// jsonable rewrites DuckDB's nested values (maps with non-string keys, ordered maps,
// UUIDs, decimals) into values encoding/json renders faithfully.
func jsonable(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonable(e)
		}
		return out
	case duckdb.OrderedMap:
		out := map[string]any{}
		keys, vals := x.Keys(), x.Values()
		for i := range keys {
			out[fmt.Sprint(keys[i])] = jsonable(vals[i])
		}
		return out
	case *duckdb.OrderedMap:
		return jsonable(*x)
	case duckdb.UUID:
		return x.String()
	case *duckdb.UUID:
		return x.String()
	case duckdb.Decimal:
		return json.Number(x.String())
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Union:
		return jsonable(x.Value)
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d us", x.Months, x.Days, x.Micros)
	case []byte:
		return string(x)
	}
	return v
}

// DuckDB's infinite dates and timestamps arrive as the extreme times they are stored
// as; PostgreSQL sends them as infinity and -infinity.
const (
	infiniteDays   = math.MaxInt32 // DuckDB's date 'infinity', in days since 1970
	infiniteMicros = math.MaxInt64 // DuckDB's timestamp 'infinity', in microseconds
)

func infinity(n, max int64) pgtype.InfinityModifier {
	switch n {
	case max:
		return pgtype.Infinity
	case -max:
		return pgtype.NegativeInfinity
	}
	return pgtype.Finite
}

func toPGDate(v any) any {
	if t, ok := v.(time.Time); ok {
		if inf := infinity(t.Unix()/86400, infiniteDays); inf != pgtype.Finite {
			return pgtype.Date{InfinityModifier: inf, Valid: true}
		}
	}
	return v
}

func toPGTimestamp(v any) any {
	if t, ok := v.(time.Time); ok {
		if inf := infinity(t.UnixMicro(), infiniteMicros); inf != pgtype.Finite {
			return pgtype.Timestamp{InfinityModifier: inf, Valid: true}
		}
	}
	return v
}

func toPGTimestamptz(v any) any {
	if t, ok := v.(time.Time); ok {
		if inf := infinity(t.UnixMicro(), infiniteMicros); inf != pgtype.Finite {
			return pgtype.Timestamptz{InfinityModifier: inf, Valid: true}
		}
	}
	return v
}

func toPGTime(v any) any {
	if t, ok := v.(time.Time); ok {
		us := int64(t.Hour())*3600e6 + int64(t.Minute())*60e6 + int64(t.Second())*1e6 + int64(t.Nanosecond())/1e3
		return pgtype.Time{Microseconds: us, Valid: true}
	}
	return v
}

func toPGInterval(v any) any {
	if iv, ok := v.(duckdb.Interval); ok {
		return pgtype.Interval{Months: iv.Months, Days: iv.Days, Microseconds: iv.Micros, Valid: true}
	}
	return v
}

func toUUID(v any) any {
	switch x := v.(type) {
	case duckdb.UUID:
		return [16]byte(x)
	case *duckdb.UUID:
		return [16]byte(*x)
	case []byte:
		if len(x) == 16 {
			return [16]byte(x)
		}
	}
	return v
}

// paramOID maps the type DuckDB infers for a statement parameter to the OID announced in
// ParameterDescription. Parameters DuckDB cannot type are announced as text.
func paramOID(t duckdb.Type) uint32 {
	switch t {
	case duckdb.TYPE_BOOLEAN:
		return oidBool
	case duckdb.TYPE_TINYINT, duckdb.TYPE_SMALLINT, duckdb.TYPE_UTINYINT:
		return oidInt2
	case duckdb.TYPE_INTEGER, duckdb.TYPE_USMALLINT:
		return oidInt4
	case duckdb.TYPE_BIGINT, duckdb.TYPE_UINTEGER:
		return oidInt8
	case duckdb.TYPE_UBIGINT, duckdb.TYPE_HUGEINT, duckdb.TYPE_UHUGEINT, duckdb.TYPE_DECIMAL:
		return oidNumeric
	case duckdb.TYPE_FLOAT:
		return oidFloat4
	case duckdb.TYPE_DOUBLE:
		return oidFloat8
	case duckdb.TYPE_BLOB:
		return oidBytea
	case duckdb.TYPE_DATE:
		return oidDate
	case duckdb.TYPE_TIMESTAMP, duckdb.TYPE_TIMESTAMP_S, duckdb.TYPE_TIMESTAMP_MS, duckdb.TYPE_TIMESTAMP_NS:
		return oidTimestamp
	case duckdb.TYPE_TIMESTAMP_TZ:
		return oidTimestamptz
	case duckdb.TYPE_UUID:
		return oidUUID
	case duckdb.TYPE_INTERVAL:
		return oidInterval
	}
	return oidText
}

// duckTypeName is the DuckDB type for a parameter the client typed with oid ("" when
// the sandbox has no such type).
func duckTypeName(oid uint32) string {
	switch oid {
	case oidBool:
		return "boolean"
	case oidInt2:
		return "smallint"
	case oidInt4:
		return "integer"
	case oidInt8:
		return "bigint"
	case oidFloat4:
		return "real"
	case oidFloat8:
		return "double"
	case oidNumeric:
		return fmt.Sprintf("decimal(%d,%d)", pgsql.UnboundedPrecision, pgsql.UnboundedScale)
	case oidText, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID:
		return "varchar"
	case oidBytea:
		return "blob"
	case oidDate:
		return "date"
	case oidTime:
		return "time"
	case oidTimestamp:
		return "timestamp"
	case oidTimestamptz:
		return "timestamptz"
	case oidInterval:
		return "interval"
	case oidUUID:
		return "uuid"
	case oidJSON, pgtype.JSONBOID:
		return "json"
	}
	return ""
}

// bindValue turns a parameter decoded by pgx's codec into a value DuckDB binds.
func bindValue(v any) any {
	switch x := v.(type) {
	case pgtype.Numeric:
		if !x.Valid {
			return nil
		}
		// DuckDB casts the decimal text to the parameter's type exactly.
		b, err := x.MarshalJSON()
		if err != nil {
			return nil
		}
		return string(b)
	case [16]byte:
		return duckdb.UUID(x)
	case pgtype.Interval:
		return duckdb.Interval{Months: x.Months, Days: x.Days, Micros: x.Microseconds}
	case pgtype.Time:
		return time.Unix(0, x.Microseconds*1000).UTC()
	case pgtype.InfinityModifier:
		return fmt.Sprint(x)
	case map[string]any:
		b, _ := json.Marshal(x)
		return string(b)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case float32:
		return float64(x)
	}
	return v
}

// rowFits reports whether a converted row's values have the Go types the announced
// column OIDs encode; a row that does not means the statement's result changed since it
// was described (same column names, other types).
func rowFits(cols wire.Columns, row []any) bool {
	for i, v := range row {
		if v == nil {
			continue
		}
		ok := true
		switch cols[i].Oid {
		case oidInt2:
			_, ok = v.(int16)
			if !ok {
				_, ok = v.(int64)
			}
		case oidInt4:
			_, ok = v.(int32)
			if !ok {
				_, ok = v.(int64)
			}
		case oidInt8:
			_, ok = v.(int64)
		case oidFloat4:
			_, ok = v.(float32)
		case oidFloat8:
			_, ok = v.(float64)
		case oidNumeric:
			switch v.(type) {
			case pgtype.Numeric, float64:
			default:
				ok = false
			}
		case oidBool:
			_, ok = v.(bool)
		case oidDate, oidTimestamp, oidTimestamptz:
			switch v.(type) {
			case time.Time, pgtype.Date, pgtype.Timestamp, pgtype.Timestamptz:
			default:
				ok = false
			}
		case oidText, oidJSON:
			_, ok = v.(string)
		}
		if !ok {
			return false
		}
	}
	return true
}
