// spec: Composite literals, Struct literals, Array and slice literals, Map literals, Elision of element types
package main

import "fmt"

type Point3D struct{ x, y, z float64 }
type Line struct{ p, q Point3D }

func main() {
	origin := Point3D{}
	line := Line{origin, Point3D{y: -4, z: 12.3}}
	fmt.Println(origin, line)
	pp := &Point3D{1, 2, 3}
	fmt.Println(*pp)
	buf := [10]string{}
	primes := [6]int{2, 3, 5, 7, 9, 2147483647}
	days := [...]string{"Sat", "Sun"}
	fmt.Println(len(buf), primes, len(days))
	vowels := [128]bool{'a': true, 'e': true, 'i': true}
	fmt.Println(vowels['e'], vowels['b'])
	filter := [10]float32{-1, 4: -0.1, -0.2, 9: -1}
	fmt.Println(filter)
	sparse := []string{3: "d", 1: "b"}
	fmt.Printf("%q %d\n", sparse, len(sparse))
	m := map[string]Point3D{"a": {1, 1, 1}, "b": {z: 2}}
	fmt.Println(m)
	ptrs := []*Point3D{{1, 0, 0}, {0, 1, 0}}
	fmt.Println(*ptrs[1])
	grid := [][]int{{1, 2}, {3}}
	keyed := map[Point3D]string{{1, 2, 3}: "k"}
	arrOfMap := [...]map[string]int{{"one": 1}, {"two": 2}}
	fmt.Println(grid, keyed, arrOfMap)
	nested := map[[2]int][]string{{1, 2}: {"x", "y"}}
	fmt.Println(nested)
}
