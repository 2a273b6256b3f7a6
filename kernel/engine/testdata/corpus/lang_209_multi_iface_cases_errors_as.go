// spec: Type switches, Type assertions
// std: errors.As, fmt.Errorf
// known-failure: errors.As(fmt.Errorf("x: %w", Fail{7}), &f) with Fail a cell struct that has both Error and String methods (declared with other error types) answers false: the walk's assertion err.(Fail) does not match the wrapper yaegi made for it inside the compiled *fmt.wrapError
// A type switch with a case listing two compiled interfaces over cell values in a
// map[string]any; errors.As into a compiled interface and into a cell struct through
// fmt.Errorf; cell errors asserted to fmt.Stringer.
package main

import (
	"errors"
	"fmt"
	"strconv"
)

type Celsius float64

func (c Celsius) String() string { return strconv.FormatFloat(float64(c), 'f', 1, 64) + "C" }

type Fail struct{ Code int }

func (f Fail) Error() string  { return "fail " + strconv.Itoa(f.Code) }
func (f Fail) String() string { return "Fail#" + strconv.Itoa(f.Code) }

type Timeout struct{}

func (Timeout) Error() string   { return "timeout" }
func (Timeout) Timeout() bool   { return true }
func (Timeout) Temporary() bool { return false }

func classify(vals map[string]any, keys []string) {
	for _, k := range keys {
		switch v := vals[k].(type) {
		case fmt.Stringer, error:
			fmt.Printf("%s: both-case %T %v\n", k, v, v)
		case float64, int:
			fmt.Printf("%s: number %T %v\n", k, v, v)
		default:
			fmt.Printf("%s: %T %v\n", k, v, v)
		}
	}
}

func main() {
	vals := map[string]any{"c": Celsius(20), "f": Fail{2}, "t": Timeout{}, "x": 1.5, "i": 3, "s": "str", "n": nil}
	classify(vals, []string{"c", "f", "t", "x", "i", "s", "n"})
	var err error = fmt.Errorf("op: %w", Timeout{})
	var te interface{ Timeout() bool }
	fmt.Println(errors.As(err, &te), te != nil && te.Timeout())
	var f Fail
	fmt.Println(errors.As(fmt.Errorf("x: %w", Fail{7}), &f), f.Code, f)
	es := []error{Fail{1}, Timeout{}, errors.New("plain")}
	for _, e := range es {
		s, isS := e.(fmt.Stringer)
		fmt.Printf("%T %v %v", e, e, isS)
		if isS {
			fmt.Printf(" %s %T", s, s)
		}
		fmt.Println()
	}
}
