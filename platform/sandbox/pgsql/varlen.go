package pgsql

import (
	"fmt"
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// varchar(n) and char(n) as PostgreSQL applies them. DuckDB has one string type
// without a length, so:
//
//   - an explicit cast `x::varchar(n)` truncates to n characters, `x::char(n)` too
//     (varlenCast, called by the rewriter for every cast): substr(CAST(x AS varchar),
//     1, n), for char(n) without its trailing blanks;
//   - a value written into a column declared varchar(n) or char(n) (INSERT's VALUES or
//     query, UPDATE's SET, ON CONFLICT DO UPDATE's SET) longer than n characters is
//     refused with 22001, unless what is beyond n is blanks, which are cut
//     (VarlenAssign: a string literal is judged at once, anything else goes through
//     VarlenFunc);
//   - a char(n) value is stored without its trailing blanks, which PostgreSQL ignores
//     (comparisons, length(), ::text, ||); the session pads it to n when it sends a
//     column declared char(n).

// VarlenFunc is the Go function (the session registers it) that checks a value for a
// varchar(n) or char(n) column: sluice_varlen(v VARCHAR, n INTEGER, blank INTEGER),
// blank 1 for char(n).
const VarlenFunc = "sluice_varlen"

// VarlenColumn is a column declared varchar(N) or, Blank, char(N).
type VarlenColumn struct {
	N     int
	Blank bool
}

// VarlenTable is what VarlenAssign needs to know of the table a statement writes: its
// columns in order, and those declared varchar(n) or char(n) by lower-case name.
type VarlenTable struct {
	Columns []string
	Bounded map[string]VarlenColumn
}

// VarlenValue applies the rules of a column declared varchar(n) or char(n) to s: the
// value to store, or false when s is too long.
func VarlenValue(s string, c VarlenColumn) (string, bool) {
	if utf8.RuneCountInString(s) > c.N {
		cut, i := 0, 0
		for i = range s {
			if cut == c.N {
				break
			}
			cut++
		}
		if strings.TrimRight(s[i:], " ") != "" {
			return "", false
		}
		s = s[:i]
	}
	if c.Blank {
		s = strings.TrimRight(s, " ")
	}
	return s, true
}

// VarlenMessage is PostgreSQL's message for a value too long for c (22001).
func VarlenMessage(c VarlenColumn) string {
	if c.Blank {
		return fmt.Sprintf("value too long for type character(%d)", c.N)
	}
	return fmt.Sprintf("value too long for type character varying(%d)", c.N)
}

// VarlenError is a literal too long for its column: SQLSTATE 22001.
type VarlenError struct{ Msg string }

func (e *VarlenError) Error() string { return e.Msg }

// varlenCast rewrites n, a cast to varchar(n) or char(n), as described above.
func varlenCast(n *pg.Node, c *pg.TypeCast) bool {
	vc, ok := boundedType(c.TypeName)
	if !ok {
		return false
	}
	text := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: c.Arg,
		TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("varchar")}, Typemod: -1}}}}
	out := funcCall("substr", text, pg.MakeAConstIntNode(1, -1), pg.MakeAConstIntNode(int64(vc.N), -1))
	if vc.Blank {
		out = funcCall("rtrim", out, pg.MakeAConstStrNode(" ", -1))
	}
	n.Node = out.Node
	return true
}

// VarlenAssign rewrites sql, an INSERT or UPDATE the front end translated, so that
// what it writes into columns declared varchar(n) or char(n) follows PostgreSQL's
// rules (above); table describes the table it writes. It returns the statement, a
// literal's error, and whether it changed anything.
func VarlenAssign(sql string, table func(schema, name string) VarlenTable) (string, error, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, nil, false
	}
	w := varlenWriter{}
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_InsertStmt:
		ins := x.InsertStmt
		if ins.Relation == nil || ins.SelectStmt == nil {
			return sql, nil, false
		}
		t := table(duckSchema(ins.Relation.Schemaname), ins.Relation.Relname)
		if len(t.Bounded) == 0 {
			return sql, nil, false
		}
		w.t = t
		w.insert(ins)
		if oc := ins.OnConflictClause; oc != nil {
			w.set(oc.TargetList)
		}
	case *pg.Node_UpdateStmt:
		up := x.UpdateStmt
		if up.Relation == nil {
			return sql, nil, false
		}
		t := table(duckSchema(up.Relation.Schemaname), up.Relation.Relname)
		if len(t.Bounded) == 0 {
			return sql, nil, false
		}
		w.t = t
		w.set(up.TargetList)
	default:
		return sql, nil, false
	}
	if w.err != nil {
		return sql, w.err, false
	}
	if !w.changed {
		return sql, nil, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, nil, false
	}
	return quoteDuckKeywords(out), nil, true
}

type varlenWriter struct {
	t       VarlenTable
	changed bool
	err     error
}

func (w *varlenWriter) bounded(col string) (VarlenColumn, bool) {
	c, ok := w.t.Bounded[strings.ToLower(col)]
	return c, ok
}

// value makes v, written into a column c, follow c's rules.
func (w *varlenWriter) value(v *pg.Node, c VarlenColumn) *pg.Node {
	if v == nil || v.GetSetToDefault() != nil {
		return v
	}
	if k := v.GetAConst(); k != nil {
		if k.Isnull {
			return v
		}
		if s := k.GetSval(); s != nil {
			out, ok := VarlenValue(s.Sval, c)
			if !ok {
				if w.err == nil {
					w.err = &VarlenError{VarlenMessage(c)}
				}
				return v
			}
			if out != s.Sval {
				s.Sval, w.changed = out, true
			}
			return v
		}
	}
	if call := v.GetFuncCall(); call != nil && len(call.Funcname) == 1 && strName(call.Funcname[0]) == VarlenFunc {
		return v // checked already
	}
	w.changed = true
	text := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: v,
		TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("varchar")}, Typemod: -1}}}}
	blank := int64(0)
	if c.Blank {
		blank = 1
	}
	return funcCall(VarlenFunc, text, pg.MakeAConstIntNode(int64(c.N), -1), pg.MakeAConstIntNode(blank, -1))
}

// insert checks what an INSERT writes: each VALUES row's items, or the columns of its
// query (moved into a subquery).
func (w *varlenWriter) insert(ins *pg.InsertStmt) {
	var targets []string
	for _, c := range ins.Cols {
		rt := c.GetResTarget()
		if rt == nil || len(rt.Indirection) > 0 {
			return
		}
		targets = append(targets, rt.Name)
	}
	sel := ins.SelectStmt.GetSelectStmt()
	if sel == nil {
		return
	}
	if len(targets) == 0 {
		targets = w.t.Columns
	}
	if len(sel.ValuesLists) > 0 {
		for _, row := range sel.ValuesLists {
			items := row.GetList().GetItems()
			for i, it := range items {
				if i >= len(targets) {
					break
				}
				if c, ok := w.bounded(targets[i]); ok {
					items[i] = w.value(it, c)
				}
			}
		}
		return
	}
	// A query: SELECT checked columns FROM (query) AS sluice_v(targets).
	width := len(targets)
	known := sel.Op == pg.SetOperation_SETOP_NONE && len(sel.TargetList) > 0
	for _, t := range sel.TargetList {
		if cr := t.GetResTarget().GetVal().GetColumnRef(); cr != nil && len(cr.Fields) > 0 && cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
			known = false
		}
	}
	switch {
	case known && len(sel.TargetList) < width:
		width = len(sel.TargetList)
	case !known && len(ins.Cols) == 0:
		return // how many columns the query gives (a star, UNION) is not known here
	}
	targets = targets[:width]
	any := false
	for _, t := range targets {
		_, ok := w.bounded(t)
		any = any || ok
	}
	if !any {
		return
	}
	var alias []*pg.Node
	var list []*pg.Node
	for _, t := range targets {
		alias = append(alias, pg.MakeStrNode(t))
		ref := pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode("sluice_v"), pg.MakeStrNode(t)}, -1)
		if c, ok := w.bounded(t); ok {
			ref = w.value(ref, c)
		}
		list = append(list, pg.MakeResTargetNodeWithVal(ref, -1))
	}
	sub := &pg.RangeSubselect{Subquery: ins.SelectStmt, Alias: &pg.Alias{Aliasname: "sluice_v", Colnames: alias}}
	ins.SelectStmt = &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: &pg.SelectStmt{
		TargetList: list,
		FromClause: []*pg.Node{{Node: &pg.Node_RangeSubselect{RangeSubselect: sub}}},
		Op:         pg.SetOperation_SETOP_NONE, LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT,
	}}}
	if len(ins.Cols) == 0 {
		for _, t := range targets {
			ins.Cols = append(ins.Cols, &pg.Node{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Name: t}}})
		}
	}
	w.changed = true
}

// set checks the SET list of an UPDATE or ON CONFLICT DO UPDATE.
func (w *varlenWriter) set(list []*pg.Node) {
	for _, n := range list {
		rt := n.GetResTarget()
		if rt == nil || len(rt.Indirection) > 0 {
			continue
		}
		c, ok := w.bounded(rt.Name)
		if !ok {
			continue
		}
		if m := rt.Val.GetMultiAssignRef(); m != nil {
			if row := m.Source.GetRowExpr(); row != nil && int(m.Colno) <= len(row.Args) && m.Colno > 0 {
				row.Args[m.Colno-1] = w.value(row.Args[m.Colno-1], c)
			}
			continue
		}
		rt.Val = w.value(rt.Val, c)
	}
}

// VarlenAlter rewrites duck, the front end's text of orig, an ALTER TABLE that
// changes a column's type to varchar(n) or char(n), so that each value is converted
// as PostgreSQL converts it (22001 for a value too long): the USING expression, or
// the column, goes through VarlenFunc. false when there is nothing to change.
func VarlenAlter(orig, duck string) (string, bool) {
	ores, err := pg.Parse(orig)
	if err != nil || len(ores.Stmts) != 1 {
		return duck, false
	}
	oat := ores.Stmts[0].Stmt.GetAlterTableStmt()
	if oat == nil {
		return duck, false
	}
	res, err := pg.Parse(duck)
	if err != nil || len(res.Stmts) != 1 {
		return duck, false
	}
	at := res.Stmts[0].Stmt.GetAlterTableStmt()
	if at == nil || len(at.Cmds) != len(oat.Cmds) {
		return duck, false
	}
	w := varlenWriter{}
	for i, c := range oat.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd == nil || cmd.Subtype != pg.AlterTableType_AT_AlterColumnType {
			continue
		}
		vc, ok := boundedType(cmd.GetDef().GetColumnDef().GetTypeName())
		def := at.Cmds[i].GetAlterTableCmd().GetDef().GetColumnDef()
		if !ok || def == nil {
			continue
		}
		v := def.RawDefault
		if v == nil {
			v = pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(cmd.Name)}, -1)
		}
		if c := v.GetAConst(); c != nil && c.GetSval() != nil {
			continue // a constant for every row: its cast judges it
		}
		def.RawDefault = w.value(v, vc)
	}
	if !w.changed {
		return duck, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return duck, false
	}
	return quoteDuckKeywords(out), true
}

// boundedType reads tn as varchar(n) or char(n).
func boundedType(tn *pg.TypeName) (VarlenColumn, bool) {
	if tn == nil || len(tn.ArrayBounds) > 0 || len(tn.Typmods) != 1 || len(tn.Names) == 0 || len(tn.Names) > 2 {
		return VarlenColumn{}, false
	}
	if len(tn.Names) == 2 && strName(tn.Names[0]) != "pg_catalog" {
		return VarlenColumn{}, false
	}
	name := strName(tn.Names[len(tn.Names)-1])
	m := tn.Typmods[0].GetAConst().GetIval()
	if name != "varchar" && name != "bpchar" || m == nil || m.Ival < 1 {
		return VarlenColumn{}, false
	}
	return VarlenColumn{N: int(m.Ival), Blank: name == "bpchar"}, true
}
