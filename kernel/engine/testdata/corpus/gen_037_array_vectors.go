// spec: Array types, Type definitions, Type parameter declarations, Floating-point operators
package main

import (
	"fmt"
	"math"
)

type Float interface{ ~float32 | ~float64 }

type Vec3[T Float] [3]T

func (v Vec3[T]) Add(o Vec3[T]) Vec3[T] {
	return Vec3[T]{v[0] + o[0], v[1] + o[1], v[2] + o[2]}
}

func (v Vec3[T]) Dot(o Vec3[T]) T { return v[0]*o[0] + v[1]*o[1] + v[2]*o[2] }

func (v Vec3[T]) Norm() T { return T(math.Sqrt(float64(v.Dot(v)))) }

func (v Vec3[T]) Scale(k T) Vec3[T] {
	for i := range v {
		v[i] *= k
	}
	return v
}

func Centroid[T Float](pts ...Vec3[T]) Vec3[T] {
	var sum Vec3[T]
	for _, p := range pts {
		sum = sum.Add(p)
	}
	return sum.Scale(1 / T(len(pts)))
}

func main() {
	a := Vec3[float64]{1, 2, 2}
	b := Vec3[float64]{4, 0, -1}
	fmt.Println(a.Add(b), a.Dot(b), a.Norm())
	fmt.Println(a.Scale(2), a)
	c := Centroid(a, b, Vec3[float64]{1, 1, 2})
	fmt.Printf("%.4f %T\n", c, c)
	f := Vec3[float32]{3, 4, 0}
	fmt.Printf("%v %T\n", f.Norm(), f.Norm())
	fmt.Println(a == Vec3[float64]{1, 2, 2}, len(a))
}
