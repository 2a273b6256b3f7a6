package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Words PostgreSQL lets a statement use as names (column and table names, aliases) that
// DuckDB's grammar reserves for its own syntax: a pandas column called "at" or a
// SQLAlchemy model with a "map" attribute fail in DuckDB unless quoted. Once PostgreSQL's
// grammar has accepted a statement, the front end quotes these words where they stand
// for names, judging keyword uses by their neighbours.
var duckKeywords = map[string]func(prev, next string, first bool) bool{
	// name unless in AT TIME ZONE
	"at": func(prev, next string, first bool) bool { return next != "time" },
	// name unless after GROUP, ORDER, PARTITION…
	"by": func(prev, next string, first bool) bool {
		switch prev {
		case "group", "order", "partition", "increment", "owned", "first", "generated":
			return false
		}
		return true
	},
	"generated": func(prev, next string, first bool) bool { return next != "always" && next != "by" },
	// DuckDB's joins: ASOF JOIN, ANTI JOIN…
	"asof": notBeforeJoin, "anti": notBeforeJoin, "semi": notBeforeJoin, "positional": notBeforeJoin,
	// DuckDB's functions and expressions: COLUMNS(…), MAP(…), STRUCT(…)…
	"columns": notBeforeParen, "map": notBeforeParen, "struct": notBeforeParen, "unpack": notBeforeParen,
	"try_cast": notBeforeParen, "glob": notBeforeParen, "lambda": notBeforeParen,
	// DuckDB's statements and clauses
	"show": notFirst, "describe": notFirst, "summarize": notFirst, "pivot": notFirst, "unpivot": notFirst,
	"pivot_longer": notFirst, "pivot_wider": notFirst, "qualify": notFirst,
}

func notBeforeJoin(prev, next string, first bool) bool {
	switch next {
	case "join", "left", "right", "inner", "full", "outer":
		return false
	}
	return true
}

func notBeforeParen(prev, next string, first bool) bool { return next != "(" }

func notFirst(prev, next string, first bool) bool { return !first }

// mayHoldDuckKeyword reports whether sql has a word of duckKeywords other than the BY of
// ORDER BY, GROUP BY and PARTITION BY (the common case, which needs no scan).
func mayHoldDuckKeyword(sql string) bool {
	prev := ""
	for i := 0; i < len(sql); {
		if !isWordByte(sql[i]) {
			i++
			continue
		}
		j := i
		for j < len(sql) && isWordByte(sql[j]) {
			j++
		}
		w := sql[i:j]
		if len(w) >= 2 && len(w) <= 12 {
			lw := strings.ToLower(w)
			if _, ok := duckKeywords[lw]; ok {
				if lw != "by" || (prev != "order" && prev != "group" && prev != "partition") {
					return true
				}
			}
			prev = lw
		} else {
			prev = ""
		}
		i = j
	}
	return false
}

// quoteDuckKeywords quotes the words of duckKeywords that sql, a statement PostgreSQL's
// grammar accepts, uses as names. It returns sql unchanged when there are none.
func quoteDuckKeywords(sql string) string {
	if !mayHoldDuckKeyword(sql) {
		return sql
	}
	res, err := pg.Scan(sql)
	if err != nil {
		return sql
	}
	toks := res.Tokens
	word := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		t := toks[i]
		if t.Token == pg.Token_SQL_COMMENT || t.Token == pg.Token_C_COMMENT {
			return ""
		}
		return strings.ToLower(sql[t.Start:t.End])
	}
	var b strings.Builder
	last := 0
	first := true
	for i, t := range toks {
		if t.Token == pg.Token_SQL_COMMENT || t.Token == pg.Token_C_COMMENT {
			continue
		}
		text := sql[t.Start:t.End]
		isFirst := first
		first = false
		if strings.HasPrefix(text, `"`) {
			continue
		}
		lower := strings.ToLower(text)
		isName, ok := duckKeywords[lower]
		if !ok {
			continue
		}
		prev, next := "", ""
		for j := i - 1; j >= 0 && prev == ""; j-- {
			prev = word(j)
		}
		for j := i + 1; j < len(toks) && next == ""; j++ {
			next = word(j)
		}
		if !isName(prev, next, isFirst) {
			continue
		}
		b.WriteString(sql[last:t.Start])
		b.WriteString(`"` + lower + `"`)
		last = int(t.End)
	}
	if last == 0 {
		return sql
	}
	b.WriteString(sql[last:])
	return b.String()
}

// duckKeywordList is every keyword of DuckDB's grammar (duckdb_keywords()): DuckDB's
// grammar takes none of them as a bare column label (SELECT max(x) last), which
// PostgreSQL's does for most since version 14.
const duckKeywordList = "" +
	"abort absolute access action add admin after aggregate all also alter always analyse analyze and " +
	"anti any array as asc asof assertion assignment asymmetric at attach attribute authorization " +
	"backward before begin between bigint binary bit boolean both by cache call called cascade cascaded " +
	"case cast catalog centuries century chain char character characteristics check checkpoint class " +
	"close cluster coalesce collate collation column columns comment comments commit committed " +
	"compression concurrently configuration conflict connection constraint constraints content continue " +
	"conversion copy cost create cross csv cube current cursor cycle data database day days deallocate " +
	"dec decade decades decimal declare default defaults deferrable deferred definer delete delimiter " +
	"delimiters depends desc describe detach dictionary disable discard distinct do document domain " +
	"double drop each else enable encoding encrypted end enum error escape event except exclude excluding " +
	"exclusive execute exists explain export export_state extension extensions external extract false " +
	"family fetch filter first float following for force foreign forward freeze from full function " +
	"functions generated glob global grant granted group grouping grouping_id groups handler having " +
	"header hold hour hours identity if ignore ilike immediate immutable implicit import in include " +
	"including increment index indexes inherit inherits initially inline inner inout input insensitive " +
	"insert install instead int integer intersect interval into invoker is isnull isolation join json key " +
	"label lambda language large last lateral leading leakproof left level like limit listen load local " +
	"location lock locked logged macro map mapping match matched materialized maxvalue merge method " +
	"microsecond microseconds millennia millennium millisecond milliseconds minute minutes minvalue mode " +
	"month months move name names national natural nchar new next no none not nothing notify notnull " +
	"nowait null nullif nulls numeric object of off offset oids old on only operator option options or " +
	"order ordinality others out outer over overlaps overlay overriding owned owner parallel parser " +
	"partial partition partitioned passing password percent persistent pivot pivot_longer pivot_wider " +
	"placing plans policy position positional pragma preceding precision prepare prepared preserve " +
	"primary prior privileges procedural procedure program publication qualify quarter quarters quote " +
	"range read real reassign recheck recursive ref references referencing refresh reindex relative " +
	"release rename repeatable replace replica reset respect restart restrict returning returns revoke " +
	"right role rollback rollup row rows rule sample savepoint schema schemas scope scroll search second " +
	"seconds secret security select semi sequence sequences serializable server session set setof sets " +
	"share show similar simple skip smallint snapshot some sorted source sql stable standalone start " +
	"statement statistics stdin stdout storage stored strict strip struct subscription substring " +
	"summarize symmetric sysid system table tables tablesample tablespace target temp template temporary " +
	"text then ties time timestamp to trailing transaction transform treat trigger trim true truncate " +
	"trusted try_cast type types unbounded uncommitted unencrypted union unique unknown unlisten unlogged " +
	"unpack unpivot until update use user using vacuum valid validate validator value values varchar " +
	"variable variadic varying verbose version view views virtual volatile week weeks when where " +
	"whitespace window with within without work wrapper write xml xmlattributes xmlconcat xmlelement " +
	"xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable year years yes zone "

var duckKeywordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(duckKeywordList) {
		m[w] = true
	}
	return m
}()

// quoteBareLabels quotes the column labels written without AS (SELECT max(x) last,
// upper(n) first) that are DuckDB keywords, in sql, a statement PostgreSQL's grammar
// accepted as stmt. A text scan finds the candidates (a keyword after the end of an
// expression, before a comma, FROM, a parenthesis or the end); the labels of stmt's
// target lists confirm them.
func quoteBareLabels(sql string, stmt *pg.Node) string {
	if !mayHoldBareLabel(sql) {
		return sql
	}
	labels := map[string]bool{}
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if rt, ok := m.Interface().(*pg.ResTarget); ok && rt.Name != "" && rt.Val != nil && duckKeywordSet[rt.Name] {
			labels[rt.Name] = true
		}
		eachChild(m, walk)
	}
	walk(stmt.ProtoReflect())
	if len(labels) == 0 {
		return sql
	}
	res, err := pg.Scan(sql)
	if err != nil {
		return sql
	}
	var toks []*pg.ScanToken
	for _, t := range res.Tokens {
		if t.Token != pg.Token_SQL_COMMENT && t.Token != pg.Token_C_COMMENT {
			toks = append(toks, t)
		}
	}
	var b strings.Builder
	last := 0
	for i, t := range toks {
		text := sql[t.Start:t.End]
		if i == 0 || t.KeywordKind == pg.KeywordKind_NO_KEYWORD || !labels[strings.ToLower(text)] {
			continue
		}
		if !endsExpression(sql, toks[i-1]) {
			continue
		}
		if i+1 < len(toks) {
			next := strings.ToLower(sql[toks[i+1].Start:toks[i+1].End])
			switch next {
			case ",", ")", ";", "from", "into", "where", "group", "order", "limit", "union", "except", "intersect", "having", "window", "offset", "fetch", "for":
			default:
				continue
			}
		}
		b.WriteString(sql[last:t.Start])
		b.WriteString(`"` + strings.ToLower(text) + `"`)
		last = int(t.End)
	}
	if last == 0 {
		return sql
	}
	b.WriteString(sql[last:])
	return b.String()
}

// endsExpression reports whether t can end an expression: a name, a constant, a closing
// parenthesis or bracket, END, NULL, TRUE, FALSE.
func endsExpression(sql string, t *pg.ScanToken) bool {
	switch t.Token {
	case pg.Token_IDENT, pg.Token_SCONST, pg.Token_ICONST, pg.Token_FCONST, pg.Token_BCONST, pg.Token_XCONST, pg.Token_USCONST, pg.Token_UIDENT, pg.Token_PARAM:
		return true
	}
	switch strings.ToLower(sql[t.Start:t.End]) {
	case ")", "]", "end", "null", "true", "false", "*":
		return true
	}
	// an unreserved keyword used as a column name (SELECT name value FROM t)
	return t.KeywordKind == pg.KeywordKind_UNRESERVED_KEYWORD && !duckKeywordSet[strings.ToLower(sql[t.Start:t.End])]
}

// mayHoldBareLabel reports whether sql has a DuckDB keyword followed by a comma, a
// closing parenthesis, FROM or the end: a candidate bare label.
func mayHoldBareLabel(sql string) bool {
	for i := 0; i < len(sql); {
		if !isWordByte(sql[i]) {
			i++
			continue
		}
		j := i
		for j < len(sql) && isWordByte(sql[j]) {
			j++
		}
		start := i
		i = j
		// what follows first (cheap), then whether the word is a keyword
		k := j
		for k < len(sql) && (sql[k] == ' ' || sql[k] == '\t' || sql[k] == '\n' || sql[k] == '\r') {
			k++
		}
		if !(k == len(sql) || sql[k] == ',' || sql[k] == ')' || sql[k] == ';' || len(sql)-k >= 5 && strings.EqualFold(sql[k:k+4], "from") && !isWordByte(sql[k+4])) {
			continue
		}
		if j-start > 20 {
			continue
		}
		var buf [20]byte
		for m := start; m < j; m++ {
			c := sql[m]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[m-start] = c
		}
		w := buf[:j-start]
		if !duckKeywordSet[string(w)] {
			continue
		}
		switch string(w) {
		case "from", "end", "null", "true", "false":
			continue
		}
		return true
	}
	return false
}
