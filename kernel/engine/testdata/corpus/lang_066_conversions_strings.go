// spec: Conversions to and from a string type
package main

import "fmt"

type MyBytes []byte
type MyRunes []rune

func main() {
	fmt.Println(string(rune(65)), string(rune(0x65e5)), string(rune(-1)) == "\uFFFD")
	s := "héllo"
	b := []byte(s)
	r := []rune(s)
	fmt.Println(len(b), len(r), b[1], r[1])
	fmt.Println(string(b[:3]), string(r[:2]))
	fmt.Println(string([]byte{}), string([]rune{0x767d, 0x9d6c}))
	fmt.Println(string(MyBytes("bytes")), string(MyRunes{'r', 'u'}))
	type S string
	var x S = S([]byte("via bytes"))
	fmt.Println(x, []byte(x)[0])
	bad := string([]byte{0xff, 'a'})
	for i, c := range bad {
		fmt.Printf("%d:%U ", i, c)
	}
	fmt.Println()
}
