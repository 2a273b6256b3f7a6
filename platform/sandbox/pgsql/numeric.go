package pgsql

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// PostgreSQL's numeric without a precision holds any value with the scale it was
// written with; DuckDB's DECIMAL without one is DECIMAL(18,3), which rounds to three
// decimals. The front end therefore never leaves numeric (or decimal) unqualified:
//
//   - a literal cast to it (1.23456::numeric, CAST('0.5' AS decimal)) becomes
//     DECIMAL(p,s) with the literal's own digits and scale, so the value and its text
//     are PostgreSQL's; a literal of more than 38 digits (DuckDB's limit) is refused
//     with SQLSTATE 22003 instead of being rounded;
//   - a cast of anything else (x::numeric, $1::numeric) becomes a call of NumericFunc,
//     which the sandbox defines: the value PostgreSQL's cast gives when it fits
//     DECIMAL(UnboundedPrecision, UnboundedScale), else an error (22003), never a
//     value DuckDB's cast rounded to UnboundedScale decimals; round(x::numeric, n) and
//     trunc(x::numeric, n) round the exact value first (NumericRoundFunc);
//   - columns and arrays become DECIMAL(UnboundedPrecision, UnboundedScale), which the
//     sandbox sends without its trailing zeros (as PostgreSQL shows a value it was
//     given without them); what INSERT and UPDATE write into such a column goes
//     through NumericFunc too (NumericTargets).
//
// The scale is a compromise (tried at 8, 10, 12 and 16 on testdata/differential/numeric.sql):
// 12 decimals keep money, rates and float8 values from 0.001 up as PostgreSQL shows
// them, 26 integer digits keep every bigint and 23-digit integers (16 refused those,
// 22P02), and the product of two such values (DuckDB adds the scales) still holds 14
// integer digits where 16 would leave 6.
const (
	UnboundedPrecision = 38
	UnboundedScale     = 12
)

// NumericFunc and NumericRoundFunc are the sandbox's checked conversions to unbounded
// numeric: NumericFunc(x) and NumericRoundFunc(x, n, trunc); NumericTextFunc(t) is
// NumericFunc of text, whose argument DuckDB types as text (a parameter in it is).
const (
	NumericFunc      = "sluice_numeric"
	NumericRoundFunc = "sluice_numeric_round"
	NumericTextFunc  = "sluice_numeric_text"
)

// unboundedNumeric reports whether tn is numeric or decimal without a precision.
func unboundedNumeric(tn *pg.TypeName) bool {
	if tn == nil || len(tn.Names) == 0 || len(tn.Typmods) > 0 {
		return false
	}
	if len(tn.Names) == 2 && strName(tn.Names[0]) != "pg_catalog" || len(tn.Names) > 2 {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "numeric", "decimal":
		return true
	}
	return false
}

// boundNumeric gives an unbounded numeric type name the sandbox's precision and scale.
func boundNumeric(tn *pg.TypeName) bool {
	if !unboundedNumeric(tn) {
		return false
	}
	tn.Typmods = []*pg.Node{pg.MakeAConstIntNode(UnboundedPrecision, -1), pg.MakeAConstIntNode(UnboundedScale, -1)}
	return true
}

// numericLiteralCast rewrites a literal cast to unbounded numeric as a cast to the
// DECIMAL(p,s) that holds it exactly, or as an error (22003) when it has more digits
// than DuckDB's 38.
func numericLiteralCast(n *pg.Node, c *pg.TypeCast) bool {
	if len(c.TypeName.GetArrayBounds()) > 0 || !unboundedNumeric(c.TypeName) {
		return false
	}
	k := c.Arg.GetAConst()
	if k == nil {
		return false
	}
	var lit string
	switch {
	case k.GetFval() != nil:
		lit = k.GetFval().Fval
	case k.GetIval() != nil:
		return false // an integer literal: DuckDB's integer types convert exactly
	case k.GetSval() != nil:
		lit = strings.TrimSpace(k.GetSval().Sval)
		lit = strings.TrimPrefix(strings.TrimPrefix(lit, "+"), "-")
	default:
		return false
	}
	p, s, ok := decimalDigits(lit)
	if !ok {
		if k.GetSval() != nil {
			// '1e-13', ' 1.5E3 ', 'NaN': read by the checked conversion, which reads
			// exponents exactly (DuckDB's cast of the text rounds '1e-13' to 0) and
			// refuses NaN (22P02) and what does not fit (22003).
			n.Node = funcCall(NumericFunc, c.Arg).Node
			return true
		}
		return false
	}
	if p > 38 {
		n.Node = funcCall("error", pg.MakeAConstStrNode("value is out of range: the sandbox's numeric holds at most 38 digits", -1)).Node
		return true
	}
	c.TypeName.Typmods = []*pg.Node{pg.MakeAConstIntNode(int64(p), -1), pg.MakeAConstIntNode(int64(s), -1)}
	return true
}

// decimalDigits returns the precision and scale PostgreSQL gives a plain decimal
// literal ("12.340": 5, 3), leading zeros not counted; ok is false for other forms
// (exponents, NaN, signs inside).
func decimalDigits(lit string) (p, s int, ok bool) {
	intPart, frac, _ := strings.Cut(lit, ".")
	if intPart == "" && frac == "" {
		return 0, 0, false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, 0, false
			}
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	s = len(frac)
	p = len(intPart) + s
	if p == 0 {
		p = 1
	}
	return p, s, true
}

// WideDecimals names the target columns of an INSERT … VALUES or an UPDATE … SET that
// receive a numeric literal with more decimals than UnboundedScale: DuckDB would round
// it silently in an unbounded numeric column, so the sandbox looks the columns up and
// refuses (22003) when one is.
type WideDecimals struct {
	Schema, Table string
	// Columns are the named target columns; Positions, when the INSERT names none,
	// are the 0-based positions of the table's columns.
	Columns   []string
	Positions []int
}

// hasWideFraction reports whether sql holds a dot followed by more than
// UnboundedScale digits, or a digit followed by a negative exponent (1e-13), which a
// literal WideDecimals looks for needs.
func hasWideFraction(sql string) bool {
	for i := 1; i+1 < len(sql); i++ {
		if (sql[i] == 'e' || sql[i] == 'E') && sql[i+1] == '-' && (sql[i-1] >= '0' && sql[i-1] <= '9' || sql[i-1] == '.') {
			return true
		}
	}
	for i := strings.IndexByte(sql, '.'); i >= 0; {
		j := i + 1
		for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
			j++
		}
		if j-i-1 > UnboundedScale {
			return true
		}
		k := strings.IndexByte(sql[j:], '.')
		if k < 0 {
			return false
		}
		i = j + k
	}
	return false
}

// wideLiteral reports whether n is a numeric literal (or a negated one) with more
// than UnboundedScale decimals, trailing zeros aside.
func wideLiteral(n *pg.Node) bool {
	if e := n.GetAExpr(); e != nil && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		n = e.Rexpr
	}
	var lit string
	if c := n.GetAConst(); c != nil && c.GetFval() != nil {
		lit = c.GetFval().Fval
	} else if c != nil && c.GetSval() != nil {
		lit = c.GetSval().Sval // exactLiterals writes long literals as strings
	} else {
		return false
	}
	lit = strings.TrimLeft(strings.TrimSpace(lit), "+-")
	exp := 0
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		// 1e-13, 1.5E-12: the decimals the exponent gives the digits.
		e, err := strconv.Atoi(lit[i+1:])
		if err != nil {
			return false
		}
		lit, exp = lit[:i], e
	}
	intPart, frac, _ := strings.Cut(lit, ".")
	digits := intPart + frac
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	// The decimals of digits·10^-scale, trailing zeros aside.
	scale := len(frac) - exp
	for scale > 0 && strings.HasSuffix(digits, "0") {
		digits, scale = digits[:len(digits)-1], scale-1
	}
	return scale > UnboundedScale
}

// wideSet returns the columns a SET list (also SET (a, b) = (…)) assigns a wide literal.
func wideSet(list []*pg.Node) []string {
	var cols []string
	for _, t := range list {
		if rt := t.GetResTarget(); rt != nil {
			if v := setValue(rt); v != nil && wideLiteral(v) {
				cols = append(cols, rt.Name)
			}
		}
	}
	return cols
}

// wideDecimals finds the targets of wide literals in an INSERT … VALUES (and its ON
// CONFLICT … DO UPDATE SET) or an UPDATE.
func wideDecimals(stmt *pg.Node) *WideDecimals {
	w := &WideDecimals{}
	var rv *pg.RangeVar
	if ins := stmt.GetInsertStmt(); ins != nil {
		rv = ins.Relation
		for _, row := range ins.SelectStmt.GetSelectStmt().GetValuesLists() {
			for i, item := range row.GetList().GetItems() {
				if !wideLiteral(item) {
					continue
				}
				if len(ins.Cols) == 0 {
					w.Positions = append(w.Positions, i)
				} else if i < len(ins.Cols) {
					w.Columns = append(w.Columns, ins.Cols[i].GetResTarget().GetName())
				}
			}
		}
		if oc := ins.OnConflictClause; oc != nil {
			w.Columns = append(w.Columns, wideSet(oc.TargetList)...)
		}
	} else if up := stmt.GetUpdateStmt(); up != nil {
		rv = up.Relation
		w.Columns = wideSet(up.TargetList)
	}
	if rv == nil || len(w.Columns)+len(w.Positions) == 0 {
		return nil
	}
	w.Schema, w.Table = rv.Schemaname, rv.Relname
	if w.Schema == "public" {
		w.Schema = "main"
	}
	return w
}

// numericExprCast rewrites a cast of an expression or a parameter to unbounded
// numeric as a call of NumericFunc.
func (r *rewriter) numericExprCast(n *pg.Node, c *pg.TypeCast) bool {
	if len(c.TypeName.GetArrayBounds()) > 0 || !unboundedNumeric(c.TypeName) || c.Arg == nil || c.Arg.GetAConst() != nil {
		return false
	}
	n.Node = funcCall(NumericFunc, r.numericArg(c.Arg)).Node
	return true
}

// numericArg is the argument of NumericFunc for x; a parameter is noted, for the
// sandbox to type it as numeric (Statement.NumericParams).
func (r *rewriter) numericArg(x *pg.Node) *pg.Node {
	if p := x.GetParamRef(); p != nil {
		if r.numParams == nil {
			r.numParams = map[int]bool{}
		}
		r.numParams[int(p.Number)] = true
	}
	return x
}

// numericRound rewrites round(x::numeric[, n]) and trunc(x::numeric[, n]) as
// round(NumericRoundFunc(x, n, false), n): the exact value rounded as PostgreSQL
// rounds it, then DuckDB's round for the result's scale (numeric(38,n)).
func (r *rewriter) numericRound(fc *pg.FuncCall) bool {
	if len(fc.Funcname) != 1 || len(fc.Args) < 1 || len(fc.Args) > 2 || fc.AggStar || len(fc.AggOrder) > 0 || fc.Over != nil {
		return false
	}
	name := strName(fc.Funcname[0])
	if name != "round" && name != "trunc" {
		return false
	}
	arg, neg := fc.Args[0], false
	if e := arg.GetAExpr(); e != nil && e.Kind == pg.A_Expr_Kind_AEXPR_OP && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		arg, neg = e.Rexpr, true // -x::numeric is -(x::numeric); rounding is symmetric
	}
	c := arg.GetTypeCast()
	if c == nil || len(c.TypeName.GetArrayBounds()) > 0 || !unboundedNumeric(c.TypeName) || c.Arg == nil || c.Arg.GetAConst() != nil {
		return false
	}
	places := pg.MakeAConstIntNode(0, -1)
	if len(fc.Args) == 2 {
		places = fc.Args[1]
	}
	exact := funcCall(NumericRoundFunc, r.numericArg(c.Arg), proto.Clone(places).(*pg.Node), boolConst(name == "trunc"))
	if neg {
		exact = pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("-")}, nil, exact, -1)
	}
	fc.Args = []*pg.Node{exact, places}
	return true
}

// numericAlterType makes ALTER TABLE … ALTER COLUMN c TYPE numeric convert the
// column's values with NumericFunc (USING sluice_numeric(c), or of the USING
// expression given): DuckDB's cast would round them to UnboundedScale decimals.
func numericAlterType(cmd *pg.AlterTableCmd) bool {
	def := cmd.GetDef().GetColumnDef()
	if cmd.Subtype != pg.AlterTableType_AT_AlterColumnType || def == nil || len(def.TypeName.GetArrayBounds()) > 0 || !unboundedNumeric(def.TypeName) {
		return false
	}
	val := def.RawDefault // USING
	if val == nil {
		val = pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(cmd.Name)}, -1)
	}
	def.RawDefault = funcCall(NumericFunc, val)
	return true
}

// numericText rewrites a cast to text of an expression (x::text, CAST(x AS varchar)) so
// that an unbounded numeric reads as the sandbox sends it, without the trailing zeros of
// its fixed scale (1.5, not DuckDB's 1.500000000000); other types keep DuckDB's text.
// DuckDB folds the typeof test when it binds the statement.
func numericText(n *pg.Node, c *pg.TypeCast) bool {
	tn := c.TypeName
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || len(tn.Typmods) > 0 || c.Arg == nil {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "text", "varchar":
	default:
		return false
	}
	switch c.Arg.Node.(type) {
	case *pg.Node_ColumnRef, *pg.Node_FuncCall, *pg.Node_AExpr:
	default:
		return false // literals, parameters and casts have a known type
	}
	str := func() *pg.Node { // DuckDB's VARCHAR under a name this rewrite leaves alone
		return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: proto.Clone(c.Arg).(*pg.Node),
			TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("string")}, Typemod: -1}}}}
	}
	unbounded := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("=")},
		funcCall("typeof", proto.Clone(c.Arg).(*pg.Node)),
		pg.MakeAConstStrNode("DECIMAL("+itoa(UnboundedPrecision)+","+itoa(UnboundedScale)+")", -1), -1)
	trimmed := funcCall("regexp_replace", str(), pg.MakeAConstStrNode(`[.]?0+$`, -1), pg.MakeAConstStrNode("", -1))
	n.Node = &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(unbounded, trimmed, -1)},
		Defresult: str(),
	}}
	return true
}

// NumericKind says how a target column holds unbounded numeric (WrapNumeric).
type NumericKind byte

// The kinds: not at all, a value, a one-dimensional array (numeric[]).
const (
	NotNumeric NumericKind = iota
	NumericValue
	NumericArray
)

// numericList is list_transform(x, e -> NumericFunc(e)): each element of an array
// converted as a value.
func numericList(x *pg.Node) *pg.Node {
	e := func() *pg.Node { return pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode("sluice_e")}, -1) }
	lambda := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("->")}, e(), funcCall(NumericFunc, e()), -1)
	return funcCall("list_transform", x, lambda)
}

// numericArrayCast rewrites a cast to numeric[] (x::numeric[], '{…}'::numeric[]) as
// numericList of the array, or of its text's elements as text: DuckDB's cast to
// DECIMAL(38,12)[] rounds each element silently.
func numericArrayCast(n *pg.Node, c *pg.TypeCast) bool {
	tn := c.TypeName
	if len(tn.GetArrayBounds()) != 1 || len(tn.Typmods) > 0 || c.Arg == nil {
		return false
	}
	bare := &pg.TypeName{Names: tn.Names, Typemod: -1}
	if !unboundedNumeric(bare) {
		return false
	}
	arg := c.Arg
	if k := arg.GetAConst(); k != nil {
		sv := k.GetSval()
		if sv == nil || !strings.HasPrefix(strings.TrimSpace(sv.Sval), "{") {
			return false
		}
		arg = &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: pg.MakeAConstStrNode(listText(sv.Sval), -1),
			TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("text")}, Typemod: -1,
				ArrayBounds: []*pg.Node{pg.MakeIntNode(-1)}}}}}
	}
	n.Node = numericList(arg).Node
	return true
}
