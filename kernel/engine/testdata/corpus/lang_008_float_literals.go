// spec: Floating-point literals
package main

import "fmt"

func main() {
	fmt.Println(0., 72.40, 072.40, 2.71828, 1.e+0, 6.67428e-11, 1e6, .25, .12345e+5)
	fmt.Println(1_5., 0.15e+0_2)
	fmt.Println(0x1p-2, 0x2.p10, 0x1.Fp+0, 0x.8p-0, 0x1_FFFFp-16)
	var f32 float32 = 0.1
	fmt.Println(f32, float64(f32) == 0.1, 0.1+0.2)
	fmt.Printf("%.3f %e %g %G %v\n", 3.14159, 123456.789, 1e21, 1e-7, 100000000.0)
	fmt.Printf("%8.2f|%-8.2f|%+.1f\n", 3.14159, 2.5, 2.25)
}
