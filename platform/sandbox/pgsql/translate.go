// Package pgsql is the sandbox's PostgreSQL SQL front end: it parses a statement with
// PostgreSQL's own grammar (libpg_query, through pg_query_go), works out the names
// PostgreSQL gives its result columns, and rewrites what DuckDB would read differently
// or not at all — integer division and division by zero, bytea literals, operators and
// functions qualified with pg_catalog, the regex operators, casts to the reg* types,
// COLLATE pg_catalog.default — into DuckDB SQL. A statement that needs no rewrite runs
// exactly as the client sent it, and one PostgreSQL's grammar refuses (DuckDB's own
// dialect: SELECT * EXCLUDE, FROM-first queries, list literals) is passed through too.
//
// Division is written out in place (CASE WHEN b = 0 THEN error(…) ELSE a // b END), so
// views created with it depend on nothing; catalog queries call temporary helper macros
// and read temporary catalog views, which Helpers creates on a DuckDB connection.
package pgsql

import (
	"regexp"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Statement is one translated statement.
type Statement struct {
	// SQL is what DuckDB runs: the input itself unless Changed.
	SQL string
	// Names are PostgreSQL's names for the result columns, nil when they cannot be
	// known from the statement alone (SELECT *, statements returning no rows).
	Names []string
	// Parsed reports whether PostgreSQL's grammar accepted the statement.
	Parsed bool
	// Changed reports whether SQL was rewritten.
	Changed bool
	// Helpers are the helper sets (MacroHelpers, CatalogHelpers) SQL uses, which must
	// exist on the connection first.
	Helpers int
	// Before are statements to run before SQL (the sequences of serial columns).
	Before []string
	// Inputs, when set, says that string literals meet columns whose type decides how
	// they read (exprs_targets.go: FixInputLiterals).
	Inputs *InputLiterals
	// Wide, when set, names the columns that receive literals with more decimals
	// than an unbounded numeric keeps (numeric.go).
	Wide *WideDecimals
	// Targets, when set, names what an INSERT or UPDATE writes from expressions or a
	// query (numtargets.go).
	Targets *NumericTargets
	// NumericParams are the parameters ($n) the statement casts to unbounded numeric,
	// which the sandbox announces as numeric unless the client typed them.
	NumericParams map[int]bool
	// Hints say what PostgreSQL's types of the result columns tell that DuckDB's do
	// not (coltypes.go); TypmodsAll says every column keeps its type modifier (SELECT *).
	Hints      []ColumnHint
	TypmodsAll bool
	// ResultTypes says result columns call the result functions (resulttype.go);
	// TranslateDuckTypes gives the statement without them.
	ResultTypes bool
}

// Translate translates one statement (a query string holding several is passed
// through unchanged; the sandbox splits query strings first).
func Translate(sql string) Statement { return translate(sql, true) }

func translate(sql string, resultTypes bool) (st Statement) {
	if plainInsert(sql) && !mayNeedRewrite(sql) && !hasWideFraction(sql) && plainValues(sql) && !mayHoldInputLiteral(sql) {
		// Bulk loads send long INSERT … VALUES; without RETURNING there are no
		// column names to give, and nothing to rewrite but names in the head.
		return Statement{SQL: quoteInsertHead(sql)}
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return Statement{SQL: sql}
	}
	stmt := res.Stmts[0].Stmt
	st = Statement{SQL: sql, Parsed: true, Names: resultNames(stmt)}
	if hasWideFraction(sql) {
		st.Wide = wideDecimals(stmt)
	}
	st.Targets = numericTargets(stmt)
	st.Inputs = inputLiterals(sql, stmt)
	defer func() {
		if q := quoteDuckKeywords(quoteBareLabels(st.SQL, stmt)); q != st.SQL {
			st.SQL, st.Changed = q, true
		}
	}()
	pcts := samplePercents(sql, stmt)                   // sample.go
	named := nameSubqueryColumns(stmt) || len(pcts) > 0 // colnames.go
	if !mayNeedRewrite(sql) {
		st.Hints, st.TypmodsAll = columnHints(stmt, false, false)
		st.ResultTypes = resultTypes && numericResultTargets(stmt, &st.Hints) // resulttype.go
		if jsonOutTargets(stmt, &st.Hints) || named || st.ResultTypes {       // jsontext.go
			if out, err := pg.Deparse(res); err == nil {
				st.SQL, st.Changed = withPercents(out, pcts), true
			}
		}
		return st
	}
	catalog, infoSchema := readsCatalog(stmt.ProtoReflect())
	st.Hints, st.TypmodsAll = columnHints(stmt, catalog, infoSchema)
	jsonOut := jsonOutTargets(stmt, &st.Hints)                            // jsontext.go
	st.ResultTypes = resultTypes && numericResultTargets(stmt, &st.Hints) // resulttype.go
	jsonOut = st.ResultTypes || jsonOut
	r := rewriter{}
	r.node(stmt)
	if intervalMark(strings.ToLower(sql)) && intervalCompare(stmt) { // interval.go
		r.changed, r.helpers = true, r.helpers|MacroHelpers
	}
	st.Helpers, st.Before, st.NumericParams = r.helpers, r.before, r.numParams
	if !r.changed && !named && !jsonOut {
		return st
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return st
	}
	out = withPercents(out, pcts)
	st.SQL, st.Changed = out, true
	return st
}

// plainValues reports whether the VALUES of an INSERT (judged by its text) hold only
// literals, parameters, NULL and DEFAULT: no word outside quotes but those, no
// exponent, no query. Anything else may write a value DuckDB rounds into an unbounded
// numeric column (NumericTargets), so the statement is parsed.
func plainValues(sql string) bool {
	loc := valuesWord.FindStringIndex(sql)
	if loc == nil {
		return false
	}
	rest := sql[loc[1]:]
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '\'':
			for i++; i < len(rest); i++ {
				if rest[i] == '\'' {
					if i+1 < len(rest) && rest[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case c == '"' || c == '$' && i+1 < len(rest) && rest[i+1] == '$':
			return false // quoted names, dollar quotes: let the parser judge
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
			j := i
			for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] >= 'A' && rest[j] <= 'Z' || rest[j] == '_' || rest[j] >= '0' && rest[j] <= '9') {
				j++
			}
			switch strings.ToLower(rest[i:j]) {
			case "null", "default", "true", "false":
			default:
				return false
			}
			if i > 0 && rest[i-1] >= '0' && rest[i-1] <= '9' {
				return false // an exponent
			}
			i = j - 1
		}
	}
	return true
}

// quoteInsertHead quotes the names DuckDB reserves in an INSERT's head (its table and
// column list), leaving the values as they are.
func quoteInsertHead(sql string) string {
	loc := valuesWord.FindStringIndex(sql)
	if loc == nil {
		return sql
	}
	head := sql[:loc[0]]
	if q := quoteDuckKeywords(head); q != head {
		return q + sql[loc[0]:]
	}
	return sql
}

// hasLongNumber reports whether sql holds a run of 16 or more digits and dots, which a
// numeric literal of more than 15 significant digits needs.
func hasLongNumber(sql string) bool {
	run := 0
	for i := 0; i < len(sql); i++ {
		if c := sql[i]; c >= '0' && c <= '9' || c == '.' && run > 0 {
			run++
			if run >= 16 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

var valuesWord = regexp.MustCompile(`(?i)\bvalues\b`)

// rewriteMarks are the texts without one of which no rewrite applies: operators,
// collations and the names the rewrites look for; castMark finds the casts to the types
// rewriteCast handles.
var (
	rewriteMarks = []string{"/", "%", "~", "@", "pg_catalog", "collate", "operator", "cardinality", "pg_", "format_type", "set_config", "array_upper", "generate_series", "unnest", "generate_subscripts", "regexp_split_to_table", "current_schema", "information_schema",
		"serial", "identity", "public", "json_", "jsonb_", "to_jsonb", "any", "all", "indkey", "indoption", "indclass", "indcollation",
		"proargtypes", "tgattr", "stxkeys", "escape", "current_setting", "float", "real", "double", "'{", "numeric", "decimal", "prepare"}
	castMark = regexp.MustCompile(`(::|\bas)\s*"?(reg[a-z]*|oid|name|char|character|bpchar|bytea|text|varchar|xid|cid|tid|int2vector|oidvector|aclitem|pg_node_tree)\b`)
)

// mayNeedRewrite reports whether sql contains a text some rewrite looks for, so most
// statements skip the walk of their tree.
func mayNeedRewrite(sql string) bool {
	if hasLongNumber(sql) {
		return true
	}
	low := strings.ToLower(sql)
	if missingMark(low) {
		return true
	}
	for _, m := range rewriteMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	return castMark.MatchString(low) || exprMarks(low) || intervalMark(low) || dateFuncMark(low)
}

// plainInsert reports whether sql is an INSERT without RETURNING (judged by its text).
func plainInsert(sql string) bool {
	t := strings.TrimLeft(sql, " \t\r\n(")
	if len(t) < 6 || !strings.EqualFold(t[:6], "insert") {
		return false
	}
	return !strings.Contains(strings.ToLower(sql), "returning")
}

// rewriter walks a parse tree and rewrites its nodes in place.
type rewriter struct {
	changed bool
	helpers int            // the helper sets used
	params  map[int]string // when set, only the casts of CastParams are made
	before  []string       // statements to run first (Statement.Before)
	// numParams are the parameters cast to unbounded numeric (Statement.NumericParams).
	numParams map[int]bool
}

// node rewrites n and then walks what it became.
func (r *rewriter) node(n *pg.Node) {
	if n == nil || n.Node == nil {
		return
	}
	if r.params != nil {
		if p := n.GetParamRef(); p != nil {
			if t, ok := r.params[int(p.Number)]; ok {
				tn := &pg.TypeName{Typemod: -1}
				if elem, ok := strings.CutSuffix(t, "[]"); ok {
					t, tn.ArrayBounds = elem, []*pg.Node{pg.MakeIntNode(-1)}
				}
				if name, mods, ok := strings.Cut(t, "("); ok {
					// decimal(38,12): a type with modifiers
					t = name
					for _, m := range strings.Split(strings.TrimSuffix(mods, ")"), ",") {
						v, _ := strconv.Atoi(strings.TrimSpace(m))
						tn.Typmods = append(tn.Typmods, pg.MakeAConstIntNode(int64(v), -1))
					}
				}
				tn.Names = []*pg.Node{pg.MakeStrNode(t)}
				n.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
					Arg:      &pg.Node{Node: &pg.Node_ParamRef{ParamRef: p}},
					TypeName: tn,
				}}
				r.changed = true
				return // the cast's argument is the parameter itself
			}
		}
	} else if r.rewrite(n) {
		r.changed = true
	}
	r.children(n.ProtoReflect())
}

// eachChild calls fn on every message m holds directly, in its fields and lists.
func eachChild(m protoreflect.Message, fn func(protoreflect.Message)) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind || fd.IsMap() {
			return true
		}
		if fd.IsList() {
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				fn(l.Get(i).Message())
			}
			return true
		}
		fn(v.Message())
		return true
	})
}

// children walks every node below m.
func (r *rewriter) children(m protoreflect.Message) {
	eachChild(m, r.message)
}

func (r *rewriter) message(m protoreflect.Message) {
	if n, ok := m.Interface().(*pg.Node); ok {
		r.node(n)
		return
	}
	if tn, ok := m.Interface().(*pg.TypeName); ok && r.params == nil && boundNumeric(tn) {
		r.changed = true
	}
	if tn, ok := m.Interface().(*pg.TypeName); ok && len(tn.Names) == 2 && strName(tn.Names[0]) == "pg_catalog" &&
		strName(tn.Names[1]) == "json" {
		// PostgreSQL's grammar reads json as pg_catalog.json, which DuckDB does not know.
		tn.Names = tn.Names[1:]
	}
	if rv, ok := m.Interface().(*pg.RangeVar); ok && r.params == nil && rv.Schemaname == "public" {
		// The target of CREATE, INSERT, UPDATE, DELETE… (not wrapped in a Node).
		rv.Schemaname = "main"
		r.changed = true
	}
	r.children(m)
}

// CastParams rewrites sql so that each parameter $n in types reads as a value of the
// DuckDB type types[n] (a list type written "bigint[]"), as PostgreSQL types a parameter
// nothing else types (as text, or as the type the client named), or as the list type a
// probe found (ListParamProbe). It returns sql unchanged when the statement does not
// parse.
func CastParams(sql string, types map[int]string) string {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql
	}
	r := rewriter{params: types}
	r.node(res.Stmts[0].Stmt)
	if !r.changed {
		return sql
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql
	}
	return out
}

// WithVerb returns the command a statement starting with WITH runs (SELECT, INSERT,
// UPDATE, DELETE), which names its command tag; "" when it does not parse.
func WithVerb(sql string) string {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return ""
	}
	switch res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_SelectStmt:
		return "SELECT"
	case *pg.Node_InsertStmt:
		return "INSERT"
	case *pg.Node_UpdateStmt:
		return "UPDATE"
	case *pg.Node_DeleteStmt:
		return "DELETE"
	}
	return ""
}
