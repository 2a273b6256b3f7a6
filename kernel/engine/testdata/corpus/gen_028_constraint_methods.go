// spec: General interfaces, Embedded interfaces, Type constraints, Implementing an interface
package main

import (
	"fmt"
	"strings"
)

type Labeled interface {
	~int | ~uint8
	Label() string
}

type StringishWithLen interface {
	~string
	Len() int
}

type Weekday int

func (d Weekday) Label() string {
	return [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[d%7]
}

type Level uint8

func (l Level) Label() string { return strings.Repeat("*", int(l)) }

type Word string

func (w Word) Len() int { return len(w) }

func NextLabels[T Labeled](start T, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, (start + T(i)).Label())
	}
	return out
}

func Longest[S StringishWithLen](xs ...S) S {
	var best S
	for _, x := range xs {
		if x.Len() > best.Len() {
			best = x
		}
	}
	return best
}

func Upper[S ~string](s S) S { return S(strings.ToUpper(string(s))) }

func main() {
	fmt.Println(NextLabels(Weekday(5), 4))
	fmt.Println(NextLabels(Level(1), 3))
	w := Longest[Word]("go", "gopher", "gc")
	fmt.Printf("%v %T %d\n", w, w, w.Len())
	fmt.Printf("%v %T\n", Upper(w), Upper(w))
	fmt.Println(Upper("plain"))
}
