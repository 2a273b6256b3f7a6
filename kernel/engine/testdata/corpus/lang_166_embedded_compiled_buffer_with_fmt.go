// spec: Struct types, Method sets, Selectors
package main

import (
	"bytes"
	"fmt"
)

// Point is printed with fmt, which makes the cell register its types for fmt.
type Point struct{ X, Y int }

// Log embeds a compiled buffer: *Log has String, promoted from *bytes.Buffer.
type Log struct {
	bytes.Buffer
	Lines int
}

// Add appends a line.
func (l *Log) Add(s string) {
	l.WriteString(s + "\n")
	l.Lines++
}

func main() {
	var l Log
	l.Add("first")
	l.Add("second")
	p := &Point{1, 2}
	fmt.Println(*p, l.Lines)
	fmt.Print(l.String())
	fmt.Println(&l)
}
