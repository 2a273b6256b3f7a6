package pgsql

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// Every jsonb value the sandbox makes or stores is jsonb's normal text (jsonb.go): a
// cast to jsonb reads its argument through JSONBFunc (a string literal is normalised
// here), the jsonb functions DuckDB computes (jsonb_build_object & co., which write
// DuckDB's compact text) are wrapped in it, and what INSERT, UPDATE, ON CONFLICT … DO
// UPDATE and COPY FROM write into a column declared jsonb goes through it
// (WrapJSONB, with the declared types the session knows).

// JSONBFunc is the sandbox's Go function giving jsonb's normal text of json text.
const JSONBFunc = "sluice_jsonb"

// jsonbBuilt are the jsonb functions DuckDB computes as its json functions (rewrite.go's
// renamedFuncs), whose text is DuckDB's.
var jsonbBuilt = map[string]bool{
	"jsonb_build_object": true, "jsonb_build_array": true, "to_jsonb": true,
	"jsonb_agg": true, "jsonb_object_agg": true,
}

func init() {
	rewriteMarks = append(rewriteMarks, "jsonb")
}

// isJSONBName reports whether tn names jsonb (not an array of it).
func isJSONBName(tn *pg.TypeName) bool {
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 {
		return false
	}
	return strName(tn.Names[len(tn.Names)-1]) == "jsonb"
}

// jsonbRewrite normalises a cast to jsonb and wraps a jsonb function DuckDB computes.
func (r *rewriter) jsonbRewrite(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_TypeCast:
		c := x.TypeCast
		if !isJSONBName(c.TypeName) || isJSONBCall(c.Arg) {
			return false
		}
		v, changed := jsonbValue(c.Arg)
		if len(c.TypeName.Names) == 2 {
			c.TypeName.Names, changed = c.TypeName.Names[1:], true
		}
		c.Arg = v
		return changed
	case *pg.Node_FuncCall:
		fc := x.FuncCall
		if len(fc.Funcname) == 0 {
			return false
		}
		name := strName(fc.Funcname[len(fc.Funcname)-1])
		if !jsonbBuilt[name] {
			return false
		}
		// The json function of the same name computes the same text (renamedFuncs), and
		// is not wrapped again when the walk reaches it.
		fc.Funcname = []*pg.Node{pg.MakeStrNode(strings.Replace(name, "jsonb", "json", 1))}
		inner := &pg.Node{Node: &pg.Node_FuncCall{FuncCall: fc}}
		n.Node = castTo(funcCall(JSONBFunc, textOf(inner)), "jsonb").Node
		return true
	case *pg.Node_AlterTableCmd:
		return jsonbAlterType(x.AlterTableCmd)
	}
	return false
}

// textOf is CAST(arg AS VARCHAR), written with DuckDB's name string, which the other
// rewrites of text casts leave as it is (the text of a json value is its text).
func textOf(arg *pg.Node) *pg.Node {
	c := castTo(arg, "string")
	c.GetTypeCast().Location = generated
	return c
}

// jsonbText is a json or jsonb operand's text (DuckDB hands a Go function taking any
// type a json string scalar parsed, as a string that is no json), other operands as
// they are.
func jsonbText(n *pg.Node) *pg.Node {
	if jsonish(n) {
		return textOf(n)
	}
	return n
}

// isJSONBCall reports whether n is a call of JSONBFunc.
func isJSONBCall(n *pg.Node) bool {
	fc := n.GetFuncCall()
	return fc != nil && len(fc.Funcname) == 1 && strName(fc.Funcname[0]) == JSONBFunc
}

// jsonbValue returns v written as jsonb's normal text: a string literal normalised (a
// call of JSONBFunc when it is no json, which refuses it when it runs), NULL and
// DEFAULT as they are, anything else read through JSONBFunc (a parameter typed json,
// as DuckDB types it for a jsonb column). changed is false when v stays.
func jsonbValue(v *pg.Node) (out *pg.Node, changed bool) {
	if v == nil || v.GetSetToDefault() != nil || isJSONBCall(v) {
		return v, false
	}
	if c := v.GetAConst(); c != nil {
		if c.Isnull {
			return v, false
		}
		if s := c.GetSval(); s != nil {
			norm, err := NormalizeJSONB(s.Sval)
			if err == nil {
				changed = norm != s.Sval
				s.Sval = norm
				return v, changed
			}
		}
	}
	if v.GetParamRef() != nil {
		return funcCall(JSONBFunc, textOf(castTo(v, "json"))), true
	}
	return funcCall(JSONBFunc, textOf(v)), true
}

// WrapJSONB rewrites sql, an INSERT or UPDATE the front end translated (or the INSERT
// a COPY FROM runs), so that what it writes into a column declared jsonb is jsonb's
// normal text. columns returns the target table's columns in order and which are
// jsonb (nil when none is). For an INSERT … SELECT, count returns how many columns the
// query (its SQL) has; the query becomes SELECT c1, sluice_jsonb(c2) FROM (query) AS
// s(c1, c2). It reports whether it changed sql.
func WrapJSONB(sql string, columns func(schema, table string) ([]string, []bool), count func(query string) (int, error)) (string, bool, error) {
	low := strings.ToLower(sql)
	if !strings.Contains(low, "insert") && !strings.Contains(low, "update") {
		return sql, false, nil
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, false, nil
	}
	stmt := res.Stmts[0].Stmt
	var rv *pg.RangeVar
	if ins := stmt.GetInsertStmt(); ins != nil {
		rv = ins.Relation
	} else if up := stmt.GetUpdateStmt(); up != nil {
		rv = up.Relation
	}
	if rv == nil {
		return sql, false, nil
	}
	schema := rv.Schemaname
	if schema == "" || schema == "public" {
		schema = "main"
	}
	names, jsonb := columns(schema, rv.Relname)
	if names == nil {
		return sql, false, nil
	}
	isJSONB := func(col string) bool {
		for i, n := range names {
			if strings.EqualFold(n, col) {
				return jsonb[i]
			}
		}
		return false
	}
	changed := false
	if ins := stmt.GetInsertStmt(); ins != nil {
		// The target of each value: the column list, or the table's columns in order.
		var target []bool
		if len(ins.Cols) == 0 {
			target = jsonb
		} else {
			for _, c := range ins.Cols {
				rt := c.GetResTarget()
				target = append(target, rt != nil && len(rt.Indirection) == 0 && isJSONB(rt.Name))
			}
		}
		at := func(i int) bool { return i < len(target) && target[i] }
		if oc := ins.OnConflictClause; oc != nil && oc.Action == pg.OnConflictAction_ONCONFLICT_UPDATE {
			changed = wrapJSONBSet(oc.TargetList, isJSONB, true)
		}
		sel := ins.SelectStmt.GetSelectStmt()
		switch {
		case sel != nil && len(sel.ValuesLists) > 0:
			for _, row := range sel.ValuesLists {
				items := row.GetList().GetItems()
				for i, item := range items {
					if at(i) {
						if v, ok := jsonbValue(item); ok {
							items[i], changed = v, true
						}
					}
				}
			}
		case ins.SelectStmt != nil:
			some := false
			for i := range target {
				some = some || at(i)
			}
			if !some {
				break
			}
			probe := ins.SelectStmt
			if ins.WithClause != nil && sel != nil && sel.WithClause == nil {
				c := proto.Clone(sel).(*pg.SelectStmt)
				c.WithClause = ins.WithClause
				probe = &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: c}}
			}
			text, err := deparseNode(res.Version, probe)
			if err != nil {
				return sql, false, nil
			}
			n, err := count(quoteDuckKeywords(text))
			if err != nil {
				return sql, false, err
			}
			outer := &pg.SelectStmt{}
			alias := &pg.Alias{Aliasname: "sluice_jsrc"}
			for i := 0; i < n; i++ {
				name := fmt.Sprintf("sluice_c%d", i+1)
				alias.Colnames = append(alias.Colnames, pg.MakeStrNode(name))
				val := pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode("sluice_jsrc"), pg.MakeStrNode(name)}, -1)
				if at(i) {
					val, changed = funcCall(JSONBFunc, textOf(val)), true
				}
				outer.TargetList = append(outer.TargetList, pg.MakeResTargetNodeWithVal(val, -1))
			}
			outer.FromClause = []*pg.Node{{Node: &pg.Node_RangeSubselect{RangeSubselect: &pg.RangeSubselect{
				Subquery: ins.SelectStmt, Alias: alias}}}}
			ins.SelectStmt = &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: outer}}
		}
	} else if up := stmt.GetUpdateStmt(); up != nil {
		changed = wrapJSONBSet(up.TargetList, isJSONB, false)
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

// wrapJSONBSet has the assignments of a SET list to jsonb columns write jsonb's normal
// text, element by element in SET (a, b) = (x, y); the column itself and, in ON
// CONFLICT … DO UPDATE, excluded.column are left as they are.
func wrapJSONBSet(list []*pg.Node, isJSONB func(string) bool, conflict bool) bool {
	changed := false
	seen := map[*pg.RowExpr]bool{}
	for i, tl := range list {
		rt := tl.GetResTarget()
		if rt == nil || rt.Val == nil || len(rt.Indirection) > 0 {
			continue
		}
		m := rt.Val.GetMultiAssignRef()
		if m == nil {
			if isJSONB(rt.Name) && !sameColumn(rt.Val, rt.Name, conflict) {
				if v, ok := jsonbValue(rt.Val); ok {
					rt.Val, changed = v, true
				}
			}
			continue
		}
		row := m.Source.GetRowExpr()
		if row == nil || seen[row] {
			continue
		}
		seen[row] = true
		start := i - int(m.Colno) + 1
		for k, arg := range row.Args {
			j := start + k
			if j < 0 || j >= len(list) {
				continue
			}
			t := list[j].GetResTarget()
			if t == nil || !isJSONB(t.Name) || sameColumn(arg, t.Name, conflict) {
				continue
			}
			if v, ok := jsonbValue(arg); ok {
				row.Args[k], changed = v, true
			}
		}
	}
	return changed
}

// jsonbAlterType rewrites ALTER TABLE … ALTER COLUMN c TYPE jsonb [USING e] so that the
// column's values become jsonb's normal text; it reports whether it changed cmd.
func jsonbAlterType(cmd *pg.AlterTableCmd) bool {
	if cmd.Subtype != pg.AlterTableType_AT_AlterColumnType {
		return false
	}
	def := cmd.GetDef().GetColumnDef()
	if def == nil || !isJSONBName(def.TypeName) {
		return false
	}
	using := def.RawDefault
	if using == nil {
		using = pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(cmd.Name)}, -1)
	}
	if isJSONBCall(using) {
		return false
	}
	def.RawDefault = funcCall(JSONBFunc, textOf(using))
	return true
}
