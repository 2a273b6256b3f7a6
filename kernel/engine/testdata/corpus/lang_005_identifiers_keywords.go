// spec: Identifiers, Keywords, Predeclared identifiers
package main

import "fmt"

func main() {
	// Predeclared identifiers are not keywords: they can be shadowed in an inner scope.
	{
		len := func(s string) int { return 42 }
		true := false
		fmt.Println(len("abc"), true)
	}
	fmt.Println(len("abc"), true)
	var iota = 5
	var nil_ = []int(nil)
	fmt.Println(iota, nil_ == nil, cap(nil_))
	type int32 = string
	var s int32 = "int32 is now a string alias here"
	fmt.Println(s)
	_break, Select, go_ := 1, 2, 3
	fmt.Println(_break + Select + go_)
}
