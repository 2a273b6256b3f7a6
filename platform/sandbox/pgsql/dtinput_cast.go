package pgsql

import (
	"fmt"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// precisionTemplate rounds $1 (a timestamptz or time) to a multiple of $3 microseconds,
// halves away from zero, as PostgreSQL's timestamptz(p) and time(p) do ($2 is half of
// $3). DuckDB refuses a precision on these types (42601); its timestamp(p) rounds alike.
const precisionTemplate = `($1 - to_microseconds(epoch_us($1) - sign(epoch_us($1)) * (((abs(epoch_us($1)) + $2) // $3) * $3)))`

const precisionName = "sluice precision" // no function has this name

// timePrecisionTemplate is precisionTemplate for a time, which rounds up to 24:00:00
// past the day's last instant as PostgreSQL's time(p) does (DuckDB's time arithmetic
// wraps to 00:00:00).
const timePrecisionTemplate = `CASE WHEN epoch_us($1) + $2 >= 86400000000 THEN TIME '24:00:00' ELSE ` + precisionTemplate + ` END`

const timePrecisionName = "sluice time precision"

func init() {
	inlineTemplates[precisionName] = precisionTemplate
	inlineTemplates[timePrecisionName] = timePrecisionTemplate
}

// precisionCast rewrites x::timestamptz(p) and x::time(p) (also TIMESTAMP(p) WITH TIME
// ZONE) as x cast to the type without a precision, rounded to p fractional digits.
func precisionCast(n *pg.Node, tc *pg.TypeCast) bool {
	tn := tc.TypeName
	if tc.Location == generated || tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || len(tn.Typmods) == 0 || tc.Arg == nil {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "timestamptz", "time":
	case "interval":
		return intervalFieldCast(tc)
	default:
		return false
	}
	v := tn.Typmods[0].GetAConst().GetIval()
	if len(tn.Typmods) != 1 || v == nil || v.Ival < 0 || v.Ival > 6 {
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
	name := precisionName
	if strName(tn.Names[len(tn.Names)-1]) == "time" {
		name = timePrecisionName
	}
	e := inlineCall(name, []*pg.Node{cast, pg.MakeAConstIntNode(scale/2, -1), pg.MakeAConstIntNode(scale, -1)})
	if e == nil {
		return false
	}
	n.Node = e.Node
	return true
}

// intervalFields are PostgreSQL's interval field bits (the typmod of INTERVAL '1' DAY),
// finest first.
var intervalFields = []struct {
	bit  int32
	unit string
}{{1 << 12, "seconds"}, {1 << 11, "minutes"}, {1 << 10, "hours"}, {1 << 3, "days"}, {1 << 1, "months"}, {1 << 2, "years"}}

// intervalFieldCast gives a plain number qualified by fields (INTERVAL '1' DAY,
// INTERVAL '90' MINUTE, '5'::interval year to month) the unit of the finest field, as
// PostgreSQL does; DuckDB reads it as seconds.
func intervalFieldCast(tc *pg.TypeCast) bool {
	s := tc.Arg.GetAConst().GetSval()
	mask := tc.TypeName.Typmods[0].GetAConst().GetIval()
	if s == nil || mask == nil {
		return false
	}
	if _, err := strconv.ParseFloat(strings.TrimSpace(s.Sval), 64); err != nil {
		return false
	}
	for _, f := range intervalFields {
		if mask.Ival&f.bit == 0 {
			continue
		}
		iv, ok := wordInterval(strings.TrimSpace(s.Sval) + " " + f.unit)
		if !ok {
			return false
		}
		switch f.unit { // fields finer than the qualifier's are dropped, as PostgreSQL does
		case "minutes":
			iv.micros = iv.micros / 60e6 * 60e6
		case "hours":
			iv.micros = iv.micros / 3600e6 * 3600e6
		case "days":
			iv.micros = 0
		case "months":
			iv.days, iv.micros = 0, 0
		case "years":
			iv.months, iv.days, iv.micros = iv.months/12*12, 0, 0
		}
		s.Sval = fmt.Sprintf("%d months %d days %d microseconds", iv.months, iv.days, iv.micros)
		tc.TypeName.Typmods = nil
		return true
	}
	return false
}

// precisionMark reports whether low (a statement in lower case) may cast to
// timestamptz(p) or time(p), for exprMarks.
func precisionMark(low string) bool {
	return strings.Contains(low, "tz(") || strings.Contains(low, "time(") || strings.Contains(low, "timestamp(") || qualifiedInterval(low)
}

// qualifiedInterval reports whether low holds interval '…' followed by a field word.
func qualifiedInterval(low string) bool {
	for rest := low; ; {
		i := strings.Index(rest, "interval '")
		if i < 0 {
			return false
		}
		rest = rest[i+len("interval '"):]
		j := strings.IndexByte(rest, '\'')
		if j < 0 {
			return false
		}
		rest = rest[j+1:]
		w := strings.TrimLeft(rest, " \t\n\r")
		for _, f := range []string{"year", "month", "day", "hour", "minute", "second"} {
			if strings.HasPrefix(w, f) {
				return true
			}
		}
	}
}

// bcTextTemplate writes a BC date, timestamp or timestamptz $1 as PostgreSQL's text
// does ("0044-03-15 BC", "0044-03-15 10:00:00+00 BC"); DuckDB writes "0044-03-15 (BC)"
// and "0044-03-15 (BC) 10:00:00+00".
const bcTextTemplate = `CASE WHEN contains(CAST($1 AS varchar), ' (BC)') THEN printf('%s BC', replace(CAST($1 AS varchar), ' (BC)', '')) ELSE CAST($1 AS varchar) END`

const bcTextName = "sluice bc text" // no function has this name

func init() { inlineTemplates[bcTextName] = bcTextTemplate }

// bcTextWhen is textCast's branch for dates and timestamps (with and without zone) (typ is typeof(x), arg x).
func bcTextWhen(typ, arg *pg.Node) *pg.Node {
	e := inlineCall(bcTextName, []*pg.Node{arg})
	if e == nil {
		return nil
	}
	markCasts(e.ProtoReflect())
	cond := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode("=")}, typ,
		pg.MakeListNode([]*pg.Node{pg.MakeAConstStrNode("DATE", -1), pg.MakeAConstStrNode("TIMESTAMP", -1),
			pg.MakeAConstStrNode("TIMESTAMP WITH TIME ZONE", -1)}), -1)
	return pg.MakeCaseWhenNode(cond, e, -1)
}

// markCasts marks the casts under m as the front end's own, so that textCast leaves
// them alone.
func markCasts(m protoreflect.Message) {
	if tc, ok := m.Interface().(*pg.TypeCast); ok && tc.Location != generated {
		tc.Location = generated
	}
	eachChild(m, markCasts)
}

// bcKind reports whether n is a cast to date, timestamp or timestamptz, whose text textCast writes.
func bcKind(n *pg.Node) bool {
	tn := n.GetTypeCast().GetTypeName()
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "date", "timestamp", "timestamptz":
		return true
	}
	return false
}
