// spec: For statements with range clause
// A recover in a call deferred inside the body of a range over a function stops the
// panic of the enclosing function, as the deferred calls run when it returns.
package main

import (
	"fmt"
	"slices"
)

func f() (out string) {
	for x := range slices.Values([]int{1, 2}) {
		defer func() {
			if r := recover(); r != nil {
				out = fmt.Sprint("recovered ", r, " in defer of ", x)
			}
		}()
	}
	panic("boom")
}

func g() (n int) {
	defer func() { n += 100 }()
	for i := range slices.Values([]int{1, 2, 3}) {
		defer func() {
			if recover() != nil {
				n += i
			}
		}()
		if i == 3 {
			var m map[string]int
			m["x"] = 1
		}
	}
	return -1
}

func main() {
	fmt.Println(f())
	fmt.Println(g())
}
