// spec: Type inference, Instantiations, Type unification, Conversions between numeric types
package main

import "fmt"

type Numeric interface {
	~int | ~int16 | ~int64 | ~float32 | ~float64 | ~uint32
}

func Convert[To, From Numeric](v From) To {
	return To(v)
}

func ConvertAll[To, From Numeric](vs []From) []To {
	out := make([]To, len(vs))
	for i, v := range vs {
		out[i] = Convert[To](v)
	}
	return out
}

func Fill[S ~[]E, E any](n int, v E) S {
	s := make(S, n)
	for i := range s {
		s[i] = v
	}
	return s
}

type Names []string

func Apply[T any, R any](v T, fs ...func(T) R) []R {
	var out []R
	for _, f := range fs {
		out = append(out, f(v))
	}
	return out
}

func main() {
	f := Convert[float64](7)
	fmt.Printf("%v %T\n", f, f)
	i := Convert[int16](3.99)
	fmt.Printf("%v %T\n", i, i)
	u := Convert[uint32, int64](-1)
	fmt.Printf("%v %T\n", u, u)
	all := ConvertAll[float32]([]int{1, 2, 3})
	fmt.Printf("%v %T\n", all, all)
	n := Fill[Names](3, "x")
	fmt.Printf("%v %T\n", n, n)
	b := Fill[[]bool](2, true)
	fmt.Printf("%v %T\n", b, b)
	double := func(x int) int { return 2 * x }
	square := func(x int) int { return x * x }
	fmt.Println(Apply(5, double, square))
	var conv func(int) float64 = Convert[float64, int]
	fmt.Println(conv(9) / 2)
}
