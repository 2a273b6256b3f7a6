package pgsql

import (
	"fmt"
	"regexp"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// AdminDDL creates, on each connection where missing, the tables in which the sandbox
// keeps what DuckDB's catalog does not: PostgreSQL's definitions of indexes (their
// method, key order, INCLUDE columns and predicate) and the materialized views with
// their queries. They are in pg_sluice, with the constraint names (connames.go).
var AdminDDL = []string{
	`CREATE TABLE IF NOT EXISTS pg_sluice.index_defs (schema_name VARCHAR, index_name VARCHAR,
		table_name VARCHAR, method VARCHAR, definition VARCHAR)`,
	`CREATE TABLE IF NOT EXISTS pg_sluice.matviews (schema_name VARCHAR, name VARCHAR,
		definition VARCHAR, duck_query VARCHAR, helpers INTEGER, populated BOOLEAN)`,
}

func init() { ConstraintNamesDDL = append(ConstraintNamesDDL, AdminDDL...) }

// IndexDef is a CREATE INDEX in PostgreSQL's terms.
type IndexDef struct {
	Name        string // "" when PostgreSQL chooses it (ChooseName)
	Rel         Rel
	Unique      bool
	IfNotExists bool
	Method      string   // btree unless the statement names another
	NameParts   []string // the names of the keys and INCLUDE columns, for ChooseName
	Keys        []string // each key as pg_get_indexdef writes it
	DuckKeys    []string // each key as DuckDB reads it
	Include     []string
	Where       string
}

// indexAdmin reads CREATE INDEX: what DuckDB's ART index can be (any btree or hash
// index, its keys without order; a non-unique partial index becomes a full one) and
// what the catalog shows.
func indexAdmin(s *pg.IndexStmt) Admin {
	a := Admin{Kind: AdminIndex, Tag: "CREATE INDEX"}
	if s.Concurrent {
		a.NoTxBlock = "CREATE INDEX CONCURRENTLY"
	}
	d := &IndexDef{Name: s.Idxname, Rel: rangeRel(s.Relation), Unique: s.Unique, IfNotExists: s.IfNotExists,
		Method: s.AccessMethod}
	switch d.Method {
	case "", "btree":
		d.Method = "btree"
	case "hash":
		if s.Unique {
			return Admin{Kind: AdminRefuse, Code: "0A000", Msg: `access method "hash" does not support unique indexes`}
		}
	default:
		return refuse(fmt.Sprintf("index access method %q is not supported by the sandbox", d.Method),
			"DuckDB's indexes are ART trees: create a btree index, or none (DuckDB scans without one).")
	}
	if s.WhereClause != nil && s.Unique {
		return refuse("unique partial indexes (CREATE UNIQUE INDEX … WHERE) are not supported by the sandbox",
			"DuckDB's unique indexes cover the whole table: drop the WHERE, or check uniqueness in the queries that write.")
	}
	if s.NullsNotDistinct {
		return refuse("NULLS NOT DISTINCT is not supported by the sandbox", "DuckDB's unique indexes treat NULLs as distinct.")
	}
	for _, p := range s.IndexParams {
		e := p.GetIndexElem()
		if e == nil {
			return Admin{}
		}
		key, duck := "", ""
		if e.Expr == nil {
			key, duck = pgQuoteIdent(e.Name), quoteIdent(e.Name)
			d.NameParts = append(d.NameParts, e.Name)
		} else {
			text := exprText(e.Expr)
			if text == "" {
				return Admin{}
			}
			duck = "(" + text + ")"
			if e.Expr.GetFuncCall() != nil {
				key = text
			} else {
				key = "((" + text + "))"
			}
			d.NameParts = append(d.NameParts, indexColName(e.Expr))
		}
		switch {
		case e.Ordering == pg.SortByDir_SORTBY_DESC && e.NullsOrdering == pg.SortByNulls_SORTBY_NULLS_LAST:
			key += " DESC NULLS LAST"
		case e.Ordering == pg.SortByDir_SORTBY_DESC:
			key += " DESC"
		case e.NullsOrdering == pg.SortByNulls_SORTBY_NULLS_FIRST:
			key += " NULLS FIRST"
		}
		d.Keys, d.DuckKeys = append(d.Keys, key), append(d.DuckKeys, duck)
	}
	for _, p := range s.IndexIncludingParams {
		if e := p.GetIndexElem(); e != nil && e.Name != "" {
			d.Include = append(d.Include, pgQuoteIdent(e.Name))
			d.NameParts = append(d.NameParts, e.Name)
		}
	}
	if s.WhereClause != nil {
		w := exprText(s.WhereClause)
		if s.WhereClause.GetColumnRef() == nil && s.WhereClause.GetFuncCall() == nil {
			w = "(" + w + ")"
		}
		d.Where = w
	}
	a.Index = d
	return a
}

// indexColName is the name PostgreSQL gives an index key that is an expression
// (FigureIndexColname): its column name when it has one, else "expr".
func indexColName(n *pg.Node) string {
	if name, strength := figureName(n); strength > 0 {
		return name
	}
	return "expr"
}

// ChooseName picks PostgreSQL's name for an unnamed index on its table: table, key
// names and "idx" joined by underscores, cut to 63 bytes, numbered (idx1, idx2…)
// while taken reports a relation of that name in the schema.
func (d *IndexDef) ChooseName(taken func(string) bool) string {
	cols := strings.Join(d.NameParts, "_")
	for n := 0; ; n++ {
		label := "idx"
		if n > 0 {
			label = fmt.Sprintf("idx%d", n)
		}
		name := objectName(d.Rel.Name, cols, label)
		if !taken(name) {
			return name
		}
	}
}

// objectName is PostgreSQL's makeObjectName: name1_name2_label, the longer of the
// two names cut first so the whole fits in 63 bytes.
func objectName(name1, name2, label string) string {
	avail := 63 - len(label) - 1
	if name2 != "" {
		avail--
	}
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	out := name1[:n1]
	if name2 != "" {
		out += "_" + name2[:n2]
	}
	return out + "_" + label
}

// Definition is pg_get_indexdef's text of the index named name.
func (d *IndexDef) Definition(name string) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if d.Unique {
		b.WriteString("UNIQUE ")
	}
	schema := d.Rel.Schema
	if schema == "" || schema == "main" {
		schema = "public"
	}
	fmt.Fprintf(&b, "INDEX %s ON %s.%s USING %s (%s)", pgQuoteIdent(name), pgQuoteIdent(schema), pgQuoteIdent(d.Rel.Name),
		d.Method, strings.Join(d.Keys, ", "))
	if len(d.Include) > 0 {
		fmt.Fprintf(&b, " INCLUDE (%s)", strings.Join(d.Include, ", "))
	}
	if d.Where != "" {
		b.WriteString(" WHERE " + d.Where)
	}
	return b.String()
}

// DuckDB is the statement that creates the index in DuckDB (an ART index on the
// keys, without their order, INCLUDE columns or predicate).
func (d *IndexDef) DuckDB(name string) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if d.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX ")
	if d.IfNotExists {
		b.WriteString("IF NOT EXISTS ")
	}
	b.WriteString(quoteIdent(name) + " ON ")
	if d.Rel.Schema != "" {
		b.WriteString(quoteIdent(d.Rel.Schema) + ".")
	}
	fmt.Fprintf(&b, "%s (%s)", quoteIdent(d.Rel.Name), strings.Join(d.DuckKeys, ", "))
	return b.String()
}

// MatViewDef is a CREATE MATERIALIZED VIEW: a table filled from its query.
type MatViewDef struct {
	Rel         Rel
	IfNotExists bool
	NoData      bool   // WITH NO DATA
	Create      string // the CREATE TABLE … AS, in PostgreSQL's SQL (the session translates it)
	Query       string // the query in PostgreSQL's SQL (pg_matviews.definition)
}

// matViewAdmin reads CREATE MATERIALIZED VIEW as the CREATE TABLE … AS that fills it.
func matViewAdmin(res *pg.ParseResult, c *pg.CreateTableAsStmt) Admin {
	into := c.GetInto()
	if into == nil || into.Rel == nil {
		return Admin{}
	}
	q, err := pg.Deparse(&pg.ParseResult{Version: parseVersion, Stmts: []*pg.RawStmt{{Stmt: c.Query}}})
	if err != nil {
		return Admin{}
	}
	m := &MatViewDef{Rel: rangeRel(into.Rel), IfNotExists: c.IfNotExists, NoData: into.SkipData, Query: q}
	c.Objtype, into.SkipData = pg.ObjectType_OBJECT_TABLE, false
	create, err := pg.Deparse(res)
	if err != nil {
		return Admin{}
	}
	m.Create = create
	return Admin{Kind: AdminMatView, Tag: "SELECT", MatView: m}
}

// dropAdmin reads DROP MATERIALIZED VIEW and DROP TABLE (which the sandbox carries
// out itself for CASCADE, views that depend on the tables, and materialized views).
func dropAdmin(d *pg.DropStmt) Admin {
	var a Admin
	switch d.RemoveType {
	case pg.ObjectType_OBJECT_MATVIEW:
		a = Admin{Kind: AdminDropMatView, Tag: "DROP MATERIALIZED VIEW"}
	case pg.ObjectType_OBJECT_TABLE:
		a = Admin{Kind: AdminDropTable, Tag: "DROP TABLE"}
	case pg.ObjectType_OBJECT_DOMAIN:
		// A domain is DuckDB's type alias (domainAdmin).
		a = Admin{Kind: AdminSteps, Tag: "DROP DOMAIN"}
		for _, o := range d.Objects {
			var parts []string
			for _, n := range o.GetTypeName().GetNames() {
				s := strName(n)
				if s == "public" {
					s = "main"
				}
				parts = append(parts, quoteIdent(s))
			}
			if len(parts) == 0 {
				return Admin{}
			}
			q := "DROP TYPE "
			if d.MissingOk {
				q += "IF EXISTS "
			}
			a.Steps = append(a.Steps, q+strings.Join(parts, "."))
		}
		return a
	default:
		return Admin{}
	}
	a.Cascade, a.MissingOK = d.Behavior == pg.DropBehavior_DROP_CASCADE, d.MissingOk
	for _, o := range d.Objects {
		var parts []string
		for _, n := range o.GetList().GetItems() {
			parts = append(parts, strName(n))
		}
		switch len(parts) {
		case 1:
			a.Rels = append(a.Rels, Rel{Name: parts[0]})
		case 2, 3:
			a.Rels = append(a.Rels, Rel{Schema: duckSchema(parts[len(parts)-2]), Name: parts[len(parts)-1]})
		default:
			return Admin{}
		}
	}
	return a
}

// LikeClause is a CREATE TABLE's (LIKE source INCLUDING …).
type LikeClause struct {
	Rel      Rel
	Defaults bool // INCLUDING DEFAULTS (or ALL)
	Checks   bool // INCLUDING CONSTRAINTS
	Keys     bool // INCLUDING INDEXES: the primary key and unique constraints
}

// likeMark stands for a LIKE clause's columns in CREATE TABLE's text until the
// session knows them (ExpandLike).
const likeMark = "sluice_like_clause_"

// createTableAdmin refuses partitioned and inheriting tables and reads CREATE TABLE …
// (LIKE …); other CREATE TABLEs are not its business.
func createTableAdmin(res *pg.ParseResult, cs *pg.CreateStmt) Admin {
	switch {
	case cs.Partspec != nil:
		return refuse("partitioned tables (CREATE TABLE … PARTITION BY) are not supported by the sandbox",
			"Create a plain table: DuckDB scans large tables in parallel without partitions.")
	case cs.Partbound != nil:
		return refuse("partitions (CREATE TABLE … PARTITION OF) are not supported by the sandbox",
			"Insert the rows into one plain table.")
	case len(cs.InhRelations) > 0:
		return refuse("table inheritance (CREATE TABLE … INHERITS) is not supported by the sandbox",
			"Repeat the parent's columns in the new table (or use LIKE parent INCLUDING ALL).")
	}
	var likes []LikeClause
	for i, el := range cs.TableElts {
		lc := el.GetTableLikeClause()
		if lc == nil {
			continue
		}
		const comments, constraints, defaults, indexes = 1 << 0, 1 << 2, 1 << 3, 1 << 6
		likes = append(likes, LikeClause{Rel: rangeRel(lc.Relation), Defaults: lc.Options&defaults != 0,
			Checks: lc.Options&constraints != 0, Keys: lc.Options&indexes != 0})
		cs.TableElts[i] = &pg.Node{Node: &pg.Node_ColumnDef{ColumnDef: &pg.ColumnDef{
			Colname: fmt.Sprintf("%s%d", likeMark, len(likes)-1), TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("int4")}, Typemod: -1}}}}
	}
	if likes == nil {
		return Admin{}
	}
	sql, err := pg.Deparse(res)
	if err != nil {
		return Admin{}
	}
	return Admin{Kind: AdminCreateLike, Tag: "CREATE TABLE", SQL: sql, Like: likes}
}

var likeMarkRE = regexp.MustCompile(likeMark + `\d+ \w+`)

// ExpandLike puts each LIKE clause's column and constraint definitions (DuckDB's SQL,
// comma-separated) in the CREATE TABLE's text.
func (a Admin) ExpandLike(defs []string) string {
	return likeMarkRE.ReplaceAllStringFunc(a.SQL, func(m string) string {
		var i int
		if _, err := fmt.Sscanf(m, likeMark+"%d", &i); err != nil || i >= len(defs) {
			return m
		}
		return defs[i]
	})
}
