// spec: Type assertions
package main

import (
	"fmt"
	"io"
	"strings"
)

type Shouter interface{ Shout() string }
type dog struct{}

func (dog) Shout() string { return "WOOF" }

func main() {
	var x interface{} = 7
	i := x.(int)
	s, ok := x.(string)
	fmt.Printf("%d %q %v\n", i, s, ok)
	var r io.Reader = strings.NewReader("abc")
	_, isWriter := r.(io.Writer)
	_, isSeeker := r.(io.Seeker)
	fmt.Println(isWriter, isSeeker)
	var any1 interface{} = dog{}
	if sh, ok := any1.(Shouter); ok {
		fmt.Println(sh.Shout())
	}
	var nothing interface{}
	_, ok = nothing.(int)
	fmt.Println(ok)
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
	}()
	_ = x.(string)
}
