// spec: Short variable declarations, Index expressions
// std: filepath.Glob
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	dir, err := os.MkdirTemp("", "corpus-glob-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	for _, n := range []string{"b.txt", "a.txt", "c.log"} {
		os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	fmt.Println(len(names), err)
	best := names[0]
	fmt.Println(filepath.Base(best))
	data, err := os.ReadFile(best)
	fmt.Println(string(data), err)
}
