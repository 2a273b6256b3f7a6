// spec: Integer overflow
package main

import (
	"fmt"
	"math"
)

func main() {
	var i8 int8 = 127
	i8++
	fmt.Println(i8)
	var u uint8 = 0
	u--
	fmt.Println(u)
	var i32 int32 = math.MaxInt32
	fmt.Println(i32+1, i32*2)
	var u16 uint16 = 65535
	u16 += 2
	fmt.Println(u16)
	x := math.MinInt64
	fmt.Println(x-1, -x == x)
	var h uint32 = 2166136261
	for _, c := range []byte("overflow") {
		h ^= uint32(c)
		h *= 16777619
	}
	fmt.Println(h)
	var m int64 = math.MaxInt64
	fmt.Println(m+m, uint64(m)*3)
}
