// spec: Go statements, Run-time panics
package main

import (
	"fmt"
	"sync"
)

func main() {
	fmt.Println("starting a worker that panics")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		var m map[string]int
		m["boom"] = 1
		wg.Done() // not reached (with a deferred Done, go run itself may print the line below)
	}()
	wg.Wait()
	fmt.Println("not reached: the panic ends the program")
}
