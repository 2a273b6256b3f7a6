// spec: Rune literals
package main

import "fmt"

func main() {
	runes := []rune{'a', 'ä', '本', '\t', '\000', '\007', '\377', '\x07', '\xff', '\u12e4', '\U00101234', '\'', '\\'}
	for _, r := range runes {
		fmt.Printf("%d %q %U\n", r, r, r)
	}
	var b byte = 'A' + 2
	fmt.Println(string(rune(b)), 'z'-'a')
	fmt.Printf("%T %T\n", 'x', b)
}
