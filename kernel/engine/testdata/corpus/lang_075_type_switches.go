// spec: Type switches
package main

import (
	"errors"
	"fmt"
)

type Celsius float64
type Stringer interface{ String() string }

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func describe(x interface{}) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v (%T)", v, v)
	case string:
		return "string of length " + fmt.Sprint(len(v))
	case error:
		return "error: " + v.Error()
	case Stringer:
		return "stringer " + v.String()
	case []int:
		return fmt.Sprint("slice ", len(v))
	case func() int:
		return fmt.Sprint("func returning ", v())
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	for _, x := range []interface{}{nil, 1, int64(2), "abc", errors.New("boom"), Celsius(21.5), []int{1, 2}, func() int { return 7 }, 3.5, struct{}{}} {
		fmt.Println(describe(x))
	}
	var e error
	switch e.(type) {
	case nil:
		fmt.Println("nil interface matches case nil")
	}
}
