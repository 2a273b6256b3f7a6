package magics

import (
	"fmt"
	"sort"
	"strings"
)

// snippet is a query saved with --save: its SQL (templates kept, evaluated when used)
// and the snippets it was itself composed --with.
type snippet struct {
	name string
	sql  string
	with []string
}

// cte is one WITH entry to add: a name and its query.
type cte struct {
	name string
	sql  string
}

// snippetOrder returns the snippets named (and those they depend on) in dependency order,
// so every CTE comes after the ones it reads from.
func snippetOrder(all map[string]snippet, names []string) ([]cte, error) {
	var out []cte
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string, path []string) error
	visit = func(n string, path []string) error {
		s, ok := all[n]
		if !ok {
			var have []string
			for k := range all {
				have = append(have, k)
			}
			sort.Strings(have)
			msg := fmt.Sprintf("--with %s: no saved query called %q", n, n)
			if near := nearest(n, have, 3); len(near) > 0 {
				msg += "; did you mean " + orList(near) + "?"
			} else if len(have) > 0 {
				msg += " (saved: " + strings.Join(have, ", ") + ")"
			} else {
				msg += "; save one first with %%sql --save " + n
			}
			return usageErrorf("%s", msg)
		}
		switch state[n] {
		case 1:
			return usageErrorf("--with: saved queries depend on each other in a cycle: %s", strings.Join(append(path, n), " → "))
		case 2:
			return nil
		}
		state[n] = 1
		for _, d := range s.with {
			if err := visit(d, append(path, n)); err != nil {
				return err
			}
		}
		state[n] = 2
		out = append(out, cte{name: n, sql: s.sql})
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// references reports whether the statement's tokens name ident (an unquoted word,
// case-insensitive, or a quoted identifier spelled exactly).
func references(toks []token, ident string) bool {
	for _, t := range toks {
		if t.kind == tkWord && strings.EqualFold(t.text, ident) {
			return true
		}
		if t.kind == tkQIdent && t.text == `"`+strings.ReplaceAll(ident, `"`, `""`)+`"` {
			return true
		}
	}
	return false
}

// injectCTEs adds ctes to the WITH clause of stmt, creating the clause where needed: at
// the start of a query (SELECT, WITH, VALUES, TABLE, FROM, a parenthesis) or of an
// UPDATE/DELETE/MERGE, and before the query part of INSERT … SELECT, CREATE … AS SELECT
// and EXPLAIN. A CTE the statement already defines under the same name is never touched:
// the saved one is left out. CTEs the statement does not reference (directly or through
// another added CTE) are left out too. It returns the new statement and the names it
// skipped because the statement defines them.
func injectCTEs(stmt string, ctes []cte) (string, []string, error) {
	if len(ctes) == 0 {
		return stmt, nil, nil
	}
	toks, err := lexSQL(stmt)
	if err != nil {
		return "", nil, err
	}
	// Where does the query part start?
	sig := sigIndexes(toks)
	if len(sig) == 0 {
		return stmt, nil, nil
	}
	at := -1 // token index where the WITH clause goes (or is)
	switch fw := firstWord(toks); fw {
	case "WITH", "SELECT", "VALUES", "TABLE", "FROM", "UPDATE", "DELETE", "MERGE":
		at = sig[0]
	case "":
		if toks[sig[0]].kind == tkOpen {
			at = sig[0]
		}
	default:
		depth := 0
		for _, i := range sig[1:] {
			t := toks[i]
			switch t.kind {
			case tkOpen:
				if depth == 0 && at < 0 && nextIsQuery(toks, i) {
					at = i
				}
				depth++
			case tkClose:
				depth--
			case tkWord:
				if depth == 0 && (t.isWord("SELECT") || t.isWord("WITH") || t.isWord("VALUES")) {
					at = i
				}
			}
			if at >= 0 {
				break
			}
		}
	}
	if at < 0 {
		what := "this statement"
		if fw := firstWord(toks); fw != "" {
			what = "this " + fw + " statement"
		}
		return "", nil, usageErrorf("--with: cannot add saved queries to %s: it has no query part", what)
	}
	defined := map[string]bool{}
	insertAt := at // token index to insert "name AS (…), " before, when merging
	merging := toks[at].isWord("WITH")
	if merging {
		names, first := cteNames(toks, at)
		for _, n := range names {
			defined[strings.ToLower(n)] = true
		}
		insertAt = first
	}
	// Keep the CTEs the statement needs: referenced directly, or by a kept CTE.
	need := map[string]bool{}
	for i := len(ctes) - 1; i >= 0; i-- {
		c := ctes[i]
		if references(toks, c.name) {
			need[c.name] = true
		}
		if need[c.name] {
			ct, err := lexSQL(c.sql)
			if err != nil {
				return "", nil, err
			}
			for _, d := range ctes[:i] {
				if references(ct, d.name) {
					need[d.name] = true
				}
			}
		}
	}
	var parts, skipped []string
	for _, c := range ctes {
		if !need[c.name] {
			continue
		}
		if defined[strings.ToLower(c.name)] {
			skipped = append(skipped, c.name)
			continue
		}
		parts = append(parts, c.name+" AS (\n"+strings.TrimSpace(c.sql)+"\n)")
	}
	if len(parts) == 0 {
		return stmt, skipped, nil
	}
	var b strings.Builder
	for i, t := range toks {
		if i == insertAt {
			if merging {
				b.WriteString(strings.Join(parts, ",\n") + ",\n")
			} else {
				b.WriteString("WITH " + strings.Join(parts, ",\n") + "\n")
			}
		}
		b.WriteString(t.text)
	}
	return b.String(), skipped, nil
}

// sigIndexes returns the indexes of the significant tokens.
func sigIndexes(toks []token) []int {
	var out []int
	for i, t := range toks {
		if t.significant() {
			out = append(out, i)
		}
	}
	return out
}

// nextIsQuery reports whether the significant token after toks[i] starts a query.
func nextIsQuery(toks []token, i int) bool {
	for _, t := range toks[i+1:] {
		if t.significant() {
			return t.isWord("SELECT") || t.isWord("WITH") || t.isWord("VALUES")
		}
	}
	return false
}

// cteNames reads the WITH clause starting at toks[with] and returns the names it defines
// and the index of the token where its first CTE begins (after RECURSIVE).
func cteNames(toks []token, with int) (names []string, first int) {
	i := with + 1
	next := func() int {
		for i < len(toks) && !toks[i].significant() {
			i++
		}
		return i
	}
	skipParens := func() {
		if next() < len(toks) && toks[i].kind == tkOpen {
			depth := 0
			for ; i < len(toks); i++ {
				if toks[i].kind == tkOpen {
					depth++
				} else if toks[i].kind == tkClose {
					depth--
					if depth == 0 {
						i++
						return
					}
				}
			}
		}
	}
	first = next()
	if first < len(toks) && toks[first].isWord("RECURSIVE") {
		i++
		first = next()
	}
	for next() < len(toks) {
		t := toks[i]
		switch t.kind {
		case tkWord:
			names = append(names, t.text)
		case tkQIdent:
			names = append(names, strings.ReplaceAll(t.text[1:len(t.text)-1], `""`, `"`))
		default:
			return names, first
		}
		i++
		skipParens() // column list
		if next() >= len(toks) || !toks[i].isWord("AS") {
			return names, first
		}
		i++
		if next() < len(toks) && toks[i].isWord("NOT") {
			i++
		}
		if next() < len(toks) && toks[i].isWord("MATERIALIZED") {
			i++
		}
		skipParens()
		if next() >= len(toks) || toks[i].kind != tkOp || toks[i].text != "," {
			return names, first
		}
		i++
	}
	return names, first
}
