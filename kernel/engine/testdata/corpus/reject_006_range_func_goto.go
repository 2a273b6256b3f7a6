// spec: For statements with range clause, Goto statements
// rejected: goto inside the body of a range over a function is not supported by the Sluice interpreter: use break, continue or a flag
package main

import "fmt"

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	for i := range count(5) {
		if i == 3 {
			goto done
		}
		fmt.Println(i)
	}
done:
	fmt.Println("done")
}
