// spec: Alias declarations, Go 1.9
package main

import "fmt"

type Meters = float64
type Table = map[string][]int

type T struct{ V int }
type Alias = T

func (a Alias) Double() int { return a.V * 2 } // a method on the alias is a method on T

func main() {
	var m Meters = 3.5
	var f float64 = m
	fmt.Printf("%T %v\n", m, f)
	t := Table{"a": {1, 2}}
	t["b"] = append(t["b"], 3)
	fmt.Printf("%T %v\n", t, t)
	x := Alias{V: 21}
	fmt.Println(x.Double(), T(x) == x)
	fmt.Printf("%T %#v\n", x, x)
	type local = []Alias
	fmt.Printf("%T\n", local{{1}})
}
