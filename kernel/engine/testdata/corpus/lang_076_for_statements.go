// spec: For statements, For statements with single condition, For statements with for clause
package main

import "fmt"

func main() {
	n := 1
	for n < 100 {
		n *= 3
	}
	fmt.Println(n)
	sum := 0
	for i := 0; i < 10; i += 2 {
		sum += i
	}
	fmt.Println(sum)
	i := 0
	for i < 3 {
		i++
	}
	fmt.Println(i)
	for j, k := 0, 10; j < k; j, k = j+1, k-2 {
		fmt.Print(j, ":", k, " ")
	}
	fmt.Println()
	count := 0
	for {
		count++
		if count == 5 {
			break
		}
	}
	fmt.Println(count)
}
