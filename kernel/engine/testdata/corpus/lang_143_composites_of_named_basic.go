// spec: Type definitions, Interface types
// An unnamed composite type over a named non-struct cell type, held in an interface.
package main

import (
	"fmt"
	"reflect"
)

type ID int64

type Celsius float64

func main() {
	id := ID(3)
	for _, v := range []any{map[string]ID{}, []Celsius{1}, &id, [2]ID{}, make(chan Celsius)} {
		fmt.Printf("%T|", v)
	}
	fmt.Println()
	var m any = map[string]ID{"a": 1}
	fmt.Println(reflect.TypeOf(m), m)
	xs := []Celsius{1.5}
	fmt.Printf("%T %v\n", xs, xs)
	var empty any = []Celsius{}
	fmt.Printf("%T\n", empty)
}
