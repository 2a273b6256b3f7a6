// spec: Method sets
// std: json.Marshal
// rejected: json.Marshal of a value of main.Tag (a type declared in a cell, with a MarshalText method) is not supported
// A value of a cell type with a MarshalText method inside a map[string]any: the argument's
// type does not show it, so the engine checks the values in interface positions when
// the call runs and refuses the cell then (the first Marshal, of plain values, runs).
package main

import (
	"encoding/json"
	"fmt"
)

// Tag marshals as text.
type Tag string

func (t Tag) MarshalText() ([]byte, error) { return []byte("#" + string(t)), nil }

func main() {
	b, err := json.Marshal(map[string]any{"n": 1, "s": "x"})
	fmt.Println(string(b), err)
	b, err = json.Marshal(map[string]any{"tags": []any{Tag("a"), "b"}})
	fmt.Println(string(b), err)
}
