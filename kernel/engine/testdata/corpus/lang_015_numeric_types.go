// spec: Numeric types
package main

import (
	"fmt"
	"math"
)

func main() {
	var i8 int8 = math.MaxInt8
	var u8 uint8 = math.MaxUint8
	var i16 int16 = math.MinInt16
	var u32 uint32 = math.MaxUint32
	var i64 int64 = math.MinInt64
	var f32 float32 = math.MaxFloat32
	var by byte = 'b'
	var r rune = 'r'
	var up uintptr = 10
	fmt.Println(i8, u8, i16, u32, i64, f32, by, r, up)
	fmt.Printf("%T %T %T %T\n", by, r, 1.5, 2i)
	var n int = 1 << 62
	fmt.Println(n > 0, float64(n))
	fmt.Println(math.Inf(1), -math.Inf(1), math.NaN())
}
