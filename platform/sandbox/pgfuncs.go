package sandbox

import (
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// PostgreSQL functions DuckDB lacks, or has with another meaning, written in Go and
// registered once in the database (so no connection pays for them). Names DuckDB
// already uses are registered with a pg_ prefix (pg_lpad, pg_regexp_matches…) and the
// front end (pgsql/missing*.go) rewrites the calls that need them; the others keep
// PostgreSQL's name and run as the client wrote them. Each file pgfuncs_*.go adds
// its functions to pgFuncs from an init function.

// pgFunc is one overload of a registered function.
type pgFunc struct {
	in       []duckdb.Type // parameter types (TYPE_LIST means a list of VARCHAR)
	variadic duckdb.Type   // when not TYPE_INVALID, further parameters of this type
	out      duckdb.Type
	outList  duckdb.Type // element type when out is TYPE_LIST
	volatile bool
	nulls    bool // the function sees NULL arguments (else NULL in, NULL out)
	fn       func(args []driver.Value) (any, error)

	inInfo      []duckdb.TypeInfo
	outInfo     duckdb.TypeInfo
	variadicInf duckdb.TypeInfo
}

// pgFuncs are the functions to register, by name (one entry per overload).
var pgFuncs = map[string][]*pgFunc{}

// addPGFunc adds an overload of name.
func addPGFunc(name string, f *pgFunc) { pgFuncs[name] = append(pgFuncs[name], f) }

func typeInfo(t, elem duckdb.Type) (duckdb.TypeInfo, error) {
	if t == duckdb.TYPE_LIST {
		if elem == duckdb.TYPE_INVALID {
			elem = duckdb.TYPE_VARCHAR
		}
		e, err := typeInfo(elem, duckdb.TYPE_INVALID)
		if err != nil {
			return nil, err
		}
		return duckdb.NewListInfo(e)
	}
	return duckdb.NewTypeInfo(t)
}

// registerPGFuncs registers every function of pgFuncs.
func registerPGFuncs(c *sql.Conn) error {
	for name, set := range pgFuncs {
		var fs []duckdb.ScalarFunc
		for _, f := range set {
			f.inInfo = nil
			for _, t := range f.in {
				ti, err := typeInfo(t, duckdb.TYPE_INVALID)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				f.inInfo = append(f.inInfo, ti)
			}
			var err error
			if f.outInfo, err = typeInfo(f.out, f.outList); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if f.variadic != duckdb.TYPE_INVALID {
				if f.variadicInf, err = typeInfo(f.variadic, duckdb.TYPE_INVALID); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
			fs = append(fs, f)
		}
		if err := duckdb.RegisterScalarUDFSet(c, name, fs...); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// Config declares the overload.
func (f *pgFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.inInfo, ResultTypeInfo: f.outInfo,
		VariadicTypeInfo: f.variadicInf, Volatile: f.volatile, SpecialNullHandling: f.nulls}
}

// Executor runs it row by row; a panic becomes the statement's error (duckdb-go does
// not recover one, and the sandbox would stop).
func (f *pgFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(args []driver.Value) (v any, err error) {
		defer func() {
			if p := recover(); p != nil {
				v, err = nil, fmt.Errorf("internal error in a PostgreSQL function: %v", p)
			}
		}()
		return f.fn(args)
	}}
}

// Shorthands for the declarations.
const (
	tText  = duckdb.TYPE_VARCHAR
	tBlob  = duckdb.TYPE_BLOB
	tInt   = duckdb.TYPE_INTEGER
	tBig   = duckdb.TYPE_BIGINT
	tBool  = duckdb.TYPE_BOOLEAN
	tFloat = duckdb.TYPE_DOUBLE
	tAny   = duckdb.TYPE_ANY
	tList  = duckdb.TYPE_LIST
	tIv    = duckdb.TYPE_INTERVAL
	tNone  = duckdb.TYPE_INVALID
)

func argString(v driver.Value) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []byte:
		return string(x), true
	}
	return "", false
}

func argInt(v driver.Value) (int64, bool) {
	switch x := v.(type) {
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		return int64(x), true
	}
	return 0, false
}
