package sandbox

import (
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// The input functions of the integer types and boolean for text the front end casts
// (pgsql/analytics_casts.go): PostgreSQL's rules, where DuckDB's cast rounds '1.5' to
// 2 and refuses 'yes'.
func init() {
	for _, it := range []struct {
		name string
		out  duckdb.Type
		bits int
		typ  string
	}{
		{pgsql.Int2InFunc, duckdb.TYPE_SMALLINT, 16, "smallint"},
		{pgsql.Int4InFunc, duckdb.TYPE_INTEGER, 32, "integer"},
		{pgsql.Int8InFunc, duckdb.TYPE_BIGINT, 64, "bigint"},
	} {
		addPGFunc(it.name, &pgFunc{in: []duckdb.Type{tText}, out: it.out, fn: func(a []driver.Value) (any, error) {
			s, _ := argString(a[0])
			v, err := pgsql.ParseInt(s, it.bits, it.typ)
			if err != nil {
				return nil, err
			}
			switch it.bits {
			case 16:
				return int16(v), nil
			case 32:
				return int32(v), nil
			}
			return v, nil
		}})
	}
	addPGFunc(pgsql.BoolInFunc, &pgFunc{in: []duckdb.Type{tText}, out: tBool, fn: func(a []driver.Value) (any, error) {
		s, _ := argString(a[0])
		v, ok := pgsql.ParseBool(s)
		if !ok {
			return nil, fmt.Errorf("invalid input syntax for type boolean: %q", s)
		}
		return v, nil
	}})
}
