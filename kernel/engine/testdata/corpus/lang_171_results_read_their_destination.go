// spec: Calls, Method values, Function literals, Return statements
package main

import "fmt"

type P struct{ X, Y int }

func (p P) With(x int) P { p.X = x; return p }
func (p P) Swap() (q P)  { q.X, q.Y = p.Y, p.X; return }
func (p *P) Get() P      { return *p }

type I interface{ With(int) P }

var gp = P{1, 2}

func readG() P { r := gp; r.Y += 10; return r }

func named() (a [3]int) {
	a[0] += 1
	return
}

func two() (a, b int) { a, b = b+1, a+1; return }

func gen[T any](v T) (r T) { return v }

type Box struct{ V [2]int }

func (b Box) Bump() Box { b.V[0]++; return b }

func main() {
	p := P{1, 2}
	p = p.With(5)
	fmt.Println(p)
	p = p.Swap()
	fmt.Println(p)
	p = p.Swap().With(3)
	fmt.Println(p)
	var i I = p
	p = i.With(9)
	fmt.Println(p, i)
	pp := &p
	p = pp.Get()
	fmt.Println(p)
	gp = readG()
	fmt.Println(gp)
	gp = readG()
	fmt.Println(gp)
	// function literal
	x := 5
	x = func() int { return x * 2 }()
	fmt.Println(x)
	fl := func(n int) (s int) { s += n; return }
	x = fl(1)
	x = fl(2)
	fmt.Println(x)
	// closure reading destination
	y := 10
	get := func() (r int) { r = y + 1; return }
	y = get()
	y = get()
	fmt.Println(y)
	a := named()
	a = named()
	fmt.Println(a)
	q, r := two()
	q, r = two()
	fmt.Println(q, r)
	g := gen(7)
	g = gen(8)
	fmt.Println(g)
	gs := gen(P{1, 1})
	gs = gen(gs.With(4))
	fmt.Println(gs)
	b := Box{}
	b = b.Bump()
	b = b.Bump()
	c := b
	b = b.Bump()
	fmt.Println(b, c)
	// method value
	mv := p.With
	p.X = 100
	fmt.Println(mv(1), p)
	// field destination
	type H struct{ P P }
	h := H{P{1, 2}}
	h.P = h.P.With(h.P.Y)
	fmt.Println(h)
	arr := []P{{1, 2}, {3, 4}}
	arr[0] = arr[1].With(arr[0].X)
	fmt.Println(arr)
	mp := map[string]P{"a": {1, 2}}
	mp["a"] = mp["a"].Swap()
	fmt.Println(mp)
	// multi-value with method
	u, v := p.Swap(), p
	u, v = v, u
	fmt.Println(u, v)
	// struct returned from func literal with named and defer
	w := func() (r P) {
		defer func() { r.X *= 2 }()
		r = P{3, 3}
		return r
	}()
	w = func() (r P) {
		defer func() { r.X += w.X }()
		return P{1, 1}
	}()
	fmt.Println(w)
}
