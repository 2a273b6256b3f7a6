// spec: Program initialization and execution, Program initialization, Program execution
package main

import "fmt"

var log []string

var ready = setup()

func setup() bool {
	log = append(log, "var ready")
	return true
}

func init() {
	log = append(log, "init 1")
}

func init() {
	log = append(log, fmt.Sprint("init 2 sees ready=", ready))
}

func main() {
	log = append(log, "main")
	for _, l := range log {
		fmt.Println(l)
	}
}
