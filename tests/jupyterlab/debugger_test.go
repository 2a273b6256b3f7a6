//go:build linux

package jupyterlab

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// debuggerReport is what debugger.mjs prints.
type debuggerReport struct {
	Breakpoints []string       `json:"breakpoints"`
	Frames      []string       `json:"frames"`
	Variables   string         `json:"variables"`
	Expanded    string         `json:"expanded"`
	PausedShot  string         `json:"pausedShot"`
	Output      string         `json:"output"`
	DoneShot    string         `json:"doneShot"`
	GoFrames    []string       `json:"goFrames"`
	GoVariables string         `json:"goVariables"`
	GoShot      string         `json:"goShot"`
	GoOutput    string         `json:"goOutput"`
	ValFrames   []string       `json:"valFrames"`
	ValVars     string         `json:"valVariables"`
	ValShot     string         `json:"valShot"`
	ValOutput   string         `json:"valOutput"`
	Console     []consoleEntry `json:"console"`
}

// TestDebuggerInJupyterLab turns on JupyterLab 4's debugger for a Sluice notebook with
// its bug button, sets a breakpoint by clicking the gutter of a cell, runs the cell and
// checks that the panel shows the paused cell's frame and its variables with Go's types
// (a map and a slice expanded), and that continuing finishes the cell with its output;
// then a breakpoint in a goroutine's function stops that goroutine (its own thread),
// with its frame and locals shown, and continuing finishes its cell; then a breakpoint
// in a function literal made (cell 3) before the debugger was turned on stops the cell
// that calls it (cell 4), with the literal's frame and locals shown.
// Screenshots are kept under artifacts/.
func TestDebuggerInJupyterLab(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the JupyterLab debugger test in -short mode")
	}
	srv, env := serveNotebook(t, "debug.ipynb", []string{
		"type point struct{ X, Y int }\n\nfunc scale(p point, k int) point {\n\treturn point{p.X * k, p.Y * k}\n}",
		"name := \"café ☕\"\npts := []point{{1, 2}, {3, 4}}\nm := map[string]int{\"a\": 1}\np := &pts[0]\ns := scale(*p, 10)\nfmt.Println(name, s, len(m))",
		"res := make(chan int, 1)\nwork := func(k int) {\n\tv := k * 7\n\tres <- v\n}\ngo work(6)\nfmt.Println(\"got\", <-res)",
		"double := func(x int) int {\n\ty := 2 * x\n\treturn y\n}",
		"fmt.Println(double(21))",
	})
	debuggerKernelspec(t, env)
	var r debuggerReport
	runDriver(t, srv, 5*time.Minute, &r, "debugger.mjs", srv.base, srv.token, artifactsDir(t), "debug.ipynb")
	t.Logf("screenshots: %s, %s", r.PausedShot, r.DoneShot)
	t.Logf("breakpoints %q, frames %q\nvariables:\n%s", r.Breakpoints, r.Frames, r.Variables)
	if len(r.Frames) == 0 || !strings.Contains(r.Frames[0], "cell") {
		t.Errorf("the call stack shows %q, want the paused cell's frame", r.Frames)
	}
	// JupyterLab's tree shows a value for types named int, float, bool and str, and the
	// type otherwise.
	for _, want := range []string{"name", "string", "pts", "[]main.point", "m", "map[string]int", "p", "*main.point"} {
		if !strings.Contains(r.Variables, want) {
			t.Errorf("the variables panel does not show %q:\n%s", want, r.Variables)
		}
	}
	t.Logf("expanded m and pts:\n%s", r.Expanded)
	for _, want := range []string{`["a"]`, "1", "[0]", "[1]", "main.point"} {
		if !strings.Contains(r.Expanded, want) {
			t.Errorf("with m and pts expanded the panel does not show %q:\n%s", want, r.Expanded)
		}
	}
	if r.Output != "café ☕ {10 20} 1" {
		t.Errorf("after continue the cell shows %q", r.Output)
	}
	// A goroutine's stop: its function's frame, its locals, and continue finishes the cell.
	t.Logf("goroutine: frames %q\nvariables:\n%s", r.GoFrames, r.GoVariables)
	if len(r.GoFrames) != 1 || !strings.Contains(r.GoFrames[0], "anonymous") {
		t.Errorf("the call stack of the paused goroutine shows %q, want its function alone", r.GoFrames)
	}
	for _, want := range []string{"k", "6", "v", "42"} {
		if !strings.Contains(r.GoVariables, want) {
			t.Errorf("the variables panel of the paused goroutine does not show %q:\n%s", want, r.GoVariables)
		}
	}
	if r.GoOutput != "got 42" {
		t.Errorf("after continue the goroutine's cell shows %q", r.GoOutput)
	}
	// A function value made before the debugger was on.
	t.Logf("value made before: frames %q\nvariables:\n%s\nscreenshot %s", r.ValFrames, r.ValVars, r.ValShot)
	if len(r.ValFrames) == 0 || !strings.Contains(r.ValFrames[0], "anonymous") {
		t.Errorf("the call stack in the value made before the debugger shows %q", r.ValFrames)
	}
	if !strings.Contains(r.ValVars, "x") || !strings.Contains(r.ValVars, "21") {
		t.Errorf("the variables panel in the value made before the debugger does not show x = 21:\n%s", r.ValVars)
	}
	if r.ValOutput != "42" {
		t.Errorf("after continue the calling cell shows %q", r.ValOutput)
	}
	for _, c := range r.Console {
		t.Logf("browser reported %s: %s", c.Kind, c.Text)
	}
}

// debuggerKernelspec checks that the installed Sluice kernelspec announces the debugger,
// which JupyterLab requires before it offers its debugger panel.
func debuggerKernelspec(t *testing.T, env []string) {
	t.Helper()
	var jp string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "JUPYTER_PATH="); ok {
			jp = v
		}
	}
	specs, _ := filepath.Glob(filepath.Join(jp, "kernels", "*", "kernel.json"))
	if len(specs) == 0 {
		t.Fatalf("no kernelspec under %s", jp)
	}
	for _, p := range specs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var spec map[string]any
		if err := json.Unmarshal(b, &spec); err != nil {
			t.Fatal(err)
		}
		if md, _ := spec["metadata"].(map[string]any); md["debugger"] != true {
			t.Fatalf("%s does not announce the debugger: %s", p, b)
		}
	}
}
