// spec: Type constraints, Type inference, Pointer types, Method sets
package main

import (
	"fmt"
	"strconv"
	"strings"
)

type Parser[T any] interface {
	*T
	Parse(string) error
}

type Celsius struct{ Deg float64 }

func (c *Celsius) Parse(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "C"), 64)
	c.Deg = v
	return err
}

type Flag struct{ On bool }

func (f *Flag) Parse(s string) error {
	switch s {
	case "on", "yes":
		f.On = true
	case "off", "no":
		f.On = false
	default:
		return fmt.Errorf("bad flag %q", s)
	}
	return nil
}

func ParseAll[T any, PT Parser[T]](inputs ...string) ([]T, error) {
	out := make([]T, 0, len(inputs))
	for _, in := range inputs {
		var v T
		if err := PT(&v).Parse(in); err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

type Resetter[T any] interface {
	*T
	Reset()
}

type Buf struct{ parts []string }

func (b *Buf) Reset() { b.parts = b.parts[:0] }

func ResetAll[T any, P Resetter[T]](xs []T) {
	for i := range xs {
		P(&xs[i]).Reset()
	}
}

func main() {
	temps, err := ParseAll[Celsius]("21.5C", "-4C")
	fmt.Println(temps, err)
	flags, err := ParseAll[Flag]("on", "no", "maybe", "yes")
	fmt.Println(flags, err)
	bufs := []Buf{{[]string{"a"}}, {[]string{"b", "c"}}}
	ResetAll(bufs)
	fmt.Println(len(bufs[0].parts), len(bufs[1].parts))
	fmt.Printf("%T\n", temps)
}
