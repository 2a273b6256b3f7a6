package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// group makes GROUP BY items that may be intervals group by their keys. The grouped
// expression is then no longer a GROUP BY item for DuckDB, so where the target list,
// HAVING and ORDER BY use it outside an aggregate it becomes any_value(expression):
// one of the group's values, as PostgreSQL returns one of them.
func (w *ivWalker) group(s *pg.SelectStmt) {
	for _, g := range s.GroupClause {
		if g.GetGroupingSet() != nil {
			return
		}
	}
	var exprs []*pg.Node
	for i, g := range s.GroupClause {
		if isIvKey(g) {
			continue
		}
		t := w.target(g, s.TargetList)
		if t == nil || !w.maybe(t) {
			continue
		}
		exprs = append(exprs, stripLocations(t))
		s.GroupClause[i] = w.key(t)
	}
	if len(exprs) == 0 {
		return
	}
	r := &grouped{exprs: exprs}
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Val == nil {
			continue
		}
		name := ""
		if f := rt.Val.GetColumnRef().GetFields(); len(f) > 0 && f[len(f)-1].GetString_() != nil {
			name = strName(f[len(f)-1])
		}
		r.replace(rt.Val.ProtoReflect())
		if rt.Name == "" && name != "" && rt.Val.GetColumnRef() == nil {
			rt.Name = strings.ToLower(name) // the output column keeps the column's name
		}
	}
	if s.HavingClause != nil {
		r.replace(s.HavingClause.ProtoReflect())
	}
	for _, it := range s.SortClause {
		sb := it.GetSortBy()
		if sb == nil || sb.Node == nil {
			continue
		}
		e := r.match(sb.Node)
		if e == nil {
			e = r.match(w.target(sb.Node, s.TargetList))
		}
		if e != nil {
			sb.Node = w.key(proto.Clone(e).(*pg.Node)) // the GROUP BY key itself
			continue
		}
		r.replace(sb.Node.ProtoReflect())
	}
}

// grouped replaces the grouped expressions by any_value of them.
type grouped struct{ exprs []*pg.Node }

func (r *grouped) replace(m protoreflect.Message) {
	if n, ok := m.Interface().(*pg.Node); ok && n.Node != nil {
		if fc := n.GetFuncCall(); fc != nil && fc.Over == nil && ivAggregates[fnName(fc)] {
			return // grouped columns inside an aggregate are its input rows
		}
		if n.GetSubLink() != nil {
			return
		}
		if fc := n.GetFuncCall(); fc != nil && isIvKey(n) && len(fc.Args) > 0 && r.match(fc.Args[0]) != nil {
			// sluice_ivkey(x) of a grouped x is the GROUP BY key; sluice_ivlit(x, …)
			// reads x only for its type.
			for _, a := range fc.Args[1:] {
				r.replace(a.ProtoReflect())
			}
			return
		}
		if r.match(n) != nil {
			n.Node = funcCall("any_value", &pg.Node{Node: n.Node}).Node
			return
		}
	}
	eachChild(m, r.replace)
}

// match returns the grouped expression n is, or nil.
func (r *grouped) match(n *pg.Node) *pg.Node {
	if n == nil {
		return nil
	}
	bare := stripLocations(n)
	for _, e := range r.exprs {
		if proto.Equal(bare, e) {
			return e
		}
	}
	return nil
}

// stripLocations returns a copy of n without its source locations, for comparing
// expressions.
func stripLocations(n *pg.Node) *pg.Node {
	c := proto.Clone(n).(*pg.Node)
	clearLocations(c.ProtoReflect())
	return c
}

func clearLocations(m protoreflect.Message) {
	if fd := m.Descriptor().Fields().ByName("location"); fd != nil {
		m.Clear(fd)
	}
	eachChild(m, clearLocations)
}
