// spec: Function literals
// Package sort (sort.Slice, sort.SliceStable) and package slices (SortFunc):
// Sorts whose comparator compares keys run compiled: the order, ties included, must be
// the one go run gives, for every comparator shape and key type.
package main

import (
	"cmp"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
)

type rec struct {
	Name  string
	Score float64
	Age   int
	tier  uint8
}

type Celsius float64

type base struct{ id uint32 }

type item struct {
	base
	label string
	w     int8
}

func weight(it item) int { return int(it.w) * 2 }

func main() {
	r := rand.New(rand.NewSource(1))
	n := 2000
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(r.Intn(50))
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	fmt.Println(xs[:5], xs[n-5:])
	recs := make([]rec, n)
	for i := range recs {
		recs[i] = rec{Name: fmt.Sprint("n", r.Intn(300)), Score: float64(r.Intn(20)), Age: r.Intn(9), tier: uint8(r.Intn(3))}
	}
	a := slices.Clone(recs)
	sort.Slice(a, func(i, j int) bool { return a[i].Score > a[j].Score })
	fmt.Println(a[:6])
	b := slices.Clone(recs)
	sort.Slice(b, func(i, j int) bool {
		if b[i].Age != b[j].Age {
			return b[i].Age < b[j].Age
		}
		return b[i].Name < b[j].Name
	})
	fmt.Println(b[:6])
	c := slices.Clone(recs)
	sort.SliceStable(c, func(i, j int) bool { return c[i].tier < c[j].tier || c[i].tier == c[j].tier && c[j].Score < c[i].Score })
	fmt.Println(c[:6])
	d := slices.Clone(recs)
	slices.SortFunc(d, func(x, y rec) int { return cmp.Compare(y.Score, x.Score) })
	fmt.Println(d[:6])
	e := slices.Clone(recs)
	slices.SortStableFunc(e, func(x, y rec) int {
		if c := strings.Compare(x.Name, y.Name); c != 0 {
			return c
		}
		return cmp.Compare(x.Age, y.Age)
	})
	fmt.Println(e[:6])
	f := slices.Clone(recs)
	slices.SortFunc(f, func(x, y rec) int { return cmp.Or(cmp.Compare(x.tier, y.tier), cmp.Compare(x.Name, y.Name)) })
	fmt.Println(f[:6])
	idx := make([]int, 20)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return recs[idx[i]].Score > recs[idx[j]].Score })
	fmt.Println(idx)
	ps := make([]*rec, 50)
	for i := range ps {
		ps[i] = &recs[i]
	}
	sort.Slice(ps, func(i, j int) bool { return ps[j].Age <= ps[i].Age })
	for _, p := range ps[:8] {
		fmt.Print(*p, " ")
	}
	fmt.Println()
	cs := []Celsius{3, -1, 2.5, 2.5, 0}
	sort.Slice(cs, func(i, j int) bool { return float64(cs[i]) < float64(cs[j]) })
	fmt.Println(cs)
	names := []string{"b", "a", "c", "a"}
	ages := []int{3, 1, 2, 0}
	sort.Slice(names, func(i, j int) bool { return ages[i] < ages[j] })
	fmt.Println(names)
	nan := []float64{3, 1, 0, 2}
	nan[1] = nan[1] / nan[2] * 0
	sort.Slice(nan, func(i, j int) bool { return nan[i] < nan[j] })
	fmt.Println(nan)
	cs2 := []Celsius{3, -1, 2.5, 2.5, 0}
	sort.Slice(cs2, func(i, j int) bool { return cs2[i] > cs2[j] })
	fmt.Println(cs2)
	items := make([]item, 300)
	for i := range items {
		items[i] = item{base{uint32(r.Intn(7))}, fmt.Sprint("L", r.Intn(5)), int8(r.Intn(11) - 5)}
	}
	i1 := slices.Clone(items)
	sort.Slice(i1, func(i, j int) bool { return i1[i].id < i1[j].id })
	fmt.Println(i1[:10])
	i2 := slices.Clone(items)
	sort.Slice(i2, func(i, j int) bool { return i2[i].base.id >= i2[j].base.id })
	fmt.Println(i2[:10])
	i3 := slices.Clone(items)
	slices.SortFunc(i3, func(a, b item) int {
		if c := cmp.Compare(b.label, a.label); c != 0 {
			return c
		}
		if c := cmp.Compare(a.w, b.w); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	fmt.Println(i3[:10])
	i4 := slices.Clone(items)
	sort.Slice(i4, func(i, j int) bool { return weight(i4[i]) < weight(i4[j]) })
	fmt.Println(i4[:10])
	i5 := slices.Clone(items)
	sort.Slice(i5, func(i, j int) bool { return -i5[i].w*3+1 < -i5[j].w*3+1 })
	fmt.Println(i5[:10])
	words := strings.Fields("the quick brown fox jumps over the lazy dog again and again")
	sort.SliceStable(words, func(i, j int) bool { return len(words[i]) < len(words[j]) })
	fmt.Println(words)
	slices.SortStableFunc(words, func(a, b string) int { return strings.Compare(a, b) })
	fmt.Println(words)
	var empty []rec
	sort.Slice(empty, func(i, j int) bool { return empty[i].Age < empty[j].Age })
	one := []rec{{Name: "x"}}
	sort.Slice(one, func(i, j int) bool { return one[i].Age < one[j].Age })
	fmt.Println(len(empty), one)
}
