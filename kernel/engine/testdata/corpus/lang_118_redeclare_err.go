// spec: Short variable declarations, Declarations and scope
package main

import (
	"fmt"
	"strconv"
)

func main() {
	a, err := strconv.Atoi("1")
	fmt.Println(a, err)
	{
		// A new a of another type in an inner block; err is redeclared there too.
		a, err := strconv.ParseFloat("1.5", 64)
		fmt.Println(a, err)
	}
	b, err := strconv.ParseFloat("2.5", 64)
	fmt.Println(a, b, err)
	_, err = strconv.Atoi("x")
	fmt.Println(err)
}
