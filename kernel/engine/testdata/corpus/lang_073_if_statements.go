// spec: If statements
package main

import (
	"fmt"
	"strconv"
)

func classify(s string) string {
	if n, err := strconv.Atoi(s); err != nil {
		return "not a number"
	} else if n < 0 {
		return "negative"
	} else if n == 0 {
		return "zero"
	} else {
		return "positive " + strconv.Itoa(n)
	}
}

func main() {
	for _, s := range []string{"x", "-3", "0", "12"} {
		fmt.Println(classify(s))
	}
	if x := 5; x > 3 {
		fmt.Println("x > 3")
	}
	if ok := false; !ok {
		fmt.Println("not ok")
	}
}
