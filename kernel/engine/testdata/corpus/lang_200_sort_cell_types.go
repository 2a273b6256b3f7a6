// spec: Method sets
// std: sort.Sort, sort.Slice, sort.SliceStable, sort.SliceIsSorted, slices.SortFunc, slices.SortStableFunc, slices.Sort, slices.BinarySearchFunc, slices.Sorted, maps.Keys
// Sorting slices of cell types (a named int with String, structs, named strings, a
// []fmt.Stringer of cell values) with sort and slices, and printing the results.
package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Level is a named int with text methods.
type Level int

func (l Level) String() string { return [...]string{"low", "mid", "high"}[l] }

func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(strings.ToUpper(l.String())) }

func (l *Level) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	switch s {
	case "LOW":
		*l = 0
	case "MID":
		*l = 1
	default:
		*l = 2
	}
	return nil
}

// Task has a level.
type Task struct {
	Name  string `json:"name"`
	Level Level  `json:"level"`
	Tags  []Tag  `json:"tags,omitempty"`
}

// Tag marshals as text.
type Tag string

func (t Tag) MarshalText() ([]byte, error) { return []byte("#" + string(t)), nil }

// Pair marshals itself through a pointer.
type Pair struct{ A, B int }

func (p *Pair) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprintf("[%d,%d]", p.A, p.B)), nil }

// ByLevel sorts tasks.
type ByLevel []Task

func (b ByLevel) Len() int           { return len(b) }
func (b ByLevel) Less(i, j int) bool { return b[i].Level > b[j].Level }
func (b ByLevel) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func main() {
	ts := []Task{{"a", 1, nil}, {"b", 2, []Tag{"x"}}, {"c", 0, nil}, {"d", 2, nil}}
	sort.Sort(ByLevel(ts))
	fmt.Println(ts)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Name < ts[j].Name })
	fmt.Println(ts)
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Level < ts[j].Level })
	fmt.Println(ts)
	slices.SortFunc(ts, func(x, y Task) int { return cmp.Or(cmp.Compare(y.Level, x.Level), strings.Compare(x.Name, y.Name)) })
	fmt.Println(ts)
	ls := []Level{2, 0, 1, 0}
	slices.Sort(ls)
	fmt.Println(ls, slices.Max(ls), slices.Index(ls, 1))
	i, found := slices.BinarySearchFunc(ts, Level(1), func(t Task, l Level) int { return cmp.Compare(l, t.Level) })
	fmt.Println(i, found)
	var ss []fmt.Stringer
	for _, l := range ls {
		ss = append(ss, l)
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].String() > ss[j].String() })
	fmt.Println(ss)
	fmt.Printf("%T %T\n", ss[0], ss)
	tags := []Tag{"b", "a"}
	sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
	fmt.Println(tags, sort.SliceIsSorted(tags, func(i, j int) bool { return tags[i] < tags[j] }))
	slices.SortStableFunc(ss, func(a, b fmt.Stringer) int { return strings.Compare(a.String(), b.String()) })
	fmt.Println(ss, slices.IndexFunc(ss, func(s fmt.Stringer) bool { return s == Level(1) }))
	m := map[Level][]Task{}
	for _, t := range ts {
		m[t.Level] = append(m[t.Level], t)
	}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys, m)
	_ = json.Marshal
}
