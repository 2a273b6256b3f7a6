// spec: Type parameter declarations, Type constraints, For statements, Map types
package main

import "fmt"

type Graph[N comparable] struct {
	nodes []N
	adj   map[N][]N
}

func NewGraph[N comparable]() *Graph[N] {
	return &Graph[N]{adj: map[N][]N{}}
}

func (g *Graph[N]) addNode(n N) {
	if _, ok := g.adj[n]; !ok {
		g.adj[n] = nil
		g.nodes = append(g.nodes, n)
	}
}

func (g *Graph[N]) Edge(a, b N) *Graph[N] {
	g.addNode(a)
	g.addNode(b)
	g.adj[a] = append(g.adj[a], b)
	return g
}

func (g *Graph[N]) BFS(start N) []N {
	seen := map[N]bool{start: true}
	queue := []N{start}
	var order []N
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		order = append(order, n)
		for _, m := range g.adj[n] {
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	return order
}

func (g *Graph[N]) TopoSort() ([]N, bool) {
	indeg := map[N]int{}
	for _, n := range g.nodes {
		for _, m := range g.adj[n] {
			indeg[m]++
		}
	}
	var ready, out []N
	for _, n := range g.nodes {
		if indeg[n] == 0 {
			ready = append(ready, n)
		}
	}
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		out = append(out, n)
		for _, m := range g.adj[n] {
			indeg[m]--
			if indeg[m] == 0 {
				ready = append(ready, m)
			}
		}
	}
	return out, len(out) == len(g.nodes)
}

type task string

func main() {
	g := NewGraph[task]()
	g.Edge("fetch", "build").Edge("build", "test").Edge("build", "lint").Edge("test", "ship").Edge("lint", "ship")
	fmt.Println(g.BFS("fetch"))
	order, ok := g.TopoSort()
	fmt.Println(order, ok)
	cyc := NewGraph[int]().Edge(1, 2).Edge(2, 3).Edge(3, 1).Edge(0, 1)
	fmt.Println(cyc.BFS(0))
	order2, ok2 := cyc.TopoSort()
	fmt.Println(order2, ok2)
	fmt.Printf("%T %T\n", g, order2)
}
