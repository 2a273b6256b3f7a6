package table

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// The numeric statistics of Describe. One pass over the column counts its values, sums
// them and counts each distinct value: in an array indexed by value for integers of a
// small range, else in a hash table of the values' bits. The sorted distinct values
// with their counts then give the quartiles (walking the counts), the histogram, the
// standard deviation and the most frequent values without sorting the column. A
// column with more distinct values than an eighth of its rows (an id, a measurement)
// is copied and sorted instead, which costs less memory than such a hash table.

// describeNumbers fills the statistics of a KindInt or KindFloat column.
func describeNumbers(c *Column, s *ColumnSummary) {
	bits, off := nullBits(c)
	if c.kind == KindInt {
		describeInts(c.ints[:c.n], bits, off, s)
	} else {
		describeFloats(c.flts[:c.n], bits, off, s)
	}
}

// nullBits returns the column's validity bitmap and the offset of its first row, or nil
// when it has no NULLs.
func nullBits(c *Column) ([]byte, int) {
	if c.arr == nil || c.arr.NullN() == 0 {
		return nil, 0
	}
	return c.arr.NullBitmapBytes(), c.arr.Data().Offset()
}

// entry is a distinct value (k for integers, v as a float for both) and its count.
type entry struct {
	k int64
	v float64
	n int
}

// runs is a column's values in ascending order, as runs of equal values.
type runs struct {
	n          int                                             // values in all
	each       func(yield func(v float64, k int64, count int)) // the runs in ascending order
	at         func(i int) float64                             // the i-th smallest value (0-based)
	kmin, kmax int64                                           // integers: the exact ends (past 2^53 too)
}

// entryRuns walks sorted distinct values and their counts.
func entryRuns(ent []entry, n int) runs {
	cum := make([]int, len(ent)) // values up to and including entry i
	t := 0
	for i, e := range ent {
		t += e.n
		cum[i] = t
	}
	return runs{
		n: n, kmin: ent[0].k, kmax: ent[len(ent)-1].k,
		each: func(yield func(float64, int64, int)) {
			for _, e := range ent {
				yield(e.v, e.k, e.n)
			}
		},
		at: func(i int) float64 { return ent[sort.Search(len(cum), func(j int) bool { return cum[j] > i })].v },
	}
}

func describeInts(v []int64, bits []byte, off int, s *ColumnSummary) {
	n := 0
	var sum int64 // exact while it fits, as pandas sums int64 columns
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for i, x := range v {
		if bits != nil && !bitutil.BitIsSet(bits, off+i) {
			continue
		}
		n++
		sum += x
		lo, hi = min(lo, x), max(hi, x)
	}
	if n == 0 {
		return
	}
	mean := float64(sum) / float64(n)
	var ent []entry
	if span := uint64(hi) - uint64(lo); span <= uint64(2*n)+1024 && span < 1<<28 {
		counts := make([]int32, span+1)
		for i, x := range v {
			if bits == nil || bitutil.BitIsSet(bits, off+i) {
				counts[uint64(x)-uint64(lo)]++
			}
		}
		for d, m := range counts {
			if m > 0 {
				k := int64(uint64(lo) + uint64(d))
				ent = append(ent, entry{k: k, v: float64(k), n: int(m)})
			}
		}
	} else {
		h := newBitCounts(n)
		for i, x := range v {
			if h != nil && (bits == nil || bitutil.BitIsSet(bits, off+i)) && !h.add(uint64(x)) {
				h = nil
			}
		}
		if h == nil { // too many distinct values: sort a copy
			sorted := make([]int64, 0, n)
			for i, x := range v {
				if bits == nil || bitutil.BitIsSet(bits, off+i) {
					sorted = append(sorted, x)
				}
			}
			slices.Sort(sorted)
			summarize(s, sortedRuns(sorted, func(x int64) float64 { return float64(x) }, func(x int64) int64 { return x }), mean, true)
			return
		}
		ent = h.entries(func(bits uint64) entry { return entry{k: int64(bits), v: float64(int64(bits))} })
		slices.SortFunc(ent, func(a, b entry) int { return cmp.Compare(a.k, b.k) })
	}
	summarize(s, entryRuns(ent, n), mean, true)
}

func describeFloats(v []float64, bits []byte, off int, s *ColumnSummary) {
	n, nan := 0, 0
	var sum float64
	h := newBitCounts(len(v))
	for i, x := range v {
		if bits != nil && !bitutil.BitIsSet(bits, off+i) {
			continue
		}
		if x != x {
			nan++
			continue
		}
		n++
		sum += x
		if h != nil {
			if x == 0 {
				x = 0 // -0 and 0 are one value
			}
			if !h.add(math.Float64bits(x)) {
				h = nil
			}
		}
	}
	if nan > 0 { // NaN counts as one distinct value but takes no part in the statistics
		s.Distinct = 1
	}
	if n == 0 {
		return
	}
	mean := sum / float64(n)
	if h == nil { // too many distinct values: sort a copy
		sorted := make([]float64, 0, n)
		for i, x := range v {
			if (bits == nil || bitutil.BitIsSet(bits, off+i)) && x == x {
				sorted = append(sorted, x)
			}
		}
		slices.Sort(sorted)
		summarize(s, sortedRuns(sorted, func(x float64) float64 { return x }, func(float64) int64 { return 0 }), mean, false)
		return
	}
	ent := h.entries(func(bits uint64) entry { return entry{v: math.Float64frombits(bits)} })
	slices.SortFunc(ent, func(a, b entry) int { return cmp.Compare(a.v, b.v) })
	summarize(s, entryRuns(ent, n), mean, false)
}

// sortedRuns walks a sorted slice.
func sortedRuns[T int64 | float64](sorted []T, f func(T) float64, k func(T) int64) runs {
	return runs{
		n: len(sorted), kmin: k(sorted[0]), kmax: k(sorted[len(sorted)-1]),
		each: func(yield func(float64, int64, int)) {
			for i := 0; i < len(sorted); {
				j := i + 1
				for j < len(sorted) && sorted[j] == sorted[i] {
					j++
				}
				yield(f(sorted[i]), k(sorted[i]), j-i)
				i = j
			}
		},
		at: func(i int) float64 { return f(sorted[i]) },
	}
}

// summarize fills the statistics from the runs of a column's values: distinct values,
// the most frequent (ties in value order), min, max, standard deviation, quartiles and
// a histogram of 10 equal bins (none when the range is infinite).
func summarize(s *ColumnSummary, r runs, mean float64, isInt bool) {
	const bins = 10
	type top struct {
		v float64
		k int64
		n int
	}
	var tops []top // the 3 longest runs so far, longest first, ties in value order
	lo, hi := r.at(0), r.at(r.n-1)
	w := (hi - lo) / bins
	binned := lo != hi && !math.IsInf(hi-lo, 0) // no bins over an infinite range
	counts := make([]int64, bins)
	var ss float64
	r.each(func(v float64, k int64, m int) {
		s.Distinct++
		if len(tops) < 3 || m > tops[len(tops)-1].n {
			i := len(tops)
			for i > 0 && tops[i-1].n < m {
				i--
			}
			tops = slices.Insert(tops, i, top{v, k, m})
			if len(tops) > 3 {
				tops = tops[:3]
			}
		}
		d := v - mean
		ss += float64(m) * d * d
		if binned {
			counts[min(int((v-lo)/w), bins-1)] += int64(m)
		}
	})
	text := func(v float64, k int64) string {
		if isInt {
			return FormatInt(k)
		}
		return FormatValue(v)
	}
	for _, t := range tops {
		s.Top = append(s.Top, ValueCount{Value: text(t.v, t.k), Count: t.n})
	}
	s.Mean = mean
	if r.n > 1 {
		s.Std = math.Sqrt(ss / float64(r.n-1))
	}
	s.Min, s.Max = lo, hi
	if isInt {
		s.MinText, s.MaxText = FormatInt(r.kmin), FormatInt(r.kmax)
	} else {
		s.MinText, s.MaxText = FormatValue(lo), FormatValue(hi)
	}
	quart := func(q float64) float64 { // linear interpolation, as quantile does
		pos := q * float64(r.n-1)
		i := int(math.Floor(pos))
		a := r.at(i)
		b := r.at(min(i+1, r.n-1))
		return a + (b-a)*(pos-float64(i))
	}
	s.Q1, s.Median, s.Q3 = quart(0.25), quart(0.5), quart(0.75)
	if lo == hi {
		s.HistEdges, s.HistCounts = []float64{lo, hi}, []int64{int64(r.n)}
		return
	}
	if !binned {
		return
	}
	s.HistEdges = make([]float64, bins+1)
	for i := range s.HistEdges {
		s.HistEdges[i] = lo + (hi-lo)*float64(i)/float64(bins)
	}
	s.HistCounts = counts
}

// bitCounts counts 64-bit keys in an open-addressing hash table (linear probing, at
// most half full); it gives up past a limit of distinct keys.
type bitCounts struct {
	keys  []uint64
	cnt   []int32 // 0: an empty slot
	used  int
	limit int
	shift uint
}

// newBitCounts makes a table for the values of a column of rows rows: it holds up to
// rows/8 (at least 4096) distinct keys.
func newBitCounts(rows int) *bitCounts {
	if rows >= math.MaxInt32 {
		return nil // counts are int32
	}
	h := &bitCounts{limit: max(rows/8, 4096)}
	h.resize(1 << 10)
	return h
}

func (h *bitCounts) resize(size int) {
	keys, cnt := h.keys, h.cnt
	h.keys, h.cnt = make([]uint64, size), make([]int32, size)
	h.shift = uint(64 - bitsLen(size))
	mask := size - 1
	for i, m := range cnt {
		if m > 0 {
			j := h.slot(keys[i])
			for h.cnt[j] != 0 {
				j = (j + 1) & mask
			}
			h.keys[j], h.cnt[j] = keys[i], m
		}
	}
}

func bitsLen(size int) int {
	n := 0
	for size > 1 {
		size >>= 1
		n++
	}
	return n
}

func (h *bitCounts) slot(k uint64) int {
	k ^= k >> 31
	return int((k * 0x9E3779B97F4A7C15) >> h.shift)
}

// add counts k; false when the table would pass its limit.
func (h *bitCounts) add(k uint64) bool {
	mask := len(h.keys) - 1
	for i := h.slot(k); ; i = (i + 1) & mask {
		switch {
		case h.cnt[i] == 0:
			h.keys[i], h.cnt[i] = k, 1
			h.used++
			if 2*h.used > len(h.keys) {
				if h.used > h.limit {
					return false
				}
				h.resize(2 * len(h.keys))
			}
			return true
		case h.keys[i] == k:
			h.cnt[i]++
			return true
		}
	}
}

// entries returns the counted keys as entries (mk sets k and v from a key), unsorted.
func (h *bitCounts) entries(mk func(uint64) entry) []entry {
	out := make([]entry, 0, h.used)
	for i, m := range h.cnt {
		if m > 0 {
			e := mk(h.keys[i])
			e.n = int(m)
			out = append(out, e)
		}
	}
	return out
}
