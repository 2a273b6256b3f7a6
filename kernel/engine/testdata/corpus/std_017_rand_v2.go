// std: rand.New, rand.NewPCG, rand.N, rand.Rand.IntN, rand.Rand.Float64, rand.Rand.Perm, rand.Rand.Shuffle, slices.Sorted
package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	inRange := true
	for i := 0; i < 1000; i++ {
		if n := r.IntN(10); n < 0 || n >= 10 {
			inRange = false
		}
		if f := r.Float64(); f < 0 || f >= 1 {
			inRange = false
		}
	}
	fmt.Println("IntN and Float64 in range:", inRange)

	r1 := rand.New(rand.NewPCG(7, 7))
	r2 := rand.New(rand.NewPCG(7, 7))
	same := true
	for i := 0; i < 50; i++ {
		if r1.Uint64() != r2.Uint64() {
			same = false
		}
	}
	fmt.Println("same seed, same stream:", same)

	perm := r.Perm(8)
	fmt.Println(slices.Sorted(slices.Values(perm)))
	deck := []string{"a", "b", "c", "d", "e"}
	r.Shuffle(len(deck), func(i, j int) { deck[i], deck[j] = deck[j], deck[i] })
	slices.Sort(deck)
	fmt.Println(deck)

	ok := true
	for i := 0; i < 200; i++ {
		d := rand.N(5 * time.Second)
		k := rand.N(int64(3))
		u := rand.N(uint8(200))
		if d < 0 || d >= 5*time.Second || k < 0 || k >= 3 || u >= 200 {
			ok = false
		}
	}
	fmt.Println("rand.N in range:", ok)
	fmt.Printf("%T %T\n", rand.N(int32(9)), rand.N(time.Duration(9)))
}
