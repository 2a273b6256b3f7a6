package pgsql

import (
	"fmt"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// NumericTargets describes what an INSERT or UPDATE writes from something other than
// a literal, a parameter, NULL or DEFAULT: a query (INSERT … SELECT) or expressions
// (VALUES (0.1234567890123 + 0), SET n = n / 3). DuckDB casts such a value to an
// unbounded numeric column's DECIMAL(38,12) rounding it silently; the sandbox looks
// the table's columns up and, when one of the targets is such a column, has
// WrapNumeric route its values through NumericFunc.
type NumericTargets struct {
	Schema, Table string
	// Columns are the INSERT's column list or the UPDATE's SET columns, in order;
	// nil for an INSERT without a column list (the table's columns by position).
	Columns []string
	// Fed marks the targets (by index into Columns, or by table position) an
	// expression feeds; nil for an INSERT … SELECT (every target may be).
	Fed []bool
}

// plainValue reports whether n is a value DuckDB writes into a numeric column without
// rounding it silently: a literal (a wide one is refused by WideDecimals), a negated
// one, a parameter (checked when bound), NULL or DEFAULT.
func plainValue(n *pg.Node) bool {
	if e := n.GetAExpr(); e != nil && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		n = e.Rexpr
	}
	if c := n.GetAConst(); c != nil {
		f := c.GetFval()
		return f == nil || !containsAny(f.Fval, "eE") // an exponent makes DuckDB read a double
	}
	return n.GetParamRef() != nil || n.GetSetToDefault() != nil
}

func containsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}

// numericTargets finds the targets of an INSERT or UPDATE fed by expressions or a
// query; nil when there are none.
func numericTargets(stmt *pg.Node) *NumericTargets {
	t := &NumericTargets{}
	var rv *pg.RangeVar
	fed := false
	if ins := stmt.GetInsertStmt(); ins != nil && ins.SelectStmt != nil && ins.OnConflictClause == nil {
		rv = ins.Relation
		for _, c := range ins.Cols {
			t.Columns = append(t.Columns, c.GetResTarget().GetName())
		}
		sel := ins.SelectStmt.GetSelectStmt()
		if sel == nil || len(sel.ValuesLists) == 0 {
			fed = true // a query
		} else {
			for _, row := range sel.ValuesLists {
				for i, item := range row.GetList().GetItems() {
					if plainValue(item) {
						continue
					}
					for len(t.Fed) <= i {
						t.Fed = append(t.Fed, false)
					}
					t.Fed[i], fed = true, true
				}
			}
		}
	} else if up := stmt.GetUpdateStmt(); up != nil {
		rv = up.Relation
		for _, tl := range up.TargetList {
			rt := tl.GetResTarget()
			if rt == nil {
				return nil
			}
			plain := rt.Val == nil || plainValue(rt.Val) || rt.Val.GetMultiAssignRef() != nil
			t.Columns, t.Fed = append(t.Columns, rt.Name), append(t.Fed, !plain)
			fed = fed || !plain
		}
	}
	if rv == nil || !fed {
		return nil
	}
	t.Schema, t.Table = rv.Schemaname, rv.Relname
	if t.Schema == "public" {
		t.Schema = "main"
	}
	return t
}

// WrapNumeric rewrites sql, an INSERT or UPDATE the front end translated, so that the
// targets kinds marks (indexes as in NumericTargets) receive their values through
// NumericFunc (numericList for numeric[]). For an INSERT … SELECT, source returns, for the query's SQL,
// which of its columns DuckDB types so that they may round (not integers, nor
// decimals that fit DECIMAL(38,12)); only those are wrapped, in
// SELECT c1, sluice_numeric(c2) FROM (query) AS s(c1, c2). It returns false when there
// is nothing to change or the statement cannot be rewritten.
func WrapNumeric(sql string, kinds []NumericKind, source func(query string) ([]bool, error)) (string, bool, error) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, false, nil
	}
	stmt := res.Stmts[0].Stmt
	kind := func(i int) NumericKind {
		if i < len(kinds) {
			return kinds[i]
		}
		return NotNumeric
	}
	target := func(i int) bool { return kind(i) != NotNumeric }
	wrapAt := func(i int, n *pg.Node) *pg.Node {
		if kind(i) == NumericArray {
			return numericList(n)
		}
		return funcCall(NumericFunc, n)
	}
	changed := false
	if ins := stmt.GetInsertStmt(); ins != nil {
		sel := ins.SelectStmt.GetSelectStmt()
		if sel != nil && len(sel.ValuesLists) > 0 {
			for _, row := range sel.ValuesLists {
				for i, item := range row.GetList().GetItems() {
					if target(i) && !plainValue(item) {
						row.GetList().Items[i], changed = wrapAt(i, item), true
					}
				}
			}
		} else if ins.SelectStmt != nil {
			query := &pg.SelectStmt{}
			if sel != nil {
				query = sel
			}
			probe := ins.SelectStmt
			if ins.WithClause != nil && query.WithClause == nil {
				// The query alone, for source, needs the INSERT's WITH.
				c := proto.Clone(query).(*pg.SelectStmt)
				c.WithClause = ins.WithClause
				probe = &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: c}}
			}
			text, err := deparseNode(res.Version, probe)
			if err != nil {
				return sql, false, nil
			}
			rounds, err := source(quoteDuckKeywords(text))
			if err != nil {
				return sql, false, err
			}
			outer := &pg.SelectStmt{}
			alias := &pg.Alias{Aliasname: "sluice_src"}
			for i, r := range rounds {
				name := fmt.Sprintf("sluice_c%d", i+1)
				alias.Colnames = append(alias.Colnames, pg.MakeStrNode(name))
				var val *pg.Node = pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode("sluice_src"), pg.MakeStrNode(name)}, -1)
				if r && target(i) {
					val, changed = wrapAt(i, val), true
				}
				outer.TargetList = append(outer.TargetList, pg.MakeResTargetNodeWithVal(val, -1))
			}
			outer.FromClause = []*pg.Node{{Node: &pg.Node_RangeSubselect{RangeSubselect: &pg.RangeSubselect{
				Subquery: ins.SelectStmt, Alias: alias}}}}
			ins.SelectStmt = &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: outer}}
		}
	} else if up := stmt.GetUpdateStmt(); up != nil {
		for i, tl := range up.TargetList {
			rt := tl.GetResTarget()
			if rt != nil && rt.Val != nil && target(i) && !plainValue(rt.Val) && rt.Val.GetMultiAssignRef() == nil {
				rt.Val, changed = wrapAt(i, rt.Val), true
			}
		}
	}
	if !changed {
		return sql, false, nil
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, false, nil
	}
	return quoteDuckKeywords(out), true, nil
}
