// spec: Type assertions
// A value of a compiled type held in an interface declared in a cell: its methods through
// the cell interface, and assertions to its own type and to compiled interfaces.
package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

type Writer interface {
	Write(p []byte) (int, error)
}

type Sizer interface{ Len() int }

type named struct{ n int }

func (n named) Len() int { return n.n }

func main() {
	var wr Writer = new(bytes.Buffer)
	wr.Write([]byte("a"))
	b := wr.(*bytes.Buffer)
	fmt.Println(b.String())
	w2, ok := wr.(io.Writer)
	fmt.Println(ok, w2 != nil)
	fmt.Fprintf(wr.(io.Writer), "bc")
	fmt.Println(b.String(), b.Len())
	_, isStringer := wr.(fmt.Stringer)
	_, isReader := wr.(io.ByteReader)
	_, isCloser := wr.(io.Closer)
	fmt.Println(isStringer, isReader, isCloser)
	var s Sizer = named{4}
	_, isW := s.(io.Writer)
	fmt.Println(s.Len(), isW)
	var r io.Reader = strings.NewReader("xyz")
	_, isSeeker := r.(io.Seeker)
	fmt.Println(isSeeker)
	for _, v := range []any{named{3}, 5} {
		switch t := v.(type) {
		case Sizer:
			fmt.Println("sizer", t.Len())
		default:
			fmt.Println("other", t)
		}
	}
}
