// std: unique.Make, unique.Handle.Value
package main

import (
	"fmt"
	"strings"
	"unique"
)

type point struct{ X, Y int }

func main() {
	a := unique.Make("gopher")
	b := unique.Make(strings.ToLower("GOPHER"))
	c := unique.Make("gophers")
	fmt.Println(a == b, a == c, a.Value(), c.Value())
	fmt.Printf("%T\n", a)

	p1 := unique.Make(point{1, 2})
	p2 := unique.Make(point{1, 2})
	fmt.Println(p1 == p2, p1.Value().Y)

	seen := map[unique.Handle[string]]int{}
	for _, w := range strings.Fields("to be or not to be") {
		seen[unique.Make(w)]++
	}
	fmt.Println(len(seen), seen[unique.Make("be")], seen[unique.Make("or")])
	var zero unique.Handle[int]
	fmt.Println(zero == unique.Make(0))
	arr := unique.Make([2]string{"a", "b"})
	fmt.Println(arr.Value()[1])
}
