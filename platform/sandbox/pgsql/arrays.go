package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// anyLiteral rewrites x op ANY('{…}') and x op ALL('{…}') with an array's text as an
// untyped literal (as clients that interpolate parameters send an array: pgx's simple
// protocol, psycopg2), which PostgreSQL reads as an array of x's type and DuckDB cannot
// read at all. = ANY becomes x IN ('a', 'b'), <> ALL x NOT IN ('a', 'b'), and other
// operators a chain of OR (ANY) or AND (ALL) comparisons: DuckDB casts each string
// literal to x's type, and the three-valued logic is ANY's and ALL's, NULL elements
// included. An empty array makes ANY false and ALL true, whatever x is, as in PostgreSQL.
func anyLiteral(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP_ANY && e.Kind != pg.A_Expr_Kind_AEXPR_OP_ALL || len(e.Name) != 1 || e.Lexpr == nil {
		return false
	}
	k := e.Rexpr.GetAConst()
	if k == nil || k.GetSval() == nil {
		return false
	}
	elems, ok := ParseArrayText(k.GetSval().Sval)
	if !ok {
		return false
	}
	any := e.Kind == pg.A_Expr_Kind_AEXPR_OP_ANY
	if len(elems) == 0 {
		n.Node = boolConst(!any).Node
		return true
	}
	items := make([]*pg.Node, len(elems))
	for i, el := range elems {
		if el == nil {
			items[i] = &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Isnull: true, Location: -1}}}
		} else {
			items[i] = pg.MakeAConstStrNode(*el, -1)
		}
	}
	op := strName(e.Name[0])
	switch {
	case any && op == "=", !any && (op == "<>" || op == "!="):
		n.Node = pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode(op)}, e.Lexpr, pg.MakeListNode(items), -1).Node
		return true
	}
	args := make([]*pg.Node, len(items))
	for i, it := range items {
		args[i] = pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, e.Name, e.Lexpr, it, -1)
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

func boolConst(v bool) *pg.Node {
	return &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Boolval{Boolval: &pg.Boolean{Boolval: v}}, Location: -1}}}
}

// ParseArrayText reads PostgreSQL's text of a one-dimensional array ({a,"b c",NULL}):
// elements in order, nil for NULL. It reports false for anything else (nested arrays,
// explicit bounds, malformed text).
func ParseArrayText(s string) ([]*string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, false
	}
	body := s[1 : len(s)-1]
	if strings.TrimSpace(body) == "" {
		return []*string{}, true
	}
	var out []*string
	i := 0
	for {
		for i < len(body) && isArraySpace(body[i]) {
			i++
		}
		var b strings.Builder
		quoted, raw := false, false
		if i < len(body) && body[i] == '"' {
			quoted = true
			i++
			for i < len(body) && body[i] != '"' {
				if body[i] == '\\' && i+1 < len(body) {
					i++
				}
				b.WriteByte(body[i])
				i++
			}
			if i >= len(body) {
				return nil, false
			}
			i++ // the closing quote
			for i < len(body) && isArraySpace(body[i]) {
				i++
			}
		} else {
			kept := 0 // the length up to the last character that is not unescaped space
			for i < len(body) && body[i] != ',' {
				c := body[i]
				switch {
				case c == '{' || c == '}' || c == '"':
					return nil, false
				case c == '\\':
					if i+1 >= len(body) {
						return nil, false
					}
					i++
					b.WriteByte(body[i])
					kept, raw = b.Len(), true
				default:
					b.WriteByte(c)
					if !isArraySpace(c) {
						kept = b.Len()
					}
				}
				i++
			}
			v := b.String()[:kept]
			if v == "" && !raw {
				return nil, false
			}
			b.Reset()
			b.WriteString(v)
		}
		v := b.String()
		if !quoted && !raw && strings.EqualFold(v, "null") {
			out = append(out, nil)
		} else {
			out = append(out, &v)
		}
		if i >= len(body) {
			return out, true
		}
		if body[i] != ',' {
			return nil, false
		}
		i++
	}
}

func isArraySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// ListParamProbe rewrites each x op ANY($n) and x op ALL($n) of sql as
// list_contains($n, x), from which DuckDB infers the list type of $n (for ANY($n) it
// infers none), and returns the probe with the numbers of those parameters; "" when
// sql has none.
func ListParamProbe(sql string) (string, []int) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return "", nil
	}
	var nums []int
	walk(res.Stmts[0].Stmt, func(n *pg.Node) {
		e := n.GetAExpr()
		if e == nil || e.Kind != pg.A_Expr_Kind_AEXPR_OP_ANY && e.Kind != pg.A_Expr_Kind_AEXPR_OP_ALL || e.Lexpr == nil {
			return
		}
		if p := e.Rexpr.GetParamRef(); p != nil {
			nums = append(nums, int(p.Number))
			n.Node = funcCall("list_contains", e.Rexpr, e.Lexpr).Node
		}
	})
	if len(nums) == 0 {
		return "", nil
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return "", nil
	}
	return out, nums
}

// walk calls fn on every node of the tree below n (n included), parents first, and
// then walks what fn left in its place.
func walk(n *pg.Node, fn func(*pg.Node)) {
	var visit func(m protoreflect.Message)
	visit = func(m protoreflect.Message) {
		if n, ok := m.Interface().(*pg.Node); ok {
			fn(n)
		}
		eachChild(m, visit)
	}
	visit(n.ProtoReflect())
}
