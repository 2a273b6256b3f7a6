// spec: Assignment statements
// Value semantics: copies in range, arrays, aliasing, conversions, labels, defers, strings.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Item struct {
	Name  string
	Score float64
	Tags  []string
}

type Inventory struct {
	Items []Item
	byKey map[string]*Item
}

func (inv *Inventory) Add(it Item) {
	inv.Items = append(inv.Items, it)
	if inv.byKey == nil {
		inv.byKey = map[string]*Item{}
	}
	inv.byKey[it.Name] = &inv.Items[len(inv.Items)-1]
}

type Pair struct{ A, B int }

type Grid [3][3]int

func (g Grid) Transposed() Grid {
	var t Grid
	for i := range g {
		for j := range g[i] {
			t[j][i] = g[i][j]
		}
	}
	return t
}

func main() {
	// range copies struct elements
	items := []Item{{"a", 1, nil}, {"b", 2, nil}}
	for _, it := range items {
		it.Score *= 10
	}
	for i := range items {
		items[i].Score += 0.5
	}
	fmt.Println(items)
	// arrays are values
	g := Grid{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	h := g
	h[0][0] = 100
	fmt.Println(g[0][0], h[0][0], g.Transposed()[0])
	// struct equality and map keys
	m := map[Pair]string{{1, 2}: "x"}
	m[Pair{1, 2}] += "y"
	fmt.Println(m, Pair{1, 2} == Pair{1, 2})
	// append aliasing
	base := make([]int, 3, 10)
	a := append(base, 1)
	b := append(base, 2)
	fmt.Println(a[3], b[3])
	// copy overlap
	s := []int{1, 2, 3, 4, 5}
	copy(s[1:], s)
	fmt.Println(s)
	// swap and multiple assignment order
	x, y := 1, 2
	x, y = y, x+y
	fmt.Println(x, y)
	arr := []int{0, 1, 2}
	i := 0
	i, arr[i] = 1, 9
	fmt.Println(i, arr)
	// pointer into slice then append
	inv := &Inventory{}
	inv.Add(Item{Name: "p", Score: 1})
	p := inv.byKey["p"]
	p.Score = 42
	fmt.Println(inv.Items[0].Score)
	// closures capture variables
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * i })
	}
	acc := 0
	inc := func() { acc++ }
	inc()
	inc()
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println(acc)
	// sort stability and multi-key
	people := []Item{{"d", 2, nil}, {"a", 1, nil}, {"c", 2, nil}, {"b", 1, nil}}
	sort.SliceStable(people, func(i, j int) bool { return people[i].Score > people[j].Score })
	var names []string
	for _, pp := range people {
		names = append(names, pp.Name)
	}
	fmt.Println(strings.Join(names, ","))
	// integer overflow and conversions
	var u8 uint8 = 250
	u8 += 10
	var i32 int32 = 1 << 30
	i32 *= 4
	f := 3.99
	neg := -3.99
	fmt.Println(u8, i32, int(f), int(neg), int64(float32(16777217)), -7/2, -7%2, 7>>1, -7>>1)
	big := 1 << 62
	u32 := uint32(1<<32 - 1)
	fmt.Println(big*4, u32+1)
	// labeled loops, fallthrough
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	switch n := 2; n {
	case 2:
		fmt.Print("two ")
		fallthrough
	case 3:
		fmt.Print("three ")
	case 4:
		fmt.Print("four")
	}
	fmt.Println()
	// defer argument evaluation and order
	func() {
		v := 1
		defer fmt.Println("deferred v =", v)
		defer func() { fmt.Println("closure v =", v) }()
		v = 2
	}()
	// string iteration
	for i, r := range "héllo, 世界" {
		if r > 127 {
			fmt.Print(i, ":", string(r), " ")
		}
	}
	fmt.Println(len("世界"), []byte("é"), []rune("世界"))
}
