// spec: Go statements, Method sets, Selectors, Calls
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type P struct{ X, Y int }

var (
	mu  sync.Mutex
	out []string
)

func record(s string) {
	mu.Lock()
	out = append(out, s)
	mu.Unlock()
}

func (p P) Show(tag string, wg *sync.WaitGroup) {
	defer wg.Done()
	record(fmt.Sprint(tag, " ", p))
}

func (p *P) Ptr(tag string, wg *sync.WaitGroup) {
	defer wg.Done()
	record(fmt.Sprint(tag, " ", *p))
}

func (p P) Sum(wg *sync.WaitGroup, ns ...int) {
	defer wg.Done()
	t := p.X + p.Y
	for _, n := range ns {
		t += n
	}
	record(fmt.Sprint("sum ", t))
}

type Shower interface {
	Show(string, *sync.WaitGroup)
}

type Outer struct {
	P
	Name string
}

type Gate struct{ wg sync.WaitGroup }

func (g *Gate) Done() { g.wg.Done() }

func main() {
	var wg sync.WaitGroup
	v := P{1, 1}
	p := &v
	other := &P{9, 9}
	var s Shower = P{5, 5}
	o := Outer{P{7, 7}, "outer"}
	wg.Add(7)
	go v.Show("value", &wg)
	go p.Show("through pointer", &wg)
	go p.Ptr("pointer", &wg)
	go s.Show("interface", &wg)
	go o.Show(o.Name, &wg)
	go v.Sum(&wg, []int{1, 2}...)
	cur := other
	go cur.Ptr("pointer variable", &wg)
	cur = p
	s = P{6, 6}
	o.X, o.Name = 0, "changed"
	wg.Wait()
	v.X = 42
	// In a loop each goroutine gets the receiver of its iteration.
	for i := range 3 {
		w := P{i, i}
		wg.Add(1)
		go w.Show(fmt.Sprint("loop ", i), &wg)
		w.X = -1
	}
	wg.Wait()
	g := &Gate{}
	g.wg.Add(1)
	go g.Done()
	g.wg.Wait()
	sort.Strings(out)
	fmt.Println(strings.Join(out, "\n"))
	fmt.Println(v, *cur, s)
}
