// spec: General interfaces, Type constraints, Conversions, Type parameter declarations
package main

import "fmt"

type Integer interface {
	~int | ~int32 | ~int64 | ~uint8
}

type Float interface {
	~float32 | ~float64
}

type Number interface {
	Integer | Float
}

type Meters int64
type Ratio float32

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Mean[T Number](xs []T) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs...)) / float64(len(xs))
}

func Abs[T Number](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

func Scale[S ~[]E, E Number](s S, k E) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = v * k
	}
	return out
}

type Distances []Meters

func main() {
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.25))
	d := Distances{100, 250, 75}
	fmt.Printf("%v %T\n", Sum(d...), Sum(d...))
	scaled := Scale(d, 2)
	fmt.Printf("%v %T\n", scaled, scaled)
	fmt.Printf("%.3f\n", Mean([]Ratio{0.5, 0.25, 0.75}))
	fmt.Println(Abs(-7), Abs(Meters(-3)), Abs(-2.5), Abs(uint8(200)))
	var overflow uint8 = 200
	fmt.Println(Sum(overflow, overflow))
	fmt.Println(Mean([]int{}))
}
