// spec: Length and capacity
package main

import "fmt"

func main() {
	s := make([]int, 3, 10)
	fmt.Println(len(s), cap(s), len(s[:7]), cap(s[2:]))
	var a [5]string
	fmt.Println(len(a), cap(a))
	const c = len([4]int{}) // constant
	fmt.Println(c)
	str := "日本語"
	fmt.Println(len(str), len([]rune(str)))
	m := map[int]int{1: 1}
	fmt.Println(len(m))
	ch := make(chan bool, 4)
	ch <- true
	fmt.Println(len(ch), cap(ch))
	var p *[3]int
	fmt.Println(len(p), cap(p))
	var ns []int
	var nm map[string]int
	var nc chan int
	fmt.Println(len(ns), cap(ns), len(nm), len(nc), cap(nc))
}
