// spec: Assignment statements
package main

import "fmt"

type box struct{ v int }

type counter struct{ n int }

var (
	total = 5
	obj   = &box{1}
	xs    = []int{1, 2}
	grid  [2]int
	ptr   = new(int)
	log   []string
)

func named() (r int) {
	r = 10
	log = append(log, fmt.Sprint("named sees ", total, obj.v, xs[0], grid[0], *ptr))
	return
}

func deferred() int {
	defer func() { log = append(log, fmt.Sprint("deferred sees ", total)) }()
	return 20
}

func (c *counter) next() (n int) {
	n = c.n + 1
	log = append(log, fmt.Sprint("next sees ", c.n))
	return
}

func through(p *int) (r int) {
	r = 30
	log = append(log, fmt.Sprint("through sees ", *p))
	return
}

func state() (m map[string]int) {
	m = map[string]int{}
	for k, v := range counts {
		m[k] = v + 1
	}
	return
}

var counts = map[string]int{"a": 1}

func main() {
	total = named()
	obj.v = named()
	xs[0] = named()
	grid[0] = named()
	*ptr = named()
	total = deferred()
	c := &counter{3}
	c.n = c.next()
	loc := 4
	loc = through(&loc)
	counts = state()
	counts = state()
	for _, l := range log {
		fmt.Println(l)
	}
	fmt.Println(total, obj.v, xs, grid, *ptr, c.n, loc, counts)
}
