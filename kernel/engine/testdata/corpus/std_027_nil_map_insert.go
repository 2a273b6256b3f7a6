// std: maps.Insert, maps.Copy, maps.Collect, slices.All, slices.Insert
package main

import (
	"fmt"
	"maps"
	"slices"
)

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panics:", r)
		}
	}()
	f()
	fmt.Println(name, "ok")
}

func main() {
	var nilMap map[int]string
	try("insert empty seq into nil map", func() { maps.Insert(nilMap, slices.All([]string{})) })
	try("insert into nil map", func() { maps.Insert(nilMap, slices.All([]string{"a"})) })
	try("copy into nil map", func() { maps.Copy(nilMap, map[int]string{1: "x"}) })
	try("copy empty into nil map", func() { maps.Copy(nilMap, map[int]string{}) })
	try("insert out of range", func() { _ = slices.Insert([]int{1, 2}, 5, 9) })
	try("delete out of range", func() { _ = slices.Delete([]int{1, 2}, 1, 4) })
	try("chunk zero", func() {
		for range slices.Chunk([]int{1}, 0) {
		}
	})
	try("repeat negative", func() { _ = slices.Repeat([]int{1}, -1) })
	m := maps.Collect(slices.All([]string{"p", "q"}))
	try("collect then insert", func() { maps.Insert(m, slices.All([]string{"r"})) })
	fmt.Println(m)
}
