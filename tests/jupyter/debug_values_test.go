package jupyter

import (
	"encoding/json"
	"fmt"
	"testing"
)

// valueStop is a stop debug_values_check.py saw: the top frame and its locals.
type valueStop struct {
	Name     string            `json:"name"`
	Line     int               `json:"line"`
	Path     string            `json:"path"`
	Locals   map[string]string `json:"locals"`
	Continue any               `json:"continue"`
}

type valueCell struct {
	Status string `json:"status"`
	Evalue string `json:"evalue"`
	Stdout string `json:"stdout"`
}

// TestDebuggerValuesMadeBeforeAttach drives the real kernel through jupyter_client
// (tests/jupyter/debug_values_check.py): function values made before the debugger
// attached (a function literal, a method value, a literal in a map, a closure a function
// returned, a declared function as a value) stop at breakpoints inside them on the
// right line with their locals, resume, run after disconnect and stop again after a
// second attach; a value made during one debugger session stops in the next.
func TestDebuggerValuesMadeBeforeAttach(t *testing.T) {
	t.Parallel()
	raw := runScript(t, installed(t), "debug_values_check.py", kernelName)
	var out struct {
		Made        []valueCell       `json:"made"`
		Paths       map[string]string `json:"paths"`
		Attach1     []any             `json:"attach1"`
		Stops1      []valueStop       `json:"stops1"`
		Cell1       valueCell         `json:"cell1"`
		Disconnect1 any               `json:"disconnect1"`
		Detached    []json.RawMessage `json:"detached"`
		Attach2     []any             `json:"attach2"`
		Stops2      []valueStop       `json:"stops2"`
		Cell2       valueCell         `json:"cell2"`
		Quad        valueCell         `json:"quad"`
		Attach3     []any             `json:"attach3"`
		Stops3      []valueStop       `json:"stops3"`
		Cell3       valueCell         `json:"cell3"`
		After       valueCell         `json:"after"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	for i, c := range out.Made {
		if c.Status != "ok" {
			t.Fatalf("making cell %d: %+v", i+1, c)
		}
	}
	okAttach := "[true [true true] [true true true] true]"
	if fmt.Sprint(out.Attach1) != okAttach || fmt.Sprint(out.Attach2) != okAttach || fmt.Sprint(out.Attach3) != "[true [true] true]" {
		t.Errorf("attach and breakpoints: %v / %v / %v", out.Attach1, out.Attach2, out.Attach3)
	}
	decl, made := out.Paths["decl"], out.Paths["made"]
	type where struct {
		path       string
		line       int
		name, l, v string
	}
	want := []where{{made, 2, "<anonymous>", "x", "4"}, {decl, 4, "add", "k", "2"}, {made, 8, "<anonymous>", "x", "5"},
		{decl, 10, "<anonymous>", "x", "1"}, {decl, 16, "triple", "x", "2"}}
	check := func(when string, stops []valueStop, cell valueCell, wantOut string) {
		t.Helper()
		ok := len(stops) == len(want)
		for i := 0; ok && i < len(want); i++ {
			s, w := stops[i], want[i]
			ok = s.Path == w.path && s.Line == w.line && s.Name == w.name && s.Locals[w.l] == w.v && s.Continue == true
		}
		if !ok {
			t.Errorf("%s: stops\n%+v\nwant\n%+v", when, stops, want)
		}
		if cell.Status != "ok" || cell.Stdout != wantOut {
			t.Errorf("%s: cell %+v, want output %q", when, cell, wantOut)
		}
	}
	check("attached", out.Stops1, out.Cell1, "8 2 6 4 6\n")
	if out.Disconnect1 != true || len(out.Detached) != 2 || string(out.Detached[0]) != "[]" {
		t.Errorf("disconnect %v, then %s", out.Disconnect1, out.Detached)
	} else {
		var c valueCell
		if err := json.Unmarshal(out.Detached[1], &c); err != nil || c.Stdout != "8 4 6 4 6\n" {
			t.Errorf("detached: %s", out.Detached[1])
		}
	}
	check("attached again", out.Stops2, out.Cell2, "8 6 6 4 6\n")
	s := out.Stops3
	if out.Quad.Status != "ok" || len(s) != 1 || s[0].Path != out.Paths["quad"] || s[0].Line != 2 || s[0].Locals["x"] != "3" ||
		out.Cell3.Stdout != "12\n" {
		t.Errorf("a value of an earlier session: %+v, %+v", s, out.Cell3)
	}
	if out.After.Stdout != "8 8 6 4 6\n" {
		t.Errorf("after the last disconnect: %+v", out.After)
	}
}
