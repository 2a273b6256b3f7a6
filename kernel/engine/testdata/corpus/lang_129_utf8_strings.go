// spec: String types, For statements with range clause, Conversions to and from a string type
// std: utf8.RuneCountInString, utf8.DecodeRuneInString
package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	s := "Ünïcödé \xff end"
	fmt.Println(len(s), utf8.RuneCountInString(s), utf8.ValidString(s))
	for i, r := range s {
		if r == utf8.RuneError {
			fmt.Println("invalid byte at", i)
		}
	}
	r, size := utf8.DecodeRuneInString("世界")
	fmt.Println(string(r), size)
	up := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToUpper(r)
		}
		return r
	}, "héllo wörld")
	fmt.Println(up)
	buf := utf8.AppendRune(nil, 'ß')
	fmt.Println(buf, len(buf))
	fmt.Println(strings.ToValidUTF8(s, "?"))
}
