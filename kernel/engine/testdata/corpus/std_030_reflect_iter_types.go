// std: reflect.TypeFor, iter.Seq, iter.Seq2, slices.Values, maps.All, reflect.TypeOf
package main

import (
	"fmt"
	"iter"
	"maps"
	"reflect"
	"slices"
	"sync/atomic"
	"unique"
)

func main() {
	seq := reflect.TypeFor[iter.Seq[int]]()
	fmt.Println(seq, seq.Kind(), seq.Name())
	seq2 := reflect.TypeFor[iter.Seq2[string, []byte]]()
	fmt.Println(seq2, seq2.NumIn(), seq2.In(0))
	v := slices.Values([]float64{1})
	fmt.Println(reflect.TypeOf(v) == reflect.TypeFor[iter.Seq[float64]](), reflect.TypeOf(v).Kind())
	all := maps.All(map[string]int{})
	fmt.Println(reflect.TypeOf(all))
	fmt.Println(reflect.TypeFor[atomic.Pointer[string]]().Name(), reflect.TypeFor[unique.Handle[int]]().PkgPath())
	fmt.Printf("%T|%T\n", v, all)
}
