// spec: Function declarations
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func even(n int) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

func variadic(prefix string, nums ...int) string {
	return fmt.Sprint(prefix, len(nums), nums)
}

func main() {
	fmt.Println(fib(15))
	fmt.Println(divmod(17, 5))
	fmt.Println(even(10), odd(7))
	fmt.Println(variadic("n"), variadic("n", 1, 2))
}
