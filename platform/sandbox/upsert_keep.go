package sandbox

import (
	"database/sql"
	"database/sql/driver"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// registerUpsertKeep adds pgsql.UpsertKeepFunc, which picks the rows an INSERT … ON
// CONFLICT DO NOTHING over several keys inserts (pgsql/upsert_keys.go).
func registerUpsertKeep(c *sql.Conn) error {
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		return err
	}
	big, err := duckdb.NewTypeInfo(duckdb.TYPE_BIGINT)
	if err != nil {
		return err
	}
	bigs, err := duckdb.NewListInfo(big)
	if err != nil {
		return err
	}
	texts, err := duckdb.NewListInfo(text)
	if err != nil {
		return err
	}
	rows, err := duckdb.NewListInfo(texts)
	if err != nil {
		return err
	}
	return duckdb.RegisterScalarUDF(c, pgsql.UpsertKeepFunc, upsertKeepFunc{in: []duckdb.TypeInfo{bigs, rows, text}, out: bigs})
}

type upsertKeepFunc struct {
	in  []duckdb.TypeInfo
	out duckdb.TypeInfo
}

// Config declares sluice_upsert_keep(BIGINT[], VARCHAR[][], VARCHAR) → BIGINT[].
func (f upsertKeepFunc) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{InputTypeInfos: f.in, ResultTypeInfo: f.out}
}

// Executor runs pgsql.UpsertKeep.
func (f upsertKeepFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		ordList, _ := values[0].([]any)
		keyList, _ := values[1].([]any)
		spec, _ := values[2].(string)
		var widths []int
		for _, w := range strings.Split(spec, ",") {
			n, err := strconv.Atoi(w)
			if err != nil {
				return nil, err
			}
			widths = append(widths, n)
		}
		ords := make([]int64, len(ordList))
		for i, o := range ordList {
			ords[i], _ = o.(int64)
		}
		keys := make([][]*string, len(keyList))
		for i, k := range keyList {
			vals, _ := k.([]any)
			keys[i] = make([]*string, len(vals))
			for j, v := range vals {
				if s, ok := v.(string); ok {
					keys[i][j] = &s
				}
			}
		}
		kept := pgsql.UpsertKeep(ords, keys, widths)
		out := make([]any, len(kept))
		for i, o := range kept {
			out[i] = o
		}
		return out, nil
	}}
}
