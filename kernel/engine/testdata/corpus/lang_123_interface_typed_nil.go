// spec: Interface types, Comparison operators
package main

import (
	"fmt"
	"os"
)

type MyErr struct{}

func (*MyErr) Error() string { return "my err" }

func mayFail(fail bool) error {
	var e *MyErr
	if fail {
		e = &MyErr{}
	}
	return e
}

func main() {
	err := mayFail(false)
	fmt.Println(err == nil, err != nil)
	fmt.Printf("%T %v\n", err, err == (*MyErr)(nil))
	var w interface{ Write([]byte) (int, error) } = os.Stdout
	_, isFile := w.(*os.File)
	fmt.Println(isFile)
	var i1, i2 interface{}
	fmt.Println(i1 == i2)
	i1 = (*int)(nil)
	fmt.Println(i1 == nil, i1 == (*int)(nil))
}
