// spec: Return statements, Address operators, Function literals, Calls
package main

import "fmt"

type P struct{ X, Y int }

func mk(i int) *P { p := P{i, i}; return &p }

func mkArr(i int) *[3]int {
	var a [3]int
	a[0] = i
	return &a
}

func named(i int) (p P, pp *P) {
	p.X = i
	pp = &p
	return
}

func counter() func() int {
	n := 0
	return func() int { n++; return n }
}

func tree(d int) *[2]*P {
	var kids [2]*P
	if d == 0 {
		return &kids
	}
	for i := range kids {
		v := P{d, i}
		kids[i] = &v
	}
	sub := tree(d - 1)
	_ = sub
	return &kids
}

func elem(s []P, i int) *P { return &s[i] }

func main() {
	a, b := mk(1), mk(2)
	a.X = 10
	fmt.Println(*a, *b)
	var ps []*P
	for i := range 3 {
		ps = append(ps, mk(i))
	}
	for _, p := range ps {
		fmt.Print(*p, " ")
	}
	fmt.Println()
	x, y := mkArr(1), mkArr(2)
	x[1] = 5
	fmt.Println(*x, *y)
	p1, pp1 := named(1)
	p2, pp2 := named(2)
	pp1.Y = 7
	fmt.Println(p1, *pp1, p2, *pp2, pp1 == pp2)
	c1, c2 := counter(), counter()
	c1()
	c1()
	fmt.Println(c1(), c2())
	t1 := tree(2)
	t2 := tree(3)
	t1[0].X = 100
	fmt.Println(*t1[0], *t1[1], *t2[0], *t2[1])
	s := []P{{1, 1}, {2, 2}}
	e := elem(s, 1)
	e.X = 50
	fmt.Println(s)
	var list []*P
	for i := 0; i < 3; i++ {
		v := P{i, 0}
		list = append(list, &v)
	}
	list[0].Y = 9
	for _, p := range list {
		fmt.Print(*p, " ")
	}
	fmt.Println()
	m := map[string]*P{}
	for _, name := range []string{"a", "b"} {
		v := P{len(name), 0}
		m[name] = &v
	}
	m["a"].Y = 1
	fmt.Println(*m["a"], *m["b"])
}
