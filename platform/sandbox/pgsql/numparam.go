package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// PostgreSQL types a parameter that is an operand of an operator by the other operand:
// in n + $1, $1 * 2.5 or n > $1 it has the type of n, of 2.5 (numeric) or of the
// expression across. DuckDB leaves a parameter in arithmetic untyped, and the sandbox
// would announce it as text, so that a driver typing by the announced type (pgx) will
// not send a float64 for it. ParamOperandTypes works out PostgreSQL's types for such
// parameters; the sandbox announces (and checks) those that are numeric.

// ParamTable is a table a statement reads or writes, with the alias it has there.
type ParamTable struct{ Schema, Table, Alias string }

// The type OIDs ParamOperandTypes gives, besides the column types colType returns.
const (
	operandInt4   = 23
	operandInt8   = 20
	operandInt2   = 21
	operandFloat4 = 700
	operandFloat8 = 701
	// NumericOID is numeric's.
	NumericOID = 1700
)

// ParamOperands are what ParamOperandTypes finds.
type ParamOperands struct {
	// Types are the types PostgreSQL gives parameters that are a bare operand of an
	// arithmetic or comparison operator, where the other operand tells it.
	Types map[int]uint32
	// Compared are the parameters only compared with something (=, <, BETWEEN,
	// IN…): every use of them is a comparison's operand.
	Compared map[int]bool
}

// ParamOperandTypes returns, for the parameters ($n) of sql that are a bare operand
// of an arithmetic or comparison operator, the type PostgreSQL gives them: that of
// the other operand where a literal, a cast or a column tells it (colType returns a
// column's type OID, 0 when unknown, given the tables of the statement); and which
// parameters are compared. A parameter whose type cannot be told is left out.
func ParamOperandTypes(sql string, colType func(tables []ParamTable, qualifier, column string) uint32) ParamOperands {
	var out ParamOperands
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return out
	}
	stmt := res.Stmts[0].Stmt
	var tables []ParamTable
	var visit func(m protoreflect.Message)
	visit = func(m protoreflect.Message) {
		if rv, ok := m.Interface().(*pg.RangeVar); ok {
			schema := rv.Schemaname
			if schema == "public" {
				schema = "main"
			}
			alias := rv.Relname
			if rv.Alias != nil && rv.Alias.Aliasname != "" {
				alias = rv.Alias.Aliasname
			}
			tables = append(tables, ParamTable{Schema: schema, Table: rv.Relname, Alias: alias})
		}
		eachChild(m, visit) // also UPDATE's and INSERT's relation, which are no Nodes
	}
	visit(stmt.ProtoReflect())
	t := operandTyper{colType: func(q, c string) uint32 { return colType(tables, q, c) }}
	uses, comparisons := map[int]int{}, map[int]int{}
	compared := func(n *pg.Node) {
		if p := n.GetParamRef(); p != nil {
			comparisons[int(p.Number)]++
		}
	}
	walk(stmt, func(n *pg.Node) {
		if p := n.GetParamRef(); p != nil {
			uses[int(p.Number)]++
		}
		e := n.GetAExpr()
		if e == nil || len(e.Name) != 1 || e.Lexpr == nil || e.Rexpr == nil {
			return
		}
		op := strName(e.Name[0])
		switch e.Kind {
		case pg.A_Expr_Kind_AEXPR_OP:
		case pg.A_Expr_Kind_AEXPR_IN, pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
			compared(e.Lexpr)
			for _, item := range e.Rexpr.GetList().GetItems() {
				compared(item)
			}
			return
		default:
			return
		}
		if !operandOps[op] {
			return
		}
		for _, side := range [2][2]*pg.Node{{e.Lexpr, e.Rexpr}, {e.Rexpr, e.Lexpr}} {
			p := side[0].GetParamRef()
			if p == nil {
				continue
			}
			if comparisonOps[op] {
				compared(side[0])
			}
			if oid := t.typeOf(side[1]); oid != 0 {
				if out.Types == nil {
					out.Types = map[int]uint32{}
				}
				if _, seen := out.Types[int(p.Number)]; !seen {
					out.Types[int(p.Number)] = oid
				}
			}
		}
	})
	for n, c := range comparisons {
		if c == uses[n] {
			if out.Compared == nil {
				out.Compared = map[int]bool{}
			}
			out.Compared[n] = true
		}
	}
	return out
}

// comparisonOps are the comparison operators among operandOps.
var comparisonOps = map[string]bool{"=": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true}

// operandOps are the operators whose unknown operand PostgreSQL types as the other.
var operandOps = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true,
	"=": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true}

type operandTyper struct {
	colType func(qualifier, column string) uint32
}

// typeOf is the PostgreSQL type of an expression where the front end can tell it
// (numbers, casts to number types, columns, arithmetic of those); 0 otherwise.
func (t operandTyper) typeOf(n *pg.Node) uint32 {
	switch {
	case n.GetAConst() != nil:
		c := n.GetAConst()
		switch {
		case c.GetIval() != nil:
			return operandInt4
		case c.GetFval() != nil:
			return NumericOID // also an integer beyond bigint, as PostgreSQL reads it
		}
	case n.GetTypeCast() != nil:
		return numberType(n.GetTypeCast().TypeName)
	case n.GetColumnRef() != nil:
		f := n.GetColumnRef().Fields
		switch len(f) {
		case 1:
			return t.colType("", strName(f[0]))
		case 2:
			return t.colType(strName(f[0]), strName(f[1]))
		}
	case n.GetAExpr() != nil:
		e := n.GetAExpr()
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 {
			return 0
		}
		switch strName(e.Name[0]) {
		case "+", "-", "*", "/", "%":
		default:
			return 0
		}
		var l, r uint32
		if e.Lexpr != nil {
			l = t.typeOf(e.Lexpr)
		}
		if e.Rexpr != nil {
			r = t.typeOf(e.Rexpr)
		}
		return promote(l, r)
	}
	return 0
}

// promote is the type of arithmetic on a and b (0: unknown, as a parameter, which
// takes the other's type).
func promote(a, b uint32) uint32 {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	case a == operandFloat8 || b == operandFloat8 || a == operandFloat4 || b == operandFloat4:
		if a == operandFloat4 && b == operandFloat4 {
			return operandFloat4
		}
		return operandFloat8
	case a == NumericOID || b == NumericOID:
		return NumericOID
	case a == operandInt8 || b == operandInt8:
		return operandInt8
	}
	return operandInt4
}

// numberType is the OID of a number type name, 0 for other types.
func numberType(tn *pg.TypeName) uint32 {
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 {
		return 0
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "numeric", "decimal":
		return NumericOID
	case "int4", "int", "integer":
		return operandInt4
	case "int8", "bigint":
		return operandInt8
	case "int2", "smallint":
		return operandInt2
	case "float8", "double precision":
		return operandFloat8
	case "float4", "real":
		return operandFloat4
	}
	return 0
}
