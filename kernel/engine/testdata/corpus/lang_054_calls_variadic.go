// spec: Calls, Passing arguments to ... parameters
package main

import "fmt"

func join(sep string, parts ...string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

func count(xs ...interface{}) int { return len(xs) }

func modify(xs ...int) { xs[0] = -1 }

func two() (int, int)  { return 3, 4 }
func add(a, b int) int { return a + b }

func main() {
	fmt.Println(join(","), join(",", "a"), join("-", "a", "b", "c"))
	parts := []string{"x", "y"}
	fmt.Println(join("+", parts...))
	fmt.Println(count(), count(nil), count(1, "a", nil), count([]interface{}{1, 2}...))
	nums := []int{1, 2, 3}
	modify(nums...) // the slice is passed, not copied
	fmt.Println(nums)
	fmt.Println(add(two()))
	var p *struct{ n int } = &struct{ n int }{1}
	fmt.Println(p.n)
	fmt.Println(fmt.Sprint(two()))
}
