package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// TextFunc is the Go function (registered by the sandbox) that writes a value in
// PostgreSQL's text form: sluice_text(typeof(x), x). DuckDB writes a double 1 as 1.0
// and an array as [1, 2]; PostgreSQL as 1 and {1,2}.
const TextFunc = "sluice_text"

// textCast rewrites x::text and CAST(x AS varchar) so that a double precision, real
// or array x reads as in PostgreSQL: CASE WHEN typeof(x) is one of those THEN
// sluice_text(typeof(x), x) ELSE x::text END (the front end knows no column's type;
// DuckDB folds typeof). Other types keep DuckDB's cast (and the other rewrites of it).
func textCast(n *pg.Node, c *pg.TypeCast) bool {
	tn := c.TypeName
	if c.Location == generated || tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || len(tn.Typmods) > 0 || c.Arg == nil {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "text", "varchar":
	default:
		return false
	}
	if re := c.Arg.GetRowExpr(); re != nil && len(re.Args) > 0 {
		// ROW(1, 'abc')::text is the record's text (1,abc); DuckDB writes (1, abc)
		n.Node = funcCall("pg_record_text", re.Args...).Node
		return true
	}
	switch x := c.Arg.Node.(type) {
	case *pg.Node_AConst, *pg.Node_ParamRef:
		return false
	case *pg.Node_TypeCast:
		if k := pgKind(c.Arg); k != 'f' && !bcKind(c.Arg) && (x.TypeCast.TypeName == nil || len(x.TypeCast.TypeName.ArrayBounds) == 0) {
			return false
		}
	}
	if ref := c.Arg.GetColumnRef(); ref != nil && len(ref.Fields) > 0 && vectorColumns[strName(ref.Fields[len(ref.Fields)-1])] {
		return false // the catalog's int2vector and oidvector columns (vectorText)
	}
	if volatile(c.Arg) {
		return false
	}
	arg := func() *pg.Node { return proto.Clone(c.Arg).(*pg.Node) }
	typ := func() *pg.Node { return funcCall("typeof", arg()) }
	float := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode("=")}, typ(),
		pg.MakeListNode([]*pg.Node{pg.MakeAConstStrNode("DOUBLE", -1), pg.MakeAConstStrNode("FLOAT", -1)}), -1)
	list := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_LIKE, []*pg.Node{pg.MakeStrNode("~~")}, typ(), pg.MakeAConstStrNode("%[]", -1), generated)
	cond := pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, []*pg.Node{float, list}, -1)
	orig := proto.Clone(c).(*pg.TypeCast)
	orig.Location = generated
	n.Node = &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(cond, funcCall(TextFunc, typ(), arg()), -1), bcTextWhen(typ(), arg())}, // dtinput_cast.go
		Defresult: &pg.Node{Node: &pg.Node_TypeCast{TypeCast: orig}},
	}}
	return true
}

// substringRewrite gives substring(s, start[, count]) and substr PostgreSQL's meaning
// for a start below 1 (characters before the string count, substring('hello', -1, 3)
// is 'h'); DuckDB counts a negative start from the end ('o'). A start that is a
// positive literal is left alone.
func substringRewrite(fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || fc.Location == generated || len(fc.Args) < 2 || len(fc.Args) > 3 {
		return false
	}
	switch strName(fc.Funcname[len(fc.Funcname)-1]) {
	case "substring", "substr":
	default:
		return false
	}
	if len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" {
		return false
	}
	start := fc.Args[1]
	if k := start.GetAConst(); k != nil && k.GetIval() == nil {
		return false // substring(s FROM 'pattern')
	}
	checked := len(fc.Args) == 3 && checkLength(fc)
	if positive(start) {
		return checked
	}
	if volatile(start) {
		return false
	}
	one := func() *pg.Node { return pg.MakeAConstIntNode(1, -1) }
	cl := func(x *pg.Node) *pg.Node { return proto.Clone(x).(*pg.Node) }
	args := []*pg.Node{fc.Args[0], &pg.Node{Node: &pg.Node_MinMaxExpr{MinMaxExpr: &pg.MinMaxExpr{Op: pg.MinMaxOp_IS_GREATEST, Args: []*pg.Node{cl(start), one()}, Location: -1}}}}
	if len(fc.Args) == 3 {
		// the characters left of position 1 count against the length
		least := &pg.Node{Node: &pg.Node_MinMaxExpr{MinMaxExpr: &pg.MinMaxExpr{Op: pg.MinMaxOp_IS_LEAST, Args: []*pg.Node{cl(start), one()}, Location: -1}}}
		count := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("-")},
			pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("+")}, fc.Args[2], least, generated), one(), generated)
		args = append(args, &pg.Node{Node: &pg.Node_MinMaxExpr{MinMaxExpr: &pg.MinMaxExpr{Op: pg.MinMaxOp_IS_GREATEST, Args: []*pg.Node{count, pg.MakeAConstIntNode(0, -1)}, Location: -1}}})
	}
	fc.Funcname = []*pg.Node{pg.MakeStrNode("substring")}
	fc.Args = args
	fc.Funcformat = pg.CoercionForm_COERCE_EXPLICIT_CALL
	fc.Location = generated
	return true
}

// checkLength makes a negative count of substring(s, start, count) an error (22011),
// as in PostgreSQL; DuckDB counts it backwards. A count the front end cannot tell is
// an integer (a column, a parameter) is left to DuckDB.
func checkLength(fc *pg.FuncCall) bool {
	if fc.Location < 0 {
		return false // written by the front end (overlay's)
	}
	cnt := fc.Args[2]
	if v, ok := intLiteral(cnt); ok && v >= 0 {
		return false
	}
	if _, ok := intLiteral(cnt); !ok && (pgKind(cnt) != 'i' || volatile(cnt)) {
		return false
	}
	fc.Args[2] = guarded(opExpr("<", clone(cnt), pg.MakeAConstIntNode(0, -1)), "negative substring length not allowed", cnt)
	fc.Location = generated
	return true
}

// positive reports whether n is an integer the front end can tell is at least 1: a
// positive literal, or a sum or product of such.
func positive(n *pg.Node) bool {
	if iv := n.GetAConst().GetIval(); iv != nil {
		return iv.Ival >= 1
	}
	if e := n.GetAExpr(); e != nil && e.Kind == pg.A_Expr_Kind_AEXPR_OP && len(e.Name) == 1 && e.Lexpr != nil {
		switch strName(e.Name[0]) {
		case "+", "*":
			return positive(e.Lexpr) && positive(e.Rexpr)
		}
	}
	return false
}

// textOperand writes x, an operand PostgreSQL converts to text with its output
// function (concat's arguments, the other side of || with a string), as
// CASE WHEN typeof(x) IN (types) THEN sluice_text(typeof(x), x) ELSE x::text END, so
// that doubles (and, for concat, booleans and arrays) read as in PostgreSQL.
func textOperand(x *pg.Node, types []string, lists bool) *pg.Node {
	switch x.Node.(type) {
	case *pg.Node_AConst, *pg.Node_ParamRef:
		return nil
	}
	if volatile(x) {
		return nil
	}
	if tc := x.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.Names) > 0 {
		switch strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]) {
		case "text", "varchar":
			return nil // textCast's
		}
	}
	arg := func() *pg.Node { return proto.Clone(x).(*pg.Node) }
	typ := func() *pg.Node { return funcCall("typeof", arg()) }
	var list []*pg.Node
	for _, t := range types {
		list = append(list, pg.MakeAConstStrNode(t, -1))
	}
	cond := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode("=")}, typ(), pg.MakeListNode(list), -1)
	if lists {
		cond = pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, []*pg.Node{cond,
			pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_LIKE, []*pg.Node{pg.MakeStrNode("~~")}, typ(), pg.MakeAConstStrNode("%[]", -1), generated)}, -1)
	}
	orig := &pg.TypeCast{Arg: arg(), TypeName: exprTypeName("varchar"), Location: generated}
	return &pg.Node{Node: &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(cond, funcCall(TextFunc, typ(), arg()), -1)},
		Defresult: &pg.Node{Node: &pg.Node_TypeCast{TypeCast: orig}},
	}}}
}

// concatRewrite gives concat and concat_ws's arguments PostgreSQL's text forms.
func concatRewrite(fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || fc.Location == generated {
		return false
	}
	switch strName(fc.Funcname[len(fc.Funcname)-1]) {
	case "concat", "concat_ws":
	default:
		return false
	}
	changed := false
	for i, a := range fc.Args {
		if b := a.GetAConst().GetBoolval(); b != nil {
			fc.Args[i], changed = pg.MakeAConstStrNode(map[bool]string{true: "t", false: "f"}[b.Boolval], -1), true
			continue
		}
		if t := textOperand(a, []string{"DOUBLE", "FLOAT", "BOOLEAN"}, true); t != nil {
			fc.Args[i], changed = t, true
		}
	}
	fc.Location = generated
	if changed {
		unqualify(&fc.Funcname) // the rest of rewrite's FuncCall case does not run
	}
	return changed
}

// concatOperand gives the operand of a || b whose other side is a string literal
// PostgreSQL's text form when it is a double (DuckDB writes 2.0 where PostgreSQL
// writes 2).
func concatOperand(e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || strName(e.Name[0]) != "||" || e.Lexpr == nil || e.Location == generated {
		return false
	}
	isText := func(n *pg.Node) bool {
		s := n.GetAConst().GetSval()
		return s != nil && !strings.HasPrefix(s.Sval, "{")
	}
	changed := false
	if isText(e.Lexpr) {
		if t := textOperand(e.Rexpr, []string{"DOUBLE", "FLOAT"}, false); t != nil {
			e.Rexpr, changed = t, true
		}
	}
	if isText(e.Rexpr) {
		if t := textOperand(e.Lexpr, []string{"DOUBLE", "FLOAT"}, false); t != nil {
			e.Lexpr, changed = t, true
		}
	}
	return changed
}
