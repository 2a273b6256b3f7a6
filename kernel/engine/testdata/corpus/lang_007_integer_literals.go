// spec: Integer literals, Go 1.13
package main

import "fmt"

func main() {
	fmt.Println(42, 0600, 0o600, 0o17, 0xBadFace, 0xFF, 0b1011, 0b11)
	fmt.Println(1_000_000, 0x_FF_FF, 0b_1010_0101, 0_7)
	fmt.Println(170141183460469231731687303715884105727 % 1000)
	const big = 0xffffffffffffffffffff
	fmt.Println(big >> 64)
	var u uint64 = 1<<64 - 1
	fmt.Println(u)
	fmt.Printf("%x %o %b %O\n", 255, 8, 5, 8)
	x := 3
	fmt.Println(1<<x, x<<2) // signed shift counts (Go 1.13)
}
