package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// timestamptz − timestamptz: PostgreSQL subtracts the instants and writes the
// microseconds as days of 24 hours and a time (justify_hours); DuckDB subtracts
// calendar days in the session's time zone, so across a change of daylight saving time
// '2024-03-10 12:00-04' − '2024-03-09 12:00-05' is '1 day' there and '23:00:00' in
// PostgreSQL. Where an operand may be a timestamptz, a − b becomes sluice_tz_minus(a,
// b), overloaded so that every other pair of types subtracts as before, but for
// date − date, which is an integer as in PostgreSQL (DuckDB: bigint).

var tzMinusMacro = "CREATE OR REPLACE TEMP MACRO sluice_tz_minus(a TIMESTAMPTZ, b TIMESTAMPTZ) AS " +
	"to_days(CAST((epoch_us(a) - epoch_us(b)) // 86400000000 AS INTEGER)) + to_microseconds((epoch_us(a) - epoch_us(b)) % 86400000000), " +
	"(a DATE, b DATE) AS CAST(a - b AS INTEGER), (a TIMESTAMP, b TIMESTAMP) AS a - b, (a, b) AS a - b"

var tzCols = map[string]bool{} // guarded by ivColsMu

// DateTimeMacros are the macros of interval*.go and dtinput_funcs.go (part of
// MacroHelpers), which a session creates on its connection at once: views the front end
// rewrote call them.
func DateTimeMacros() []string {
	return append(append(append([]string{}, intervalMacros...), tzMinusMacro), dateFuncMacros...)
}

// NoteTimestamptzColumns adds names to the column names known to hold timestamptz
// values (see NoteIntervalColumns).
func NoteTimestamptzColumns(names []string) {
	ivColsMu.Lock()
	defer ivColsMu.Unlock()
	for _, n := range names {
		tzCols[strings.ToLower(n)] = true
	}
}

func tzColumn(name string) bool {
	ivColsMu.RLock()
	defer ivColsMu.RUnlock()
	return tzCols[strings.ToLower(name)]
}

// tzMark reports whether low may subtract timestamptz values.
func tzMark(low string) bool {
	if !strings.Contains(low, "-") {
		return false
	}
	for _, m := range []string{"timestamptz", "time zone", "now()", "current_timestamp", "to_timestamp", "_timestamp(", "date '", "::date", "current_date"} {
		if strings.Contains(low, m) {
			return true
		}
	}
	ivColsMu.RLock()
	defer ivColsMu.RUnlock()
	for n := range tzCols {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// maybeTz reports whether n may be a timestamptz.
func (w *ivWalker) maybeTz(n *pg.Node) bool {
	if n == nil {
		return false
	}
	switch x := n.Node.(type) {
	case *pg.Node_TypeCast:
		tn := x.TypeCast.TypeName
		return tn != nil && len(tn.Names) > 0 && len(tn.ArrayBounds) == 0 && strName(tn.Names[len(tn.Names)-1]) == "timestamptz"
	case *pg.Node_SqlvalueFunction:
		op := x.SqlvalueFunction.Op
		return op == pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP || op == pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N
	case *pg.Node_ColumnRef:
		f := x.ColumnRef.Fields
		if len(f) == 0 || f[len(f)-1].GetString_() == nil {
			return false
		}
		name := strName(f[len(f)-1])
		return tzColumn(name) || len(f) == 1 && w.tzAliases[strings.ToLower(name)]
	case *pg.Node_FuncCall:
		args := x.FuncCall.Args
		switch fnName(x.FuncCall) {
		case "now", "transaction_timestamp", "statement_timestamp", "clock_timestamp", "make_timestamptz":
			return true
		case "to_timestamp":
			return len(args) == 1
		case "date_trunc", "date_bin":
			return len(args) >= 2 && w.maybeTz(args[1])
		case "min", "max", "any_value", "first", "last", "lag", "lead", "first_value", "last_value", "nullif":
			return len(args) > 0 && w.maybeTz(args[0])
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 {
			return false
		}
		switch strName(e.Name[0]) {
		case "+":
			return w.maybeTz(e.Lexpr) || w.maybeTz(e.Rexpr)
		case "-":
			return w.maybeTz(e.Lexpr) && !w.maybeTz(e.Rexpr)
		}
	case *pg.Node_CoalesceExpr:
		for _, a := range x.CoalesceExpr.Args {
			if w.maybeTz(a) {
				return true
			}
		}
	case *pg.Node_MinMaxExpr:
		for _, a := range x.MinMaxExpr.Args {
			if w.maybeTz(a) {
				return true
			}
		}
	}
	return false
}

func (w *ivWalker) collectTzAliases(m protoreflect.Message) {
	if rt, ok := m.Interface().(*pg.ResTarget); ok && rt.Name != "" && rt.Val != nil && w.maybeTz(rt.Val) {
		w.tzAliases[strings.ToLower(rt.Name)] = true
	}
	eachChild(m, w.collectTzAliases)
}

// tzMinus rewrites n, a − b where a or b may be a timestamptz.
func (w *ivWalker) tzMinus(n *pg.Node) {
	e := n.GetAExpr()
	if e == nil || e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || strName(e.Name[0]) != "-" || e.Lexpr == nil || e.Rexpr == nil ||
		e.Location == generated {
		return
	}
	for _, side := range []*pg.Node{e.Lexpr, e.Rexpr} {
		if side.GetAConst() != nil || side.GetParamRef() != nil || w.maybe(side) || ivHasAggregate(side.ProtoReflect()) {
			// A literal or parameter keeps DuckDB's typing; an interval is subtracted as
			// before; DuckDB picks a macro's overload before it knows an aggregate's type.
			return
		}
	}
	if !w.maybeTz(e.Lexpr) && !w.maybeTz(e.Rexpr) && dateTimeKind(e.Lexpr) != "date" && dateTimeKind(e.Rexpr) != "date" {
		return
	}
	n.Node = funcCall("sluice_tz_minus", e.Lexpr, e.Rexpr).Node
	w.changed = true
}

// ivHasAggregate reports whether m holds an aggregate or window function call.
func ivHasAggregate(m protoreflect.Message) bool {
	if fc, ok := m.Interface().(*pg.FuncCall); ok && (fc.Over != nil || ivAggregates[fnName(fc)]) {
		return true
	}
	found := false
	eachChild(m, func(c protoreflect.Message) {
		if !found && ivHasAggregate(c) {
			found = true
		}
	})
	return found
}
