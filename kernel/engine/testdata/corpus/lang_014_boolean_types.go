// spec: Types, Boolean types
package main

import "fmt"

type Flag bool

func (f Flag) String() string {
	if f {
		return "on"
	}
	return "off"
}

func main() {
	var b bool
	fmt.Println(b, !b, b == false)
	f := Flag(3 > 2)
	fmt.Println(f, !f, Flag(false))
	fmt.Printf("%v %t %T\n", f, bool(f), f)
	results := []bool{1 < 2 && 2 < 3, 1 > 2 || false}
	fmt.Println(results)
	type Nested [2]Flag
	fmt.Println(Nested{true, false})
}
