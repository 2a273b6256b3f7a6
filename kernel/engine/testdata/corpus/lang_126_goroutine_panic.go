// spec: Go statements, Run-time panics
// known-failure: flaky: after a goroutine panics, the cell's main flow may run a few more statements before the engine stops it (go run ends at once)
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
