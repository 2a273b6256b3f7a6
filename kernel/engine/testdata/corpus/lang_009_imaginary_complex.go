// spec: Imaginary literals, Manipulating complex numbers
package main

import (
	"fmt"
	"math/cmplx"
)

func main() {
	fmt.Println(0i, 123i, 0o123i, 0xabci, 0.i, 2.71828i, 1.e+0i, 1e6i, .25i, 0x1p-2i)
	c := complex(3, 4)
	fmt.Println(c, real(c), imag(c), cmplx.Abs(c))
	d := c * (1 - 2i)
	fmt.Println(d, d/c, c == complex(3, 4))
	var c64 complex64 = complex(float32(1.5), 2)
	fmt.Printf("%T %v %T\n", c64, c64, real(c64))
	const k = complex(1, 2)
	fmt.Println(real(k)*2, imag(k)+1)
	fmt.Printf("%.2f\n", cmplx.Sqrt(-4))
}
