// spec: Method values, Defer statements, Function literals, Calls
package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

type P struct{ X int }

func (p P) Plain()           { fmt.Println("plain", p) }
func (p P) Cmp(a, b int) int { return (a - b) * p.X }
func (p P) Err() error       { return fmt.Errorf("err %d", p.X) }
func (p P) Map(r rune) rune  { return r + rune(p.X) }

var signals = make(chan bool)

func (p P) Signal() { fmt.Println("signal", p); signals <- true }

func run(f func()) { f() }

func main() {
	k := P{1}
	s := []int{3, 1, 2}
	slices.SortFunc(s, k.Cmp)
	fmt.Println(s)
	func() {
		defer run(k.Plain)
		k.X = 2
	}()
	var wg sync.WaitGroup
	wg.Add(1)
	go func(f func()) { defer wg.Done(); f() }(k.Plain)
	wg.Wait()
	done := make(chan bool)
	go run(func() { k.Plain(); done <- true })
	<-done
	fmt.Println(strings.Map(k.Map, "abc"))
	fmt.Println(errors.Join(k.Err(), P{5}.Err()))
	ctx, cancel := context.WithCancel(context.Background())
	fired := make(chan bool)
	context.AfterFunc(ctx, func() { fired <- true })
	cancel()
	<-fired
	k.X = 7
	context.AfterFunc(ctx, k.Signal)
	<-signals
	t := time.AfterFunc(time.Millisecond, k.Signal)
	<-signals
	t.Stop()
	fns := []func(){k.Plain}
	k.X = 8
	for _, f := range fns {
		defer f()
	}
}
