package pgsql

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// SQL-level prepared statements (PREPARE, EXECUTE, DEALLOCATE) are the session's, not
// DuckDB's: DuckDB would name EXECUTE's columns its own way and run a statement whose
// table changed under its first description. The session keeps the statement's text
// and its described columns, and EXECUTE runs the text with the arguments in place of
// $n, refused with 0A000 when the columns are no longer those PREPARE described.

// PreparedSQL is a PREPARE: the statement's name, its parameters' declared types (SQL
// text, possibly fewer than the statement uses) and the prepared statement's text.
type PreparedSQL struct {
	Name  string
	Types []string
	Body  string
}

// ExecuteSQL is an EXECUTE: the name and the arguments' SQL text.
type ExecuteSQL struct {
	Name string
	Args []string
}

// ParsePrepare reads a PREPARE statement; ok is false for other statements.
func ParsePrepare(sql string) (PreparedSQL, bool) {
	if firstWord(sql) != "PREPARE" {
		return PreparedSQL{}, false
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return PreparedSQL{}, false
	}
	ps := res.Stmts[0].Stmt.GetPrepareStmt()
	if ps == nil {
		return PreparedSQL{}, false
	}
	toks, err := pg.Scan(sql)
	if err != nil {
		return PreparedSQL{}, false
	}
	out := PreparedSQL{Name: ps.Name}
	depth, start := 0, -1
	for _, t := range toks.Tokens {
		switch {
		case t.Token == pg.Token_ASCII_91: // [
			depth++
		case t.Token == pg.Token_ASCII_93:
			depth--
		case t.Token == pg.Token_ASCII_40:
			if depth == 0 {
				start = int(t.End)
			}
			depth++
		case t.Token == pg.Token_ASCII_41:
			depth--
			if depth == 0 && start >= 0 {
				out.Types = append(out.Types, strings.TrimSpace(sql[start:t.Start]))
			}
		case t.Token == pg.Token_ASCII_44 && depth == 1:
			out.Types = append(out.Types, strings.TrimSpace(sql[start:t.Start]))
			start = int(t.End)
		case t.Token == pg.Token_AS && depth == 0:
			out.Body = strings.TrimRight(strings.TrimSpace(sql[t.End:]), ";")
			return out, out.Body != ""
		}
	}
	return PreparedSQL{}, false
}

// ParseExecute reads an EXECUTE statement; ok is false for other statements.
func ParseExecute(sql string) (ExecuteSQL, bool) {
	if firstWord(sql) != "EXECUTE" {
		return ExecuteSQL{}, false
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return ExecuteSQL{}, false
	}
	es := res.Stmts[0].Stmt.GetExecuteStmt()
	if es == nil {
		return ExecuteSQL{}, false
	}
	out := ExecuteSQL{Name: es.Name}
	toks, err := pg.Scan(sql)
	if err != nil {
		return ExecuteSQL{}, false
	}
	depth, start := 0, -1
	for _, t := range toks.Tokens {
		switch {
		case t.Token == pg.Token_ASCII_91: // [
			depth++
		case t.Token == pg.Token_ASCII_93:
			depth--
		case t.Token == pg.Token_ASCII_40:
			if depth == 0 {
				start = int(t.End)
			}
			depth++
		case t.Token == pg.Token_ASCII_41:
			depth--
			if depth == 0 && start >= 0 {
				out.Args = append(out.Args, strings.TrimSpace(sql[start:t.Start]))
				return out, true
			}
		case t.Token == pg.Token_ASCII_44 && depth == 1:
			out.Args = append(out.Args, strings.TrimSpace(sql[start:t.Start]))
			start = int(t.End)
		}
	}
	return out, true
}

// ParseDeallocate reads DEALLOCATE [PREPARE] name | ALL; ok is false for other
// statements, name is "" for ALL.
func ParseDeallocate(sql string) (name string, ok bool) {
	if firstWord(sql) != "DEALLOCATE" {
		return "", false
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return "", false
	}
	ds := res.Stmts[0].Stmt.GetDeallocateStmt()
	if ds == nil {
		return "", false
	}
	return ds.Name, true
}

// BindPrepared writes a prepared statement's text with each $n replaced by arg(n)
// (1-based); a parameter with a declared type is cast to it.
func BindPrepared(body string, types []string, arg func(n int) string) string {
	toks, err := pg.Scan(body)
	if err != nil {
		return body
	}
	var b strings.Builder
	last := 0
	for _, t := range toks.Tokens {
		if t.Token != pg.Token_PARAM {
			continue
		}
		n, err := strconv.Atoi(body[t.Start+1 : t.End])
		if err != nil {
			continue
		}
		b.WriteString(body[last:t.Start])
		if n <= len(types) && types[n-1] != "" {
			b.WriteString("(CAST(" + arg(n) + " AS " + types[n-1] + "))") // ($1::int[])[2]
		} else {
			b.WriteString(arg(n))
		}
		last = int(t.End)
	}
	b.WriteString(body[last:])
	return b.String()
}

// MaxParam is the highest $n a statement uses.
func MaxParam(body string) int {
	toks, err := pg.Scan(body)
	if err != nil {
		return 0
	}
	max := 0
	for _, t := range toks.Tokens {
		if t.Token == pg.Token_PARAM {
			if n, err := strconv.Atoi(body[t.Start+1 : t.End]); err == nil && n > max {
				max = n
			}
		}
	}
	return max
}
