// spec: Instantiations, Function types, Variable declarations, Handling panics
package main

import (
	"errors"
	"fmt"
	"strings"
)

func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func Catch[T any](f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
				return
			}
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f(), nil
}

func Identity[T any](v T) T { return v }

func parseYes(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	}
	return false, errors.New("not yes/no: " + s)
}

var ids = []func(int) int{Identity[int], func(n int) int { return -n }}

var upper func(string) string = Identity[string]

func main() {
	fmt.Println(Must(parseYes("YES")))
	v, err := Catch(func() bool { return Must(parseYes("perhaps")) })
	fmt.Println(v, err)
	n, err := Catch(func() int {
		var m map[string]int
		m["x"] = 1
		return 1
	})
	fmt.Println(n, err != nil)
	s, err := Catch(func() string { panic("plain") })
	fmt.Printf("%q %v\n", s, err)
	for _, f := range ids {
		fmt.Print(f(5), " ")
	}
	fmt.Println(upper("same"))
	fmt.Printf("%T\n", Identity[[]error])
}
