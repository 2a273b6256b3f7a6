package sandbox

import (
	"context"
	"strings"

	"github.com/sluice-dev/sluice/platform/sandbox/pgsql"
)

// PostgreSQL's input forms of dates, times and booleans that DuckDB's casts refuse or
// read otherwise ('2024-03-02 11:30+02', '+0530', 'Mar 1 2024', 'on', 'off'): the front
// end normalises them in casts; here, where a string literal meets a column (INSERT …
// VALUES, UPDATE … SET, WHERE placed >= '…') and where a text parameter reaches DuckDB.

// fixInputLiterals rewrites p's DuckDB statement so that the literals in tr.Inputs read
// as PostgreSQL reads them for their columns' types.
func (ss *session) fixInputLiterals(ctx context.Context, in *pgsql.InputLiterals, p *plan) {
	var tables []wideColumns
	for _, t := range in.Tables {
		tables = append(tables, ss.tableColumns(ctx, t[0], t[1]))
	}
	p.duck = pgsql.FixInputLiterals(p.duck, func(name string, pos int) string {
		if name == "" {
			if pos >= 0 && pos < len(tables[0].types) {
				return tables[0].types[pos]
			}
			return ""
		}
		for _, cols := range tables {
			if t := cols.typeOf(name); t != "" {
				return t
			}
		}
		return ""
	})
}

// inputParamText is the text DuckDB casts for a text parameter of type oid that pgx's
// decoder refused: PostgreSQL's date, time and boolean input forms normalised.
func inputParamText(oid uint32, s string) any {
	kind := ""
	switch oid {
	case oidTimestamptz:
		kind = "timestamptz"
	case oidTimestamp:
		kind = "timestamp"
	case oidDate:
		kind = "date"
	case oidTime:
		kind = "time"
	case oidInterval:
		kind = "interval"
	case oidBool:
		if v, ok := pgsql.ParseBool(s); ok {
			return v
		}
		return s
	default:
		return s
	}
	if out, ok := pgsql.NormalizeDateTime(s, kind); ok {
		return out
	}
	if t := strings.ToLower(strings.TrimSpace(s)); t == "infinity" || t == "-infinity" {
		return t
	}
	return s
}
