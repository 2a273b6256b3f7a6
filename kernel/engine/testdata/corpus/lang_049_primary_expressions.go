// spec: Primary expressions
package main

import (
	"fmt"
	"strings"
)

type Conf struct{ Tags map[string][]string }

func load() *Conf { return &Conf{Tags: map[string][]string{"k": {"v1", "v2"}}} }

func main() {
	fmt.Println(load().Tags["k"][1:][0])
	fmt.Println(strings.Fields(" a b ")[1], len(strings.Split("x,y,z", ",")))
	var i interface{} = []int{4, 5}
	fmt.Println(i.([]int)[1])
	f := func() func() int { return func() int { return 3 } }
	fmt.Println(f()())
	fmt.Println(Conf{}.Tags == nil, (&Conf{}).Tags["z"])
	s := []string{"a", "b", "c"}
	fmt.Println(s[len(s)-1], s[:2][1])
}
