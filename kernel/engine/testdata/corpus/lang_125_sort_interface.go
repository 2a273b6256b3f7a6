// spec: Implementing an interface, Method declarations
// std: sort.Sort
package main

import (
	"fmt"
	"sort"
)

type Person struct {
	Name string
	Age  int
}

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }

func (p Person) String() string { return fmt.Sprintf("%s(%d)", p.Name, p.Age) }

func main() {
	people := []Person{{"Ann", 31}, {"Bob", 25}, {"Cid", 40}, {"Dee", 25}}
	sort.Stable(ByAge(people))
	fmt.Println(people)
	sort.Sort(sort.Reverse(ByAge(people)))
	fmt.Println(people)
	fmt.Println(sort.IsSorted(ByAge(people)))
}
