package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// jsonbOps are the jsonb and array operators DuckDB lacks, as calls of the sandbox's Go
// functions: the function, whether the operands swap, and the type the result is cast
// to ("" for none).
var jsonbOps = map[string]struct {
	fn   string
	swap bool
	cast string
}{
	"?": {"pg_jsonb_exists", false, ""}, "?|": {"pg_jsonb_exists_any", false, ""}, "?&": {"pg_jsonb_exists_all", false, ""},
	"@>": {"pg_contains", false, ""}, "<@": {"pg_contains", true, ""}, "&&": {"pg_overlap", false, ""},
	"#>": {"pg_jsonb_path", false, "jsonb"}, "#>>": {"pg_jsonb_path_text", false, ""},
	"#-": {"pg_jsonb_delete_path", false, "jsonb"},
}

// missingOperator rewrites the operators of jsonbOps, jsonb's - and ||, and row
// comparisons.
func missingOperator(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) == 0 || e.Lexpr == nil || e.Rexpr == nil || e.Location == generated {
		return false
	}
	op := strName(e.Name[len(e.Name)-1])
	if len(e.Name) == 2 && strName(e.Name[0]) != "pg_catalog" {
		return false
	}
	if o, ok := jsonbOps[op]; ok {
		if (op == "@>" || op == "<@" || op == "&&") && (isParam(e.Lexpr) && !jsonish(e.Rexpr) || isParam(e.Rexpr) && !jsonish(e.Lexpr)) {
			return false // DuckDB's list operators type a parameter as the other side's list
		}
		if op != "?" && isParam(e.Rexpr) {
			// a path or a list of keys: PostgreSQL types the parameter text[]
			e.Rexpr = castToTextArray(e.Rexpr)
		}
		l, r := e.Lexpr, e.Rexpr
		if op == "@>" || op == "<@" {
			l, r = jsonbText(l), jsonbText(r) // jsonb_rewrite.go
		}
		if o.swap {
			l, r = r, l
		}
		call := funcCall(o.fn, l, r)
		if o.cast != "" {
			call = castTo(call, jsonType(e.Lexpr, o.cast))
		}
		n.Node = call.Node
		return true
	}
	switch op {
	case "->>":
		// An object or array as jsonb writes it ({"a": 1}); DuckDB's ->> gives its
		// compact text. Scalars stay DuckDB's (no Go call per row).
		get := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("->")}, e.Lexpr, e.Rexpr, generated)
		nested := &pg.Node{Node: &pg.Node_AExpr{AExpr: &pg.A_Expr{Kind: pg.A_Expr_Kind_AEXPR_IN, Name: []*pg.Node{pg.MakeStrNode("=")},
			Lexpr: funcCall("json_type", get), Rexpr: &pg.Node{Node: &pg.Node_List{List: &pg.List{Items: []*pg.Node{
				pg.MakeAConstStrNode("OBJECT", -1), pg.MakeAConstStrNode("ARRAY", -1)}}}}, Location: -1}}}
		c := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(nested, funcCall("pg_jsonb_out", proto.Clone(get).(*pg.Node)), -1)}, -1)
		c.GetCaseExpr().Defresult = pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("->>")}, e.Lexpr, e.Rexpr, generated)
		n.Node = c.Node
		return true
	case "-":
		if jsonish(e.Lexpr) || textArrayExpr(e.Rexpr) {
			n.Node = castTo(funcCall("pg_jsonb_delete", e.Lexpr, e.Rexpr), "jsonb").Node
			return true
		}
	case "||":
		if jsonish(e.Lexpr) || jsonish(e.Rexpr) {
			n.Node = castTo(funcCall("pg_jsonb_concat", e.Lexpr, e.Rexpr), "jsonb").Node
			return true
		}
	case "=", "<>", "!=", "<", "<=", ">", ">=":
		return rowComparison(n, op, e)
	}
	return false
}

func isParam(n *pg.Node) bool { return n.GetParamRef() != nil }

// jsonType is json when the operand is written as json, else jsonb.
func jsonType(operand *pg.Node, def string) string {
	if tc := operand.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.Names) > 0 &&
		strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]) == "json" {
		return "json"
	}
	return def
}

// jsonish reports whether n is written as a json or jsonb value: a cast to one, a
// jsonb function's call or a jsonb operator's result.
func jsonish(n *pg.Node) bool {
	if n == nil {
		return false // the operand of a prefix operator (-x)
	}
	switch x := n.Node.(type) {
	case *pg.Node_TypeCast:
		if tn := x.TypeCast.TypeName; tn != nil && len(tn.Names) > 0 && len(tn.ArrayBounds) == 0 {
			t := strName(tn.Names[len(tn.Names)-1])
			return t == "json" || t == "jsonb"
		}
	case *pg.Node_FuncCall:
		if len(x.FuncCall.Funcname) > 0 {
			name := strName(x.FuncCall.Funcname[len(x.FuncCall.Funcname)-1])
			return jsonbFuncs[name] || len(name) > 6 && name[:6] == "jsonb_" || name == "to_json" || name == "pg_jsonb_delete" || name == "pg_jsonb_concat"
		}
	case *pg.Node_AExpr:
		if len(x.AExpr.Name) > 0 {
			switch strName(x.AExpr.Name[len(x.AExpr.Name)-1]) {
			case "->", "#>":
				return true
			case "-", "||":
				return jsonish(x.AExpr.Lexpr)
			}
		}
	}
	return false
}

// textArrayExpr reports whether n is written as a text array: ARRAY['a', …] or a
// cast to text[].
func textArrayExpr(n *pg.Node) bool {
	if a := n.GetAArrayExpr(); a != nil {
		return len(a.Elements) > 0 && isStringConst(a.Elements[0])
	}
	if tc := n.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.ArrayBounds) > 0 && len(tc.TypeName.Names) > 0 {
		t := strName(tc.TypeName.Names[len(tc.TypeName.Names)-1])
		return t == "text" || t == "varchar"
	}
	return false
}

// rowComparison writes (a, b) op (c, d) element by element, with PostgreSQL's NULL
// semantics: = is a = c AND b = d, <> its negation, < compares the first elements
// that differ.
func rowComparison(n *pg.Node, op string, e *pg.A_Expr) bool {
	l, r := rowItems(e.Lexpr), rowItems(e.Rexpr)
	if l == nil || r == nil || len(l) != len(r) {
		return false
	}
	cmp := func(op string, a, b *pg.Node) *pg.Node {
		return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(op)}, a, b, -1)
	}
	and := func(a, b *pg.Node) *pg.Node {
		return pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, []*pg.Node{a, b}, -1)
	}
	or := func(a, b *pg.Node) *pg.Node {
		return pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, []*pg.Node{a, b}, -1)
	}
	var out *pg.Node
	switch op {
	case "=", "<>", "!=":
		for i := len(l) - 1; i >= 0; i-- {
			c := cmp("=", l[i], r[i])
			if out == nil {
				out = c
			} else {
				out = and(c, out)
			}
		}
		if op != "=" {
			out = not(out)
		}
	default:
		strict := op[:1] // < or >
		for i := len(l) - 1; i >= 0; i-- {
			if out == nil {
				out = cmp(op, l[i], r[i])
				continue
			}
			out = or(cmp(strict, l[i], r[i]), and(cmp("=", l[i], r[i]), out))
		}
	}
	n.Node = out.Node
	return true
}

// rowItems returns the elements of a row constructor of two or more, or nil.
func rowItems(n *pg.Node) []*pg.Node {
	if re := n.GetRowExpr(); re != nil && len(re.Args) >= 2 {
		return re.Args
	}
	return nil
}

// missingTarget rewrites a select list's ROW(…) (a record) into its text form.
func missingTarget(rt *pg.ResTarget) bool {
	re := rt.GetVal().GetRowExpr()
	if re == nil || len(re.Args) == 0 {
		return false
	}
	rt.Val = funcCall("pg_record_text", re.Args...)
	return true
}

// operatorOID is jsonb's OID for an operator whose result is jsonb (#>, #-, and - or ||
// of a jsonb operand), else 0; a column hint (coltypes.go).
func operatorOID(e *pg.A_Expr) uint32 {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) == 0 || e.Lexpr == nil || e.Rexpr == nil {
		return 0
	}
	switch op := strName(e.Name[len(e.Name)-1]); {
	case op == "#>" || op == "#-":
		if jsonType(e.Lexpr, "jsonb") == "jsonb" {
			return JSONBOID
		}
	case op == "->" && jsonish(e.Lexpr) && jsonType(e.Lexpr, "jsonb") == "jsonb":
		return JSONBOID
	case op == "-" && (jsonish(e.Lexpr) || textArrayExpr(e.Rexpr)), op == "||" && (jsonish(e.Lexpr) || jsonish(e.Rexpr)):
		return JSONBOID
	}
	return 0
}
