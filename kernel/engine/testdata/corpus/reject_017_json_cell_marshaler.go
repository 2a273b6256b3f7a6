// spec: Method sets
// std: json.Marshal
// rejected: json.Marshal of a value of main.Level (a type declared in a cell, with a MarshalJSON method) is not supported
// encoding/json of a cell type with a MarshalJSON method: the interpreter's run-time
// types have no methods, so the encoder would write the bare number where Go calls the
// method; the cell is refused before it runs.
package main

import (
	"encoding/json"
	"fmt"
)

// Level marshals as a name.
type Level int

func (l Level) MarshalJSON() ([]byte, error) {
	return json.Marshal([...]string{"low", "mid", "high"}[l])
}

// Task holds a level.
type Task struct {
	Name  string `json:"name"`
	Level Level  `json:"level"`
}

func main() {
	b, err := json.Marshal([]Task{{"a", 1}, {"b", 2}})
	fmt.Println(string(b), err)
}
