package slices_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/slices"
)

// outcome runs f and returns its results (or its panic) printed with %#v, so that NaN,
// -0 and nil-versus-empty all count.
func outcome(f func() []any) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprintf("panic: %v", r)
		}
	}()
	var b strings.Builder
	for _, v := range f() {
		fmt.Fprintf(&b, "%#v|", v)
		if sv, ok := v.([]int); ok {
			fmt.Fprintf(&b, "len=%d cap=%d nil=%v|", len(sv), cap(sv), sv == nil)
		}
	}
	return b.String()
}

// same compares our function with the standard one on copies of the same input.
func same(t *testing.T, what string, input any, ourCall, stdCall func() []any) {
	t.Helper()
	got, want := outcome(ourCall), outcome(stdCall)
	if got != want {
		t.Errorf("%s on %#v:\n ours %s\n std  %s", what, input, got, want)
	}
}

func genInts(r *rand.Rand) []int {
	switch r.IntN(8) {
	case 0:
		return nil
	case 1:
		return []int{}
	}
	n := r.IntN(40)
	s := make([]int, n, n+r.IntN(5))
	for i := range s {
		s[i] = r.IntN(10) - 3 // many duplicates
	}
	return s
}

func genFloats(r *rand.Rand) []float64 {
	special := []float64{math.NaN(), math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1), 1.5, -2}
	n := r.IntN(20)
	if n == 0 && r.IntN(2) == 0 {
		return nil
	}
	s := make([]float64, n)
	for i := range s {
		if r.IntN(3) == 0 {
			s[i] = special[r.IntN(len(special))]
		} else {
			s[i] = float64(r.IntN(7) - 3)
		}
	}
	return s
}

func genStrings(r *rand.Rand) []string {
	words := []string{"", "a", "b", "ab", "ba", "z", "é"}
	n := r.IntN(15)
	s := make([]string, n)
	for i := range s {
		s[i] = words[r.IntN(len(words))]
	}
	return s
}

func clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	out := make([]E, len(s), cap(s))
	copy(out, s)
	return out
}

// seqOf is an iterator over s that stops after max values when max >= 0.
func seqOf[E any](s []E) func(func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

const rounds = 400

func TestQueriesMatchStd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range rounds {
		a, b := genInts(r), genInts(r)
		if r.IntN(3) == 0 {
			b = clone(a)
		}
		v := r.IntN(10) - 3
		f := func(x int) bool { return x == v }
		same(t, "Equal", []any{a, b}, func() []any { return []any{ours.Equal(a, b)} }, func() []any { return []any{slices.Equal(a, b)} })
		same(t, "Compare", []any{a, b}, func() []any { return []any{ours.Compare(a, b)} }, func() []any { return []any{slices.Compare(a, b)} })
		same(t, "CompareFunc", []any{a, b}, func() []any { return []any{ours.CompareFunc(a, b, cmp.Compare[int])} }, func() []any { return []any{slices.CompareFunc(a, b, cmp.Compare[int])} })
		same(t, "EqualFunc", []any{a, b}, func() []any { return []any{ours.EqualFunc(a, b, func(x, y int) bool { return x == y })} }, func() []any { return []any{slices.EqualFunc(a, b, func(x, y int) bool { return x == y })} })
		same(t, "Index", a, func() []any { return []any{ours.Index(a, v), ours.Contains(a, v)} }, func() []any { return []any{slices.Index(a, v), slices.Contains(a, v)} })
		same(t, "IndexFunc", a, func() []any { return []any{ours.IndexFunc(a, f), ours.ContainsFunc(a, f)} }, func() []any { return []any{slices.IndexFunc(a, f), slices.ContainsFunc(a, f)} })
		same(t, "Min", a, func() []any { return []any{ours.Min(a)} }, func() []any { return []any{slices.Min(a)} })
		same(t, "Max", a, func() []any { return []any{ours.Max(a)} }, func() []any { return []any{slices.Max(a)} })
		byAbs := func(x, y int) int { return cmp.Compare(x*x, y*y) }
		same(t, "MinFunc", a, func() []any { return []any{ours.MinFunc(a, byAbs)} }, func() []any { return []any{slices.MinFunc(a, byAbs)} })
		same(t, "MaxFunc", a, func() []any { return []any{ours.MaxFunc(a, byAbs)} }, func() []any { return []any{slices.MaxFunc(a, byAbs)} })
		same(t, "IsSorted", a, func() []any { return []any{ours.IsSorted(a), ours.IsSortedFunc(a, byAbs)} }, func() []any { return []any{slices.IsSorted(a), slices.IsSortedFunc(a, byAbs)} })
		sorted := slices.Sorted(seqOf(a))
		same(t, "BinarySearch", sorted, func() []any { x, ok := ours.BinarySearch(sorted, v); return []any{x, ok} }, func() []any { x, ok := slices.BinarySearch(sorted, v); return []any{x, ok} })
		same(t, "BinarySearchFunc", sorted, func() []any { x, ok := ours.BinarySearchFunc(sorted, v, cmp.Compare[int]); return []any{x, ok} }, func() []any { x, ok := slices.BinarySearchFunc(sorted, v, cmp.Compare[int]); return []any{x, ok} })

		fa, fb := genFloats(r), genFloats(r)
		if r.IntN(3) == 0 {
			fb = clone(fa)
		}
		fv := []float64{math.NaN(), 0, math.Copysign(0, -1), 1.5, 2}[r.IntN(5)]
		same(t, "Equal float", []any{fa, fb}, func() []any { return []any{ours.Equal(fa, fb)} }, func() []any { return []any{slices.Equal(fa, fb)} })
		same(t, "Compare float", []any{fa, fb}, func() []any { return []any{ours.Compare(fa, fb)} }, func() []any { return []any{slices.Compare(fa, fb)} })
		same(t, "Min float", fa, func() []any { return []any{ours.Min(fa)} }, func() []any { return []any{slices.Min(fa)} })
		same(t, "Max float", fa, func() []any { return []any{ours.Max(fa)} }, func() []any { return []any{slices.Max(fa)} })
		same(t, "Index float", fa, func() []any { return []any{ours.Index(fa, fv)} }, func() []any { return []any{slices.Index(fa, fv)} })
		same(t, "IsSorted float", fa, func() []any { return []any{ours.IsSorted(fa)} }, func() []any { return []any{slices.IsSorted(fa)} })
		fsorted := slices.Sorted(seqOf(fa))
		same(t, "BinarySearch float", fsorted, func() []any { x, ok := ours.BinarySearch(fsorted, fv); return []any{x, ok} }, func() []any { x, ok := slices.BinarySearch(fsorted, fv); return []any{x, ok} })

		sa, sb := genStrings(r), genStrings(r)
		same(t, "Compare string", []any{sa, sb}, func() []any { return []any{ours.Compare(sa, sb)} }, func() []any { return []any{slices.Compare(sa, sb)} })
		same(t, "Max string", sa, func() []any { return []any{ours.Max(sa), ours.Min(sa)} }, func() []any { return []any{slices.Max(sa), slices.Min(sa)} })
	}
}

func TestMinMaxSignedZero(t *testing.T) {
	nz := math.Copysign(0, -1)
	for _, s := range [][]float64{{0, nz}, {nz, 0}, {nz, nz}, {0, 0}, {1, nz, 0}, {math.NaN(), nz}, {nz, math.NaN(), 0}} {
		same(t, "Min", s, func() []any { return []any{ours.Min(s)} }, func() []any { return []any{slices.Min(s)} })
		same(t, "Max", s, func() []any { return []any{ours.Max(s)} }, func() []any { return []any{slices.Max(s)} })
	}
	f32 := []float32{0, float32(nz)}
	same(t, "Min float32", f32, func() []any { return []any{ours.Min(f32)} }, func() []any { return []any{slices.Min(f32)} })
}

// mutation runs an in-place function on a copy and reports the result, the copy
// afterwards (including what lies beyond the result's length) and any panic.
func mutation(s []int, f func([]int) []int) func() []any {
	return func() []any {
		c := clone(s)
		res := f(c)
		return []any{res, c[:cap(c)]}
	}
}

func TestEditsMatchStd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range rounds {
		a := genInts(r)
		i, j := r.IntN(len(a)+3)-1, r.IntN(len(a)+3)-1
		vals := genInts(r)
		if len(vals) > 4 {
			vals = vals[:r.IntN(5)]
		}
		n := r.IntN(6) - 1
		del := func(x int) bool { return x%2 == 0 }
		same(t, fmt.Sprintf("Insert(%d, %v)", i, vals), a, mutation(a, func(c []int) []int { return ours.Insert(c, i, vals...) }), mutation(a, func(c []int) []int { return slices.Insert(c, i, vals...) }))
		same(t, fmt.Sprintf("Delete(%d, %d)", i, j), a, mutation(a, func(c []int) []int { return ours.Delete(c, i, j) }), mutation(a, func(c []int) []int { return slices.Delete(c, i, j) }))
		same(t, fmt.Sprintf("Replace(%d, %d, %v)", i, j, vals), a, mutation(a, func(c []int) []int { return ours.Replace(c, i, j, vals...) }), mutation(a, func(c []int) []int { return slices.Replace(c, i, j, vals...) }))
		same(t, "DeleteFunc", a, mutation(a, func(c []int) []int { return ours.DeleteFunc(c, del) }), mutation(a, func(c []int) []int { return slices.DeleteFunc(c, del) }))
		same(t, "Compact", a, mutation(a, func(c []int) []int { return ours.Compact(c) }), mutation(a, func(c []int) []int { return slices.Compact(c) }))
		sameParity := func(x, y int) bool { return (x-y)%2 == 0 }
		same(t, "CompactFunc", a, mutation(a, func(c []int) []int { return ours.CompactFunc(c, sameParity) }), mutation(a, func(c []int) []int { return slices.CompactFunc(c, sameParity) }))
		same(t, "Reverse", a, mutation(a, func(c []int) []int { ours.Reverse(c); return c }), mutation(a, func(c []int) []int { slices.Reverse(c); return c }))
		same(t, fmt.Sprintf("Grow(%d)", n), a, mutation(a, func(c []int) []int { return ours.Grow(c, n) }), mutation(a, func(c []int) []int { return slices.Grow(c, n) }))
		same(t, "Clip", a, mutation(a, func(c []int) []int { return ours.Clip(c) }), mutation(a, func(c []int) []int { return slices.Clip(c) }))
		same(t, "Clone", a, func() []any { return []any{ours.Clone(a)} }, func() []any { return []any{slices.Clone(a)} })
		same(t, fmt.Sprintf("Repeat(%d)", n), a, func() []any { return []any{ours.Repeat(a, n)} }, func() []any { return []any{slices.Repeat(a, n)} })
		b := genInts(r)
		same(t, "Concat", []any{a, b}, func() []any { return []any{ours.Concat(a, b), ours.Concat(a), ours.Concat[[]int]()} }, func() []any { return []any{slices.Concat(a, b), slices.Concat(a), slices.Concat[[]int]()} })
		// Overlapping arguments: inserting or replacing with a part of the slice itself.
		if len(a) > 2 {
			k := r.IntN(len(a))
			same(t, "Insert self", a, mutation(a, func(c []int) []int { return ours.Insert(c, k, c[1:3]...) }), mutation(a, func(c []int) []int { return slices.Insert(c, k, c[1:3]...) }))
			same(t, "Replace self", a, mutation(a, func(c []int) []int { return ours.Replace(c, 0, k, c[1:]...) }), mutation(a, func(c []int) []int { return slices.Replace(c, 0, k, c[1:]...) }))
		}
	}
}

func TestEditPanicsMatchStd(t *testing.T) {
	a := []int{1, 2, 3}
	cases := []struct {
		name     string
		ours, st func()
	}{
		{"Grow huge", func() { _ = ours.Grow(a, math.MaxInt) }, func() { _ = slices.Grow(a, math.MaxInt) }},
		{"Repeat overflow", func() { _ = ours.Repeat(a, math.MaxInt/2) }, func() { _ = slices.Repeat(a, math.MaxInt/2) }},
		{"Repeat negative", func() { _ = ours.Repeat(a, -1) }, func() { _ = slices.Repeat(a, -1) }},
		{"Concat overflow", func() { s := make([]struct{}, math.MaxInt); _ = ours.Concat(s, s) }, func() { s := make([]struct{}, math.MaxInt); _ = slices.Concat(s, s) }},
		{"Chunk 0", func() { _ = ours.Chunk(a, 0) }, func() { _ = slices.Chunk(a, 0) }},
		{"Chunk -1", func() { _ = ours.Chunk(a, -1) }, func() { _ = slices.Chunk(a, -1) }},
		{"Min empty", func() { _ = ours.Min([]int(nil)) }, func() { _ = slices.Min([]int(nil)) }},
		{"Max empty", func() { _ = ours.Max([]int{}) }, func() { _ = slices.Max([]int{}) }},
		{"MinFunc empty", func() { _ = ours.MinFunc([]int{}, cmp.Compare[int]) }, func() { _ = slices.MinFunc([]int{}, cmp.Compare[int]) }},
		{"MaxFunc empty", func() { _ = ours.MaxFunc([]int{}, cmp.Compare[int]) }, func() { _ = slices.MaxFunc([]int{}, cmp.Compare[int]) }},
		{"Insert far", func() { _ = ours.Insert(a, 5) }, func() { _ = slices.Insert(a, 5) }},
		{"Delete reversed", func() { _ = ours.Delete(a, 2, 1) }, func() { _ = slices.Delete(a, 2, 1) }},
	}
	for _, c := range cases {
		got := outcome(func() []any { c.ours(); return nil })
		want := outcome(func() []any { c.st(); return nil })
		if got != want || !strings.HasPrefix(want, "panic") {
			t.Errorf("%s: ours %q, std %q", c.name, got, want)
		}
	}
}

type rec struct{ key, seq int }

func TestSortsMatchStd(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := range rounds {
		a := genInts(r)
		if round%50 == 0 {
			a = make([]int, 2000+r.IntN(100)) // large inputs exercise the quicksort and heapsort paths
			for i := range a {
				a[i] = r.IntN(500)
			}
			if round%100 == 0 {
				slices.Sort(a)
				slices.Reverse(a)
			}
		}
		// Unstable sorts of ints: equal ints are indistinguishable, so results must match.
		same(t, "Sort", a, mutation(a, func(c []int) []int { ours.Sort(c); return c }), mutation(a, func(c []int) []int { slices.Sort(c); return c }))
		same(t, "SortFunc desc", a, mutation(a, func(c []int) []int { ours.SortFunc(c, func(x, y int) int { return y - x }); return c }), mutation(a, func(c []int) []int { slices.SortFunc(c, func(x, y int) int { return y - x }); return c }))
		same(t, "Sorted", a, func() []any { return []any{ours.Sorted(seqOf(a))} }, func() []any { return []any{slices.Sorted(seqOf(a))} })

		// Stable sorts: records with equal keys keep their order, exactly as std.
		recs := make([]rec, len(a))
		for i, v := range a {
			recs[i] = rec{v % 4, i}
		}
		byKey := func(x, y rec) int { return cmp.Compare(x.key, y.key) }
		o, s := slices.Clone(recs), slices.Clone(recs)
		ours.SortStableFunc(o, byKey)
		slices.SortStableFunc(s, byKey)
		if !slices.Equal(o, s) {
			t.Errorf("SortStableFunc on %v:\n ours %v\n std  %v", recs, o, s)
		}
		if got, want := ours.SortedStableFunc(seqOf(recs), byKey), slices.SortedStableFunc(seqOf(recs), byKey); !slices.Equal(got, want) {
			t.Errorf("SortedStableFunc: ours %v, std %v", got, want)
		}
		// Unstable SortFunc on records: a sorted permutation.
		u := slices.Clone(recs)
		ours.SortFunc(u, byKey)
		if !slices.IsSortedFunc(u, byKey) || !samePermutation(u, recs) {
			t.Errorf("SortFunc on %v gave %v", recs, u)
		}
		u = ours.SortedFunc(seqOf(recs), byKey)
		if !slices.IsSortedFunc(u, byKey) || !samePermutation(u, recs) {
			t.Errorf("SortedFunc on %v gave %v", recs, u)
		}

		// Floats with NaN and signed zeros: a sorted permutation (bit for bit), NaNs first.
		fa := genFloats(r)
		fo, fs := slices.Clone(fa), slices.Clone(fa)
		ours.Sort(fo)
		slices.Sort(fs)
		if !slices.IsSorted(fo) || !sameBits(fo, fa) || fmt.Sprint(normalizeZeros(fo)) != fmt.Sprint(normalizeZeros(fs)) {
			t.Errorf("Sort floats %v: ours %v, std %v", fa, fo, fs)
		}
	}
}

func samePermutation(a, b []rec) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	order := func(p, q rec) int { return cmp.Or(cmp.Compare(p.key, q.key), cmp.Compare(p.seq, q.seq)) }
	slices.SortFunc(x, order)
	slices.SortFunc(y, order)
	return slices.Equal(x, y)
}

func sameBits(a, b []float64) bool {
	bits := func(s []float64) []uint64 {
		out := make([]uint64, len(s))
		for i, f := range s {
			if f != f {
				f = math.NaN()
			}
			out[i] = math.Float64bits(f)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(bits(a), bits(b))
}

func normalizeZeros(s []float64) []float64 {
	out := slices.Clone(s)
	for i, f := range out {
		if f == 0 {
			out[i] = 0
		}
	}
	return out
}

func TestIteratorsMatchStd(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range rounds {
		a := genInts(r)
		stopAt := r.IntN(len(a)+2) - 1 // -1: never stop early
		pairs := func(seq func(func(int, int) bool)) []any {
			var out []any
			n := 0
			seq(func(i, v int) bool {
				out = append(out, i, v)
				n++
				return n != stopAt
			})
			return out
		}
		singles := func(seq func(func(int) bool)) []any {
			var out []any
			n := 0
			seq(func(v int) bool {
				out = append(out, v)
				n++
				return n != stopAt
			})
			return out
		}
		same(t, "All", a, func() []any { return pairs(ours.All(a)) }, func() []any { return pairs(slices.All(a)) })
		same(t, "Backward", a, func() []any { return pairs(ours.Backward(a)) }, func() []any { return pairs(slices.Backward(a)) })
		same(t, "Values", a, func() []any { return singles(ours.Values(a)) }, func() []any { return singles(slices.Values(a)) })
		same(t, "Collect", a, func() []any { return []any{ours.Collect(seqOf(a))} }, func() []any { return []any{slices.Collect(seqOf(a))} })
		b := genInts(r)
		same(t, "AppendSeq", a, mutation(b, func(c []int) []int { return ours.AppendSeq(c, seqOf(a)) }), mutation(b, func(c []int) []int { return slices.AppendSeq(c, seqOf(a)) }))
		n := r.IntN(5) + 1
		chunks := func(seq func(func([]int) bool)) []any {
			var out []any
			k := 0
			seq(func(c []int) bool {
				out = append(out, c, cap(c))
				k++
				return k != stopAt
			})
			return out
		}
		same(t, fmt.Sprintf("Chunk(%d)", n), a, func() []any { return chunks(ours.Chunk(a, n)) }, func() []any { return chunks(slices.Chunk(a, n)) })
	}
}
