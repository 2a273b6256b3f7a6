package pgsql

import (
	"strconv"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// withTies writes SELECT … ORDER BY k FETCH FIRST n ROWS WITH TIES, which DuckDB's
// grammar lacks, as
//
//	SELECT c1 AS a, c2 AS b FROM (SELECT *, rank() OVER (ORDER BY k) AS sluice_rank
//	  FROM (SELECT … AS c1, … AS c2 [, k AS sluice_k1]) sluice_q) sluice_r
//	WHERE sluice_rank <= n ORDER BY sluice_rank
//
// A sort key that is an output column (by name or position) ranks by it; another
// expression is computed by the query as a hidden column. Left to DuckDB (42601): an
// OFFSET, set operations, SELECT *, SELECT INTO, locking clauses.
func withTies(n *pg.Node, s *pg.SelectStmt) bool {
	if s.LimitOption != pg.LimitOption_LIMIT_OPTION_WITH_TIES || s.LimitCount == nil || s.LimitOffset != nil ||
		len(s.SortClause) == 0 || s.Op != pg.SetOperation_SETOP_NONE || s.IntoClause != nil || len(s.LockingClause) > 0 {
		return false
	}
	col := func(i int) string { return "sluice_c" + strconv.Itoa(i+1) }
	byName := map[string]int{}
	var outer []*pg.Node
	for i, t := range s.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Val == nil {
			return false
		}
		name := rt.Name
		if cr := rt.Val.GetColumnRef(); cr != nil {
			if cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
				return false // SELECT *: the hidden columns would show
			}
			if name == "" {
				name = strName(cr.Fields[len(cr.Fields)-1])
			}
		}
		if name != "" {
			if _, dup := byName[name]; !dup {
				byName[name] = i
			}
		}
		outer = append(outer, pg.MakeResTargetNodeWithVal(pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(col(i))}, -1), -1))
		outer[i].GetResTarget().Name = name
		rt.Name = col(i)
	}
	var keys []*pg.Node
	for j, k := range s.SortClause {
		sb := k.GetSortBy()
		if sb == nil || sb.UseOp != nil {
			return false
		}
		ref := ""
		if iv := sb.Node.GetAConst().GetIval(); iv != nil && int(iv.Ival) >= 1 && int(iv.Ival) <= len(s.TargetList) {
			ref = col(int(iv.Ival) - 1)
		} else if cr := sb.Node.GetColumnRef(); cr != nil && len(cr.Fields) == 1 {
			if i, ok := byName[strName(cr.Fields[0])]; ok {
				ref = col(i)
			}
		}
		if ref == "" {
			ref = "sluice_k" + strconv.Itoa(j+1)
			s.TargetList = append(s.TargetList, pg.MakeResTargetNodeWithNameAndVal(ref, sb.Node, -1))
		}
		keys = append(keys, &pg.Node{Node: &pg.Node_SortBy{SortBy: &pg.SortBy{
			Node: pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(ref)}, -1), SortbyDir: sb.SortbyDir, SortbyNulls: sb.SortbyNulls, Location: -1,
		}}})
	}
	res, err := pg.Parse("SELECT * FROM (SELECT *, rank() OVER (ORDER BY 1) AS sluice_rank FROM (SELECT 1) sluice_q) sluice_r WHERE sluice_rank <= 1 ORDER BY sluice_rank")
	if err != nil {
		return false
	}
	top := res.Stmts[0].Stmt.GetSelectStmt()
	mid := top.FromClause[0].GetRangeSubselect().Subquery.GetSelectStmt()
	mid.TargetList[1].GetResTarget().Val.GetFuncCall().Over.OrderClause = keys
	top.WhereClause.GetAExpr().Rexpr = s.LimitCount
	top.TargetList = outer
	s.SortClause, s.LimitCount, s.LimitOption = nil, nil, pg.LimitOption_LIMIT_OPTION_DEFAULT
	inner := &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: s}}
	mid.FromClause[0].GetRangeSubselect().Subquery = inner
	n.Node = &pg.Node_SelectStmt{SelectStmt: top}
	return true
}
