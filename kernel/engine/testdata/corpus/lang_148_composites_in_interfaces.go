// spec: Interface types
// Values of unnamed composite types over named basic cell types (with String methods)
// stored in interfaces by assignment, append, returns, fields and channels; Print-family
// calls that spread a []any.
package main

import (
	"fmt"
	"log"
	"os"
	"reflect"
	"strings"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Tier int

func (t Tier) String() string { return [...]string{"low", "mid", "high"}[t] }

func show(v any) string { return fmt.Sprintf("%T %v", v, v) }

func pick() any { return map[Tier]Celsius{2: 3} }

type box struct{ V any }

func main() {
	temps := []Celsius{1.5, 20}
	var xs []any
	xs = append(xs, temps, map[string]Tier{"a": 1})
	fmt.Println(xs...)
	fmt.Println(show(temps), show(pick()))
	var a any
	a = temps[:1]
	fmt.Println(a, reflect.TypeOf(a))
	ch := make(chan Tier, 1)
	ch <- 2
	b := box{V: ch}
	fmt.Printf("%T %v\n", b.V, len(b.V.(chan Tier)))
	m := map[string]any{"t": &temps[1]}
	fmt.Printf("%T %v\n", m["t"], *(m["t"].(*Celsius)))
	fmt.Println(strings.Repeat("-", 3))
	ys := temps[1:]
	var c any = ys
	fmt.Println(c)
	nested := [][]Tier{{0, 1}, {2}}
	var f any = nested
	fmt.Println(f)
	var g any = []float64{1.5}
	fmt.Printf("%T %v\n", g, g)
	args := []any{Tier(1), "x", 3, []Tier{0, 2}}
	fmt.Println(args...)
	fmt.Printf("%v|%s|%d|%v\n", args...)
	fmt.Println(fmt.Sprint(args...))
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	log.Println(args...)
	log.Printf("%v %v", args[:2]...)
	var none []any
	fmt.Println(none...)
}
