package jupyter

import (
	"encoding/json"
	"strings"
	"testing"
)

// dapVar is a variable as debug_check.py reports it.
type dapVar struct {
	Value         string            `json:"value"`
	Type          string            `json:"type"`
	Children      map[string]string `json:"children"`
	Grandchildren map[string]string `json:"grandchildren"`
}

type dapView struct {
	Frames []struct {
		Name string `json:"name"`
		Line int    `json:"line"`
		Path string `json:"path"`
	} `json:"frames"`
	Variables map[string]dapVar `json:"variables"`
}

type dapResponse struct {
	Success bool           `json:"success"`
	Message string         `json:"message"`
	Body    map[string]any `json:"body"`
}

type cellRun struct {
	Status string `json:"status"`
	Ename  string `json:"ename"`
	Stdout string `json:"stdout"`
}

// TestDebuggerWithJupyterClient drives the debugger of the real kernel through
// jupyter_client as JupyterLab's debugger panel does (tests/jupyter/debug_check.py): a
// breakpoint in a cell with non-ASCII text stops it, the stack and variables of four
// kinds are read, two steps move a line each, continue finishes the cell with its
// output; a breakpoint in a function an earlier cell declared stops there; a paused cell
// is interrupted; after disconnect breakpoints no longer stop and the session is intact;
// requests the kernel cannot serve fail without harm.
func TestDebuggerWithJupyterClient(t *testing.T) {
	t.Parallel()
	raw := runScript(t, installed(t), "debug_check.py", kernelName)
	var out struct {
		KernelInfo struct {
			Debugger        bool   `json:"debugger"`
			ProtocolVersion string `json:"protocol_version"`
		} `json:"kernel_info"`
		DebugInfo        map[string]any    `json:"debug_info"`
		DebugInfoStarted map[string]any    `json:"debug_info_started"`
		Paths            map[string]string `json:"paths"`
		Attach, Set2     dapResponse
		Set1             dapResponse `json:"set1"`
		Stop1            struct {
			Event    map[string]any `json:"event"`
			View     dapView        `json:"view"`
			Evaluate dapResponse    `json:"evaluate"`
			Rich     dapResponse    `json:"rich"`
			Info     []int          `json:"info"`
		} `json:"stop1"`
		Steps []struct {
			Success bool   `json:"success"`
			Reason  string `json:"reason"`
			Line    int    `json:"line"`
			S       string `json:"s"`
		} `json:"steps"`
		Continue dapResponse `json:"continue"`
		Cell2    cellRun     `json:"cell2"`
		Stop3    struct {
			Event map[string]any `json:"event"`
			View  dapView        `json:"view"`
		} `json:"stop3"`
		StepOut struct {
			Success bool  `json:"success"`
			Frames  []any `json:"frames"`
		} `json:"stepout"`
		Cell3           cellRun     `json:"cell3"`
		Interrupted     cellRun     `json:"interrupted"`
		AfterInterrupt  cellRun     `json:"after_interrupt"`
		Inspect         []dapVar    `json:"inspect"`
		Disconnect      dapResponse `json:"disconnect"`
		AfterDisconnect cellRun     `json:"after_disconnect"`
		EventsLeft      []string    `json:"events_left"`
		AfterDisconn2   cellRun     `json:"after_disconnect2"`
		Unknown         dapResponse `json:"unknown"`
		BadArgs         dapResponse `json:"bad_args"`
		NoCommand       dapResponse `json:"no_command"`
		StillAlive      cellRun     `json:"still_alive"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if !out.KernelInfo.Debugger || out.KernelInfo.ProtocolVersion != "5.5" {
		t.Errorf("kernel_info: debugger %v, protocol %q; want true, 5.5", out.KernelInfo.Debugger, out.KernelInfo.ProtocolVersion)
	}
	if out.DebugInfo["hashMethod"] != "Murmur2" || out.DebugInfo["isStarted"] != false || out.DebugInfoStarted["isStarted"] != true {
		t.Errorf("debugInfo before/after attach: %v / %v", out.DebugInfo, out.DebugInfoStarted)
	}
	// The paths dumpCell gives are the ones the front end computes from the hash parameters.
	if out.Paths["cell2"] != out.Paths["expected2"] || out.Paths["cell1"] != out.Paths["expected1"] {
		t.Errorf("dumpCell paths %v", out.Paths)
	}
	if !out.Attach.Success || !out.Set2.Success || len(out.Set2.Body["breakpoints"].([]any)) != 1 ||
		out.Set2.Body["breakpoints"].([]any)[0].(map[string]any)["verified"] != true {
		t.Errorf("attach %+v, setBreakpoints %+v", out.Attach, out.Set2)
	}

	// Stopped at the breakpoint, line 4 of cell 2, in the cell's own path.
	s1 := out.Stop1
	if s1.Event["reason"] != "breakpoint" || len(s1.View.Frames) != 1 || s1.View.Frames[0].Line != 4 ||
		s1.View.Frames[0].Path != out.Paths["cell2"] || s1.View.Frames[0].Name != "cell" {
		t.Errorf("first stop: %v %+v", s1.Event, s1.View.Frames)
	}
	v := s1.View.Variables
	if got := v["Session.name"]; got.Value != `"café ☕"` || got.Type != "string" {
		t.Errorf("name = %+v", got)
	}
	if got := v["Session.pts"]; got.Type != "[]main.point" || got.Children["[1]"] != "{3 4}" || got.Grandchildren["X"] != "1" || got.Grandchildren["Y"] != "2" {
		t.Errorf("pts = %+v", got)
	}
	if got := v["Session.m"]; got.Type != "map[string]int" || got.Children[`["a"]`] != "1" {
		t.Errorf("m = %+v", got)
	}
	// Line 4 (p := &pts[0]) has not run yet.
	if got := v["Session.p"]; got.Type != "*main.point" || got.Value != "<nil>" {
		t.Errorf("p = %+v", got)
	}
	if !s1.Evaluate.Success || s1.Evaluate.Body["result"] != "4" || s1.Evaluate.Body["type"] != "int" {
		t.Errorf("evaluate pts[1].Y: %+v", s1.Evaluate)
	}
	if data, _ := s1.Rich.Body["data"].(map[string]any); !s1.Rich.Success || data["text/plain"] != "café ☕" {
		t.Errorf("richInspectVariables name: %+v", s1.Rich)
	}
	if len(s1.Info) != 1 {
		t.Errorf("debugInfo stoppedThreads while stopped: %v", s1.Info)
	}
	// Two steps: lines 5 and 6; s is assigned by line 5.
	if len(out.Steps) != 2 || out.Steps[0].Line != 5 || out.Steps[1].Line != 6 || out.Steps[0].S != "{0 0}" || out.Steps[1].S != "{10 20}" {
		t.Errorf("steps: %+v", out.Steps)
	}
	if !out.Continue.Success || out.Cell2.Status != "ok" || out.Cell2.Stdout != "café ☕ {10 20} 1\n" {
		t.Errorf("continue %+v, cell %+v", out.Continue, out.Cell2)
	}

	// A breakpoint in scale, declared by cell 1 before the debugger was attached.
	s3 := out.Stop3
	if s3.Event["reason"] != "breakpoint" || len(s3.View.Frames) != 2 || s3.View.Frames[0].Name != "scale" ||
		s3.View.Frames[0].Line != 4 || s3.View.Frames[0].Path != out.Paths["cell1"] || s3.View.Frames[1].Name != "cell" || s3.View.Frames[1].Line != 1 {
		t.Errorf("stop in scale: %v %+v", s3.Event, s3.View.Frames)
	}
	if got := s3.View.Variables["Locals.p"]; got.Type != "main.point" || got.Children["X"] != "5" {
		t.Errorf("scale's p = %+v", got)
	}
	if got := s3.View.Variables["Locals.k"]; got.Value != "2" {
		t.Errorf("scale's k = %+v", got)
	}
	if !out.StepOut.Success || len(out.StepOut.Frames) != 1 {
		t.Errorf("stepOut: %+v", out.StepOut)
	}
	if out.Cell3.Status != "ok" || out.Cell3.Stdout != "r = {10 12}\n" {
		t.Errorf("cell 3: %+v", out.Cell3)
	}

	// Interrupting a paused cell stops it there; the session goes on.
	if out.Interrupted.Status != "error" || out.Interrupted.Ename != "Interrupted" || strings.Contains(out.Interrupted.Stdout, "n =") {
		t.Errorf("interrupted paused cell: %+v", out.Interrupted)
	}
	if out.AfterInterrupt.Stdout != "café ☕ {10 12}\n" {
		t.Errorf("after the interrupt: %+v", out.AfterInterrupt)
	}
	if len(out.Inspect) < 6 {
		t.Errorf("inspectVariables: %+v", out.Inspect)
	}
	// After disconnect the same breakpointed cell runs through.
	if !out.Disconnect.Success || out.AfterDisconnect.Stdout != "n = 3\n" || out.AfterDisconn2.Stdout != "café ☕ 2 3\n" {
		t.Errorf("disconnect %+v, then %+v, %+v", out.Disconnect, out.AfterDisconnect, out.AfterDisconn2)
	}
	if out.Unknown.Success || !strings.Contains(out.Unknown.Message, "not supported") || out.BadArgs.Success ||
		out.NoCommand.Success || out.StillAlive.Stdout != "2\n" {
		t.Errorf("bad requests: %+v, %+v, %+v; then %+v", out.Unknown, out.BadArgs, out.NoCommand, out.StillAlive)
	}
	for _, e := range out.EventsLeft {
		if e == "stopped" {
			t.Errorf("a stopped event after the interrupt or the disconnect: %v", out.EventsLeft)
		}
	}
}
