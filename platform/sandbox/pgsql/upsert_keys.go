package pgsql

import (
	"fmt"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// INSERT … ON CONFLICT DO NOTHING over several keys (no conflict target, so every
// primary key and unique constraint is an arbiter). PostgreSQL takes the proposed rows
// one after the other: a row is left out when one of its keys is in the table, or
// was written by a row of the same statement it inserted before. So a row that
// repeats the key of an earlier proposed row which was itself left out is inserted:
//
//	table (id 1, k 10); VALUES (1, 20), (2, 20) → (2, 20) is inserted
//
// DuckDB (and a window over each key) leaves it out, since its key is not the first
// of its kind in the statement. That is a sequential decision no set expression
// makes, so nothingOverKeys hands it to Go: the proposed rows (computed once, in a
// MATERIALIZED CTE) that conflict with no row of the table go, in their order, with
// the text of their keys to UpsertKeepFunc, which returns the ordinals of the rows
// PostgreSQL would insert; the INSERT writes those rows, in order, and RETURNING
// gives them as PostgreSQL does.

// UpsertKeepFunc is the Go function (the session registers it) that picks the rows
// to insert: sluice_upsert_keep(ordinals BIGINT[], keys VARCHAR[][], widths VARCHAR)
// → BIGINT[], where keys[i] holds the key columns' text of row ordinals[i], key after
// key, and widths the number of columns of each key ("1,2").
const UpsertKeepFunc = "sluice_upsert_keep"

// nothingOverKeys rewrites ins (DO NOTHING, arbiters keys, all written by targets)
// as described above.
func nothingOverKeys(res *pg.ParseResult, ins *pg.InsertStmt, sql string, changed bool, t UpsertTable,
	targets []string, keys []UpsertKey) (string, *UpsertError, bool) {
	src, err := pg.Deparse(&pg.ParseResult{Version: res.Version, Stmts: []*pg.RawStmt{{Stmt: ins.SelectStmt}}})
	if err != nil {
		return deparsed(res, sql, changed)
	}
	quoted := make([]string, len(targets))
	casts := make([]string, len(targets))
	for i, c := range targets {
		quoted[i] = QuoteIdent(c)
		typ := columnType(t, c)
		if duckTypeName(typ) == nil {
			return deparsed(res, sql, changed)
		}
		casts[i] = fmt.Sprintf("CAST(sluice_s.%s AS %s) AS %s", quoted[i], typ, quoted[i])
	}
	rel := QuoteIdent(ins.Relation.Relname)
	if ins.Relation.Schemaname != "" {
		rel = QuoteIdent(ins.Relation.Schemaname) + "." + rel
	}
	var texts, free, widths []string
	for _, k := range keys {
		var eq []string
		for _, c := range k.Columns {
			qc := QuoteIdent(c)
			typ := columnType(t, c)
			if duckTypeName(typ) == nil {
				return deparsed(res, sql, changed)
			}
			texts = append(texts, fmt.Sprintf("CAST(CAST(sluice_c.%s AS %s) AS varchar)", qc, typ))
			eq = append(eq, fmt.Sprintf("sluice_k.%s = sluice_c.%s", qc, qc))
		}
		free = append(free, fmt.Sprintf("NOT EXISTS (SELECT 1 FROM %s AS sluice_k WHERE %s)", rel, strings.Join(eq, " AND ")))
		widths = append(widths, strconv.Itoa(len(k.Columns)))
	}
	q := fmt.Sprintf(`WITH sluice_p AS MATERIALIZED (SELECT *, row_number() OVER () AS sluice_ord FROM (%s) AS sluice_s0(%s))
SELECT %s FROM sluice_p AS sluice_s WHERE sluice_s.sluice_ord IN (SELECT unnest(%s(
	list(sluice_c.sluice_ord ORDER BY sluice_c.sluice_ord), list(ARRAY[%s] ORDER BY sluice_c.sluice_ord), '%s'))
	FROM sluice_p AS sluice_c WHERE %s) ORDER BY sluice_s.sluice_ord`,
		src, strings.Join(quoted, ", "), strings.Join(casts, ", "), UpsertKeepFunc,
		strings.Join(texts, ", "), strings.Join(widths, ","), strings.Join(free, " AND "))
	sres, err := pg.Parse(q)
	if err != nil || len(sres.Stmts) != 1 {
		return deparsed(res, sql, changed)
	}
	ins.SelectStmt = sres.Stmts[0].Stmt
	if len(ins.Cols) == 0 {
		for _, c := range targets {
			ins.Cols = append(ins.Cols, &pg.Node{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Name: c}}})
		}
	}
	ins.OnConflictClause = nil // the rows that would conflict are left out already
	return deparsed(res, sql, true)
}

// UpsertKeep is UpsertKeepFunc's work: of the rows ords (in the statement's order,
// none conflicting with the table), those whose keys no row kept before holds. A key
// with a NULL column never conflicts.
func UpsertKeep(ords []int64, keys [][]*string, widths []int) []int64 {
	seen := make([]map[string]bool, len(widths))
	for i := range seen {
		seen[i] = map[string]bool{}
	}
	var kept []int64
	row := make([]string, len(widths))
	for i, o := range ords {
		if i >= len(keys) {
			break
		}
		vals, pos, clash := keys[i], 0, false
		for k, w := range widths {
			row[k] = ""
			var b strings.Builder
			for _, v := range vals[min(pos, len(vals)):min(pos+w, len(vals))] {
				if v == nil {
					b.Reset()
					break
				}
				fmt.Fprintf(&b, "%d:%s", len(*v), *v)
			}
			pos += w
			if b.Len() == 0 {
				continue // NULL in the key (or no key): distinct from every other
			}
			row[k] = b.String()
			clash = clash || seen[k][row[k]]
		}
		if clash {
			continue
		}
		for k := range widths {
			if row[k] != "" {
				seen[k][row[k]] = true
			}
		}
		kept = append(kept, o)
	}
	return kept
}

// guardUpdate makes DO UPDATE's SET values and WHERE apply to the rows that conflict
// only. DuckDB computes them for every proposed row, with the table's columns NULL
// where the row does not conflict, so a value that fails there (a cast, a string too
// long for its column, a checked numeric) failed the statement where PostgreSQL
// inserts the row. Each value becomes CASE WHEN t.key IS NULL THEN NULL ELSE value
// END (an arbiter key column of a row that conflicts is never NULL), the WHERE CASE
// WHEN t.key IS NULL THEN false ELSE where END.
func guardUpdate(ins *pg.InsertStmt, key []string) bool {
	oc := ins.OnConflictClause
	if oc == nil || oc.Action != pg.OnConflictAction_ONCONFLICT_UPDATE || len(key) == 0 || ins.Relation == nil {
		return false
	}
	rel := ins.Relation.Relname
	if ins.Relation.Alias != nil {
		rel = ins.Relation.Alias.Aliasname
	}
	absent := func() *pg.Node {
		ref := pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(rel), pg.MakeStrNode(key[0])}, -1)
		return &pg.Node{Node: &pg.Node_NullTest{NullTest: &pg.NullTest{Arg: ref, Nulltesttype: pg.NullTestType_IS_NULL}}}
	}
	guard := func(v, otherwise *pg.Node) *pg.Node {
		n := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(absent(), otherwise, -1)}, -1)
		n.GetCaseExpr().Defresult = v
		return n
	}
	null := func() *pg.Node { return &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Isnull: true}}} }
	changed := false
	for _, n := range oc.TargetList {
		rt := n.GetResTarget()
		if rt == nil || rt.Val == nil {
			continue
		}
		if m := rt.Val.GetMultiAssignRef(); m != nil {
			if row := m.Source.GetRowExpr(); row != nil && m.Colno > 0 && int(m.Colno) <= len(row.Args) && !plainRef(row.Args[m.Colno-1]) {
				row.Args[m.Colno-1], changed = guard(row.Args[m.Colno-1], null()), true
			}
			continue
		}
		if rt.Val.GetSetToDefault() != nil || plainRef(rt.Val) {
			continue
		}
		rt.Val, changed = guard(rt.Val, null()), true
	}
	if oc.WhereClause != nil {
		oc.WhereClause, changed = guard(oc.WhereClause, &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Boolval{Boolval: &pg.Boolean{}}}}}), true
	}
	return changed
}

// plainRef reports whether v is a column reference, a parameter or NULL, which cannot
// fail (and a parameter in a CASE would lose the type DuckDB infers for it).
func plainRef(v *pg.Node) bool {
	return v.GetColumnRef() != nil || v.GetParamRef() != nil || v.GetAConst() != nil && v.GetAConst().Isnull
}
