// spec: Method sets
// std: reflect.Type.NumMethod, reflect.Value.MethodByName
// rejected: reflect's method lookup (NumMethod) in a session whose cell types have methods (point.Norm1)
package main

import (
	"fmt"
	"reflect"
)

type point struct{ X, Y int }

func (p point) Norm1() int { return p.X + p.Y }

func main() {
	t := reflect.TypeOf(point{})
	fmt.Println(t.NumMethod(), t.Method(0).Name)
	v := reflect.ValueOf(point{3, 4})
	fmt.Println(v.MethodByName("Norm1").Call(nil)[0].Int())
}
