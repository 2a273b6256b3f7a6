// spec: Type declarations, Type definitions
package main

import (
	"fmt"
	"sync"
)

type Mutex struct{ locked bool }

func (m *Mutex) Lock()   { m.locked = true }
func (m *Mutex) Unlock() { m.locked = false }

// NewMutex has the same underlying type as Mutex but no methods.
type NewMutex Mutex

// PtrMutex's underlying type is a pointer; its method set is empty.
type PtrMutex *Mutex

// The method set of an embedding struct keeps the embedded field's methods.
type PrintableMutex struct {
	Mutex
}

type (
	Point struct{ X, Y float64 }
	Polar Point
)

type SafeCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func main() {
	var m NewMutex
	m.locked = true
	_, isLocker := interface{}(&m).(interface{ Lock() })
	fmt.Println(m.locked, isLocker)
	var pm PrintableMutex
	pm.Lock()
	fmt.Println(pm.locked)
	var p PtrMutex = &Mutex{}
	(*Mutex)(p).Lock()
	fmt.Println(p.locked)
	fmt.Printf("%T %T\n", Polar{1, 2}, Point(Polar{3, 4}))
	c := SafeCounter{n: map[string]int{}}
	c.mu.Lock()
	c.n["k"]++
	c.mu.Unlock()
	fmt.Println(c.n)
}
