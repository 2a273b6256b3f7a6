// spec: Source code representation, Characters, Letters and digits
package main

import "fmt"

// Identifiers may use any Unicode letter; digits may follow the first letter.
var größe = 3
var π2 = 6.28
var _ok9 = true

func main() {
	s := "héllo, 世界"
	fmt.Println(größe, π2, _ok9)
	fmt.Println(len(s), len([]rune(s)))
	for i, r := range "aé世" {
		fmt.Printf("%d:%c:%U ", i, r, r)
	}
	fmt.Println()
}
