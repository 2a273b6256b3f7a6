// spec: For statements with range clause
package main

import (
	"fmt"
	"sort"
)

func main() {
	arr := [3]string{"a", "b", "c"}
	for i, v := range arr {
		arr[2] = "changed" // the range expression was copied
		fmt.Print(i, v, " ")
	}
	fmt.Println()
	sl := []int{1, 2, 3}
	for i := range sl {
		sl[i] *= 10
	}
	fmt.Println(sl)
	for i, r := range "aé😀" {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println()
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	var keys []string
	total := 0
	for k, v := range m {
		keys = append(keys, k)
		total += v
	}
	sort.Strings(keys)
	fmt.Println(keys, total)
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	for v := range ch {
		fmt.Print(v, " ")
	}
	fmt.Println()
	var nilSlice []int
	for range nilSlice {
		fmt.Println("never")
	}
	var p *[2]int
	for i := range p { // len of a nil array pointer is constant
		fmt.Print(i)
	}
	fmt.Println()
}
