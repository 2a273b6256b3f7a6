package pgsql

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// PostgreSQL's `t TABLESAMPLE SYSTEM (10) [REPEATABLE (1)]` takes a percentage; DuckDB
// reads a bare number there as a count of rows (and refuses it for SYSTEM), so the
// argument must say PERCENT, which PostgreSQL's deparser cannot write. samplePercents
// puts a placeholder column in each sample's argument, and the deparsed text gets
// "<n> PERCENT" in its place.

const samplePlaceholder = "sluice_sample_pct_"

// hasTableSample reports whether sql mentions TABLESAMPLE (any case), cheaply.
func hasTableSample(sql string) bool {
	for i := 0; i+11 <= len(sql); i++ {
		if sql[i]|0x20 == 't' && strings.EqualFold(sql[i:i+11], "tablesample") {
			return true
		}
	}
	return false
}

// samplePercents replaces the argument of each TABLESAMPLE of a constant percentage
// with a placeholder and returns the percentages, in order; nil when there is none.
func samplePercents(sql string, stmt *pg.Node) []string {
	if !hasTableSample(sql) {
		return nil
	}
	var pcts []string
	walk(stmt, func(n *pg.Node) {
		ts := n.GetRangeTableSample()
		if ts == nil || len(ts.Args) != 1 {
			return
		}
		c := ts.Args[0].GetAConst()
		if c == nil {
			return
		}
		v := "101" // NULL and negative numbers: DuckDB's error for a percentage out of range
		switch {
		case c.Isnull:
		case c.GetIval() != nil:
			if i := c.GetIval().Ival; i >= 0 {
				v = strconv.Itoa(int(i))
			}
		case c.GetFval() != nil:
			if f := c.GetFval().Fval; !strings.HasPrefix(f, "-") {
				v = f
			}
		default:
			return
		}
		ts.Args[0] = pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(samplePlaceholder + strconv.Itoa(len(pcts)))}, -1)
		pcts = append(pcts, v)
	})
	return pcts
}

// withPercents puts the percentages back into deparsed SQL.
func withPercents(out string, pcts []string) string {
	for i := len(pcts) - 1; i >= 0; i-- {
		out = strings.Replace(out, samplePlaceholder+strconv.Itoa(i), pcts[i]+" PERCENT", 1)
	}
	return out
}
