// std: strings.SplitSeq, strings.SplitAfterSeq, strings.FieldsSeq, strings.FieldsFuncSeq, strings.Lines, slices.Collect
package main

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

func main() {
	csv := "name,age,,city"
	for part := range strings.SplitSeq(csv, ",") {
		fmt.Printf("[%s]", part)
	}
	fmt.Println()
	fmt.Printf("%q\n", slices.Collect(strings.SplitAfterSeq("a.b.c", ".")))
	fmt.Printf("%q\n", slices.Collect(strings.SplitSeq("abc", "")))
	n := 0
	for f := range strings.FieldsSeq("  the   quick\tbrown \n fox ") {
		n++
		fmt.Print(f, "|")
	}
	fmt.Println(n)
	isSep := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	fmt.Printf("%q\n", slices.Collect(strings.FieldsFuncSeq("go1.26, rust-lang; zig!!", isSep)))
	text := "first line\nsecond line\n\nlast without newline"
	for line := range strings.Lines(text) {
		fmt.Printf("%q\n", line)
	}
	fmt.Println(len(slices.Collect(strings.Lines(""))))
	for w := range strings.SplitSeq("stop here please", " ") {
		if w == "here" {
			break
		}
		fmt.Println("word:", w)
	}
}
