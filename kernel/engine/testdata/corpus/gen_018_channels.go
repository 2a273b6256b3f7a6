// spec: Channel types, Send statements, Receive operator, Go statements
package main

import (
	"fmt"
	"sync"
)

type Msg[T any] struct {
	Seq  int
	Body T
}

func Generate[T any](vals ...T) <-chan Msg[T] {
	ch := make(chan Msg[T])
	go func() {
		defer close(ch)
		for i, v := range vals {
			ch <- Msg[T]{Seq: i, Body: v}
		}
	}()
	return ch
}

func Pipe[T, U any](in <-chan Msg[T], f func(T) U) <-chan Msg[U] {
	out := make(chan Msg[U], 1)
	go func() {
		defer close(out)
		for m := range in {
			out <- Msg[U]{Seq: m.Seq, Body: f(m.Body)}
		}
	}()
	return out
}

func Drain[T any](ch <-chan T) []T {
	var out []T
	for v := range ch {
		out = append(out, v)
	}
	return out
}

func FanIn[T any](chs ...<-chan T) []T {
	results := make([][]T, len(chs))
	var wg sync.WaitGroup
	for i, ch := range chs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = Drain(ch)
		}()
	}
	wg.Wait()
	var all []T
	for _, r := range results {
		all = append(all, r...)
	}
	return all
}

func main() {
	lens := Pipe(Generate("a", "bb", "ccc"), func(s string) int { return len(s) })
	for _, m := range Drain(lens) {
		fmt.Printf("%d:%d ", m.Seq, m.Body)
	}
	fmt.Println()
	all := FanIn(Generate(1, 2), Generate(3), Generate[int]())
	fmt.Println(all)
	fmt.Printf("%T\n", all)

	buf := make(chan Msg[[]string], 2)
	buf <- Msg[[]string]{Body: []string{"x"}}
	buf <- Msg[[]string]{Seq: 1}
	close(buf)
	first, ok := <-buf
	fmt.Println(first, ok, len(buf))
	var sendOnly chan<- Msg[bool] = make(chan Msg[bool], 1)
	sendOnly <- Msg[bool]{Body: true}
	fmt.Printf("%T %d\n", sendOnly, len(sendOnly))
}
