// spec: Return statements
package main

import (
	"errors"
	"fmt"
)

func noResult() { return }

func simple() float64 { return 2.5 }

func complexF() (re, im float64) { return -7.0, -4.0 }

func pass() (re, im float64) { return complexF() }

func named() (n int, err error) {
	n = 5
	if n > 3 {
		err = errors.New("too big")
		return
	}
	return n * 2, nil
}

func deferred() (result int) {
	defer func() { result *= 10 }()
	return 4
}

func main() {
	noResult()
	fmt.Println(simple())
	fmt.Println(complexF())
	fmt.Println(pass())
	fmt.Println(named())
	fmt.Println(deferred())
}
