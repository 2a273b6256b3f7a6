package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
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
