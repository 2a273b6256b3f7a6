package pgsql

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Error is a statement the front end refuses, with the SQLSTATE PostgreSQL (or the
// sandbox, for what it does not support) answers.
type Error struct {
	Code string // SQLSTATE
	Msg  string
	Hint string
}

func (e *Error) Error() string { return e.Msg }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// CopyTo is a parsed COPY … TO STDOUT: the query whose rows it writes and the options
// of its text or CSV format.
type CopyTo struct {
	// Query is the SELECT whose rows are copied (PostgreSQL SQL): the statement's own
	// query, or SELECT of the listed columns (all of them for none) from its table.
	Query     string
	CSV       bool
	Header    bool
	Delimiter byte
	Null      string
	Quote     byte
	Escape    byte
	// ForceQuote names the columns always quoted in CSV (ForceQuoteAll: every one).
	ForceQuote    []string
	ForceQuoteAll bool
	// Binary is FORMAT binary.
	Binary bool
	// HeaderMatch is COPY FROM's HEADER MATCH: the header line must name the columns.
	HeaderMatch bool
	// ForceNotNull and ForceNull name COPY FROM's FORCE_NOT_NULL and FORCE_NULL columns.
	ForceNotNull, ForceNull []string
}

// CopyFrom is a parsed COPY … FROM STDIN: its table, target columns (none for all)
// and options.
type CopyFrom struct {
	Schema, Table string   // as they name objects ("" when no schema is given)
	Columns       []string // likewise
	CopyTo                 // the options (Query unused)
	// Where is, for COPY … FROM STDIN WHERE cond, SELECT * FROM CopyWhereRelation
	// WHERE cond in DuckDB's SQL.
	Where string
}

// CopyWhereRelation names the rows a COPY FROM reads in the query of its WHERE.
const CopyWhereRelation = "sluice_copy_rows"

// ParseCopyFrom recognises COPY … FROM STDIN. ok is false for other statements, COPY
// from files and programs included; err is set for one the sandbox refuses.
func ParseCopyFrom(sql string) (c CopyFrom, ok bool, err error) {
	if !startsWithWord(sql, "copy") {
		return c, false, nil
	}
	res, perr := pg.Parse(sql)
	if perr != nil || len(res.Stmts) != 1 {
		return c, false, nil
	}
	cs := res.Stmts[0].Stmt.GetCopyStmt()
	if cs == nil || !cs.IsFrom || cs.IsProgram || cs.Filename != "" || cs.Relation == nil {
		return c, false, nil
	}
	if cs.WhereClause != nil {
		// The rows are filtered by the condition, read over the target columns: a
		// query over a relation named CopyWhereRelation, in DuckDB's SQL.
		sel := &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: &pg.SelectStmt{
			TargetList:  []*pg.Node{pg.MakeResTargetNodeWithVal(pg.MakeColumnRefNode([]*pg.Node{pg.MakeAStarNode()}, -1), -1)},
			FromClause:  []*pg.Node{{Node: &pg.Node_RangeVar{RangeVar: &pg.RangeVar{Relname: CopyWhereRelation, Inh: true, Relpersistence: "p"}}}},
			WhereClause: cs.WhereClause,
		}}}
		q, err := deparseNode(res.Version, sel)
		if err != nil {
			return c, true, errorf("42601", "COPY: %v", err)
		}
		c.Where = Translate(q).SQL
	}
	c.Schema, c.Table = cs.Relation.Schemaname, cs.Relation.Relname
	for _, col := range cs.Attlist {
		c.Columns = append(c.Columns, col.GetString_().GetSval())
	}
	if err := c.options(cs.Options, true); err != nil {
		return c, true, err
	}
	return c, true, nil
}

// ParseCopyTo recognises COPY … TO STDOUT. ok is false for other statements, COPY FROM
// and COPY to files included; err is set for a COPY TO STDOUT the sandbox refuses.
func ParseCopyTo(sql string) (c CopyTo, ok bool, err error) {
	if !startsWithWord(sql, "copy") {
		return c, false, nil
	}
	res, perr := pg.Parse(sql)
	if perr != nil || len(res.Stmts) != 1 {
		return c, false, nil
	}
	cs := res.Stmts[0].Stmt.GetCopyStmt()
	if cs == nil || cs.IsFrom || cs.IsProgram || cs.Filename != "" {
		return c, false, nil
	}
	if cs.Query != nil {
		c.Query, err = deparseNode(res.Version, cs.Query)
	} else {
		c.Query, err = selectColumns(res.Version, cs.Relation, cs.Attlist)
	}
	if err != nil {
		return c, true, errorf("42601", "COPY: %v", err)
	}
	if err := c.options(cs.Options, false); err != nil {
		return c, true, err
	}
	return c, true, nil
}

// options applies COPY's options with PostgreSQL's checks and defaults.
func (c *CopyTo) options(opts []*pg.Node, from bool) error {
	seen := map[string]bool{}
	var delim, null, quote, escape *string
	for _, o := range opts {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		if seen[d.Defname] {
			return errorf("42601", "conflicting or redundant options")
		}
		seen[d.Defname] = true
		switch d.Defname {
		case "format":
			switch f := defString(d); f {
			case "csv":
				c.CSV = true
			case "text":
			case "binary":
				c.Binary = true
			default:
				return errorf("22023", "COPY format %q not recognized", f)
			}
		case "header":
			v, ok := defBool(d)
			if !ok {
				if s := strings.ToLower(defString(d)); s == "match" {
					if !from {
						return errorf("0A000", "cannot use \"match\" with HEADER in COPY TO")
					}
					c.Header, c.HeaderMatch = true, true
					continue
				}
				return errorf("22023", "%s requires a Boolean value", d.Defname)
			}
			c.Header = v
		case "delimiter", "null", "quote", "escape":
			s := defString(d)
			switch d.Defname {
			case "delimiter":
				delim = &s
			case "null":
				null = &s
			case "quote":
				quote = &s
			case "escape":
				escape = &s
			}
		case "force_quote":
			if from {
				return errorf("0A000", "COPY force quote only available using COPY TO")
			}
			if d.Arg.GetAStar() != nil {
				c.ForceQuoteAll = true
			} else if l := d.Arg.GetList(); l != nil {
				for _, it := range l.Items {
					c.ForceQuote = append(c.ForceQuote, it.GetString_().GetSval())
				}
			} else {
				return errorf("22023", "argument to option %q must be a list of column names", d.Defname)
			}
		case "encoding":
			if e := strings.ToUpper(strings.ReplaceAll(defString(d), "-", "")); e != "UTF8" && e != "UNICODE" {
				return errorf("0A000", "COPY encoding %q is not supported by the sandbox (its encoding is UTF8)", defString(d))
			}
		case "freeze", "force_not_null", "force_null":
			if !from {
				return errorf("0A000", "COPY %s only available using COPY FROM", strings.ToUpper(d.Defname))
			}
			if d.Defname == "freeze" {
				continue
			}
			l := d.Arg.GetList()
			if l == nil {
				return errorf("22023", "argument to option %q must be a list of column names", d.Defname)
			}
			var names []string
			for _, it := range l.Items {
				names = append(names, it.GetString_().GetSval())
			}
			if d.Defname == "force_null" {
				c.ForceNull = names
			} else {
				c.ForceNotNull = names
			}
		default:
			return errorf("42601", "option %q not recognized", d.Defname)
		}
	}
	if c.Binary {
		for _, o := range []struct {
			set  bool
			name string
		}{{delim != nil, "DELIMITER"}, {null != nil, "NULL"}} {
			if o.set {
				return errorf("42601", "cannot specify %s in BINARY mode", o.name)
			}
		}
		if c.Header {
			return errorf("0A000", "cannot specify HEADER in BINARY mode")
		}
	}
	if !c.CSV && c.ForceNotNull != nil {
		return errorf("0A000", "COPY force not null available only in CSV mode")
	}
	if !c.CSV && c.ForceNull != nil {
		return errorf("0A000", "COPY force null available only in CSV mode")
	}
	c.Delimiter, c.Null = '\t', `\N`
	if c.CSV {
		c.Delimiter, c.Null, c.Quote = ',', "", '"'
	}
	if delim != nil {
		if len(*delim) != 1 {
			return errorf("0A000", "COPY delimiter must be a single one-byte character")
		}
		c.Delimiter = (*delim)[0]
	}
	if null != nil {
		c.Null = *null
	}
	if !c.CSV && (quote != nil || escape != nil || c.ForceQuoteAll || c.ForceQuote != nil) {
		what := "quote"
		switch {
		case escape != nil && quote == nil:
			what = "escape"
		case quote == nil:
			return errorf("0A000", "COPY force quote available only in CSV mode")
		}
		return errorf("0A000", "COPY %s available only in CSV mode", what)
	}
	if quote != nil {
		if len(*quote) != 1 {
			return errorf("0A000", "COPY quote must be a single one-byte character")
		}
		c.Quote = (*quote)[0]
	}
	c.Escape = c.Quote
	if escape != nil {
		if len(*escape) != 1 {
			return errorf("0A000", "COPY escape must be a single one-byte character")
		}
		c.Escape = (*escape)[0]
	}
	if c.Delimiter == '\r' || c.Delimiter == '\n' {
		return errorf("22023", "COPY delimiter cannot be newline or carriage return")
	}
	if strings.ContainsAny(c.Null, "\r\n") {
		return errorf("22023", "COPY null representation cannot use newline or carriage return")
	}
	if c.CSV && c.Delimiter == c.Quote {
		return errorf("22023", "COPY delimiter and quote must be different")
	}
	if c.CSV && strings.IndexByte(c.Null, c.Delimiter) >= 0 {
		return errorf("22023", "COPY delimiter character must not appear in the NULL specification")
	}
	return nil
}

// defString is a DefElem's argument as text (lower-cased for keywords PostgreSQL reads
// case-insensitively).
func defString(d *pg.DefElem) string {
	switch a := d.Arg.GetNode().(type) {
	case *pg.Node_String_:
		if d.Defname == "format" {
			return strings.ToLower(a.String_.Sval)
		}
		return a.String_.Sval
	case *pg.Node_Integer:
		return fmt.Sprint(a.Integer.Ival)
	case *pg.Node_Boolean:
		if a.Boolean.Boolval {
			return "true"
		}
		return "false"
	case *pg.Node_Float:
		return a.Float.Fval
	}
	return ""
}

// defBool reads a Boolean option as PostgreSQL's defGetBoolean does.
func defBool(d *pg.DefElem) (bool, bool) {
	if d.Arg == nil {
		return true, true
	}
	switch a := d.Arg.GetNode().(type) {
	case *pg.Node_Integer:
		switch a.Integer.Ival {
		case 0:
			return false, true
		case 1:
			return true, true
		}
		return false, false
	case *pg.Node_Boolean:
		return a.Boolean.Boolval, true
	}
	switch strings.ToLower(defString(d)) {
	case "true", "on":
		return true, true
	case "false", "off":
		return false, true
	}
	return false, false
}

// selectColumns writes SELECT cols FROM rel (every column when cols is empty).
func selectColumns(version int32, rel *pg.RangeVar, cols []*pg.Node) (string, error) {
	if rel == nil {
		return "", fmt.Errorf("no table")
	}
	var targets []*pg.Node
	for _, col := range cols {
		targets = append(targets, pg.MakeResTargetNodeWithVal(pg.MakeColumnRefNode([]*pg.Node{col}, -1), -1))
	}
	if len(targets) == 0 {
		targets = []*pg.Node{pg.MakeResTargetNodeWithVal(pg.MakeColumnRefNode([]*pg.Node{pg.MakeAStarNode()}, -1), -1)}
	}
	r := &pg.RangeVar{Catalogname: rel.Catalogname, Schemaname: rel.Schemaname, Relname: rel.Relname,
		Inh: true, Relpersistence: rel.Relpersistence}
	sel := &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: &pg.SelectStmt{
		TargetList: targets,
		FromClause: []*pg.Node{{Node: &pg.Node_RangeVar{RangeVar: r}}},
	}}}
	return deparseNode(version, sel)
}

// deparseNode writes one statement node back as SQL.
func deparseNode(version int32, n *pg.Node) (string, error) {
	return pg.Deparse(&pg.ParseResult{Version: version, Stmts: []*pg.RawStmt{{Stmt: n}}})
}

// startsWithWord reports whether sql's first word (after blanks and comments) is word.
func startsWithWord(sql, word string) bool {
	for {
		sql = strings.TrimLeft(sql, " \t\r\n(")
		switch {
		case strings.HasPrefix(sql, "--"):
			i := strings.IndexByte(sql, '\n')
			if i < 0 {
				return false
			}
			sql = sql[i+1:]
			continue
		case strings.HasPrefix(sql, "/*"):
			i := strings.Index(sql, "*/")
			if i < 0 {
				return false
			}
			sql = sql[i+2:]
			continue
		}
		break
	}
	if len(sql) < len(word) || !strings.EqualFold(sql[:len(word)], word) {
		return false
	}
	return len(sql) == len(word) || !isWordByte(sql[len(word)])
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
