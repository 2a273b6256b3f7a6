// spec: Method values, Method sets, Selectors, Struct types
package main

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Counter has value and pointer methods.
type Counter struct{ n int }

func (c Counter) Get() int { return c.n }
func (c *Counter) Inc()    { c.n++ }

// Celsius is a named float with a value method.
type Celsius float64

func (c Celsius) F() float64 { return float64(c)*9/5 + 32 }

// Inner is embedded by value, Outer embeds it and a pointer.
type Inner struct{ name string }

func (i Inner) Name() string     { return i.name }
func (i *Inner) Rename(n string) { i.name = n }

// Deep is embedded by pointer.
type Deep struct{ level int }

func (d *Deep) Level() int { return d.level }

// Outer embeds Inner and *Deep.
type Outer struct {
	Inner
	*Deep
}

// Top embeds Outer: methods promoted two levels.
type Top struct{ Outer }

// Logger embeds a compiled type.
type Logger struct {
	bytes.Buffer
	prefix string
}

// Shifter maps runes.
type Shifter struct{ by rune }

func (s Shifter) Shift(r rune) rune {
	if unicode.IsLower(r) {
		return 'a' + (r-'a'+s.by)%26
	}
	return r
}

// ByLen orders strings by length.
type ByLen struct{ desc bool }

func (b ByLen) Less(x, y string) bool {
	if b.desc {
		return len(x) > len(y)
	}
	return len(x) < len(y)
}

func (b ByLen) Cmp(x, y string) int {
	if b.Less(x, y) {
		return -1
	}
	if b.Less(y, x) {
		return 1
	}
	return 0
}

// Handlers stores method values in fields.
type Handlers struct {
	get func() int
	inc func()
}

func main() {
	// Value and pointer receivers, through a variable and a pointer.
	c := Counter{1}
	get, inc := c.Get, c.Inc
	inc()
	inc()
	fmt.Println(get(), c.Get())
	p := &c
	pget, pinc := p.Get, p.Inc
	p = &Counter{100}
	pinc()
	fmt.Println(pget(), c.n, p.n)

	// Elements of slices, arrays and map values.
	cs := []Counter{{1}, {2}, {3}}
	var gets []func() int
	var incs []func()
	for i := range cs {
		gets = append(gets, cs[i].Get)
		incs = append(incs, cs[i].Inc)
	}
	for _, f := range incs {
		f()
	}
	for _, g := range gets {
		fmt.Print(g(), " ")
	}
	fmt.Println(cs)
	m := map[string]Counter{"a": {7}}
	mg := m["a"].Get
	m["a"] = Counter{8}
	fmt.Println(mg(), m["a"].Get())
	arr := [2]Celsius{0, 100}
	fs := [2]func() float64{arr[0].F, arr[1].F}
	arr[0] = 37
	fmt.Println(fs[0](), fs[1](), arr[0].F())

	// Promoted through embedded values and pointers, one and two levels.
	o := Outer{Inner{"in"}, &Deep{1}}
	name, rename, level := o.Name, o.Rename, o.Level
	rename("renamed")
	o.Deep = &Deep{2}
	fmt.Println(name(), o.Name(), level(), o.Level())
	t := Top{Outer{Inner{"top"}, &Deep{5}}}
	tn, tl := t.Name, t.Level
	t.Outer.Inner.name = "changed"
	t.Deep.level = 6
	fmt.Println(tn(), tl(), t.Name())

	// Compiled types: value and pointer receivers, promoted from an embedded field.
	d := 90 * time.Second
	ds := d.String
	d = time.Hour
	fmt.Println(ds(), d)
	var sb strings.Builder
	w := sb.WriteString
	w("x")
	w("y")
	fmt.Println(sb.String(), sb.Len())
	var lg Logger
	lw, ls := lg.WriteString, lg.String
	lw("logged")
	fmt.Println(ls(), lg.Len())
	rd := strings.NewReader("abc")
	rl := rd.Len
	rd = strings.NewReader("abcdef")
	fmt.Println(rl(), rd.Len())

	// Method values passed to functions that call them.
	sh := Shifter{1}
	shift := strings.Map(sh.Shift, "hal")
	sh.by = 2
	fmt.Println(shift, strings.Map(sh.Shift, "hal"))
	words := []string{"ccc", "a", "bb", "dddd"}
	bl := ByLen{desc: true}
	sort.Slice(words, func(i, j int) bool { return bl.Less(words[i], words[j]) })
	fmt.Println(words)
	slices.SortFunc(words, ByLen{}.Cmp)
	fmt.Println(words)
	less := ByLen{desc: true}.Less
	sort.SliceStable(words, func(i, j int) bool { return less(words[i], words[j]) })
	fmt.Println(words, slices.IsSortedFunc(words, ByLen{desc: true}.Cmp))
	fmt.Println(strings.FieldsFunc("a1b22c", unicode.IsDigit), strings.IndexFunc("xyZ", unicode.IsUpper))

	// Method values stored in struct fields and maps.
	h := Handlers{get: c.Get, inc: c.Inc}
	h.inc()
	fmt.Println(h.get(), c.n)
	ops := map[string]func(){"inc": cs[0].Inc}
	ops["inc"]()
	fmt.Println(cs[0].n)
	type pair struct {
		label string
		fn    func() float64
	}
	temps := []pair{{"body", Celsius(37).F}, {"boil", Celsius(100).F}}
	for _, tp := range temps {
		fmt.Println(tp.label, tp.fn())
	}
}
