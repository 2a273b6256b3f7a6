// spec: General interfaces, Type constraints, Satisfying a type constraint, Underlying types
package main

import "fmt"

type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64 | ~string
}

type Celsius float64
type Grade string
type Rank int8

func Max[T Ordered](first T, rest ...T) T {
	m := first
	for _, v := range rest {
		if v > m {
			m = v
		}
	}
	return m
}

func Min[T Ordered](first T, rest ...T) T {
	m := first
	for _, v := range rest {
		if v < m {
			m = v
		}
	}
	return m
}

func Clamp[T Ordered](v, lo, hi T) T {
	return Max(lo, Min(v, hi))
}

func main() {
	fmt.Println(Max(3, 9, 2), Min(3, 9, 2))
	fmt.Println(Max("pear", "apple", "zucchini"))
	temps := []Celsius{21.5, -3, 37.25}
	hot := Max(temps[0], temps[1:]...)
	fmt.Printf("%v %T\n", hot, hot)
	g := Min[Grade]("B", "A", "C")
	fmt.Printf("%v %T\n", g, g)
	r := Clamp(Rank(120), 0, 100)
	fmt.Printf("%v %T\n", r, r)
	fmt.Println(Clamp(5.5, 1, 3), Clamp(uint16(2), 4, 8), Clamp("m", "a", "k"))
}
