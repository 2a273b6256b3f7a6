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

// refuseWideDecimals refuses (22003) an INSERT or UPDATE that writes a literal with
// more decimals than the sandbox's unbounded numeric keeps into such a column, which
// DuckDB would round silently. PostgreSQL stores the value whole.
func (ss *session) refuseWideDecimals(ctx context.Context, w *pgsql.WideDecimals) error {
	rows, err := ss.conn.QueryContext(ctx, `SELECT column_name, data_type FROM duckdb_columns()
		WHERE table_name = ? AND schema_name = coalesce(nullif(?, ''), 'main') AND NOT internal ORDER BY column_index`,
		w.Table, w.Schema)
	if err != nil {
		return nil // the statement itself reports what is wrong
	}
	defer rows.Close()
	unbounded := fmt.Sprintf("DECIMAL(%d,%d)", pgsql.UnboundedPrecision, pgsql.UnboundedScale)
	var names, types []string
	for rows.Next() {
		var n, t string
		if rows.Scan(&n, &t) != nil {
			return nil
		}
		names, types = append(names, n), append(types, t)
	}
	refuse := func(col string) error {
		return &sqlError{code: codes.NumericValueOutOfRange, msg: fmt.Sprintf(
			"a value for column %q has more decimals than the sandbox's numeric keeps (%d)", col, pgsql.UnboundedScale)}
	}
	for _, p := range w.Positions {
		if p < len(types) && types[p] == unbounded {
			return refuse(names[p])
		}
	}
	for _, c := range w.Columns {
		for i, n := range names {
			if strings.EqualFold(n, c) && types[i] == unbounded {
				return refuse(n)
			}
		}
	}
	return nil
}
