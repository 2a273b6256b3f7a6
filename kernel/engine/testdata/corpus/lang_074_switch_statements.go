// spec: Switch statements, Expression switches, Fallthrough statements
package main

import "fmt"

func grade(n int) string {
	switch {
	case n >= 90:
		return "A"
	case n >= 80:
		return "B"
	}
	return "C"
}

func main() {
	for _, d := range []string{"sat", "mon", "sun", "xyz"} {
		switch d {
		case "sat", "sun":
			fmt.Println(d, "weekend")
		case "mon":
			fmt.Println(d, "start")
			fallthrough
		case "tue":
			fmt.Println(d, "early week")
		default:
			fmt.Println(d, "unknown")
		}
	}
	fmt.Println(grade(95), grade(85), grade(10))
	switch x := 2; x * 2 {
	case 1 + 1:
		fmt.Println("two")
	case 4:
		fmt.Println("four")
		if x == 2 {
			break
		}
		fmt.Println("not reached")
	}
	calls := 0
	f := func(v int) int { calls++; return v }
	switch 3 {
	case f(1), f(3), f(5):
	}
	fmt.Println("cases evaluated:", calls)
	switch {
	default:
		fmt.Println("default first")
	case false:
	}
}
