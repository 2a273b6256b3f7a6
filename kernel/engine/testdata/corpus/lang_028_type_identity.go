// spec: Type identity
package main

import "fmt"

type Celsius float64
type Fahrenheit float64
type Pair = struct {
	A int
	B string
}

func show(p struct {
	A int
	B string
}) string {
	return fmt.Sprint(p.A, p.B)
}

func main() {
	var c Celsius = 100
	f := Fahrenheit(c*9/5 + 32)
	fmt.Println(c, f)
	// Unnamed struct types with identical fields are identical.
	p := Pair{1, "one"}
	fmt.Println(show(p))
	var fn func(int) string = func(n int) string { return fmt.Sprint(n) }
	var fn2 func(x int) string = fn
	fmt.Println(fn2(5))
	var a [3]int
	var b [3]int = a
	fmt.Println(a == b)
	fmt.Printf("%T %T\n", c, p)
}
