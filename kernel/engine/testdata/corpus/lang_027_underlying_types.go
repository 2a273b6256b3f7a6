// spec: Properties of types and values, Representation of values, Underlying types
package main

import (
	"fmt"
	"reflect"
)

type A1 = string
type A2 = A1
type B1 string
type B2 B1
type B3 []B1
type B4 B3

func main() {
	var b2 B2 = "x"
	s := string(b2)
	fmt.Println(s, reflect.TypeOf(b2).Kind(), reflect.TypeOf(B4{}).Kind())
	fmt.Printf("%T %T %T %T\n", A2("a"), b2, B3{"q"}, B4{"r"})
	b4 := B4(B3{"p"})
	fmt.Println(len(b4), b4[0])
	var f float32 = 16777217
	fmt.Println(f, int32(f))
	var u8 uint8 = 200
	fmt.Println(u8+100, int8(u8))
}
