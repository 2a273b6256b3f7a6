// spec: Type parameter declarations
// An analyst's generics: group-by, sums over ~int64 types, cmp.Or sorts, time arithmetic, parsing errors.
package main

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

type Number interface {
	~int | ~int64 | ~float64
}

type Money int64

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func GroupBy[K comparable, V any](xs []V, key func(V) K) map[K][]V {
	out := map[K][]V{}
	for _, x := range xs {
		k := key(x)
		out[k] = append(out[k], x)
	}
	return out
}

type Row struct {
	Tier  string
	Spend Money
	When  time.Time
}

type Stats struct {
	N        int
	Mean, SD float64
}

func describe(xs []float64) Stats {
	if len(xs) == 0 {
		return Stats{}
	}
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return Stats{len(xs), m, math.Sqrt(v / float64(len(xs)-1))}
}

var errEmpty = errors.New("empty")

func parse(s string) (Money, error) {
	if s == "" {
		return 0, errEmpty
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("parse %q: %w", s, err)
	}
	return Money(math.Round(f * 100)), nil
}

func main() {
	base := time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)
	rows := []Row{
		{"gold", 1200, base},
		{"silver", 300, base.Add(36 * time.Hour)},
		{"gold", 800, base.AddDate(0, 1, 0)},
		{"bronze", 50, base.Add(-time.Minute)},
		{"silver", 450, base.Add(90 * time.Minute)},
	}
	g := GroupBy(rows, func(r Row) string { return r.Tier })
	for _, k := range slices.Sorted(maps.Keys(g)) {
		var spends []Money
		for _, r := range g[k] {
			spends = append(spends, r.Spend)
		}
		fmt.Printf("%-6s n=%d sum=%d max=%d\n", k, len(g[k]), Sum(spends), slices.Max(spends))
	}
	slices.SortFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Tier, b.Tier), -cmp.Compare(a.Spend, b.Spend))
	})
	for _, r := range rows {
		fmt.Println(r.Tier, r.Spend, r.When.Format(time.RFC3339), r.When.Weekday())
	}
	fmt.Println(Sum([]float64{0.1, 0.2}), Sum([]int{1, 2, 3}))
	st := describe([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	fmt.Printf("%+v %.4f\n", st, st.SD)
	for _, s := range []string{"12.345", "", "x1"} {
		m, err := parse(s)
		fmt.Println(m, err, errors.Is(err, errEmpty))
	}
	idx, found := slices.BinarySearchFunc(rows, "gold", func(r Row, t string) int { return strings.Compare(r.Tier, t) })
	fmt.Println(idx, found)
	d := rows[0].When.Sub(rows[1].When)
	fmt.Println(d, d.Hours(), d.Round(time.Hour))
	fmt.Println(math.Inf(1), -math.MaxFloat64, math.NaN() == math.NaN(), math.Floor(-2.5), math.Round(-2.5))
	fmt.Println(strconv.FormatFloat(1234.5678, 'f', 2, 64), strconv.Quote("tab\there"), strconv.Itoa(-0))
	keys := slices.Collect(maps.Keys(map[int]bool{3: true, 1: true, 2: false}))
	slices.Sort(keys)
	fmt.Println(keys, slices.Index(keys, 2), slices.Contains(keys, 9))
	chunks := slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2))
	fmt.Println(chunks, len(chunks))
}
