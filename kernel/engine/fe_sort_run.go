// Sorts by keys at run time: the compiled half of fe_sort.go.

package engine

import (
	"cmp"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// sortKeys is __sluice_fe.SortKeys: it sorts the slice x as the sorting function kind
// (sortKinds) would with a comparator comparing keys by ops (sortTerm.op), in the
// comparator's order. A key is a slice of int64, uint64, float64 or string with one
// value per element, or a keyPath (after the first letter of its storage type) to read
// from the elements; it reports false, having changed nothing, when a path does not
// fit the elements' run-time type.
func sortKeys(kind int, x any, ops string, keys ...any) bool {
	v := reflect.ValueOf(x)
	n := v.Len()
	if path, ok := keys[0].(string); ok && len(keys) == 1 && len(path) == 1 && sortElems(kind, x, ops) {
		return true
	}
	for k, key := range keys {
		if path, ok := key.(string); ok {
			ks, ok := readKeys(v, path)
			if !ok {
				return false
			}
			keys[k] = ks
		}
	}
	if n < 2 {
		return true
	}
	if len(keys) == 1 {
		if sortSingle(kind, x, ops, keys[0]) {
			return true
		}
	}
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	opl := strings.Split(ops, ",")
	if kind < 2 {
		less := lessOf(keys, opl)
		lessAt := func(a, b int) bool { return less(perm[a], perm[b]) }
		if kind == 0 {
			sort.Slice(perm, lessAt)
		} else {
			sort.SliceStable(perm, lessAt)
		}
	} else {
		c := compareOf(keys, opl)
		if kind == 2 {
			slices.SortFunc(perm, c)
		} else {
			slices.SortStableFunc(perm, c)
		}
	}
	permute(x, perm)
	return true
}

// sortElems sorts x in place when its key is the element and x is a slice of an
// ordered basic type the run time knows.
func sortElems(kind int, x any, op string) bool {
	switch xs := x.(type) {
	case []float64:
		sortDirect(kind, xs, op)
	case []int:
		sortDirect(kind, xs, op)
	case []int64:
		sortDirect(kind, xs, op)
	case []int32:
		sortDirect(kind, xs, op)
	case []string:
		sortDirect(kind, xs, op)
	case []float32:
		sortDirect(kind, xs, op)
	case []uint64:
		sortDirect(kind, xs, op)
	default:
		return false
	}
	return true
}

// sortSingle sorts by one key, by sorting (key, index) pairs, which keeps each
// comparison's reads together.
func sortSingle(kind int, x any, op string, key any) bool {
	var perm []int32
	switch ks := key.(type) {
	case []float64:
		perm = sortPairs(kind, ks, op)
	case []int64:
		perm = sortPairs(kind, ks, op)
	case []uint64:
		perm = sortPairs(kind, ks, op)
	case []string:
		perm = sortPairs(kind, ks, op)
	default:
		return false
	}
	permute(x, perm)
	return true
}

// sortDirect sorts xs itself by its elements.
func sortDirect[T cmp.Ordered](kind int, xs []T, op string) {
	switch kind {
	case 0, 1:
		less := func(i, j int) bool { return xs[i] < xs[j] }
		switch op {
		case ">":
			less = func(i, j int) bool { return xs[i] > xs[j] }
		case "<=":
			less = func(i, j int) bool { return xs[i] <= xs[j] }
		case ">=":
			less = func(i, j int) bool { return xs[i] >= xs[j] }
		}
		if kind == 0 {
			sort.Slice(xs, less)
		} else {
			sort.SliceStable(xs, less)
		}
	default:
		c := func(a, b T) int { return cmp.Compare(a, b) }
		if op == "d" {
			c = func(a, b T) int { return cmp.Compare(b, a) }
		}
		if kind == 2 {
			slices.SortFunc(xs, c)
		} else {
			slices.SortStableFunc(xs, c)
		}
	}
}

// keyed is an element's key and its index.
type keyed[T cmp.Ordered] struct {
	k T
	i int32
}

// sortPairs sorts (key, index) pairs and returns the indexes in their new order.
func sortPairs[T cmp.Ordered](kind int, ks []T, op string) []int32 {
	ps := make([]keyed[T], len(ks))
	for i, k := range ks {
		ps[i] = keyed[T]{k, int32(i)}
	}
	switch kind {
	case 0, 1:
		less := func(i, j int) bool { return ps[i].k < ps[j].k }
		switch op {
		case ">":
			less = func(i, j int) bool { return ps[i].k > ps[j].k }
		case "<=":
			less = func(i, j int) bool { return ps[i].k <= ps[j].k }
		case ">=":
			less = func(i, j int) bool { return ps[i].k >= ps[j].k }
		}
		if kind == 0 {
			sort.Slice(ps, less)
		} else {
			sort.SliceStable(ps, less)
		}
	default:
		c := func(a, b keyed[T]) int { return cmp.Compare(a.k, b.k) }
		if op == "d" {
			c = func(a, b keyed[T]) int { return cmp.Compare(b.k, a.k) }
		}
		if kind == 2 {
			slices.SortFunc(ps, c)
		} else {
			slices.SortStableFunc(ps, c)
		}
	}
	perm := make([]int32, len(ps))
	for i, p := range ps {
		perm[i] = p.i
	}
	return perm
}

// readKeys reads a key from each element of the slice v by path (see sortKeys).
func readKeys(v reflect.Value, path string) (any, bool) {
	n := v.Len()
	var steps []int
	var names []string
	for _, st := range strings.Split(path[1:], "|")[1:] {
		ix, name, _ := strings.Cut(st, " ")
		i, err := strconv.Atoi(ix)
		if err != nil {
			return nil, false
		}
		steps, names = append(steps, i), append(names, name)
	}
	// Check the run-time type once: yaegi keeps a cell struct's fields in order, an
	// unexported f as Xf.
	t := v.Type().Elem()
	for k, i := range steps {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || i >= t.NumField() || (t.Field(i).Name != names[k] && t.Field(i).Name != "X"+names[k]) {
			return nil, false
		}
		t = t.Field(i).Type
	}
	at := func(p int) reflect.Value {
		e := v.Index(p)
		for _, i := range steps {
			if e.Kind() == reflect.Pointer {
				if e.IsNil() {
					panic(&runtimeErr{msg: nilDeref})
				}
				e = e.Elem()
			}
			e = e.Field(i)
		}
		return e
	}
	switch path[0] {
	case 'f':
		if !t.ConvertibleTo(float64Type) || t.Kind() < reflect.Float32 || t.Kind() > reflect.Float64 {
			return nil, false
		}
		ks := make([]float64, n)
		if len(steps) == 0 && t == float64Type {
			copy(ks, v.Interface().([]float64))
			return ks, true
		}
		for p := range ks {
			ks[p] = at(p).Float()
		}
		return ks, true
	case 'i':
		if t.Kind() < reflect.Int || t.Kind() > reflect.Int64 {
			return nil, false
		}
		ks := make([]int64, n)
		for p := range ks {
			ks[p] = at(p).Int()
		}
		return ks, true
	case 'u':
		if t.Kind() < reflect.Uint || t.Kind() > reflect.Uintptr {
			return nil, false
		}
		ks := make([]uint64, n)
		for p := range ks {
			ks[p] = at(p).Uint()
		}
		return ks, true
	case 's':
		if t.Kind() != reflect.String {
			return nil, false
		}
		ks := make([]string, n)
		for p := range ks {
			ks[p] = at(p).String()
		}
		return ks, true
	}
	return nil, false
}

var float64Type = reflect.TypeFor[float64]()

// lessOf is the comparator: the first key that differs decides, the last always does.
func lessOf(keys []any, ops []string) func(a, b int32) bool {
	fs := make([]func(a, b int32) (less, differ bool), len(keys))
	for k, key := range keys {
		switch ks := key.(type) {
		case []int64:
			fs[k] = lessKey(ks, ops[k])
		case []uint64:
			fs[k] = lessKey(ks, ops[k])
		case []float64:
			fs[k] = lessKey(ks, ops[k])
		case []string:
			fs[k] = lessKey(ks, ops[k])
		}
	}
	last := fs[len(fs)-1]
	if len(fs) == 1 {
		return func(a, b int32) bool { less, _ := last(a, b); return less }
	}
	fs = fs[:len(fs)-1]
	return func(a, b int32) bool {
		for _, f := range fs {
			if less, differ := f(a, b); differ {
				return less
			}
		}
		less, _ := last(a, b)
		return less
	}
}

func lessKey[T cmp.Ordered](ks []T, op string) func(a, b int32) (bool, bool) {
	switch op {
	case ">":
		return func(a, b int32) (bool, bool) { x, y := ks[a], ks[b]; return x > y, x != y }
	case "<=":
		return func(a, b int32) (bool, bool) { x, y := ks[a], ks[b]; return x <= y, x != y }
	case ">=":
		return func(a, b int32) (bool, bool) { x, y := ks[a], ks[b]; return x >= y, x != y }
	}
	return func(a, b int32) (bool, bool) { x, y := ks[a], ks[b]; return x < y, x != y }
}

// compareOf is the slices comparator: the first key whose comparison is not 0 decides.
func compareOf(keys []any, ops []string) func(a, b int32) int {
	fs := make([]func(a, b int32) int, len(keys))
	for k, key := range keys {
		switch ks := key.(type) {
		case []int64:
			fs[k] = compareKey(ks, ops[k] == "d")
		case []uint64:
			fs[k] = compareKey(ks, ops[k] == "d")
		case []float64:
			fs[k] = compareKey(ks, ops[k] == "d")
		case []string:
			fs[k] = compareKey(ks, ops[k] == "d")
		}
	}
	return func(a, b int32) int {
		for _, f := range fs {
			if c := f(a, b); c != 0 {
				return c
			}
		}
		return 0
	}
}

func compareKey[T cmp.Ordered](ks []T, desc bool) func(a, b int32) int {
	if desc {
		return func(a, b int32) int { return cmp.Compare(ks[b], ks[a]) }
	}
	return func(a, b int32) int { return cmp.Compare(ks[a], ks[b]) }
}

// permute moves the elements of the slice x so that element p is the one perm[p] was,
// following the permutation's cycles with swaps.
func permute(x any, perm []int32) {
	swap := reflect.Swapper(x)
	done := make([]bool, len(perm))
	for i := range perm {
		if done[i] {
			continue
		}
		for j := int32(i); ; {
			done[j] = true
			k := perm[j]
			if int(k) == i {
				break
			}
			swap(int(j), int(k))
			j = k
		}
	}
}
