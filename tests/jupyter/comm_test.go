package jupyter

import (
	"encoding/json"
	"strings"
	"testing"
)

// iopubMsg is one iopub message as comm_check.py reports it.
type iopubMsg struct {
	Type     string         `json:"type"`
	Content  map[string]any `json:"content"`
	Metadata map[string]any `json:"metadata"`
	Buffers  []string       `json:"buffers"`
}

type execResult struct {
	IOPub []iopubMsg     `json:"iopub"`
	Reply map[string]any `json:"reply"`
}

// result returns the text/plain of the cell's execute_result.
func (r execResult) result() string {
	for _, m := range r.IOPub {
		if m.Type == "execute_result" {
			s, _ := m.Content["data"].(map[string]any)["text/plain"].(string)
			return s
		}
	}
	return ""
}

func ofType(msgs []iopubMsg, typ string) []iopubMsg {
	var out []iopubMsg
	for _, m := range msgs {
		if m.Type == typ {
			out = append(out, m)
		}
	}
	return out
}

// TestCommsWithJupyterClient drives comms and a widget on the real kernel through
// jupyter_client as a widget manager would (tests/jupyter/comm_check.py): a target
// registered from a cell, comm_open/comm_msg (with a binary buffer)/comm_close,
// comm_info with and without a target, a comm_open to an unknown target, a panicking
// handler, and an IntSlider's state: opened with protocol 2.1, moved by the front end
// (echo_update, the Go value, the OnChange callback), set from Go, request_state, the
// control comm's update_states, and a slider moved while a cell runs: the cell reads the
// new value, the callback is held back until the cell ends.
func TestCommsWithJupyterClient(t *testing.T) {
	t.Parallel()
	raw := runScript(t, installed(t), "comm_check.py", kernelName)
	var out struct {
		Register     execResult     `json:"register"`
		InfoBefore   map[string]any `json:"info_before"`
		Open         []iopubMsg     `json:"open"`
		InfoOpen     map[string]any `json:"info_open"`
		InfoAll      map[string]any `json:"info_all"`
		Msg          []iopubMsg     `json:"msg"`
		Panic        []iopubMsg     `json:"panic"`
		Close        []iopubMsg     `json:"close"`
		InfoClosed   map[string]any `json:"info_closed"`
		Unknown      []iopubMsg     `json:"unknown"`
		Events       execResult     `json:"events"`
		Slider       execResult     `json:"slider"`
		SliderID     string         `json:"slider_id"`
		Update       []iopubMsg     `json:"update"`
		Value        execResult     `json:"value"`
		Set          execResult     `json:"set"`
		RequestState []iopubMsg     `json:"request_state"`
		Control      []iopubMsg     `json:"control"`
		Order        []string       `json:"order"`
		Seen         execResult     `json:"seen"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}

	t.Run("comm", func(t *testing.T) {
		if s := out.Register.Reply["status"]; s != "ok" {
			t.Fatalf("registering the target failed: %v", out.Register.Reply)
		}
		comms := func(info map[string]any) map[string]any { c, _ := info["comms"].(map[string]any); return c }
		if len(comms(out.InfoBefore)) != 0 {
			t.Errorf("comm_info before any comm_open lists %v", out.InfoBefore)
		}
		for _, info := range []map[string]any{out.InfoOpen, out.InfoAll} {
			c, _ := comms(info)["c1"].(map[string]any)
			if c == nil || c["target_name"] != "sluice.echo" {
				t.Errorf("comm_info after comm_open = %v, want c1 with target sluice.echo", info)
			}
		}
		if len(ofType(out.Open, "comm_close")) != 0 {
			t.Errorf("the comm_open to a registered target was closed: %v", out.Open)
		}
		replies := ofType(out.Msg, "comm_msg")
		if len(replies) != 1 || replies[0].Content["data"].(map[string]any)["echo"] != 7.0 ||
			len(replies[0].Buffers) != 1 || replies[0].Buffers[0] != "re:abc" {
			t.Errorf("the handler's answer to comm_msg {n: 7} with buffer abc = %+v", replies)
		}
		errs := ofType(out.Panic, "error")
		if len(errs) != 1 || errs[0].Content["evalue"] != "handler boom" {
			t.Errorf("a panicking handler gave %+v, want one error message under its comm_msg", out.Panic)
		} else if tb := strings.Join(toStrings(errs[0].Content["traceback"]), "\n"); strings.Contains(tb, "goroutine") {
			t.Errorf("the handler's panic shows a Go stack:\n%s", tb)
		}
		if len(comms(out.InfoClosed)) != 0 {
			t.Errorf("comm_info after comm_close lists %v", out.InfoClosed)
		}
		if cl := ofType(out.Unknown, "comm_close"); len(cl) != 1 || cl[0].Content["comm_id"] != "c2" {
			t.Errorf("a comm_open to an unknown target got %+v, want a comm_close", out.Unknown)
		}
		if got := out.Events.result(); got != "[open 1 msg 7 abc close]" {
			t.Errorf("the handlers saw %s, want [open 1 msg 7 abc close] (and the kernel kept running)", got)
		}
	})

	t.Run("widget", func(t *testing.T) {
		opens := ofType(out.Slider.IOPub, "comm_open")
		if len(opens) != 1 {
			t.Fatalf("creating a slider sent %d comm_open messages: %v", len(opens), out.Slider.IOPub)
		}
		o := opens[0]
		state, _ := o.Content["data"].(map[string]any)["state"].(map[string]any)
		if o.Content["target_name"] != "jupyter.widget" || o.Metadata["version"] != "2.1.0" ||
			state["_model_name"] != "IntSliderModel" || state["_model_module"] != "@jupyter-widgets/controls" ||
			state["_model_module_version"] != "2.0.0" || state["value"] != 3.0 || state["max"] != 10.0 {
			t.Errorf("slider comm_open = %v (metadata %v)", o.Content, o.Metadata)
		}
		var view map[string]any
		for _, m := range ofType(out.Slider.IOPub, "execute_result") {
			view, _ = m.Content["data"].(map[string]any)["application/vnd.jupyter.widget-view+json"].(map[string]any)
		}
		if view == nil || view["model_id"] != out.SliderID || view["version_major"] != 2.0 {
			t.Errorf("the slider's execute_result shows %v, want the widget view of %s", view, out.SliderID)
		}
		echo := ofType(out.Update, "comm_msg")
		if len(echo) != 1 || echo[0].Content["data"].(map[string]any)["method"] != "echo_update" {
			t.Errorf("an update from the front end was answered with %+v, want one echo_update", out.Update)
		} else if v := echo[0].Content["data"].(map[string]any)["state"].(map[string]any)["value"]; v != 7.0 {
			t.Errorf("echo_update carries value %v, want 7", v)
		}
		if s := ofType(out.Update, "stream"); len(s) != 1 || s[0].Content["text"] != "changed to 7\n" {
			t.Errorf("the OnChange callback printed %+v under the update, want \"changed to 7\"", s)
		}
		if got := out.Value.result(); got != "7" {
			t.Errorf("s.Value() after the front end moved it to 7 = %q", got)
		}
		upd := ofType(out.Set.IOPub, "comm_msg")
		if len(upd) != 1 || upd[0].Content["data"].(map[string]any)["method"] != "update" ||
			upd[0].Content["data"].(map[string]any)["state"].(map[string]any)["value"] != 10.0 {
			t.Errorf("s.SetValue(99) on a 0–10 slider sent %+v, want an update to 10", upd)
		}
		rs := ofType(out.RequestState, "comm_msg")
		if len(rs) != 1 || rs[0].Content["data"].(map[string]any)["state"].(map[string]any)["_model_name"] != "IntSliderModel" {
			t.Errorf("request_state was answered with %+v, want the full state", rs)
		}
		var states map[string]any
		for _, m := range ofType(out.Control, "comm_msg") {
			if d := m.Content["data"].(map[string]any); d["method"] == "update_states" {
				states, _ = d["states"].(map[string]any)
			}
		}
		if st, _ := states[out.SliderID].(map[string]any); st == nil || st["model_name"] != "IntSliderModel" ||
			st["state"].(map[string]any)["value"] != 10.0 {
			t.Errorf("update_states on the control comm = %v, want the slider at 10", states)
		}
		want := []string{"cell:cell done, seen [7 10] value 4", "cell:idle", "update:changed to 4", "update:idle"}
		if strings.Join(out.Order, "|") != strings.Join(want, "|") {
			t.Errorf("a slider moved while a cell ran: order %q, want the cell to read the new value and the callback after the cell %q", out.Order, want)
		}
		if got := out.Seen.result(); got != "[7 10 4]" {
			t.Errorf("the callback saw %s, want [7 10 4]", got)
		}
	})
}

func toStrings(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, e := range l {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}
