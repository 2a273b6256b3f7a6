package engine

import (
	"testing"
)

func TestScratch(t *testing.T) {
	e := newEngine(t)
	for _, c := range []string{
		`xs := []int{3,1,2}; slices.Reverse(xs); fmt.Println(xs)`,
		`m := map[string]int{"b":1,"a":2}; keys := slices.Sorted(maps.Keys(m)); fmt.Println(keys)`,
		"func Map[T, U any](xs []T, f func(T) U) []U { var r []U; for _, x := range xs { r = append(r, f(x)) }; return r }",
		"ys := Map([]int{1,2,3}, func(x int) int { return x*x }); fmt.Println(ys)",
		`type point struct{ X, Y int }; p := point{1, 2}; fmt.Printf("%T %#v\n", p, p)`,
		"func seq(n int) func(yield func(int) bool) { return func(yield func(int) bool) { for i := range n { if !yield(i) { return } } } }",
		"for i := range seq(3) { fmt.Println(i) }",
		"q := new(42); fmt.Println(*q)",
		`names, err := filepath.Glob("/etc/host*")`,
		`best := names[0]; best`,
		`a, err := strconv.Atoi("1")`,
		`a, err := strconv.ParseFloat("1.5", 64); fmt.Println(a)`,
		`defer fmt.Println("deferred"); fmt.Println("body")`,
		`fmt.Println("next")`,
		`ch := make(chan int, 1); ch <- 5; v, ok := <-ch; fmt.Println(v, ok)`,
		`func main() { fmt.Println("main ran") }`,
		`fmt.Println("after main")`,
		`main()`,
		`x, err := strconv.Atoi("zz"); fmt.Println("should not print", x)`,
		`1 + 2`,
		`type Stack[T any] struct { items []T }
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() T { v := s.items[len(s.items)-1]; s.items = s.items[:len(s.items)-1]; return v }`,
		`s := &Stack[string]{}; s.Push("a"); s.Push("b"); fmt.Println(s.Pop(), len(s.items))`,
		`min(3, x2) `,
	} {
		o := run(t, e, c)
		t.Logf("%s\n=> res=%v err=%v\nout=%q errout=%q", c, o.res, o.err, o.stdout, o.stderr)
		if o.err != nil {
			t.Log(describe(o.err))
		}
	}
}
