// spec: Conversions, Conversions between numeric types
package main

import (
	"fmt"
	"math"
)

type Celsius float64
type ID int

func main() {
	f := 3.99
	fmt.Println(int(f), int(-f), int64(math.Trunc(2.5)))
	minus := int16(-1)
	var big int64 = 1<<40 + 5
	fmt.Println(int32(big), int8(big), uint8(300&0xff), int16(-1), uint16(minus))
	var i = 16777217
	fmt.Println(float32(i), float64(i))
	c := Celsius(36.6)
	fmt.Println(float64(c)+1, ID(7), int(ID(7))*2)
	fmt.Println(uint32(1<<31), int32(-2147483648))
	var neg int = -1
	fmt.Println(uint64(neg), uint8(neg))
	fmt.Println(float32(0.1) == 0.1, float64(float32(0.1)))
	p := (*int)(nil)
	fmt.Println(p == nil, (func())(nil) == nil)
	fmt.Printf("%T %T\n", []byte("x"), (interface{})(c))
}
