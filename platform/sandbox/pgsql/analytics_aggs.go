package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// sortedDistinctAggs are the aggregates whose DISTINCT PostgreSQL computes by sorting
// their argument, so that array_agg(DISTINCT x) comes out in x's order; DuckDB's comes
// out in the order of its hash table. (json_agg and jsonb_agg are rewritten by jsontext.go.)
var sortedDistinctAggs = map[string]bool{"array_agg": true, "string_agg": true}

// distinctAggOrder gives array_agg(DISTINCT x) & co. without an ORDER BY the order
// PostgreSQL's DISTINCT leaves: ORDER BY x (ascending, NULLs last).
func distinctAggOrder(fc *pg.FuncCall) bool {
	if !fc.AggDistinct || len(fc.AggOrder) > 0 || len(fc.Args) == 0 || fc.Over != nil || !sortedDistinctAggs[fnName(fc)] {
		return false
	}
	fc.AggOrder = []*pg.Node{{Node: &pg.Node_SortBy{SortBy: &pg.SortBy{
		Node: proto.Clone(fc.Args[0]).(*pg.Node), Location: -1,
	}}}}
	return true
}

// percentileFloat casts the sort key of percentile_cont(…) WITHIN GROUP (ORDER BY x) to
// double precision, as PostgreSQL's percentile_cont(float8) reads it: DuckDB
// interpolates a numeric in its own scale (2.17 for 2.175) and returns numeric.
func percentileFloat(fc *pg.FuncCall) bool {
	if fnName(fc) != "percentile_cont" || !fc.AggWithinGroup || len(fc.AggOrder) != 1 || fc.Over != nil {
		return false
	}
	sb := fc.AggOrder[0].GetSortBy()
	if sb == nil || sb.Node == nil || pgKind(sb.Node) == 'f' {
		return false
	}
	if tc := sb.Node.GetTypeCast(); tc != nil && tc.Location == generated {
		return false
	}
	c := fnCast(sb.Node, "float8", -1, -1)
	c.GetTypeCast().Location = generated
	sb.Node = c
	return true
}

// stringAggNullDelim writes string_agg(x, NULL) as string_agg(x, ”): PostgreSQL
// concatenates without a delimiter, DuckDB returns NULL.
func stringAggNullDelim(fc *pg.FuncCall) bool {
	if fnName(fc) != "string_agg" || len(fc.Args) != 2 {
		return false
	}
	k := fc.Args[1].GetAConst()
	if k == nil || !k.Isnull {
		return false
	}
	fc.Args[1] = pg.MakeAConstStrNode("", -1)
	return true
}
