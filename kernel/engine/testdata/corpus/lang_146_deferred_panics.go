// spec: Defer statements, Handling panics
// A deferred call that panics: the other deferred calls still run, and a later recover
// sees the newest panic.
package main

import (
	"errors"
	"fmt"
	"sync"
)

type res struct{ name string }

func (r *res) Close() { fmt.Println("close", r.name) }

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) add() {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() { c.n++ }()
	if c.n == 2 {
		panic("two")
	}
}

func handler(tag string) {
	if r := recover(); r != nil {
		fmt.Println(tag, "recovered:", r)
	}
}

// safe turns a panic into an error through a named result.
func safe(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	defer fmt.Println("safe: second deferred call runs")
	f()
	return nil
}

func replaced() {
	defer handler("replaced")
	defer func() { panic("second") }()
	panic("first")
}

func receiverNow() {
	a, b := &res{"a"}, &res{"b"}
	r := a
	defer r.Close()
	defer fmt.Println("receiverNow: deferred")
	r = b
	_ = r
}

func loop() (out []int) {
	defer func() { fmt.Println("loop recovered:", recover()) }()
	for i := 0; i < 4; i++ {
		defer func(i int) {
			out = append(out, i)
			if i == 2 {
				panic(fmt.Sprint("at ", i))
			}
		}(i)
	}
	return nil
}

func closureVar() {
	cleanup := func() { fmt.Println("closureVar recovered:", recover()) }
	defer cleanup()
	var m map[string]int
	m["x"] = 1
}

func repanic() {
	defer func() {
		r := recover()
		fmt.Println("outer sees:", r)
	}()
	defer func() {
		if r := recover(); r != nil {
			panic(fmt.Sprintf("wrapped(%v)", r))
		}
	}()
	panic("inner")
}

func errPanic() (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			}
		}
	}()
	defer func() { panic(errors.New("closing failed")) }()
	return nil
}

func main() {
	var c counter
	for i := 0; i < 4; i++ {
		err := safe(c.add)
		fmt.Println("add", i, "n =", c.n, "err =", err)
	}
	fmt.Println(safe(func() { var p *res; fmt.Println(p.name) }))
	replaced()
	receiverNow()
	fmt.Println("loop out:", loop())
	closureVar()
	repanic()
	fmt.Println("errPanic:", errPanic())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer handler("goroutine")
		defer func() { panic("in goroutine defer") }()
	}()
	wg.Wait()
	fmt.Println("done")
}
