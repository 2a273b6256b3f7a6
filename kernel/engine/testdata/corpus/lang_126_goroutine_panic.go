// spec: Go statements, Run-time panics
// known-failure: flaky: on most runs the engine process dies (panic: assignment to entry in nil map [recovered, repanicked]) instead of failing the cell
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
		defer wg.Done()
		var m map[string]int
		m["boom"] = 1
	}()
	wg.Wait()
	fmt.Println("not reached: the panic ends the program")
}
