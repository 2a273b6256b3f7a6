// spec: Expression statements
// std: json.NewEncoder
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type Row struct {
	ID   int      `json:"id"`
	Name string   `json:"name"`
	Tags []string `json:"tags,omitempty"`
}

func main() {
	fmt.Println("first, from fmt")
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(Row{1, "one", nil}); err != nil {
		fmt.Println(err)
	}
	os.Stdout.Write([]byte("raw bytes via os.Stdout.Write\n"))
	fmt.Print("no newline, ")
	os.Stdout.WriteString("then WriteString\n")
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{"b": 2, "a": []int{1}})
	fmt.Fprintln(os.Stdout, "Fprintln to os.Stdout")
	fmt.Fprintf(os.Stdout, "%d%%\n", 100)
}
