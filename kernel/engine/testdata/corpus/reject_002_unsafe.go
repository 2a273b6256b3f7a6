// spec: Package unsafe
// rejected: package unsafe is not supported by the Sluice interpreter: the interpreter has no raw memory access; for sizes and layout use reflect
package main

import (
	"fmt"
	"unsafe"
)

func main() {
	arr := [3]int32{1, 2, 3}
	p := unsafe.Pointer(&arr[0])
	second := (*int32)(unsafe.Add(p, unsafe.Sizeof(arr[0])))
	fmt.Println(*second, unsafe.Sizeof(arr))
}
