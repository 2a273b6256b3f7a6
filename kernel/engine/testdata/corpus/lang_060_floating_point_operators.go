// spec: Floating-point operators
package main

import (
	"fmt"
	"math"
)

func main() {
	zero := 0.0
	fmt.Println(1/zero, -1/zero, zero/zero)
	nan := math.NaN()
	fmt.Println(nan == nan, nan != nan, nan < 1, math.IsNaN(nan))
	negZero := math.Copysign(0, -1)
	fmt.Println(negZero, negZero == 0, math.Signbit(negZero), 1/negZero)
	fmt.Println(0.1+0.2, 0.1+0.2 == 0.3, float32(0.1)+float32(0.2))
	x := 1e308
	fmt.Println(x*10, -x*10)
	fmt.Println(math.Floor(-2.5), math.Round(-2.5), math.Trunc(2.7), math.Mod(7, -3))
	fmt.Printf("%.20f\n", 1.0/3)
	fmt.Println(math.MaxFloat64, math.SmallestNonzeroFloat64)
	fmt.Println(float32(1)/3*3 == 1, 100.0/3)
}
