// spec: Blank identifier
package main

import (
	"fmt"
	_ "strings"
)

type T struct{}

func (T) String() string { return "T" }

var _ fmt.Stringer = T{} // compile-time interface check

func pair() (int, string) { return 1, "one" }

func main() {
	_, s := pair()
	n, _ := pair()
	fmt.Println(s, n)
	for _, c := range "ab" {
		fmt.Print(string(c))
	}
	fmt.Println()
	var _ = 5
	_ = fmt.Sprint("discarded")
	xs := []int{1, 2}
	for range xs {
		fmt.Print(".")
	}
	fmt.Println()
	type withPad struct {
		A int
		_ int
		B int
	}
	fmt.Printf("%+v\n", withPad{A: 1, B: 2})
}
