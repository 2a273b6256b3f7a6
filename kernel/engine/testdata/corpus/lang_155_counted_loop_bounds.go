// spec: Integer overflow
// Counted loops near the ends of their types and with bounds the body changes: the
// bound is read at every iteration, and the loop variable wraps as Go says.
package main

import (
	"fmt"
	"math"
)

var limit = 10

func grow() { limit++ }

func changing() (int, int, int) {
	a := 0
	n := 5
	for i := 0; i < n; i++ {
		if i < 3 {
			n++
		}
		a += i
	}
	b := 0
	m := 9
	p := &m
	for i := 0; i < m; i++ {
		if i == 2 {
			*p = 4
		}
		b += i
	}
	c := 0
	for i := 0; i < limit; i++ {
		if i == 1 || i == 5 {
			grow()
		}
		c += i
	}
	return a, b, c
}

func shrinking() int {
	xs := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	s := 0
	for i := 0; i < len(xs); i++ {
		s += xs[i]
		if i == 3 {
			xs = xs[:6]
		}
	}
	return s
}

func closure() int {
	n := 12
	shrink := func() { n -= 2 }
	s := 0
	for i := 0; i < n; i++ {
		if i%3 == 0 {
			shrink()
		}
		s += i
	}
	return s
}

func wraps() {
	// int8 up to its largest value: the next increment wraps.
	count := 0
	for i := int8(100); i <= 127; i++ {
		if i < 0 {
			fmt.Println("wrapped after", count, "to", i)
			break
		}
		count++
	}
	var last uint8
	for i := uint8(240); i < math.MaxUint8; i++ {
		last = i
	}
	fmt.Println(last)
	s := 0
	for i := math.MinInt64; i < math.MinInt64+5; i++ {
		s++
	}
	big := math.MaxInt64 - 6
	for i := big; i < math.MaxInt64; i++ {
		s += 10
	}
	n := math.MinInt64 + 2
	for i := math.MinInt64; i < n; i++ {
		s += 100
	}
	fmt.Println(s)
}

func main() {
	fmt.Println(changing())
	fmt.Println(shrinking(), closure())
	wraps()
}
