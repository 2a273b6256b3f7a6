package engine

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/sluice-dev/sluice/kernel"
)

// Sorting a million elements in a cell (bench/engine-sort.md): the comparator shapes
// that run compiled (fe_sort.go), one that calls a cell function (still interpreted:
// its size is a tenth), and the same sorts compiled, for the ratio. The data are the
// same on both sides: seeded random floats, and records of a string among 1,000 and a
// float.
const sortBenchSetup = `import ("math/rand"; "sort"; "slices"; "cmp"; "strconv")
type rec struct { Name string; Score float64 }
r := rand.New(rand.NewSource(7))
src := make([]float64, 1000000)
for i := range src { src[i] = r.Float64() }
recSrc := make([]rec, 1000000)
for i := range recSrc { recSrc[i] = rec{strconv.Itoa(r.Intn(1000)), r.Float64()} }
ys := make([]float64, len(src))
rs := make([]rec, len(recSrc))
small := make([]float64, 100000)
func lessF(a, b float64) bool { return a < b }`

var sortBenchCells = []struct{ name, cell string }{
	{"floats", "copy(ys, src)\nsort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })"},
	{"struct field", "copy(rs, recSrc)\nsort.Slice(rs, func(i, j int) bool { return rs[i].Score < rs[j].Score })"},
	{"two keys", "copy(rs, recSrc)\nsort.Slice(rs, func(i, j int) bool {\n\tif rs[i].Name != rs[j].Name {\n\t\treturn rs[i].Name < rs[j].Name\n\t}\n\treturn rs[i].Score < rs[j].Score\n})"},
	{"slices.SortFunc field", "copy(rs, recSrc)\nslices.SortFunc(rs, func(a, b rec) int { return cmp.Compare(a.Score, b.Score) })"},
	{"cell function 100k", "copy(small, src)\nsort.Slice(small, func(i, j int) bool { return lessF(small[i], small[j]) })"},
}

func BenchmarkCellSort(b *testing.B) {
	e := newEngine(b)
	ctx := context.Background()
	if _, err := e.Execute(ctx, sortBenchSetup, &kernel.CellIO{}); err != nil {
		b.Fatal(err)
	}
	for _, c := range sortBenchCells {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := e.Execute(ctx, c.cell, &kernel.CellIO{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompiledSort is the same work compiled.
func BenchmarkCompiledSort(b *testing.B) {
	type rec struct {
		Name  string
		Score float64
	}
	r := rand.New(rand.NewSource(7))
	src := make([]float64, 1000000)
	for i := range src {
		src[i] = r.Float64()
	}
	recSrc := make([]rec, 1000000)
	for i := range recSrc {
		recSrc[i] = rec{strconv.Itoa(r.Intn(1000)), r.Float64()}
	}
	ys, rs := make([]float64, len(src)), make([]rec, len(recSrc))
	b.Run("floats", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			copy(ys, src)
			sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
		}
	})
	b.Run("struct field", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			copy(rs, recSrc)
			sort.Slice(rs, func(i, j int) bool { return rs[i].Score < rs[j].Score })
		}
	})
	b.Run("two keys", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			copy(rs, recSrc)
			sort.Slice(rs, func(i, j int) bool {
				if rs[i].Name != rs[j].Name {
					return rs[i].Name < rs[j].Name
				}
				return rs[i].Score < rs[j].Score
			})
		}
	})
	b.Run("slices.SortFunc field", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			copy(rs, recSrc)
			slices.SortFunc(rs, func(a, b rec) int {
				if a.Score < b.Score {
					return -1
				}
				if a.Score > b.Score {
					return 1
				}
				return 0
			})
		}
	})
}

// TestCellSortMatchesCompiled checks the benchmark's cells sort as compiled Go does.
func TestCellSortMatchesCompiled(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	setup := `import ("math/rand"; "sort"; "fmt"; "strconv")
type rec struct { Name string; Score float64 }
r := rand.New(rand.NewSource(7))
rs := make([]rec, 50000)
for i := range rs { rs[i] = rec{strconv.Itoa(r.Intn(100)), float64(r.Intn(50))} }
sort.Slice(rs, func(i, j int) bool { return rs[i].Score < rs[j].Score })
fmt.Sprint(rs[:40])`
	v, err := e.Execute(ctx, setup, &kernel.CellIO{})
	if err != nil {
		t.Fatal(err)
	}
	type rec struct {
		Name  string
		Score float64
	}
	r := rand.New(rand.NewSource(7))
	rs := make([]rec, 50000)
	for i := range rs {
		rs[i] = rec{strconv.Itoa(r.Intn(100)), float64(r.Intn(50))}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Score < rs[j].Score })
	want := fmt.Sprint(rs[:40])
	if got := v.(string); got != want {
		t.Fatalf("ties ordered differently:\ncell:     %s\ncompiled: %s", got, want)
	}
}
