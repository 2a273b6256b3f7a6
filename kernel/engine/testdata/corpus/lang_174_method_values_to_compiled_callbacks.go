// spec: Method values, Calls, Function types
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

type P struct{ X, Y int }

func (p P) Plain()             { fmt.Println("plain", p) }
func (p P) Less(i, j int) bool { return p.X > 0 && i > j }

func run(f func()) { f() }

func main() {
	v := P{1, 1}
	once := sync.OnceFunc(v.Plain)
	v.X = 42
	once()
	w := P{2, 2}
	ch := make(chan bool)
	time.AfterFunc(time.Millisecond, func() { w.Plain(); ch <- true })
	<-ch
	u := P{3, 3}
	gate := make(chan bool)
	var wg sync.WaitGroup
	wg.Go(func() { <-gate; u.Plain() })
	u.X = 30
	close(gate)
	wg.Wait()
	z := P{4, 4}
	var wg2 sync.WaitGroup
	wg2.Go(z.Plain)
	wg2.Wait()
	q := P{5, 5}
	mv := q.Plain
	q.X = 50
	run(mv)
	run(q.Plain)
	s := []int{3, 1, 2}
	r := P{1, 0}
	sort.Slice(s, r.Less)
	fmt.Println(s)
	k := P{6, 6}
	f := sync.OnceValue(func() P { return k })
	k.X = 60
	fmt.Println(f())
	k2 := P{7, 7}
	later := []func(){k2.Plain}
	k2.X = 70
	done := make(chan bool)
	time.AfterFunc(time.Millisecond, func() { later[0](); done <- true })
	<-done
	k3 := P{8, 8}
	t := time.AfterFunc(time.Hour, k3.Plain)
	k3.X = 80
	t.Stop()
	k4 := P{9, 9}
	fired := make(chan bool)
	tf := func() { k4.Plain(); fired <- true }
	time.AfterFunc(time.Millisecond, tf)
	<-fired
}
