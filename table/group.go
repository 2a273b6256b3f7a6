package table

import (
	"fmt"
	"math"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
)

// A dict assigns dense codes to the distinct values of key columns, kind by kind. One
// dict may code several columns (the two sides of a join) so equal values share a code.
type dict struct {
	strs  map[string]int32
	ints  map[int64]int32 // ints, times, bools (0/1)
	flts  map[uint64]int32
	texts map[string]int32 // KindAny, by text
	n     int32
	null  int32 // the code of NULL, -1 until one is given
	// dense codes the integers lo…lo+len(dense)-1 when denseInts coded the first column
	// (-1: not coded); lookups without insert (a join's other side) read it, not ints.
	dense   []int32
	denseLo int64
}

func newDict() *dict { return &dict{null: -1} }

func (d *dict) next() int32 { d.n++; return d.n - 1 }

// code codes the rows of c into out. NULL rows get -1 when nullGroup is false (a join,
// where NULL never matches), else a code of their own. With insert false, values the
// dict does not hold get -1 too.
func (d *dict) code(c *Column, asFloat, insert, nullGroup bool, out []int32) {
	hasNulls := c.HasNulls()
	nullCode := func() int32 {
		if !nullGroup {
			return -1
		}
		if d.null < 0 {
			d.null = d.next()
		}
		return d.null
	}
	if asFloat && c.kind == KindInt {
		c = floatCopy(c)
	}
	switch c.kind {
	case KindString:
		if d.strs == nil {
			d.strs = map[string]int32{}
		}
		if e, ok := c.strs.(encodedStrings); ok {
			d.codeEntries(e, hasNulls, insert, nullCode, out)
			return
		}
		for i := range out {
			if hasNulls && c.IsNull(i) {
				out[i] = nullCode()
				continue
			}
			out[i] = d.lookupString(c.strs.Value(i), insert)
		}
	case KindInt, KindTime, KindBool:
		if insert && d.n == 0 && d.null < 0 && d.ints == nil && c.kind == KindInt && d.denseInts(c, hasNulls, nullGroup, out) {
			return
		}
		if !insert && d.dense != nil && c.kind == KindInt {
			for i, v := range c.ints[:len(out)] {
				out[i] = -1
				if hasNulls && c.IsNull(i) {
					out[i] = nullCode()
				} else if u := uint64(v) - uint64(d.denseLo); u < uint64(len(d.dense)) {
					out[i] = d.dense[u]
				}
			}
			return
		}
		if d.ints == nil {
			d.ints = map[int64]int32{}
		}
		if insert {
			d.dense = nil // values the array does not know may follow
		}
		for i := range out {
			if hasNulls && c.IsNull(i) {
				out[i] = nullCode()
				continue
			}
			var v int64
			switch c.kind {
			case KindInt:
				v = c.ints[i]
			case KindTime:
				v = int64(c.times[i])
			default:
				v = int64(b2i(c.bools.Value(i)))
			}
			out[i] = lookupCode(d, d.ints, v, insert)
		}
	case KindFloat:
		if d.flts == nil {
			d.flts = map[uint64]int32{}
		}
		for i := range out {
			if hasNulls && c.IsNull(i) {
				out[i] = nullCode()
				continue
			}
			f := c.flts[i]
			if f == 0 {
				f = 0 // -0 and 0 are one value
			} else if math.IsNaN(f) {
				f = math.NaN() // one NaN
			}
			v := math.Float64bits(f)
			out[i] = lookupCode(d, d.flts, v, insert)
		}
	default:
		if d.texts == nil {
			d.texts = map[string]int32{}
		}
		for i := range out {
			if c.IsNull(i) {
				out[i] = nullCode()
				continue
			}
			s := c.Text(i)
			out[i] = lookupCode(d, d.texts, s, insert)
		}
	}
}

// lookupCode returns key's code in m, giving it the next one if insert and it has none
// (-1 without insert).
func lookupCode[K comparable](d *dict, m map[K]int32, key K, insert bool) int32 {
	k, ok := m[key]
	if !ok {
		k = -1
		if insert {
			k = d.next()
			m[key] = k
		}
	}
	return k
}

// denseInts codes an integer column whose values span a small range through an array
// instead of a map (codes in order of first appearance, as the map gives). It reports
// false, coding nothing, when the range is too wide.
// lookupString returns the code of s, giving it the next one if insert and it has none
// (-1 otherwise); the dict keeps a copy of s, not the column's memory.
func (d *dict) lookupString(s string, insert bool) int32 {
	k, ok := d.strs[s]
	if !ok {
		k = -1
		if insert {
			k = d.next()
			d.strs[string([]byte(s))] = k
		}
	}
	return k
}

// codeEntries codes a dictionary-encoded column: each dictionary entry is looked up
// once, on the first row that holds it, so codes come out as codeString's would.
func (d *dict) codeEntries(e encodedStrings, hasNulls, insert bool, nullCode func() int32, out []int32) {
	const unseen = -2
	seen := make([]int32, e.entries())
	for k := range seen {
		seen[k] = unseen
	}
	for i := range out {
		if hasNulls && e.IsNull(i) {
			out[i] = nullCode()
			continue
		}
		k := e.code(i)
		if seen[k] == unseen {
			seen[k] = d.lookupString(e.Value(i), insert)
		}
		out[i] = seen[k]
	}
}

func (d *dict) denseInts(c *Column, hasNulls, nullGroup bool, out []int32) bool {
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for i, v := range c.ints {
		if hasNulls && c.IsNull(i) {
			continue
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo > hi {
		return false
	}
	span := uint64(hi - lo)
	if span >= 1<<22 || span > 2*uint64(len(out))+1024 {
		return false
	}
	slot := make([]int32, span+1)
	for i := range slot {
		slot[i] = -1
	}
	vals := c.ints
	d.ints = map[int64]int32{}
	for i := range out {
		if hasNulls && c.IsNull(i) {
			if !nullGroup {
				out[i] = -1
			} else {
				if d.null < 0 {
					d.null = d.next()
				}
				out[i] = d.null
			}
			continue
		}
		v := vals[i]
		k := slot[v-lo]
		if k < 0 {
			k = d.next()
			slot[v-lo] = k
			d.ints[v] = k // for a later lookup (the other side of a join)
		}
		out[i] = k
	}
	d.dense, d.denseLo = slot, lo
	return true
}

// floatCopy returns an int column as a float column (NULLs kept).
func floatCopy(c *Column) *Column {
	b := NewBuilder(c.Name, c.Type, KindFloat)
	b.Grow(c.n)
	b.AppendColumn(c)
	return b.Finish()
}

// combine merges per-column codes into one code per distinct tuple: next[i] becomes
// the code of (acc[i], next[i]). A -1 anywhere stays -1. The map is shared between
// calls that must agree (both sides of a join); insert false leaves unknown tuples -1.
func combine(m map[uint64]int32, acc, next []int32, insert bool) {
	if insert && len(m) == 0 && combineDense(m, acc, next) {
		return
	}
	for i := range acc {
		if acc[i] < 0 || next[i] < 0 {
			acc[i] = -1
			continue
		}
		key := uint64(uint32(acc[i]))<<32 | uint64(uint32(next[i]))
		k, ok := m[key]
		if !ok {
			k = -1
			if insert {
				k = int32(len(m))
				m[key] = k
			}
		}
		acc[i] = k
	}
}

// combineDense is combine through an array when the two code ranges multiply to a small
// number; it fills m as combine would, for later lookups.
func combineDense(m map[uint64]int32, acc, next []int32) bool {
	var na, nb int32
	for i := range acc {
		na, nb = max(na, acc[i]+1), max(nb, next[i]+1)
	}
	size := int64(na) * int64(nb)
	if size > 1<<24 || size > 4*int64(len(acc))+4096 {
		return false
	}
	slot := make([]int32, size)
	for i := range slot {
		slot[i] = -1
	}
	n := int32(0)
	for i := range acc {
		if acc[i] < 0 || next[i] < 0 {
			acc[i] = -1
			continue
		}
		j := int64(acc[i])*int64(nb) + int64(next[i])
		k := slot[j]
		if k < 0 {
			k = n
			n++
			slot[j] = k
			m[uint64(uint32(acc[i]))<<32|uint64(uint32(next[i]))] = k
		}
		acc[i] = k
	}
	return true
}

// Grouped is a table split into groups by key columns: GroupBy's result, which Agg
// turns into one row per group.
type Grouped struct {
	t      *Table
	keys   []*Column
	codes  []int32 // row → group
	firsts []int   // group → its first row
}

// GroupBy groups the rows by the values of the named columns. NULL is a key value of
// its own (as in SQL's GROUP BY). A missing column fails the cell.
func (t *Table) GroupBy(keys ...string) *Grouped {
	if len(keys) == 0 {
		panic(fmt.Errorf("table: GroupBy needs at least one key column"))
	}
	g := &Grouped{t: t}
	n := t.NumRows()
	var acc []int32
	pairs := map[uint64]int32{}
	for k, name := range keys {
		c := t.Col(name)
		g.keys = append(g.keys, c)
		codes := make([]int32, n)
		newDict().code(c, false, true, true, codes)
		if k == 0 {
			acc = codes
			continue
		}
		clear(pairs)
		combine(pairs, acc, codes, true)
	}
	g.codes = acc
	seen := make([]bool, 0, 64)
	for i, k := range acc {
		if int(k) >= len(seen) {
			seen = append(seen, make([]bool, int(k)+1-len(seen))...)
		}
		if !seen[k] {
			seen[k] = true
			g.firsts = append(g.firsts, i)
		}
	}
	// Renumber the groups in key order (NULLs last), as pandas' sort=True.
	order := slices.Clone(g.firsts)
	slices.SortFunc(order, func(a, b int) int {
		for _, c := range g.keys {
			if r := compareGroupKeys(c, a, b); r != 0 {
				return r
			}
		}
		return 0
	})
	renum := make([]int32, len(order))
	for newK, row := range order {
		renum[acc[row]] = int32(newK)
	}
	for i, k := range acc {
		acc[i] = renum[k]
	}
	g.firsts = order
	return g
}

// compareGroupKeys orders key values with NULL last and NaN just before it.
func compareGroupKeys(c *Column, a, b int) int {
	na, nb := c.IsNull(a), c.IsNull(b)
	switch {
	case na && nb:
		return 0
	case na:
		return 1
	case nb:
		return -1
	}
	return compareRows(c, a, b, false)
}

// NumGroups returns the number of groups.
func (g *Grouped) NumGroups() int { return len(g.firsts) }

// Keys returns the key columns of the groups: one row per group, in key order.
func (g *Grouped) Keys() *Table {
	out := &Table{}
	for _, c := range g.keys {
		out.Columns = append(out.Columns, takeColumn(c, g.firsts))
	}
	return out
}

// Count is Agg(CountRows()): the keys and the number of rows of each group.
func (g *Grouped) Count() *Table { return g.Agg(CountRows()) }

// Agg returns one row per group, in key order (NULL last): the key columns, then one
// column per aggregate.
func (g *Grouped) Agg(aggs ...Agg) *Table {
	out := g.Keys()
	for _, a := range aggs {
		out.Columns = append(out.Columns, g.aggregate(a))
	}
	return out
}

// takeColumn returns rows of c in the order given; -1 is NULL.
func takeColumn(c *Column, rows []int) *Column {
	switch c.kind {
	case KindInt, KindFloat, KindTime:
		return takeFixed(c, rows)
	}
	b := NewBuilder(c.Name, c.Type, c.kind)
	b.Grow(len(rows))
	for _, i := range rows {
		if i < 0 {
			b.AppendNull()
		} else {
			b.AppendFrom(c, i)
		}
	}
	return b.Finish()
}

// takeFixed is takeColumn for the 64-bit kinds, copying values without a builder.
func takeFixed(c *Column, rows []int) *Column {
	var nulls []bool
	hasNulls := c.HasNulls()
	mark := func(r int) {
		if nulls == nil {
			nulls = make([]bool, len(rows))
		}
		nulls[r] = true
	}
	vals := make([]int64, len(rows))
	var src []int64
	switch c.kind {
	case KindInt:
		src = c.ints
	case KindFloat:
		src = arrow.Int64Traits.CastFromBytes(arrow.Float64Traits.CastToBytes(c.flts))
	default:
		src = arrow.Int64Traits.CastFromBytes(arrow.TimestampTraits.CastToBytes(c.times))
	}
	for r, i := range rows {
		if i < 0 || (hasNulls && c.IsNull(i)) {
			mark(r)
			continue
		}
		vals[r] = src[i]
	}
	dt := map[Kind]arrow.DataType{KindInt: arrow.PrimitiveTypes.Int64, KindFloat: arrow.PrimitiveTypes.Float64, KindTime: TimestampType}[c.kind]
	return fromArrow(c.Name, c.Type, c.kind, primitive(dt, len(rows), arrow.Int64Traits.CastToBytes(vals), nulls))
}
