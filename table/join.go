package table

import (
	"fmt"
	"slices"
)

// Join combines the rows of t and other whose key columns (named on, present in both)
// hold equal values. how is "inner", "left", "right" or "outer" (full outer), as in SQL:
// NULL keys never match, and a left, right or outer join keeps the rows of that side
// without a match, with NULLs in the other side's columns.
//
// The result has the key columns once (from whichever side has the row), then t's other
// columns, then other's, a name t already has getting the suffix "_right". Rows come in
// t's order, each with its matches in other's order; a right join follows other's order,
// and an outer join puts other's rows without a match last. An integer key matches a
// float key of the same value; other differing kinds fail the cell.
func (t *Table) Join(other *Table, how string, on ...string) *Table {
	switch how {
	case "inner", "left", "right", "outer", "full":
	default:
		panic(fmt.Errorf("table: join %q: want inner, left, right or outer", how))
	}
	if len(on) == 0 {
		panic(fmt.Errorf("table: Join needs at least one key column"))
	}
	drive, probe := t, other
	if how == "right" {
		drive, probe = other, t
	}
	dn, pn := drive.NumRows(), probe.NumRows()
	var dAcc, pAcc []int32
	pairs := map[uint64]int32{}
	floatKey := make([]bool, len(on))
	for k, name := range on {
		dc, pc := drive.Col(name), probe.Col(name)
		if dc.kind != pc.kind {
			num := func(k Kind) bool { return k == KindInt || k == KindFloat }
			if !num(dc.kind) || !num(pc.kind) {
				panic(fmt.Errorf("table: join key %q is %s on one side and %s on the other", name, t.Col(name).TypeName(), other.Col(name).TypeName()))
			}
			floatKey[k] = true
		}
		d := newDict()
		pCodes := make([]int32, pn)
		dCodes := make([]int32, dn)
		d.code(pc, floatKey[k], true, false, pCodes)
		d.code(dc, floatKey[k], false, false, dCodes)
		if k == 0 {
			dAcc, pAcc = dCodes, pCodes
			continue
		}
		clear(pairs)
		combine(pairs, pAcc, pCodes, true)
		combine(pairs, dAcc, dCodes, false)
	}
	// The probe side's rows by key: rows[start[k]:start[k+1]] hold code k.
	groups := int32(0)
	for _, k := range pAcc {
		groups = max(groups, k+1)
	}
	start := make([]int32, groups+1)
	for _, k := range pAcc {
		if k >= 0 {
			start[k+1]++
		}
	}
	for k := int32(1); k <= groups; k++ {
		start[k] += start[k-1]
	}
	rows := make([]int32, start[groups])
	fill := slices.Clone(start[:groups])
	for j, k := range pAcc {
		if k >= 0 {
			rows[fill[k]] = int32(j)
			fill[k]++
		}
	}
	keepDrive := how != "inner"
	keepProbe := how == "outer" || how == "full"
	matched := make([]bool, pn)
	di, pi := make([]int, 0, dn), make([]int, 0, dn)
	for i, k := range dAcc {
		if k >= 0 && k < groups && start[k] < start[k+1] {
			for _, j := range rows[start[k]:start[k+1]] {
				di = append(di, i)
				pi = append(pi, int(j))
				matched[j] = true
			}
		} else if keepDrive {
			di = append(di, i)
			pi = append(pi, -1)
		}
	}
	if keepProbe {
		for j, m := range matched {
			if !m {
				di = append(di, -1)
				pi = append(pi, j)
			}
		}
	}
	li, ri := di, pi
	if how == "right" {
		li, ri = pi, di
	}
	out := &Table{}
	names := map[string]bool{}
	for k, name := range on {
		lc, rc := t.Col(name), other.Col(name)
		kind := lc.kind
		if floatKey[k] {
			kind = KindFloat
		}
		names[name] = true
		switch {
		case floatKey[k] || keepProbe:
		case how != "right": // inner and left: every row has t's key
			out.Columns = append(out.Columns, takeColumn(lc, li))
			continue
		case lc.kind != KindAny: // right: every row has other's key, equal to t's where matched
			col := takeColumn(rc, ri).Renamed(name)
			col.Type = lc.Type
			out.Columns = append(out.Columns, col)
			continue
		}
		b := NewBuilder(name, lc.Type, kind)
		b.Grow(len(li))
		for r := range li {
			switch {
			case li[r] >= 0:
				b.AppendFrom(lc, li[r])
			default:
				b.AppendFrom(rc, ri[r])
			}
		}
		out.Columns = append(out.Columns, b.Finish())
	}
	for _, c := range t.Columns {
		if !slices.Contains(on, c.Name) {
			out.Columns = append(out.Columns, takeColumn(c, li))
			names[c.Name] = true
		}
	}
	for _, c := range other.Columns {
		if !slices.Contains(on, c.Name) {
			col := takeColumn(c, ri)
			if names[col.Name] {
				col = col.Renamed(col.Name + "_right")
			}
			out.Columns = append(out.Columns, col)
		}
	}
	return out
}

// InnerJoin is Join(other, "inner", on...): the pairs of rows whose keys match.
func (t *Table) InnerJoin(other *Table, on ...string) *Table { return t.Join(other, "inner", on...) }

// LeftJoin is Join(other, "left", on...): every row of t, with its matches in other.
func (t *Table) LeftJoin(other *Table, on ...string) *Table { return t.Join(other, "left", on...) }

// RightJoin is Join(other, "right", on...): every row of other, with its matches in t.
func (t *Table) RightJoin(other *Table, on ...string) *Table { return t.Join(other, "right", on...) }

// OuterJoin is Join(other, "outer", on...): every row of both, matched where keys agree.
func (t *Table) OuterJoin(other *Table, on ...string) *Table { return t.Join(other, "outer", on...) }
