package pgsql

import (
	"fmt"
	"regexp"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Calls of PostgreSQL functions DuckDB lacks or has with another meaning. Most run as
// Go functions the sandbox registers in DuckDB (platform/sandbox/pgfuncs_*.go): those
// DuckDB has no function of that name for keep their name (initcap, regexp_match…) and need no rewrite; the others are registered with a pg_ prefix and
// the calls below are renamed to them. Set-returning functions become unnest of the
// list a Go function returns; jsonb results are cast to jsonb.

func init() {
	for _, f := range []string{"jsonb_insert", "jsonb_array_elements", "jsonb_strip_nulls", "jsonb_extract_path"} {
		jsonbFuncs[f] = true
	}
	rewriteMarks = append(rewriteMarks, "lpad", "rpad", "encode", "decode", "sha256", "to_hex", "string_to_array",
		"array_to_string", "regexp_", "substring", "json", "?", "&&", "#", "every", "make_interval", "date_bin",
		"isfinite", "row", "setseed", "quote_", "chr", "->>", "unnest", "array", "timestamp", "size")
}

// rowCompare finds a row constructor compared with another: (a, b) = (c, d).
var rowCompare = regexp.MustCompile(`\)\s*(=|<>|!=|<=|>=|<|>)\s*(?i:row)?\s*\(`)

// missingMark reports whether low (a statement in lower case) may hold a row
// comparison, which rewriteMarks cannot find.
func missingMark(low string) bool { return rowCompare.MatchString(low) }

// renamedByArgs are functions renamed to the sandbox's Go functions when called with
// one of the argument counts given (0: any).
var renamedByArgs = map[string]struct {
	to    string
	nargs []int
}{
	"lpad": {"pg_lpad", nil}, "rpad": {"pg_rpad", nil},
	"encode": {"pg_encode", []int{2}}, "decode": {"pg_decode", []int{2}},
	"sha256": {"pg_sha256", nil}, "to_hex": {"pg_to_hex", nil},
	"string_to_array": {"pg_string_to_array", nil}, "array_to_string": {"pg_array_to_string", nil},
	"every": {"bool_and", nil}, "date_bin": {"time_bucket", []int{3}},
	"jsonb_array_length": {"pg_json_array_length", nil}, "json_array_length": {"pg_json_array_length", nil},
	"pg_size_pretty": {"pg_size_pretty_pg", nil},
	// The catalog's quote_ident and quote_literal macros are pg_dump's.
	"quote_ident": {"pg_quote_ident", []int{1}}, "quote_literal": {"pg_quote_literal", []int{1}},
	"quote_nullable":        {"pg_quote_nullable", []int{1}},
	"array_upper":           {"pg_array_upper", []int{2}},
	"chr":                   {"pg_chr", []int{1}},
	"statement_timestamp":   {"now", []int{0}},
	"transaction_timestamp": {"now", []int{0}},
}

// jsonbResults are the functions whose Go counterparts return jsonb's text, which the
// rewrite casts to jsonb (json for the json_ ones).
var jsonbResults = map[string]string{
	"jsonb_set": "pg_jsonb_set", "jsonb_insert": "pg_jsonb_insert",
	"jsonb_strip_nulls": "pg_jsonb_strip_nulls", "json_strip_nulls": "pg_jsonb_strip_nulls",
}

// setReturning are the set-returning functions rewritten as unnest of a list: the Go
// function, and the type its elements are cast to ("" for text).
var setReturning = map[string][2]string{
	"jsonb_array_elements": {"pg_jsonb_elements", "jsonb"}, "jsonb_array_elements_text": {"pg_jsonb_elements_text", ""},
	"json_array_elements": {"pg_json_elements", "json"}, "json_array_elements_text": {"pg_json_elements_text", ""},
	"jsonb_object_keys": {"pg_jsonb_keys", ""}, "json_object_keys": {"pg_json_keys", ""},
	"regexp_matches": {"pg_regexp_matches", ""},
}

// makeIntervalArgs are make_interval's parameters in order.
var makeIntervalArgs = []string{"years", "months", "weeks", "days", "hours", "mins", "secs"}

// missingFunc rewrites a call of one of the functions above.
func (r *rewriter) missingFunc(n *pg.Node, fc *pg.FuncCall) bool {
	if fc.Location < 0 || len(fc.Funcname) == 0 {
		return false // written by the front end itself
	}
	name := strName(fc.Funcname[len(fc.Funcname)-1])
	if len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" {
		return false
	}
	if fc.Funcformat == pg.CoercionForm_COERCE_SQL_SYNTAX {
		// substring(s FROM 'pattern'): a regular expression where the second argument
		// is a string.
		if name == "substring" && len(fc.Args) == 2 && isStringConst(fc.Args[1]) {
			n.Node = funcCall("pg_substring_regex", fc.Args...).Node
			return true
		}
		return false
	}
	for i, a := range fc.Args {
		// ROW(…) as an argument (to_jsonb(ROW(1, 'a'))) is a record with fields
		// f1, f2…; DuckDB's row() has unnamed ones.
		if re := a.GetRowExpr(); re != nil && len(re.Args) > 0 {
			var fields []*pg.Node
			for j, e := range re.Args {
				fields = append(fields, &pg.Node{Node: &pg.Node_NamedArgExpr{NamedArgExpr: &pg.NamedArgExpr{
					Arg: e, Name: fmt.Sprintf("f%d", j+1), Argnumber: -1, Location: -1}}})
			}
			fc.Args[i] = funcCall("struct_pack", fields...)
			r.changed = true
		}
	}
	if name == "substring" && len(fc.Args) == 2 && isStringConst(fc.Args[1]) {
		n.Node = funcCall("pg_substring_regex", fc.Args...).Node
		return true
	}
	if name == "setseed" && len(fc.Args) == 1 {
		// PostgreSQL's setseed returns void, which clients read as an empty string.
		fc.Location = -1
		n.Node = funcCall("concat", &pg.Node{Node: &pg.Node_FuncCall{FuncCall: fc}}).Node
		return true
	}
	if re, ok := renamedByArgs[name]; ok && argCountIn(len(fc.Args), re.nargs) {
		fc.Funcname = []*pg.Node{pg.MakeStrNode(re.to)}
		fc.Location = -1
		return true
	}
	if _, ok := inlineTemplates[name]; ok && len(fc.Args) >= 1 {
		args := fc.Args
		if len(name) > 7 && name[len(name)-5:] == "_size" && name != "pg_database_size" {
			args = args[:1] // pg_relation_size's fork is left out
			if isStringConst(args[0]) {
				// a relation's name: the table's OID (42P01 if none)
				args = []*pg.Node{funcCall("pg_regclass_oid", args[0])}
				r.helpers |= MacroHelpers
			}
		}
		if out := inlineCall(name, args); out != nil {
			n.Node = out.Node
			return true
		}
	}
	if to, ok := jsonbResults[name]; ok && to != "" {
		fc.Funcname, fc.Location = []*pg.Node{pg.MakeStrNode(to)}, -1
		typ := "jsonb"
		if name[:5] == "json_" {
			typ = "json"
		}
		n.Node = castTo(&pg.Node{Node: &pg.Node_FuncCall{FuncCall: fc}}, typ).Node
		return true
	}
	if sr, ok := setReturning[name]; ok && len(fc.Args) >= 1 {
		if name == "regexp_matches" && len(fc.Args) < 2 {
			return false
		}
		fc.Funcname, fc.Location = []*pg.Node{pg.MakeStrNode(sr[0])}, -1
		un := funcCall("unnest", &pg.Node{Node: &pg.Node_FuncCall{FuncCall: fc}})
		if sr[1] != "" {
			un = castTo(un, sr[1])
		}
		n.Node = un.Node
		return true
	}
	switch name {
	case "jsonb_extract_path", "jsonb_extract_path_text", "json_extract_path", "json_extract_path_text":
		if len(fc.Args) < 1 {
			return false
		}
		path := &pg.Node{Node: &pg.Node_AArrayExpr{AArrayExpr: &pg.A_ArrayExpr{Elements: fc.Args[1:], Location: -1}}}
		if len(fc.Args) == 1 {
			path = castToTextArray(path)
		}
		if name[len(name)-5:] == "_text" {
			n.Node = funcCall("pg_jsonb_path_text", fc.Args[0], path).Node
			return true
		}
		typ := "jsonb"
		if name[:5] == "json_" {
			typ = "json"
		}
		n.Node = castTo(funcCall("pg_jsonb_path", fc.Args[0], path), typ).Node
		return true
	case "json_agg", "jsonb_agg":
		if len(fc.AggOrder) > 0 || fc.AggFilter != nil || fc.AggDistinct {
			// DuckDB's json_group_array is a macro, which takes no ORDER BY, FILTER
			// or DISTINCT; list() does, and to_json of it is the same array.
			fc.Funcname, fc.Location = []*pg.Node{pg.MakeStrNode("list")}, -1
			if fc.AggDistinct && len(fc.AggOrder) == 0 && len(fc.Args) == 1 {
				// PostgreSQL's DISTINCT sorts the values
				fc.AggOrder = []*pg.Node{{Node: &pg.Node_SortBy{SortBy: &pg.SortBy{Node: fc.Args[0], Location: -1}}}}
			}
			n.Node = funcCall("to_json", &pg.Node{Node: &pg.Node_FuncCall{FuncCall: fc}}).Node
			return true
		}
	case "json_object_agg", "jsonb_object_agg":
		if len(fc.AggOrder) > 0 && fc.AggFilter == nil && !fc.AggDistinct {
			fc.AggOrder = nil // the object's keys are in jsonb's order whatever the rows' order
			fc.Funcname, fc.Location = []*pg.Node{pg.MakeStrNode("json_group_object")}, -1
			return true
		}
	case "make_interval":
		return makeInterval(fc)
	case "isfinite":
		if len(fc.Args) == 1 && isIntervalCast(fc.Args[0]) {
			n.Node = &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Boolval{Boolval: &pg.Boolean{Boolval: true}}, Location: -1}}
			return true
		}
	}
	return false
}

func argCountIn(n int, counts []int) bool {
	if counts == nil {
		return true
	}
	for _, c := range counts {
		if c == n {
			return true
		}
	}
	return false
}

func isStringConst(n *pg.Node) bool {
	if c := n.GetAConst(); c != nil {
		return c.GetSval() != nil
	}
	if tc := n.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.Names) > 0 && len(tc.TypeName.ArrayBounds) == 0 {
		t := strName(tc.TypeName.Names[len(tc.TypeName.Names)-1])
		return (t == "text" || t == "varchar") && isStringConst(tc.Arg)
	}
	return false
}

func castTo(arg *pg.Node, typ string) *pg.Node {
	return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: arg,
		TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode(typ)}, Typemod: -1}, Location: -1}}}
}

// castToTextArray casts arg to varchar[].
func castToTextArray(arg *pg.Node) *pg.Node {
	c := castTo(arg, "varchar")
	c.GetTypeCast().TypeName.ArrayBounds = []*pg.Node{pg.MakeIntNode(-1)}
	return c
}

// makeInterval writes make_interval's arguments out in full, named ones in their
// places and the missing ones as 0.
func makeInterval(fc *pg.FuncCall) bool {
	args := make([]*pg.Node, len(makeIntervalArgs))
	for i, a := range fc.Args {
		if na := a.GetNamedArgExpr(); na != nil {
			for j, p := range makeIntervalArgs {
				if p == na.Name {
					args[j] = na.Arg
				}
			}
			continue
		}
		if i < len(args) {
			args[i] = a
		}
	}
	for i := range args {
		if args[i] == nil {
			args[i] = pg.MakeAConstIntNode(0, -1)
		}
	}
	fc.Args, fc.Location = args, -1
	return true
}

// missingRewrite is rewrite's hook for the rewrites of this file and missing_*.go.
func (r *rewriter) missingRewrite(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_FuncCall:
		return r.missingFunc(n, x.FuncCall)
	case *pg.Node_AExpr:
		return missingOperator(n, x.AExpr)
	case *pg.Node_RangeFunction:
		return missingRangeFunc(n, x.RangeFunction)
	case *pg.Node_ResTarget:
		return missingTarget(x.ResTarget)
	}
	return false
}
