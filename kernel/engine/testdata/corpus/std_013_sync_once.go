// std: sync.OnceValue, sync.OnceValues, sync.OnceFunc, sync.WaitGroup.Go
package main

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
)

func main() {
	calls := 0
	config := sync.OnceValue(func() map[string]string {
		calls++
		return map[string]string{"mode": "fast"}
	})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { _ = config()["mode"] })
	}
	wg.Wait()
	fmt.Println(config()["mode"], calls)

	parses := 0
	port := sync.OnceValues(func() (int, error) {
		parses++
		return strconv.Atoi("80x")
	})
	for range 3 {
		p, err := port()
		fmt.Println(p, err != nil)
	}
	fmt.Println(parses)

	inits := 0
	setup := sync.OnceFunc(func() { inits++ })
	setup()
	setup()
	fmt.Println(inits)

	boom := sync.OnceFunc(func() { panic(errors.New("init failed")) })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("attempt", i, "recovered:", recover()) }()
			boom()
		}()
	}
	pv := sync.OnceValue(func() int { panic("no value") })
	func() {
		defer func() { fmt.Println("OnceValue recovered:", recover()) }()
		pv()
	}()
}
