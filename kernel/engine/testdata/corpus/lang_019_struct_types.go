// spec: Struct types
package main

import (
	"fmt"
	"reflect"
)

type Base struct{ ID int }

func (b Base) Describe() string { return fmt.Sprint("base ", b.ID) }

type Item struct {
	Base
	Name  string `json:"name" db:"item_name"`
	Price float64
	_     int
	x, y  int
}

func main() {
	it := Item{Base: Base{7}, Name: "pen", Price: 1.5, x: 1}
	fmt.Println(it.ID, it.Describe(), it.Name)
	f, _ := reflect.TypeOf(it).FieldByName("Name")
	fmt.Println(f.Tag.Get("json"), f.Tag.Get("db"))
	fmt.Println(reflect.TypeOf(it).NumField())
	anon := struct {
		A int
		B string
	}{1, "b"}
	fmt.Printf("%v %+v\n", anon, anon)
	var empty struct{}
	fmt.Println(empty == struct{}{})
}
