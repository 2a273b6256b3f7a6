// spec: Arithmetic operators, Integer operators
package main

import "fmt"

func main() {
	for _, p := range [][2]int{{7, 2}, {-7, 2}, {7, -2}, {-7, -2}} {
		fmt.Println(p[0]/p[1], p[0]%p[1])
	}
	fmt.Println(-7>>1, -8>>1, 7>>1, -1>>10)
	var u uint8 = 0xF0
	fmt.Println(u>>4, u<<1, ^u, u&^0x30)
	var i int8 = -128
	fmt.Println(i/-1, i%-1)
	x := 11
	fmt.Println(x/4, x%4, x<<3, x>>1, x&6, x|4, x^7)
	s := 70
	fmt.Println(1<<s == 0, uint64(1)<<63)
	fmt.Println(float64(7)/2, 7.0/2.0, 1/2)
	defer func() { fmt.Println("recovered:", recover()) }()
	zero := 0
	fmt.Println(1 / zero)
}
