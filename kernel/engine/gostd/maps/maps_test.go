package maps_test

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	ours "github.com/sluice-dev/sluice/kernel/engine/gostd/maps"
)

func genMap(r *rand.Rand) map[int]float64 {
	switch r.IntN(6) {
	case 0:
		return nil
	case 1:
		return map[int]float64{}
	}
	m := map[int]float64{}
	for range r.IntN(12) {
		v := float64(r.IntN(4))
		if r.IntN(8) == 0 {
			v = math.NaN()
		}
		m[r.IntN(10)] = v
	}
	return m
}

func show(m map[int]float64) string {
	return fmt.Sprintf("%v nil=%v", m, m == nil) // fmt prints maps sorted by key
}

// seq2 is an iterator over the sorted pairs of m that stops after stop pairs (when
// stop > 0).
func collectPairs(seq func(func(int, float64) bool), stop int) string {
	type kv struct {
		k int
		v float64
	}
	var out []kv
	seq(func(k int, v float64) bool {
		out = append(out, kv{k, v})
		return len(out) != stop
	})
	slices.SortFunc(out, func(a, b kv) int { return a.k - b.k })
	return fmt.Sprint(len(out), out)
}

func TestMapsMatchStd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 500 {
		a, b := genMap(r), genMap(r)
		if r.IntN(3) == 0 {
			b = maps.Clone(a)
			if r.IntN(2) == 0 && len(b) > 0 {
				for k := range b {
					b[k]++
					break
				}
			}
		}
		check := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s on %v, %v:\n ours %s\n std  %s", what, a, b, got, want)
			}
		}
		check("Equal", fmt.Sprint(ours.Equal(a, b)), fmt.Sprint(maps.Equal(a, b)))
		eq := func(x, y float64) bool { return x == y || (x != x && y != y) }
		check("EqualFunc", fmt.Sprint(ours.EqualFunc(a, b, eq)), fmt.Sprint(maps.EqualFunc(a, b, eq)))
		check("Clone", show(ours.Clone(a)), show(maps.Clone(a)))
		if a != nil {
			x, y := maps.Clone(a), maps.Clone(a)
			ours.Copy(x, b)
			maps.Copy(y, b)
			check("Copy", show(x), show(y))
			x, y = maps.Clone(a), maps.Clone(a)
			del := func(k int, v float64) bool { return k%2 == 0 || v != v }
			ours.DeleteFunc(x, del)
			maps.DeleteFunc(y, del)
			check("DeleteFunc", show(x), show(y))
			x, y = maps.Clone(a), maps.Clone(a)
			ours.Insert(x, maps.All(b))
			maps.Insert(y, maps.All(b))
			check("Insert", show(x), show(y))
		}
		check("Collect", show(ours.Collect(maps.All(a))), show(maps.Collect(maps.All(a))))
		stop := r.IntN(4)
		check("All", collectPairs(ours.All(a), stop)[:1], collectPairs(maps.All(a), stop)[:1])
		keys := func(seq func(func(int) bool)) string {
			var out []int
			seq(func(k int) bool { out = append(out, k); return len(out) != stop })
			slices.Sort(out)
			return fmt.Sprint(out)
		}
		values := func(seq func(func(float64) bool)) string {
			var out []float64
			seq(func(v float64) bool { out = append(out, v); return len(out) != stop })
			if stop > 0 {
				return fmt.Sprint(len(out)) // which values come first is unspecified
			}
			slices.Sort(out)
			return fmt.Sprint(out)
		}
		if stop == 0 {
			check("Keys", keys(ours.Keys(a)), keys(maps.Keys(a)))
		} else {
			check("Keys count", fmt.Sprint(len(keys(ours.Keys(a)))), fmt.Sprint(len(keys(maps.Keys(a)))))
		}
		check("Values", values(ours.Values(a)), values(maps.Values(a)))
	}
}
