// spec: String literals
package main

import "fmt"

func main() {
	raw := `abc\n
	"quoted"`
	interp := "abc\n\t\"quoted\""
	fmt.Println(len(raw), len(interp))
	fmt.Printf("%q\n%q\n", raw, interp)
	fmt.Println("\u65e5本\U00008a9e", "\xe6\x97\xa5", "\346\227\245")
	fmt.Println(len("\xff\xfe"), len("日本"))
	fmt.Println(`\u65e5` == "\\u65e5")
	s := "a" + `b` + "\x63"
	fmt.Println(s, s[1], s[1:])
}
