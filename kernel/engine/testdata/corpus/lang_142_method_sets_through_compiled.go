// spec: Method sets
// Cell types whose methods compiled code calls (sort.Sort, container/heap), Stringers, errors.As.
package main

import (
	"bufio"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

type Score float64

func (s Score) String() string { return fmt.Sprintf("%.1f pts", float64(s)) }

type byScore []Player

type Player struct {
	Name  string
	Score Score
}

func (b byScore) Len() int           { return len(b) }
func (b byScore) Less(i, j int) bool { return b[i].Score > b[j].Score }
func (b byScore) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

type minHeap []Score

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(Score)) }
func (h *minHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[:n-1]
	return x
}

type Base struct{ ID int }

func (b Base) Describe() string { return fmt.Sprintf("base %d", b.ID) }
func (b *Base) Bump()           { b.ID++ }

type Customer struct {
	Base
	Name string
}

type Describer interface{ Describe() string }

type Account struct{ Balance int }

func (a *Account) String() string { return fmt.Sprintf("acct(%d)", a.Balance) }

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func find(k string) error {
	if k == "" {
		return nil
	}
	return fmt.Errorf("lookup: %w", &NotFound{k})
}

func main() {
	ps := []Player{{"a", 3}, {"b", 9}, {"c", 5}}
	sort.Sort(byScore(ps))
	fmt.Println(ps)
	h := &minHeap{5, 2, 8}
	heap.Init(h)
	heap.Push(h, Score(1))
	var out []Score
	for h.Len() > 0 {
		out = append(out, heap.Pop(h).(Score))
	}
	fmt.Println(out)
	fmt.Printf("%v %s %d\n", out[0], out[1], len(out))
	heap.Push(h, Score(4))
	heap.Push(h, Score(3))
	switch v := heap.Pop(h).(type) {
	case float64:
		fmt.Println("float64", v)
	case Score:
		fmt.Println("Score", v+1)
	}
	c := Customer{Base{7}, "ann"}
	c.Bump()
	var d Describer = c
	fmt.Println(d.Describe(), c.ID)
	a := Account{10}
	fmt.Println(a, &a)
	fmt.Printf("%v %+v %s\n", a, &a, &a)
	err := find("x")
	var nf *NotFound
	fmt.Println(errors.As(err, &nf), nf.Key, err)
	fmt.Println(find("") == nil)
	var nilMap map[string]int
	fmt.Println(nilMap["x"], len(nilMap))
	var nilSlice []int
	b, _ := json.Marshal(struct {
		S []int
		M map[string]int
		P *int
	}{nilSlice, nilMap, nil})
	fmt.Println(string(b))
	sc := bufio.NewScanner(strings.NewReader("one two\nthree\n\nfour"))
	n := 0
	for sc.Scan() {
		n += len(strings.Fields(sc.Text()))
	}
	fmt.Println(n)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "%s|%v\n", Score(2), []Score{1, 2})
	w.Flush()
	fmt.Println(fmt.Sprint(Score(3)), fmt.Sprintf("%6.2f", float64(Score(3))))
	scores := map[string]Score{"x": 1.5}
	bs, _ := json.Marshal(scores)
	fmt.Println(string(bs))
}
