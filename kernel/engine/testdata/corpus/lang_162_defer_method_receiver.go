// spec: Defer statements, Method values, Method sets, Selectors
package main

import (
	"fmt"
	"strings"
	"sync"
)

type P struct{ X, Y int }

func (p P) Show(tag string) { fmt.Println(tag, p) }
func (p P) Plain()          { fmt.Println("plain", p) }
func (p *P) Ptr(tag string) { fmt.Println(tag, *p) }
func (p P) Sum(ns ...int) {
	t := p.X + p.Y
	for _, n := range ns {
		t += n
	}
	fmt.Println("sum", t)
}

type Shower interface{ Plain() }

type Outer struct {
	P
	Name string
}

type Log struct{ lines []string }

func (l *Log) Add(s string) { l.lines = append(l.lines, s) }

// oneDefer has a single deferred call: a value receiver is copied at the statement.
func oneDefer() {
	v := P{1, 1}
	defer v.Plain()
	v.X = 42
}

// throughPointer defers a value method through a pointer: *p is copied at the statement.
func throughPointer() {
	v := P{2, 2}
	p := &v
	defer p.Show("through pointer")
	v.X = 42
}

// manyDefers goes through a defer chain (two defer statements or more).
func manyDefers() {
	v := P{3, 3}
	p := &v
	defer v.Show("chain value")
	defer p.Show("chain pointer")
	defer p.Ptr("chain pointer receiver")
	defer v.Sum(1, 2)
	w := P{100, 100}
	p = &w
	v.X, v.Y = 0, 0
}

// reassigned defers a pointer method on a pointer variable assigned afterwards.
func reassigned() {
	a, b := &P{1, 0}, &P{2, 0}
	cur := a
	defer cur.Ptr("first pointer")
	cur = b
	a.Y = 9
}

// viaInterface defers a method of an interface value that changes afterwards.
func viaInterface() {
	var s Shower = P{5, 5}
	defer s.Plain()
	s = P{6, 6}
	_ = s
}

// promoted defers a promoted value method.
func promoted() {
	o := Outer{P{7, 7}, "o"}
	defer o.Plain()
	defer o.Show(o.Name)
	o.X, o.Name = 0, "changed"
}

// withRecover defers methods next to a recover.
func withRecover() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	v := P{8, 8}
	defer v.Show("before panic")
	v.X = -1
	panic("boom")
}

// inLoop defers in a loop: each iteration's receiver.
func inLoop() {
	v := P{}
	for i := range 3 {
		v.X = i
		defer v.Plain()
	}
	v.X = 99
}

func main() {
	oneDefer()
	throughPointer()
	manyDefers()
	reassigned()
	viaInterface()
	promoted()
	fmt.Println(withRecover())
	inLoop()
	log := &Log{}
	func() {
		var mu sync.Mutex
		mu.Lock()
		defer mu.Unlock()
		defer log.Add("deferred")
		log.Add("body")
	}()
	fmt.Println(strings.Join(log.lines, ","))
	var wg sync.WaitGroup
	v := P{4, 4}
	wg.Add(1)
	done := make(chan bool)
	go func() { defer wg.Done(); <-done; v.Plain() }()
	v.X = 40
	close(done)
	wg.Wait()
}
