// spec: Type constraints, Satisfying a type constraint, Interface types, Method sets
package main

import (
	"fmt"
	"strings"
)

type Comparer[T any] interface {
	CompareTo(other T) int
}

type Monoid[M Monoid[M]] interface {
	Combine(M) M
}

type Version struct{ Major, Minor int }

func (v Version) CompareTo(o Version) int {
	if v.Major != o.Major {
		return v.Major - o.Major
	}
	return v.Minor - o.Minor
}

func (v Version) String() string { return fmt.Sprintf("v%d.%d", v.Major, v.Minor) }

type Text string

func (t Text) Combine(o Text) Text { return t + o }

type Bag map[string]int

func (b Bag) Combine(o Bag) Bag {
	out := Bag{}
	for k, v := range b {
		out[k] += v
	}
	for k, v := range o {
		out[k] += v
	}
	return out
}

func Latest[T Comparer[T]](xs ...T) T {
	best := xs[0]
	for _, x := range xs[1:] {
		if x.CompareTo(best) > 0 {
			best = x
		}
	}
	return best
}

func Fold[M Monoid[M]](empty M, xs ...M) M {
	acc := empty
	for _, x := range xs {
		acc = acc.Combine(x)
	}
	return acc
}

func main() {
	fmt.Println(Latest(Version{1, 2}, Version{1, 10}, Version{0, 99}))
	fmt.Println(Fold[Text]("", "ab", "cd", "ef"))
	b := Fold(Bag{}, Bag{"x": 1}, Bag{"x": 2, "y": 5})
	fmt.Println(b)
	fmt.Printf("%T\n", b)
	parts := strings.Split("a,b,c", ",")
	ts := make([]Text, len(parts))
	for i, p := range parts {
		ts[i] = Text(p)
	}
	fmt.Println(Fold(Text(">"), ts...))
}
