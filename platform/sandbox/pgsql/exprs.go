package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// Expressions whose value DuckDB computes differently from PostgreSQL, silently: LIKE
// patterns (PostgreSQL's default escape character is the backslash, DuckDB's LIKE has
// none), SIMILAR TO (DuckDB reads the pattern as a regular expression), string
// literals of dates, times and booleans in forms DuckDB refuses (exprs_literals.go),
// round of double precision and integer overflow (exprs_num.go).

// SimilarEscapeFunc is the Go function (registered by the sandbox) that turns a SIMILAR
// TO pattern and its escape character into the regular expression PostgreSQL's
// similar_to_escape makes, for patterns that are not literals.
const SimilarEscapeFunc = "sluice_similar_escape"

// FormatFunc is the Go function (registered by the sandbox) that is PostgreSQL's
// format(): sluice_format(f, typeof(a), a, typeof(b), b…), each value written in
// PostgreSQL's text form for its type.
const FormatFunc = "sluice_format"

// formatRewrite calls FormatFunc for format(f, args…) (DuckDB's format reads {}
// placeholders).
func formatRewrite(fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" ||
		strName(fc.Funcname[len(fc.Funcname)-1]) != "format" || len(fc.Args) == 0 || fc.FuncVariadic || fc.Over != nil {
		return false
	}
	args := []*pg.Node{fc.Args[0]}
	for _, a := range fc.Args[1:] {
		args = append(args, funcCall("typeof", proto.Clone(a).(*pg.Node)), a)
	}
	fc.Funcname = []*pg.Node{pg.MakeStrNode(FormatFunc)}
	fc.Args = args
	return true
}

// exprRewrite rewrites n when it is one of the expressions above and reports whether it
// changed it.
func (r *rewriter) exprRewrite(n *pg.Node) bool {
	if r.floatRewrite(n) { // floaterr.go: errors PostgreSQL raises where DuckDB returns a value
		return true
	}
	switch x := n.Node.(type) {
	case *pg.Node_AExpr:
		if comparedLiteral(x.AExpr) { // the literal changes in place; other rewrites may follow
			r.changed = true
		}
		return likeRewrite(n, x.AExpr) || similarRewrite(n, x.AExpr) || betweenSymmetric(n, x.AExpr) || concatOperand(x.AExpr)
	case *pg.Node_TypeCast:
		return literalCast(n, x.TypeCast) || bitCast(n, x.TypeCast) || textCast(n, x.TypeCast) || precisionCast(n, x.TypeCast)
	case *pg.Node_FuncCall:
		return formatRewrite(x.FuncCall) || substringRewrite(x.FuncCall) || concatRewrite(x.FuncCall) || dateTruncDate(x.FuncCall) ||
			numericFuncRewrite(n, x.FuncCall)
	case *pg.Node_AConst:
		return exponentLiteral(n, x.AConst)
	}
	return false
}

// likeOps are PostgreSQL's LIKE operators: negated, case-insensitive.
var likeOps = map[string]struct{ not, ci bool }{
	"~~": {}, "!~~": {not: true}, "~~*": {ci: true}, "!~~*": {not: true, ci: true},
}

// likeRewrite gives LIKE, ILIKE, NOT LIKE, ~~, ~~* (also under ANY/ALL of an ARRAY[…])
// PostgreSQL's escape character: a backslash unless ESCAPE names another one, none for
// ESCAPE ”. A literal pattern without a backslash reads alike in DuckDB and is left
// as it is.
func likeRewrite(n *pg.Node, e *pg.A_Expr) bool {
	if len(e.Name) != 1 || e.Lexpr == nil || e.Rexpr == nil {
		return false
	}
	op, ok := likeOps[strName(e.Name[0])]
	if !ok {
		return false
	}
	switch e.Kind {
	case pg.A_Expr_Kind_AEXPR_LIKE, pg.A_Expr_Kind_AEXPR_ILIKE, pg.A_Expr_Kind_AEXPR_OP:
		repl := likeCall(e.Lexpr, e.Rexpr, op.not, op.ci)
		if repl == nil {
			return false
		}
		n.Node = repl.Node
		return true
	case pg.A_Expr_Kind_AEXPR_OP_ANY, pg.A_Expr_Kind_AEXPR_OP_ALL:
		var elems []*pg.Node
		if arr := e.Rexpr.GetAArrayExpr(); arr != nil {
			elems = arr.Elements
		} else if k := e.Rexpr.GetAConst().GetSval(); k != nil {
			texts, ok := ParseArrayText(k.Sval) // '{…}', as clients interpolate an array
			if !ok {
				return false
			}
			for _, t := range texts {
				if t == nil {
					elems = append(elems, exprNull())
				} else {
					elems = append(elems, pg.MakeAConstStrNode(*t, -1))
				}
			}
		} else {
			return false // DuckDB refuses LIKE ANY of other arrays (an error, not a wrong value)
		}
		any := e.Kind == pg.A_Expr_Kind_AEXPR_OP_ANY
		if len(elems) == 0 {
			n.Node = boolConst(!any).Node
			return true
		}
		args := make([]*pg.Node, len(elems))
		for i, el := range elems {
			args[i] = likeCall(e.Lexpr, el, op.not, op.ci)
			if args[i] == nil {
				args[i] = pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, e.Name, e.Lexpr, el, generated)
			}
		}
		if len(args) == 1 {
			n.Node = args[0].Node
			return true
		}
		kind := pg.BoolExprType_OR_EXPR
		if !any {
			kind = pg.BoolExprType_AND_EXPR
		}
		n.Node = pg.MakeBoolExprNode(kind, args, -1).Node
		return true
	}
	return false
}

// likeCall returns DuckDB's form of x LIKE pat (pat possibly like_escape(p, e), as
// PostgreSQL's grammar writes an ESCAPE clause), or nil when DuckDB reads it alike.
func likeCall(x, pat *pg.Node, negate, ci bool) *pg.Node {
	esc := pg.MakeAConstStrNode(`\`, -1)
	explicit := false
	if fc := pat.GetFuncCall(); fc != nil && len(fc.Funcname) > 0 && strName(fc.Funcname[len(fc.Funcname)-1]) == "like_escape" && len(fc.Args) == 2 {
		pat, esc, explicit = fc.Args[0], fc.Args[1], true
		if s := esc.GetAConst().GetSval(); s != nil && s.Sval == "" {
			// ESCAPE '': no escape character, which is DuckDB's LIKE.
			return likeOp(x, pat, negate, ci)
		}
	}
	if s := pat.GetAConst().GetSval(); s != nil && !explicit && !strings.Contains(s.Sval, `\`) {
		return nil
	}
	fn := "like_escape"
	if ci {
		fn = "ilike_escape"
	}
	call := funcCall(fn, x, pat, esc)
	if negate {
		return not(call)
	}
	return call
}

// likeOp writes x LIKE pat as DuckDB's LIKE, whose pattern has no escape character.
func likeOp(x, pat *pg.Node, negate, ci bool) *pg.Node {
	kind, name := pg.A_Expr_Kind_AEXPR_LIKE, "~~"
	if ci {
		kind, name = pg.A_Expr_Kind_AEXPR_ILIKE, "~~*"
	}
	if negate {
		name = "!" + name
	}
	return pg.MakeAExprNode(kind, []*pg.Node{pg.MakeStrNode(name)}, x, pat, generated)
}

// similarRewrite writes x [NOT] SIMILAR TO pat [ESCAPE e] as a full match of the regular
// expression PostgreSQL's similar_to_escape makes of the pattern: at rewrite time for a
// literal pattern, else through SimilarEscapeFunc.
func similarRewrite(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_SIMILAR || len(e.Name) != 1 || e.Lexpr == nil {
		return false
	}
	fc := e.Rexpr.GetFuncCall()
	if fc == nil || len(fc.Args) == 0 || len(fc.Args) > 2 {
		return false
	}
	pat := fc.Args[0]
	var re *pg.Node
	esc, escLit := `\`, true
	if len(fc.Args) == 2 {
		escLit = false
		if s := fc.Args[1].GetAConst().GetSval(); s != nil {
			esc, escLit = s.Sval, true
		} else if fc.Args[1].GetAConst().GetIsnull() {
			// A NULL escape makes the match NULL.
			n.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: exprNull(), TypeName: exprTypeName("boolean")}}
			return true
		}
	}
	if s := pat.GetAConst().GetSval(); s != nil && escLit {
		rx, err := SimilarToRegexp(s.Sval, esc)
		if err != nil {
			re = funcCall("error", pg.MakeAConstStrNode(err.Error(), -1))
		} else {
			re = pg.MakeAConstStrNode(rx, -1)
		}
	} else {
		escNode := pg.MakeAConstStrNode(`\`, -1)
		if len(fc.Args) == 2 {
			escNode = fc.Args[1]
		}
		re = funcCall(SimilarEscapeFunc, pat, escNode)
	}
	call := funcCall("regexp_full_match", e.Lexpr, re)
	if strName(e.Name[0]) == "!~" {
		call = not(call)
	}
	n.Node = call.Node
	return true
}

// literalCastTypes are the types a string literal cast to may need literalCast.
var literalCastTypes = map[string]bool{"date": true, "time": true, "timestamp": true, "timestamptz": true,
	"timetz": true, "bool": true, "boolean": true, "zone": true}

// hasLiteralCast reports whether low (lower case) casts a string literal to a date,
// time or boolean type: 'x'::date, CAST('x' AS date), DATE 'x', … WITH TIME ZONE 'x'.
func hasLiteralCast(low string) bool {
	word := func(i int) (string, int) { // the word at i (after blanks and a quote)
		for i < len(low) && (low[i] == ' ' || low[i] == '\t' || low[i] == '\n' || low[i] == '\r' || low[i] == '"') {
			i++
		}
		j := i
		for j < len(low) && isWordByte(low[j]) {
			j++
		}
		return low[i:j], j
	}
	for i := 0; i < len(low); i++ {
		if low[i] != '\'' {
			continue
		}
		// the word before the literal: DATE '…'
		k := i - 1
		for k >= 0 && (low[k] == ' ' || low[k] == '\t' || low[k] == '\n' || low[k] == '\r') {
			k--
		}
		e := k + 1
		for k >= 0 && isWordByte(low[k]) {
			k--
		}
		if e > k+1 && literalCastTypes[low[k+1:e]] {
			return true
		}
		j := i + 1
		for j < len(low) && low[j] != '\'' {
			j++
		}
		if j+1 < len(low) && low[j+1] == '\'' { // a doubled quote inside: go on
			i = j
			continue
		}
		// after the literal: ::date, AS date
		k = j + 1
		for k < len(low) && (low[k] == ' ' || low[k] == '\t' || low[k] == '\n' || low[k] == '\r' || low[k] == ')') {
			k++
		}
		if strings.HasPrefix(low[k:], "::") {
			if w, _ := word(k + 2); literalCastTypes[w] {
				return true
			}
		} else if w, next := word(k); w == "as" {
			if w, _ := word(next); literalCastTypes[w] {
				return true
			}
		}
		i = j
	}
	return false
}

func exprNull() *pg.Node {
	return &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Isnull: true, Location: -1}}}
}

// betweenSymmetric writes x [NOT] BETWEEN SYMMETRIC a AND b, which DuckDB lacks, as
// x BETWEEN a AND b OR x BETWEEN b AND a (PostgreSQL's definition).
func betweenSymmetric(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_BETWEEN_SYM && e.Kind != pg.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM {
		return false
	}
	items := e.Rexpr.GetList().GetItems()
	if len(items) != 2 || e.Lexpr == nil {
		return false
	}
	between := func(lo, hi *pg.Node) *pg.Node {
		return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_BETWEEN, []*pg.Node{pg.MakeStrNode("BETWEEN")},
			proto.Clone(e.Lexpr).(*pg.Node), pg.MakeListNode([]*pg.Node{lo, hi}), -1)
	}
	or := pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, []*pg.Node{between(items[0], items[1]),
		between(proto.Clone(items[1]).(*pg.Node), proto.Clone(items[0]).(*pg.Node))}, -1)
	if e.Kind == pg.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM {
		or = not(or)
	}
	n.Node = or.Node
	return true
}

func exprTypeName(name string) *pg.TypeName {
	return &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode(name)}, Typemod: -1}
}

// similarError is the error of a SIMILAR TO escape PostgreSQL refuses.
type similarError string

func (e similarError) Error() string { return string(e) }

// SimilarToRegexp translates a SIMILAR TO pattern with escape character esc ("" for
// none) into an RE2 regular expression matching the whole string, as PostgreSQL's
// similar_to_escape does for its regular expressions: % is .*, _ is ., ( groups
// without capturing, . ^ $ \ are literal, [ … ] classes, | * + ? { } pass through, and
// the escape character makes the next character literal.
func SimilarToRegexp(pat, esc string) (string, error) {
	if len([]rune(esc)) > 1 {
		return "", similarError("invalid escape string: escape string must be empty or one character")
	}
	var e rune = -1
	if esc != "" {
		e = []rune(esc)[0]
	}
	var b strings.Builder
	b.WriteString("(?s)^(?:")
	afterEscape, inClass, quotes := false, false, 0
	classPos := 0
	for _, c := range pat {
		switch {
		case afterEscape:
			afterEscape = false
			if c == '"' && !inClass {
				switch quotes {
				case 0:
					b.WriteString("){1,1}?(")
				case 1:
					b.WriteString("){1,1}(?:")
				default:
					return "", similarError("SQL regular expression may not contain more than two escape-double-quote separators")
				}
				quotes++
				continue
			}
			writeLiteral(&b, c)
			classPos = 3
		case c == e:
			afterEscape = true
		case inClass:
			if c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(c)
			switch {
			case c == ']' && classPos > 2:
				inClass = false
			case c == '^' && classPos == 1:
				classPos = 2
			default:
				classPos = 3
			}
		case c == '[':
			b.WriteRune(c)
			inClass, classPos = true, 1
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteByte('.')
		case c == '(':
			b.WriteString("(?:")
		case c == '\\' || c == '.' || c == '^' || c == '$':
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	if afterEscape {
		return "", similarError("invalid escape string: SQL regular expression may not end with the escape character")
	}
	b.WriteString(")$")
	return b.String(), nil
}

// writeLiteral writes c so that RE2 matches it literally (\d, \w and \s keep their
// class meaning, as in PostgreSQL).
func writeLiteral(b *strings.Builder, c rune) {
	switch {
	case c == 'd' || c == 'D' || c == 'w' || c == 'W' || c == 's' || c == 'S':
		b.WriteByte('\\')
		b.WriteRune(c)
	case c < 128 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ' '):
		b.WriteByte('\\')
		b.WriteRune(c)
	default:
		b.WriteRune(c)
	}
}

// exprMarks reports whether low (a statement in lower case) may hold an expression
// exprRewrite changes, so that a statement without one keeps the fast path.
func exprMarks(low string) bool {
	if strings.Contains(low, "similar") || strings.Contains(low, "symmetric") || strings.Contains(low, "substr") || strings.Contains(low, "concat") || strings.Contains(low, "date_trunc") || strings.Contains(low, "||") || strings.Contains(low, "round") || strings.Contains(low, "abs") || strings.Contains(low, "format") || strings.Contains(low, "2147483648") ||
		strings.Contains(low, "bit") {
		return true
	}
	if (strings.Contains(low, "like") || strings.Contains(low, "~~")) && likeNeedsEscape(low) {
		return true
	}
	if hasLiteralCast(low) || precisionMark(low) {
		return true
	}
	return hasExponent(low) || floatMarks(low) || mayHoldInputLiteral(low)
}

// likeNeedsEscape reports whether a LIKE of low may need PostgreSQL's escape: the
// statement holds a backslash, or a LIKE whose pattern is not a string literal.
func likeNeedsEscape(low string) bool {
	if strings.Contains(low, `\`) || strings.Contains(low, "escape") || strings.Contains(low, "any") || strings.Contains(low, "all") {
		return true
	}
	for _, w := range []string{"like", "~~*", "~~"} {
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			k := i + j + len(w)
			for k < len(low) && (low[k] == ' ' || low[k] == '\t' || low[k] == '\n' || low[k] == '\r' || low[k] == '*') {
				k++
			}
			if k < len(low) && low[k] != '\'' {
				return true
			}
			i = i + j + len(w)
		}
	}
	return false
}

// hasExponent reports whether low holds a number written with an exponent (1e308).
func hasExponent(low string) bool {
	for i := 1; i+1 < len(low); i++ {
		if low[i] == 'e' && low[i-1] >= '0' && low[i-1] <= '9' {
			c := low[i+1]
			if c >= '0' && c <= '9' || (c == '+' || c == '-') && i+2 < len(low) && low[i+2] >= '0' && low[i+2] <= '9' {
				// not part of a word such as x1e5
				j := i - 1
				for j >= 0 && (low[j] >= '0' && low[j] <= '9' || low[j] == '.') {
					j--
				}
				if j < 0 || !isWordByte(low[j]) {
					return true
				}
			}
		}
	}
	return false
}
