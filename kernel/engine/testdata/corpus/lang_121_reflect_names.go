// spec: Type definitions, Representation of values
// std: reflect.TypeOf
package main

import (
	"fmt"
	"reflect"
)

type point struct{ X, Y int }
type ID int64
type Handler func(string) error

func (p point) Norm1() int { return p.X + p.Y }

func main() {
	for _, v := range []interface{}{point{1, 2}, &point{}, ID(3), []point{}, Handler(nil), map[string]point{}} {
		t := reflect.TypeOf(v)
		fmt.Printf("name=%q string=%q kind=%v pkg=%q\n", t.Name(), t.String(), t.Kind(), t.PkgPath())
	}
	t := reflect.TypeOf(point{})
	for i := 0; i < t.NumField(); i++ {
		fmt.Print(t.Field(i).Name, ":", t.Field(i).Type, " ")
	}
	fmt.Println()
	v := reflect.ValueOf(point{3, 4})
	fmt.Println(v.Field(1).Int(), point{3, 4}.Norm1())
}
