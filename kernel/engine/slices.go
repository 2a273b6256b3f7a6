package engine

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"sort"
)

// yaegi interprets the generic functions of package slices from Go 1.22 sources that
// leave out sorting, searching, Min and Max. The cell rewriter sends calls of those to
// these reflection-based versions (see rewriter.call in calls.go).

// slicesFuncs maps a slices function to the runtime helper that replaces it and says
// whether the call is rewritten as s[helper(s)] (Min and Max return an element).
var slicesFuncs = map[string]struct {
	helper string
	index  bool
}{
	"Sort":           {"SlicesSort", false},
	"SortFunc":       {"SlicesSortFunc", false},
	"SortStableFunc": {"SlicesSortStableFunc", false},
	"IsSorted":       {"SlicesIsSorted", false},
	"IsSortedFunc":   {"SlicesIsSortedFunc", false},
	"BinarySearch":   {"SlicesBinarySearch", false},
	"Min":            {"SlicesMinIndex", true},
	"Max":            {"SlicesMaxIndex", true},
}

func slicesSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"SlicesSort":           reflect.ValueOf(slicesSort),
		"SlicesSortFunc":       reflect.ValueOf(func(s, f any) { slicesSortFunc(s, f, false) }),
		"SlicesSortStableFunc": reflect.ValueOf(func(s, f any) { slicesSortFunc(s, f, true) }),
		"SlicesIsSorted":       reflect.ValueOf(slicesIsSorted),
		"SlicesIsSortedFunc":   reflect.ValueOf(slicesIsSortedFunc),
		"SlicesBinarySearch":   reflect.ValueOf(slicesBinarySearch),
		"SlicesMinIndex":       reflect.ValueOf(func(s any) int { return extremeIndex(s, "Min", -1) }),
		"SlicesMaxIndex":       reflect.ValueOf(func(s any) int { return extremeIndex(s, "Max", 1) }),
	}
}

// compareValues compares two values of an ordered kind like cmp.Compare.
func compareValues(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(a.Uint(), b.Uint())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	}
	panic(fmt.Sprintf("slices: elements of type %s are not ordered", a.Type()))
}

func sliceOf(fn string, s any) reflect.Value {
	v := reflect.ValueOf(s)
	if v.Kind() != reflect.Slice {
		panic(fmt.Sprintf("slices.%s: argument of type %T is not a slice", fn, s))
	}
	return v
}

func slicesSort(s any) {
	v := sliceOf("Sort", s)
	sort.Slice(s, func(i, j int) bool { return compareValues(v.Index(i), v.Index(j)) < 0 })
}

func callCmp(f reflect.Value, a, b reflect.Value) int {
	return int(f.Call([]reflect.Value{a, b})[0].Int())
}

func slicesSortFunc(s, f any, stable bool) {
	v := sliceOf("SortFunc", s)
	fv := reflect.ValueOf(f)
	less := func(i, j int) bool { return callCmp(fv, v.Index(i), v.Index(j)) < 0 }
	if stable {
		sort.SliceStable(s, less)
		return
	}
	sort.Slice(s, less)
}

func slicesIsSorted(s any) bool {
	v := sliceOf("IsSorted", s)
	for i := 1; i < v.Len(); i++ {
		if compareValues(v.Index(i), v.Index(i-1)) < 0 {
			return false
		}
	}
	return true
}

func slicesIsSortedFunc(s, f any) bool {
	v := sliceOf("IsSortedFunc", s)
	fv := reflect.ValueOf(f)
	for i := 1; i < v.Len(); i++ {
		if callCmp(fv, v.Index(i), v.Index(i-1)) < 0 {
			return false
		}
	}
	return true
}

func slicesBinarySearch(s, target any) (int, bool) {
	v := sliceOf("BinarySearch", s)
	t := reflect.ValueOf(target)
	if t.Type() != v.Type().Elem() && t.CanConvert(v.Type().Elem()) {
		t = t.Convert(v.Type().Elem())
	}
	i := sort.Search(v.Len(), func(i int) bool { return compareValues(v.Index(i), t) >= 0 })
	return i, i < v.Len() && compareValues(v.Index(i), t) == 0
}

// extremeIndex returns the index of the smallest (sign -1) or largest (sign 1) element,
// the first NaN if there is one, like slices.Min and slices.Max.
func extremeIndex(s any, fn string, sign int) int {
	v := sliceOf(fn, s)
	if v.Len() == 0 {
		panic("slices." + fn + ": empty list")
	}
	best := 0
	for i := 0; i < v.Len(); i++ {
		x := v.Index(i)
		if (x.Kind() == reflect.Float32 || x.Kind() == reflect.Float64) && math.IsNaN(x.Float()) {
			return i
		}
		if i > 0 && compareValues(x, v.Index(best))*sign > 0 {
			best = i
		}
	}
	return best
}
