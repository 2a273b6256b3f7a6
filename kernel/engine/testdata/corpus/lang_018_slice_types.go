// spec: Slice types
package main

import "fmt"

func main() {
	arr := [5]int{1, 2, 3, 4, 5}
	s := arr[1:3]
	fmt.Println(s, len(s), cap(s))
	s[0] = 20
	fmt.Println(arr)
	s = append(s, 40)
	fmt.Println(arr, s)
	t := make([]int, 2, 2)
	u := append(t, 1)
	u[0] = 99
	fmt.Println(t, u)
	var nilS []int
	fmt.Println(nilS == nil, len(nilS), nilS)
	empty := []int{}
	fmt.Println(empty == nil, len(empty))
	matrix := [][]int{{1}, {2, 3}, {}}
	for _, row := range matrix {
		fmt.Print(len(row), " ")
	}
	fmt.Println()
}
