// std: reflect.TypeFor, reflect.Type.Kind, reflect.Type.Name, reflect.Type.String
package main

import (
	"fmt"
	"reflect"
)

type Celsius float64

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Shape interface{ Area() float64 }

func Describe[T any]() string {
	t := reflect.TypeFor[T]()
	return fmt.Sprintf("%s kind=%s name=%q", t, t.Kind(), t.Name())
}

func main() {
	fmt.Println(Describe[int]())
	fmt.Println(Describe[Celsius]())
	fmt.Println(Describe[[]string]())
	fmt.Println(Describe[map[string][]int]())
	fmt.Println(Describe[error]())
	fmt.Println(Describe[Shape]())
	fmt.Println(Describe[*Celsius]())
	fmt.Println(Describe[Pair[string, int]]())
	fmt.Println(Describe[func(int) bool]())
	fmt.Println(reflect.TypeFor[Pair[int, bool]]().NumField(), reflect.TypeFor[Pair[int, bool]]().Field(1).Type)
	fmt.Println(reflect.TypeFor[error]() == reflect.TypeOf((*error)(nil)).Elem())
	fmt.Println(reflect.TypeFor[*Celsius]().Elem() == reflect.TypeOf(Celsius(0)))
	fmt.Println(reflect.TypeFor[Celsius]().ConvertibleTo(reflect.TypeFor[float64]()))
}
