// std: bytes.SplitSeq, bytes.SplitAfterSeq, bytes.FieldsSeq, bytes.FieldsFuncSeq, bytes.Lines
package main

import (
	"bytes"
	"fmt"
)

func main() {
	data := []byte("k1=v1;k2=v2;;k3=v3")
	for kv := range bytes.SplitSeq(data, []byte(";")) {
		k, v, ok := bytes.Cut(kv, []byte("="))
		fmt.Printf("%s:%s:%v ", k, v, ok)
	}
	fmt.Println()
	for p := range bytes.SplitAfterSeq([]byte("x|y|z"), []byte("|")) {
		fmt.Printf("%q ", p)
	}
	fmt.Println()
	var total int
	for f := range bytes.FieldsSeq([]byte(" 12  7\t30\n")) {
		total += len(f)
		fmt.Printf("%s,", f)
	}
	fmt.Println(total)
	for f := range bytes.FieldsFuncSeq([]byte("a1b22c333"), func(r rune) bool { return r >= 'a' && r <= 'z' }) {
		fmt.Printf("%s ", f)
	}
	fmt.Println()
	log := []byte("INFO start\nWARN disk\nINFO done\n")
	var warn [][]byte
	for line := range bytes.Lines(log) {
		if bytes.HasPrefix(line, []byte("WARN")) {
			warn = append(warn, bytes.TrimSpace(line))
		}
	}
	fmt.Printf("%s %d\n", warn, len(warn))
}
