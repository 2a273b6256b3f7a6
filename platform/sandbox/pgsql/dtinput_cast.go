package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// precisionTemplate rounds $1 (a timestamptz or time) to a multiple of $3 microseconds,
// halves away from zero, as PostgreSQL's timestamptz(p) and time(p) do ($2 is half of
// $3). DuckDB refuses a precision on these types (42601); its timestamp(p) rounds alike.
const precisionTemplate = `($1 - to_microseconds(epoch_us($1) - sign(epoch_us($1)) * (((abs(epoch_us($1)) + $2) // $3) * $3)))`

const precisionName = "sluice precision" // no function has this name

func init() { inlineTemplates[precisionName] = precisionTemplate }

// precisionCast rewrites x::timestamptz(p) and x::time(p) (also TIMESTAMP(p) WITH TIME
// ZONE) as x cast to the type without a precision, rounded to p fractional digits.
func precisionCast(n *pg.Node, tc *pg.TypeCast) bool {
	tn := tc.TypeName
	if tc.Location == generated || tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || len(tn.Typmods) != 1 || tc.Arg == nil {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "timestamptz", "time":
	default:
		return false
	}
	v := tn.Typmods[0].GetAConst().GetIval()
	if v == nil || v.Ival < 0 || v.Ival > 6 {
		return false
	}
	bare := proto.Clone(tc).(*pg.TypeCast)
	bare.TypeName.Typmods = nil
	bare.Location = generated
	cast := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: bare}}
	if v.Ival == 6 {
		n.Node = cast.Node
		return true
	}
	scale := int64(1)
	for i := v.Ival; i < 6; i++ {
		scale *= 10
	}
	e := inlineCall(precisionName, []*pg.Node{cast, pg.MakeAConstIntNode(scale/2, -1), pg.MakeAConstIntNode(scale, -1)})
	if e == nil {
		return false
	}
	n.Node = e.Node
	return true
}

// precisionMark reports whether low (a statement in lower case) may cast to
// timestamptz(p) or time(p), for exprMarks.
func precisionMark(low string) bool {
	return strings.Contains(low, "tz(") || strings.Contains(low, "time(") || strings.Contains(low, "timestamp(")
}
