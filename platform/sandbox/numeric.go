package sandbox

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jeroenrinzema/psql-wire/codes"
	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// numericParamFits refuses a numeric parameter with more decimals (trailing zeros
// aside) than the sandbox's unbounded numeric keeps (DECIMAL(38,12),
// pgsql.UnboundedScale), which DuckDB would round. PostgreSQL keeps such a value
// whole; the sandbox says so (22003) rather than store another one. Too many integer
// digits DuckDB refuses itself.
func numericParamFits(v any) error {
	var digits string
	switch x := v.(type) {
	case pgtype.Numeric:
		if !x.Valid || x.NaN || x.InfinityModifier != pgtype.Finite {
			return nil
		}
		digits = numericText(x.Int, x.Exp)
	case string:
		digits = strings.TrimSpace(x)
	default:
		return nil
	}
	digits = strings.TrimLeft(digits, "+-")
	intPart, frac, _ := strings.Cut(digits, ".")
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return nil // an exponent, NaN…: DuckDB's cast decides
		}
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > pgsql.UnboundedScale {
		return fmt.Errorf("value %s has more decimals than the sandbox's numeric keeps (%d)", digits, pgsql.UnboundedScale)
	}
	return nil
}

// numericText writes i·10^exp in plain decimal notation.
func numericText(i *big.Int, exp int32) string {
	s := new(big.Int).Abs(i).String()
	if exp >= 0 {
		return s + strings.Repeat("0", int(exp))
	}
	scale := int(-exp)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	return s[:len(s)-scale] + "." + s[len(s)-scale:]
}

// wideCache keeps, per table, the columns refuseWideDecimals looked up, for as long
// as no statement that may change the catalog ran (Server.catalogGen): a bulk load
// sending one INSERT per row looks its table up once.
type wideCache struct {
	gen    int64
	tables map[string]wideColumns
}

type wideColumns struct{ names, types []string }

// catalogMayChange counts a statement other than a query or a change of rows, whose
// tag is tag, as one that may change the catalog (DDL, COMMIT, ROLLBACK…).
func (ss *session) catalogMayChange(tag string) {
	switch tag {
	case "SELECT", "INSERT", "UPDATE", "DELETE", "COPY", "FETCH", "MOVE", "SHOW", "SET", "BEGIN", "START TRANSACTION":
		return
	}
	ss.srv.catalogGen.Add(1)
}

// refuseWideDecimals refuses (22003) an INSERT or UPDATE that writes a literal with
// more decimals than the sandbox's unbounded numeric keeps into such a column, which
// DuckDB would round silently. PostgreSQL stores the value whole.
func (ss *session) refuseWideDecimals(ctx context.Context, w *pgsql.WideDecimals) error {
	schema := w.Schema
	if schema == "" {
		schema = "main"
	}
	key := schema + "." + w.Table
	if gen := ss.srv.catalogGen.Load(); ss.wide.gen != gen || ss.wide.tables == nil {
		ss.wide = wideCache{gen: gen, tables: map[string]wideColumns{}}
	}
	cols, ok := ss.wide.tables[key]
	if !ok {
		rows, err := ss.conn.QueryContext(ctx, `SELECT column_name, data_type FROM duckdb_columns()
			WHERE table_name = ? AND schema_name = ? AND NOT internal ORDER BY column_index`, w.Table, schema)
		if err != nil {
			return nil // the statement itself reports what is wrong
		}
		for rows.Next() {
			var n, t string
			if rows.Scan(&n, &t) != nil {
				break
			}
			cols.names, cols.types = append(cols.names, n), append(cols.types, t)
		}
		rows.Close()
		ss.wide.tables[key] = cols
	}
	unbounded := fmt.Sprintf("DECIMAL(%d,%d)", pgsql.UnboundedPrecision, pgsql.UnboundedScale)
	refuse := func(col string) error {
		return &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf(
			"a value for column %q has more decimals than the sandbox's numeric keeps (%d)", col, pgsql.UnboundedScale)}
	}
	for _, p := range w.Positions {
		if p < len(cols.types) && cols.types[p] == unbounded {
			return refuse(cols.names[p])
		}
	}
	for _, c := range w.Columns {
		for i, n := range cols.names {
			if strings.EqualFold(n, c) && cols.types[i] == unbounded {
				return refuse(n)
			}
		}
	}
	return nil
}
