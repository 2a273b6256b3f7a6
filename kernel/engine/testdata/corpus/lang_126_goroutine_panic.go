// spec: Go statements, Run-time panics
// known-failure: one cell and split: ends with 'engine process died: panic: assignment to entry in nil map [recovered, repanicked]', go run with 'panic: assignment to entry in nil map'
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
