package pgsql

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// INSERT … ON CONFLICT where DuckDB's semantics differ from PostgreSQL's:
//
//   - DuckDB folds the proposed rows of one statement that share an arbiter key into
//     the first, NULLs included: `VALUES (1, NULL), (2, NULL) ON CONFLICT DO NOTHING`
//     into a table with a UNIQUE column inserts one row, where PostgreSQL (NULLs are
//     distinct in a unique key) inserts both. Upsert rewrites DO NOTHING whose arbiter
//     keys can hold NULL into a plain INSERT of the rows that conflict neither with the
//     table nor with an earlier proposed row (a row with a NULL in a key never does).
//   - For DO UPDATE, DuckDB silently keeps the first of two proposed rows with the same
//     key; PostgreSQL refuses the statement (21000). The rewrite checks the proposed
//     rows first and raises that error; several proposed rows whose key holds a NULL
//     (which PostgreSQL inserts, and DuckDB would fold) are refused with 0A000.
//   - `ON CONFLICT ON CONSTRAINT name` becomes the constraint's columns, an unknown
//     name 42704; `ON CONFLICT (cols) WHERE …` drops the WHERE (the sandbox has no
//     partial unique indexes, so every arbiter covers the whole table); columns no key
//     has are 42P10.

// UpsertKey is a primary key or unique constraint of the table an INSERT writes.
type UpsertKey struct {
	Name     string
	Columns  []string
	Nullable bool // a column of it may hold NULL
	// Bare are its columns that may hold NULL and have no default: a row that does
	// not write one of them never conflicts on the key.
	Bare []string
}

// UpsertTable is what Upsert needs to know of the table an INSERT writes.
type UpsertTable struct {
	Columns []string
	Types   []string // DuckDB's type of each column
	Keys    []UpsertKey
}

// UpsertError is a PostgreSQL error Upsert finds in the statement.
type UpsertError struct{ Code, Msg string }

// Messages of the errors the rewritten statements raise (the caller gives them their
// SQLSTATE).
const (
	UpsertTwiceMsg = "ON CONFLICT DO UPDATE command cannot affect row a second time"
	UpsertNullsMsg = "the sandbox cannot upsert several rows with NULL in the same ON CONFLICT key in one statement"
)

// HasConflictClause is a cheap test for the statements Upsert may change.
func HasConflictClause(sql string) bool { return containsFoldASCII(sql, "conflict") }

// Upsert rewrites sql, an INSERT … ON CONFLICT the front end translated, as described
// above; table describes the table it writes. It returns the statement, an error to
// report instead of running it, and whether it changed anything.
func Upsert(sql string, table func(schema, name string) UpsertTable) (string, *UpsertError, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, nil, false
	}
	ins := res.Stmts[0].Stmt.GetInsertStmt()
	if ins == nil || ins.Relation == nil || ins.OnConflictClause == nil || ins.SelectStmt == nil {
		return sql, nil, false
	}
	oc := ins.OnConflictClause
	schema := duckSchema(ins.Relation.Schemaname)
	if schema == "" {
		schema = "main"
	}
	t := table(schema, ins.Relation.Relname)
	if len(t.Columns) == 0 {
		return sql, nil, false // DuckDB reports the missing table
	}
	changed := false
	keys := t.Keys
	if inf := oc.Infer; inf != nil {
		if inf.Conname != "" {
			k, ok := keyNamed(t.Keys, inf.Conname)
			if !ok {
				return sql, &UpsertError{"42704", fmt.Sprintf("constraint %q for table %q does not exist", inf.Conname, ins.Relation.Relname)}, false
			}
			inf.Conname = ""
			for _, c := range k.Columns {
				inf.IndexElems = append(inf.IndexElems, &pg.Node{Node: &pg.Node_IndexElem{IndexElem: &pg.IndexElem{Name: c}}})
			}
			changed = true
		}
		if inf.WhereClause != nil {
			inf.WhereClause, changed = nil, true
		}
		var cols []string
		for _, e := range inf.IndexElems {
			ie := e.GetIndexElem()
			if ie == nil || ie.Name == "" {
				return deparsed(res, sql, changed) // an expression: DuckDB's rules
			}
			cols = append(cols, ie.Name)
		}
		k, ok := keyOn(t.Keys, cols)
		if !ok {
			return sql, &UpsertError{"42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification"}, false
		}
		keys = []UpsertKey{k}
		if guardUpdate(ins, k.Columns) { // upsert_keys.go
			changed = true
		}
	}
	update := oc.Action == pg.OnConflictAction_ONCONFLICT_UPDATE
	nullable := false
	for _, k := range keys {
		nullable = nullable || k.Nullable
	}
	if len(keys) == 0 || !update && !nullable && len(keys) < 2 {
		return deparsed(res, sql, changed)
	}
	if sel := ins.SelectStmt.GetSelectStmt(); sel != nil && len(sel.ValuesLists) == 1 {
		return deparsed(res, sql, changed) // one proposed row: nothing to fold
	}
	targets, ok := upsertTargets(ins, t.Columns)
	if !ok {
		return deparsed(res, sql, changed)
	}
	written, dropped := keys[:0:0], false
	for _, k := range keys {
		all := true
		for _, c := range k.Columns {
			all = all && hasFold(targets, c)
		}
		switch {
		case all:
			written = append(written, k)
		case !update && unwrittenBare(k, targets):
			dropped = true // NULL in every row: the key never conflicts (DuckDB's fold them)
		case update || k.Nullable:
			return deparsed(res, sql, changed) // a key the statement does not write
		}
		// DO NOTHING leaves to DuckDB a key without NULLs the statement does not
		// write (a serial primary key's default): a conflict there is 23505.
	}
	keys = written
	nullable = false
	for _, k := range keys {
		nullable = nullable || k.Nullable
	}
	if len(keys) == 0 && dropped {
		ins.OnConflictClause = nil // no key can conflict
		return deparsed(res, sql, true)
	}
	if len(keys) == 0 || !update && !nullable && !dropped && len(keys) < 2 {
		return deparsed(res, sql, changed) // DuckDB's reading is PostgreSQL's
	}
	if !typeValueParams(ins, targets, t) {
		return deparsed(res, sql, changed)
	}
	if !update && len(keys) > 1 {
		return nothingOverKeys(res, ins, sql, changed, t, targets, keys)
	}
	src, err := pg.Deparse(&pg.ParseResult{Version: res.Version, Stmts: []*pg.RawStmt{{Stmt: ins.SelectStmt}}})
	if err != nil {
		return deparsed(res, sql, changed)
	}
	var q strings.Builder
	quoted := make([]string, len(targets))
	for i, c := range targets {
		quoted[i] = QuoteIdent(c)
	}
	list := strings.Join(quoted, ", ")
	rel := QuoteIdent(ins.Relation.Relname)
	if ins.Relation.Schemaname != "" {
		rel = QuoteIdent(ins.Relation.Schemaname) + "." + rel
	}
	// Each column is cast to its type as DuckDB casts the values of an INSERT, so that
	// excluded.c in DO UPDATE has the column's type, not the proposed value's.
	casts := make([]string, len(targets))
	for i, c := range targets {
		typ := columnType(t, c)
		if duckTypeName(typ) == nil {
			return deparsed(res, sql, changed)
		}
		casts[i] = fmt.Sprintf("CAST(sluice_s.%s AS %s) AS %s", quoted[i], typ, quoted[i])
	}
	fmt.Fprintf(&q, "SELECT %s FROM (SELECT *", strings.Join(casts, ", "))
	for i, k := range keys {
		part := keyList(k.Columns)
		if update {
			fmt.Fprintf(&q, ", count(*) OVER (PARTITION BY %s) AS sluice_n%d", part, i)
		} else {
			fmt.Fprintf(&q, ", row_number() OVER (PARTITION BY %s ORDER BY sluice_ord) AS sluice_n%d", part, i)
		}
	}
	fmt.Fprintf(&q, " FROM (SELECT *, row_number() OVER () AS sluice_ord FROM (%s) AS sluice_s0(%s)) AS sluice_s1) AS sluice_s WHERE ", src, list)
	for i, k := range keys {
		if i > 0 {
			q.WriteString(" AND ")
		}
		null := keyNull(k.Columns)
		if update {
			fmt.Fprintf(&q, "CASE WHEN sluice_n%d > 1 THEN error(CASE WHEN %s THEN '%s' ELSE '%s' END) ELSE true END",
				i, null, UpsertNullsMsg, UpsertTwiceMsg)
			continue
		}
		var eq []string
		for _, c := range k.Columns {
			eq = append(eq, fmt.Sprintf("sluice_k.%s = sluice_s.%s", QuoteIdent(c), QuoteIdent(c)))
		}
		fmt.Fprintf(&q, "(%s OR sluice_n%d = 1 AND NOT EXISTS (SELECT 1 FROM %s AS sluice_k WHERE %s))",
			null, i, rel, strings.Join(eq, " AND "))
	}
	q.WriteString(" ORDER BY sluice_ord")
	sres, err := pg.Parse(q.String())
	if err != nil || len(sres.Stmts) != 1 {
		return deparsed(res, sql, changed)
	}
	ins.SelectStmt = sres.Stmts[0].Stmt
	if len(ins.Cols) == 0 {
		for _, c := range targets {
			ins.Cols = append(ins.Cols, &pg.Node{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Name: c}}})
		}
	}
	if !update {
		ins.OnConflictClause = nil // the rows that would conflict are left out already
	}
	return deparsed(res, sql, true)
}

func deparsed(res *pg.ParseResult, sql string, changed bool) (string, *UpsertError, bool) {
	if !changed {
		return sql, nil, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, nil, false
	}
	return quoteDuckKeywords(out), nil, true
}

// upsertTargets returns the columns an INSERT writes, in order: its column list, or
// the table's first columns (as many as its VALUES rows give). false for a VALUES list
// with DEFAULT, which cannot move into a subquery.
func upsertTargets(ins *pg.InsertStmt, columns []string) ([]string, bool) {
	var targets []string
	for _, c := range ins.Cols {
		rt := c.GetResTarget()
		if rt == nil || len(rt.Indirection) > 0 {
			return nil, false
		}
		targets = append(targets, rt.Name)
	}
	sel := ins.SelectStmt.GetSelectStmt()
	if sel == nil {
		return nil, false
	}
	width := 0
	for _, row := range sel.ValuesLists {
		items := row.GetList().GetItems()
		for _, it := range items {
			if it.GetSetToDefault() != nil {
				return nil, false
			}
		}
		if len(items) > width {
			width = len(items)
		}
	}
	if len(targets) == 0 {
		targets = columns
		if width > 0 && width < len(targets) {
			targets = targets[:width]
		}
	}
	return targets, true
}

// typeValueParams casts each parameter, string literal and NULL a VALUES row gives a
// column to the column's type: moved into a subquery, DuckDB would no longer take
// their type from the column (pgx's simple protocol sends parameters as string
// literals). false when a type cannot be written so.
func typeValueParams(ins *pg.InsertStmt, targets []string, t UpsertTable) bool {
	for _, row := range ins.SelectStmt.GetSelectStmt().ValuesLists {
		items := row.GetList().GetItems()
		for i, it := range items {
			c := it.GetAConst()
			if it.GetParamRef() == nil && (c == nil || !c.Isnull && c.GetSval() == nil) || i >= len(targets) {
				continue
			}
			tn := duckTypeName(columnType(t, targets[i]))
			if tn == nil {
				return false
			}
			items[i] = &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: it, TypeName: tn}}}
		}
	}
	return true
}

// columnType is DuckDB's type of the table's column col; "" when unknown.
func columnType(t UpsertTable, col string) string {
	for j, c := range t.Columns {
		if strings.EqualFold(c, col) && j < len(t.Types) {
			return t.Types[j]
		}
	}
	return ""
}

// duckTypeName reads a DuckDB type as a type name; nil when PostgreSQL's grammar
// cannot read it (STRUCT, MAP, UNION).
func duckTypeName(typ string) *pg.TypeName {
	if typ == "" || strings.ContainsAny(typ, "\"';") {
		return nil
	}
	res, err := pg.Parse("SELECT CAST(NULL AS " + typ + ")")
	if err != nil || len(res.Stmts) != 1 {
		return nil
	}
	sel := res.Stmts[0].Stmt.GetSelectStmt()
	if sel == nil || len(sel.TargetList) != 1 {
		return nil
	}
	tc := sel.TargetList[0].GetResTarget().GetVal().GetTypeCast()
	if tc == nil {
		return nil
	}
	return tc.TypeName
}

func keyNamed(keys []UpsertKey, name string) (UpsertKey, bool) {
	for _, k := range keys {
		if k.Name == name {
			return k, true
		}
	}
	return UpsertKey{}, false
}

// keyOn finds the key over exactly the columns cols (in any order).
func keyOn(keys []UpsertKey, cols []string) (UpsertKey, bool) {
	for _, k := range keys {
		if len(k.Columns) != len(cols) {
			continue
		}
		all := true
		for _, c := range cols {
			all = all && hasFold(k.Columns, c)
		}
		if all {
			return k, true
		}
	}
	return UpsertKey{}, false
}

func hasFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func keyList(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = "sluice_s1." + QuoteIdent(c)
	}
	return strings.Join(q, ", ")
}

func keyNull(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = "sluice_s." + QuoteIdent(c) + " IS NULL"
	}
	return "(" + strings.Join(q, " OR ") + ")"
}

// containsFoldASCII reports whether s holds word (lower case ASCII) in any case.
func containsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// unwrittenBare reports whether a column of k that targets leaves out is NULL in
// every row (nullable, no default).
func unwrittenBare(k UpsertKey, targets []string) bool {
	for _, c := range k.Bare {
		if !hasFold(targets, c) {
			return true
		}
	}
	return false
}
