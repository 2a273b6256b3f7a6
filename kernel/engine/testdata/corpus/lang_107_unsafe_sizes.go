// spec: System considerations, Package unsafe, Size and alignment guarantees
// rejected: package unsafe is not supported by the Sluice interpreter
package main

import (
	"fmt"
	"unsafe"
)

type S struct {
	a bool
	b int64
	c uint16
}

func main() {
	var x struct{}
	fmt.Println(unsafe.Sizeof(int8(0)), unsafe.Sizeof(int16(0)), unsafe.Sizeof(float32(0)), unsafe.Sizeof(complex128(0)))
	fmt.Println(unsafe.Sizeof(x), unsafe.Sizeof([0]int{}), unsafe.Sizeof([3]int32{}))
	var s S
	fmt.Println(unsafe.Sizeof(s), unsafe.Alignof(s.b), unsafe.Offsetof(s.b), unsafe.Offsetof(s.c))
	arr := [4]int32{1, 2, 3, 4}
	p := unsafe.Pointer(&arr[0])
	third := (*int32)(unsafe.Add(p, 2*unsafe.Sizeof(arr[0])))
	fmt.Println(*third)
	bs := []byte("bytes")
	str := unsafe.String(&bs[0], len(bs))
	fmt.Println(str, len(unsafe.Slice(&arr[0], 3)))
}
