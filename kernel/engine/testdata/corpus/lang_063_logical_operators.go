// spec: Logical operators
package main

import "fmt"

var calls []string

func t(name string) bool { calls = append(calls, name); return true }
func f(name string) bool { calls = append(calls, name); return false }

func main() {
	fmt.Println(f("a") && t("b"), calls)
	calls = nil
	fmt.Println(t("c") || f("d"), calls)
	calls = nil
	fmt.Println(f("e") || t("f") && f("g"), calls)
	calls = nil
	fmt.Println(!t("h") || !f("i"), calls)
	var m map[string]int
	if m != nil && m["k"] > 0 {
		fmt.Println("unreachable")
	} else {
		fmt.Println("short-circuit avoided the nil map read")
	}
}
