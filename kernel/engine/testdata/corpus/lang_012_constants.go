// spec: Constants, Constant expressions
package main

import (
	"fmt"
	"math"
)

const Huge = 1 << 100
const Four int8 = Huge >> 98
const third = 1.0 / 3
const typed float32 = third

type Celsius float64

const boiling Celsius = 100

func main() {
	fmt.Println(Four, Huge>>97, third*3 == 1, typed)
	fmt.Printf("%T %T %T %T\n", Four, third, typed, boiling)
	fmt.Println(boiling/3, math.Pi*2)
	const a = 'x' + 1
	const b = 2.0 * 3
	var i int = b
	fmt.Printf("%T %v %T %v\n", a, a, i, i)
	const s = "con" + "cat"
	fmt.Println(len(s), s[0] == 'c')
	const mask = ^uint8(0)
	fmt.Println(mask, 7/2, 7/2.0, -7/2, 1<<3+1)
	fmt.Println(math.MaxInt64, uint64(math.MaxUint64), math.SmallestNonzeroFloat64 > 0)
	const c = 'a' + 1.0
	fmt.Printf("%T %v\n", c, c)
}
