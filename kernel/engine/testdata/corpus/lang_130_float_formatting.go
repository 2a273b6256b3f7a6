// spec: Floating-point literals, Numeric types
// std: strconv.FormatFloat
package main

import (
	"fmt"
	"math"
	"strconv"
)

func main() {
	vals := []float64{0, 1, -1.5, 1e6, 1e21, 1e-5, 123456789.0, math.Pi, 2.0 / 3, math.Inf(-1)}
	for _, v := range vals {
		fmt.Printf("%v|%g|%.3e|%8.3f|%s\n", v, v, v, v, strconv.FormatFloat(v, 'f', -1, 64))
	}
	var f32 float32 = 1.0 / 3
	fmt.Println(f32, float64(f32), strconv.FormatFloat(float64(f32), 'g', -1, 32))
	fmt.Println(fmt.Sprint(100.0), fmt.Sprint(1e20), fmt.Sprint(1e21))
	fmt.Printf("%x %X\n", 1.0, 0.5)
	p, _ := strconv.ParseFloat("1e-3", 64)
	fmt.Println(p, strconv.Quote(fmt.Sprint(p)))
}
