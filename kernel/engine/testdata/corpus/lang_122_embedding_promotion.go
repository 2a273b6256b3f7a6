// spec: Struct types, Selectors, Method sets
package main

import (
	"fmt"
	"strings"
)

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Log(s string) { l.lines = append(l.lines, l.prefix+s) }
func (l Logger) Dump() string  { return strings.Join(l.lines, "; ") }

type Named interface{ Name() string }

type Animal struct{ name string }

func (a Animal) Name() string  { return a.name }
func (a Animal) Sound() string { return "..." }

type Dog struct {
	Animal
	*Logger
}

func (d Dog) Sound() string { return "woof (overrides " + d.Animal.Sound() + ")" }

func main() {
	d := Dog{Animal{"rex"}, &Logger{prefix: "> "}}
	d.Log("created")
	d.Log(d.Name())
	fmt.Println(d.Sound())
	fmt.Println(d.Dump())
	var n Named = d
	fmt.Println(n.Name())
	type Wrapper struct{ Named }
	w := Wrapper{d}
	fmt.Println(w.Name())
}
