// spec: Embedded interfaces, Go 1.14
package main

import "fmt"

type Reader interface{ Read() string }
type Closer interface {
	Close() error
	Name() string
}
type Namer interface{ Name() string }

// Overlapping method sets (Name twice) are allowed since Go 1.14.
type ReadCloser interface {
	Reader
	Closer
	Namer
}

type file struct {
	name   string
	closed bool
}

func (f *file) Read() string { return "data from " + f.name }
func (f *file) Close() error { f.closed = true; return nil }
func (f *file) Name() string { return f.name }

func main() {
	var rc ReadCloser = &file{name: "a.txt"}
	fmt.Println(rc.Read(), rc.Name())
	var r Reader = rc
	fmt.Println(r.Read())
	rc.Close()
	fmt.Println(rc.(*file).closed)
}
