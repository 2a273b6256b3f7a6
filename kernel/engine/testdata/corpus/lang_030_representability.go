// spec: Representability
package main

import "fmt"

func main() {
	var a byte = 'a'
	var b uint8 = 255
	var c int8 = -128
	var d float32 = 1e38
	var e float64 = 0x1p-1074
	var f int = 1e6 // a float constant that is an integer value
	var g complex64 = 1 + 0i
	var h float32 = 0.1 // rounds to float32
	fmt.Println(a, b, c, d, e, f, g, h)
	const x = 1 << 10
	var u16 uint16 = x
	fmt.Println(u16, uint8(x>>3))
	fmt.Println(float32(1)/3, 1.0/3)
}
