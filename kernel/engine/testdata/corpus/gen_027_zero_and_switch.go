// spec: The zero value, Type switches, Type parameter declarations, Conversions
package main

import (
	"fmt"
	"strconv"
)

func Zero[T any]() T {
	var z T
	return z
}

func IsZero[T comparable](v T) bool {
	return v == Zero[T]()
}

func Describe[T any](v T) string {
	switch x := any(v).(type) {
	case nil:
		return "nil interface"
	case int:
		return "int " + strconv.Itoa(x)
	case string:
		return "string of len " + strconv.Itoa(len(x))
	case []T:
		return "slice of T"
	case fmt.Stringer:
		return "stringer " + x.String()
	case error:
		return "error " + x.Error()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

type Color int

func (c Color) String() string { return [...]string{"red", "green", "blue"}[c] }

type point struct{ x, y float64 }

func PtrTo[T any](v T) *T { return &v }

func main() {
	fmt.Printf("%q %v %v %v\n", Zero[string](), Zero[int](), Zero[*int]() == nil, Zero[[]int]() == nil)
	fmt.Printf("%+v %v\n", Zero[point](), Zero[[2]bool]())
	fmt.Println(IsZero(0), IsZero("x"), IsZero(point{}), IsZero[any](nil), IsZero(Color(1)))
	fmt.Println(Describe(42))
	fmt.Println(Describe("hello"))
	fmt.Println(Describe(Color(2)))
	fmt.Println(Describe(fmt.Errorf("boom")))
	fmt.Println(Describe[any](nil))
	fmt.Println(Describe(point{1, 2}))
	fmt.Println(Describe(3.5))
	p := PtrTo(point{3, 4})
	p.x = 9
	fmt.Printf("%T %+v\n", p, *p)
	n := PtrTo(PtrTo(5))
	**n++
	fmt.Println(**n)
}
