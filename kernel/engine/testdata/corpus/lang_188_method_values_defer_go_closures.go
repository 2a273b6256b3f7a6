// spec: Method values, Defer statements, Go statements, Function literals
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Job reports its id.
type Job struct{ id int }

func (j Job) Run(out chan<- string) { out <- fmt.Sprint("job", j.id) }
func (j *Job) Bump()                { j.id += 100 }
func (j Job) Show()                 { fmt.Println("show", j.id) }

// Runner is an interface over Job.
type Runner interface{ Run(chan<- string) }

// Tally counts with a mutex.
type Tally struct {
	mu sync.Mutex
	n  int
}

func (t *Tally) Add() {
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

func deferred() {
	j := Job{1}
	show := j.Show
	defer show()
	defer j.Show()
	j.id = 2
	var s fmt.Stringer = ID(3)
	defer fmt.Println("deferred method value:", s.String())
	str := s.String
	defer func() { fmt.Println("closure calls the value bound first:", str()) }()
	s = ID(4)
}

// ID prints itself.
type ID int

func (i ID) String() string { return fmt.Sprint("id", int(i)) }

func main() {
	deferred()

	out := make(chan string, 3)
	var wg sync.WaitGroup
	runners := []Runner{Job{1}, Job{2}, &Job{3}}
	for _, r := range runners {
		run := r.Run
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(out)
		}()
	}
	wg.Wait()
	close(out)
	var got []string
	for s := range out {
		got = append(got, s)
	}
	sort.Strings(got)
	fmt.Println(got)

	var t Tally
	add := t.Add
	var wg2 sync.WaitGroup
	for range 20 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			add()
		}()
	}
	wg2.Wait()
	fmt.Println(t.n)

	done := make(chan string)
	j := Job{7}
	go j.Run(done)
	fmt.Println(<-done)
	var r Runner = Job{8}
	go r.Run(done)
	r = Job{9}
	fmt.Println(<-done)
	rr := r.Run
	r = Job{10}
	go rr(done)
	fmt.Println(<-done)

	// A closure capturing a method value sees the value bound when it was evaluated;
	// a closure capturing the variable sees later assignments.
	var s fmt.Stringer = ID(1)
	bound := s.String
	late := func() string { return s.String() }
	s = ID(2)
	fmt.Println(bound(), late())

	var bumps []func()
	jobs := []Job{{1}, {2}}
	for i := range jobs {
		bumps = append(bumps, jobs[i].Bump)
	}
	for _, b := range bumps {
		b()
	}
	fmt.Println(jobs)

	// Method values passed as arguments are evaluated at the call.
	var calls []string
	record := func(f func() string) { calls = append(calls, f()) }
	for i := range 3 {
		var st fmt.Stringer = ID(i)
		record(st.String)
	}
	fmt.Println(calls)

	// A method value in a returned struct and a map built in a loop.
	table := map[int]func() string{}
	for i := range 3 {
		var st fmt.Stringer = ID(i * 11)
		table[i] = st.String
	}
	fmt.Println(table[0](), table[1](), table[2]())
	mk := func(i int) struct{ f func() string } {
		var st fmt.Stringer = ID(i)
		return struct{ f func() string }{st.String}
	}
	fmt.Println(mk(5).f(), mk(6).f())
	ch := make(chan func() string, 2)
	for i := range 2 {
		var st fmt.Stringer = ID(40 + i)
		ch <- st.String
	}
	fmt.Println((<-ch)(), (<-ch)())
	rep := strings.NewReplacer("a", "b").Replace
	fmt.Println(rep("banana"))
}
