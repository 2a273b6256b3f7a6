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
	// SetColumns and SetFed are, for INSERT … ON CONFLICT … DO UPDATE, the SET
	// columns and which of them an expression feeds.
	SetColumns []string
	SetFed     []bool
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
// query; nil when there are none. An INSERT's ON CONFLICT … DO UPDATE SET and the
// multi-column SET (a, b) = (…) count as UPDATE's SET does.
func numericTargets(stmt *pg.Node) *NumericTargets {
	t := &NumericTargets{}
	var rv *pg.RangeVar
	fed := false
	if ins := stmt.GetInsertStmt(); ins != nil && ins.SelectStmt != nil {
		rv = ins.Relation
		for _, c := range ins.Cols {
			t.Columns = append(t.Columns, c.GetResTarget().GetName())
		}
		sel := ins.SelectStmt.GetSelectStmt()
		if sel == nil || len(sel.ValuesLists) == 0 {
			fed = true // a query
		} else {
			t.Fed = []bool{}
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
		if oc := ins.OnConflictClause; oc != nil && oc.Action == pg.OnConflictAction_ONCONFLICT_UPDATE {
			cols, f, some, ok := setTargets(oc.TargetList, true)
			if !ok {
				return nil
			}
			t.SetColumns, t.SetFed, fed = cols, f, fed || some
		}
	} else if up := stmt.GetUpdateStmt(); up != nil {
		rv = up.Relation
		cols, f, some, ok := setTargets(up.TargetList, false)
		if !ok {
			return nil
		}
		t.Columns, t.Fed, fed = cols, f, some
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

// setTargets returns the columns of a SET list and which of them an expression feeds
// (some: any); ok is false when the list holds something else than assignments.
func setTargets(list []*pg.Node, conflict bool) (cols []string, fed []bool, some, ok bool) {
	for _, tl := range list {
		rt := tl.GetResTarget()
		if rt == nil {
			return nil, nil, false, false
		}
		v := setValue(rt)
		f := v != nil && !plainValue(v) && !sameColumn(v, rt.Name, conflict)
		cols, fed, some = append(cols, rt.Name), append(fed, f), some || f
	}
	return cols, fed, some, true
}

// setValue returns the value a SET assignment writes: its expression, or its element
// of a multi-column SET (a, b) = (x, y); nil for an element of an array or of a
// composite (SET a[1] = …) and for a sub-select's column (SET (a, b) = (SELECT …),
// which DuckDB does not take).
func setValue(rt *pg.ResTarget) *pg.Node {
	if rt.Val == nil || len(rt.Indirection) > 0 {
		return nil
	}
	m := rt.Val.GetMultiAssignRef()
	if m == nil {
		return rt.Val
	}
	row := m.Source.GetRowExpr()
	if row == nil || m.Colno < 1 || int(m.Colno) > len(row.Args) {
		return nil
	}
	return row.Args[m.Colno-1]
}

// sameColumn reports whether v is the assigned column itself (SET n = n), or, in ON
// CONFLICT … DO UPDATE, the value the INSERT proposed for it (SET n = excluded.n):
// a value of the column's own type, already checked.
func sameColumn(v *pg.Node, col string, conflict bool) bool {
	cr := v.GetColumnRef()
	if cr == nil {
		return false
	}
	f := cr.Fields
	switch {
	case len(f) == 1:
		return strName(f[0]) == col
	case len(f) == 2 && conflict:
		return strName(f[0]) == "excluded" && strName(f[1]) == col
	}
	return false
}

// wrapSet has the assignments of a SET list that kind marks write their values
// through wrap (multi-column ones element by element); it reports whether it changed
// any.
func wrapSet(list []*pg.Node, kind func(int) NumericKind, wrap func(int, *pg.Node) *pg.Node, conflict bool) bool {
	changed := false
	needs := func(i int, v *pg.Node) bool {
		rt := list[i].GetResTarget()
		return kind(i) != NotNumeric && rt != nil && len(rt.Indirection) == 0 && v != nil &&
			!plainValue(v) && !sameColumn(v, rt.Name, conflict)
	}
	seen := map[*pg.RowExpr]bool{}
	for i, tl := range list {
		rt := tl.GetResTarget()
		if rt == nil || rt.Val == nil {
			continue
		}
		m := rt.Val.GetMultiAssignRef()
		if m == nil {
			if needs(i, rt.Val) {
				rt.Val, changed = wrap(i, rt.Val), true
			}
			continue
		}
		// Each target of SET (a, b) = (x, y) carries the row; the deparser prints one.
		row := m.Source.GetRowExpr()
		if row == nil || seen[row] {
			continue
		}
		seen[row] = true
		start := i - int(m.Colno) + 1
		for k, arg := range row.Args {
			if j := start + k; j >= 0 && j < len(list) && needs(j, arg) {
				row.Args[k], changed = wrap(j, arg), true
			}
		}
	}
	return changed
}

// WrapNumeric rewrites sql, an INSERT or UPDATE the front end translated, so that the
// targets kinds marks (indexes as in NumericTargets; setKinds the SetColumns of ON
// CONFLICT … DO UPDATE) receive their values through
// NumericFunc (numericList for numeric[]). For an INSERT … SELECT, source returns, for the query's SQL,
// which of its columns DuckDB types so that they may round (not integers, nor
// decimals that fit DECIMAL(38,12)); only those are wrapped, in
// SELECT c1, sluice_numeric(c2) FROM (query) AS s(c1, c2). It returns false when there
// is nothing to change or the statement cannot be rewritten.
func WrapNumeric(sql string, kinds, setKinds []NumericKind, source func(query string) ([]bool, error)) (string, bool, error) {
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
	wrapKind := func(k NumericKind, n *pg.Node) *pg.Node {
		if k == NumericArray {
			return numericList(n)
		}
		return funcCall(NumericFunc, n)
	}
	wrapAt := func(i int, n *pg.Node) *pg.Node { return wrapKind(kind(i), n) }
	changed := false
	if ins := stmt.GetInsertStmt(); ins != nil {
		if oc := ins.OnConflictClause; oc != nil && len(setKinds) > 0 {
			setKind := func(i int) NumericKind {
				if i < len(setKinds) {
					return setKinds[i]
				}
				return NotNumeric
			}
			wrapSetAt := func(i int, n *pg.Node) *pg.Node { return wrapKind(setKind(i), n) }
			changed = wrapSet(oc.TargetList, setKind, wrapSetAt, true)
		}
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
		changed = wrapSet(up.TargetList, kind, wrapAt, false)
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
