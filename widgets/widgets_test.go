package widgets

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/widgets/comm"
)

// sent is one message the fake kernel was asked to publish.
type sent struct {
	typ     string
	content map[string]any
	meta    map[string]any
	bufs    [][]byte
}

// fakeKernel records what widgets send, as the kernel would publish it.
type fakeKernel struct {
	mu   sync.Mutex
	msgs []sent
}

func (f *fakeKernel) Send(typ string, content, meta map[string]any, bufs [][]byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.msgs = append(f.msgs, sent{typ, content, meta, bufs})
	return nil
}

func (f *fakeKernel) ParentID() string { return "parent-1" }

func (f *fakeKernel) Context() context.Context { return context.Background() }

// take returns the messages sent since the last call.
func (f *fakeKernel) take() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.msgs
	f.msgs = nil
	return m
}

func withKernel(t *testing.T) *fakeKernel {
	t.Helper()
	k := &fakeKernel{}
	old := comm.SetKernel(k)
	t.Cleanup(func() { comm.SetKernel(old) })
	return k
}

func data(s sent) map[string]any { d, _ := s.content["data"].(map[string]any); return d }

// frontEndUpdate delivers an update from the front end to a widget, as the kernel does.
func frontEndUpdate(t *testing.T, w Widget, state map[string]any, paths []any, bufs [][]byte) {
	t.Helper()
	if !comm.HandleMsg(w.ModelID(), comm.Message{Data: map[string]any{
		"method": "update", "state": state, "buffer_paths": paths}, Buffers: bufs}) {
		t.Fatalf("no comm %s", w.ModelID())
	}
}

func TestSliderStateRoundTrip(t *testing.T) {
	k := withKernel(t)
	s := NewIntSlider("n", 0, 10, 30)
	msgs := k.take()
	if len(msgs) != 1 || msgs[0].typ != "comm_open" || msgs[0].content["target_name"] != "jupyter.widget" ||
		msgs[0].meta["version"] != ProtocolVersion {
		t.Fatalf("NewIntSlider sent %+v, want one comm_open to jupyter.widget with protocol %s", msgs, ProtocolVersion)
	}
	st := data(msgs[0])["state"].(map[string]any)
	if st["value"] != 10 || st["_model_name"] != "IntSliderModel" || st["_view_module_version"] != "2.0.0" {
		t.Errorf("opening state %v: want value clamped to 10", st)
	}
	var seen []int
	s.OnChange(func(v int) { seen = append(seen, v) })
	frontEndUpdate(t, s, map[string]any{"value": 4.0}, []any{}, nil)
	msgs = k.take()
	if len(msgs) != 1 || data(msgs[0])["method"] != "echo_update" || data(msgs[0])["state"].(map[string]any)["value"] != 4.0 {
		t.Errorf("an update from the front end was answered with %+v, want an echo_update of value 4", msgs)
	}
	if s.Value() != 4 || len(seen) != 1 || seen[0] != 4 {
		t.Errorf("after the front end moved it to 4: Value()=%d, OnChange saw %v", s.Value(), seen)
	}
	// The same value again changes nothing.
	frontEndUpdate(t, s, map[string]any{"value": 4.0}, []any{}, nil)
	k.take()
	if len(seen) != 1 {
		t.Errorf("an update to the same value ran OnChange again: %v", seen)
	}
	s.SetValue(-5)
	msgs = k.take()
	if len(msgs) != 1 || data(msgs[0])["method"] != "update" || data(msgs[0])["state"].(map[string]any)["value"] != 0 {
		t.Errorf("SetValue(-5) sent %+v, want an update to 0", msgs)
	}
}

func TestBuffersBothWays(t *testing.T) {
	k := withKernel(t)
	m := control("TestModel", "TestView", map[string]any{"blob": []byte("abc"), "nested": map[string]any{
		"list": []any{1, []byte("xyz")}}})
	msgs := k.take()
	d := data(msgs[0])
	paths := d["buffer_paths"].([]any)
	if len(paths) != 2 || len(msgs[0].bufs) != 2 {
		t.Fatalf("comm_open with two byte slices: paths %v, %d buffers", paths, len(msgs[0].bufs))
	}
	st := d["state"].(map[string]any)
	if _, ok := st["blob"]; ok {
		t.Errorf("a buffer at a key stays in the JSON state: %v", st)
	}
	if l := st["nested"].(map[string]any)["list"].([]any); l[1] != nil || l[0] != 1 {
		t.Errorf("a buffer in a list is not null in the JSON state: %v", l)
	}
	if m.get("blob") == nil {
		t.Errorf("the kernel's copy lost its buffer")
	}
	// From the front end: paths with string keys and numeric indices.
	frontEndUpdate(t, m, map[string]any{"data": map[string]any{"parts": []any{nil, "keep"}}},
		[]any{[]any{"data", "parts", 0.0}, []any{"raw"}}, [][]byte{[]byte("p0"), []byte("r")})
	got := m.get("data").(map[string]any)["parts"].([]any)
	if string(got[0].([]byte)) != "p0" || got[1] != "keep" || string(m.get("raw").([]byte)) != "r" {
		t.Errorf("buffers from the front end were not put back: data=%v raw=%v", m.get("data"), m.get("raw"))
	}
	echo := k.take()
	if len(echo) != 1 || len(echo[0].bufs) != 2 {
		t.Errorf("the echo_update of an update with buffers carries %d buffers, want 2", len(echo[0].bufs))
	}
}

func TestControlCommSendsAllStates(t *testing.T) {
	k := withKernel(t)
	s := NewText("name", "Ada")
	blob := control("TestModel", "", map[string]any{"b": []byte("bin")})
	k.take()
	if !comm.HandleOpen("ctl", controlTarget, comm.Message{}) {
		t.Fatal("the control target is not registered")
	}
	comm.HandleMsg("ctl", comm.Message{Data: map[string]any{"method": "request_states"}})
	msgs := k.take()
	if len(msgs) != 1 {
		t.Fatalf("request_states was answered with %d messages", len(msgs))
	}
	d := data(msgs[0])
	states := d["states"].(map[string]any)
	ts := states[s.ModelID()].(map[string]any)
	if d["method"] != "update_states" || ts["model_name"] != "TextModel" || ts["state"].(map[string]any)["value"] != "Ada" {
		t.Errorf("update_states = %v", d)
	}
	// Widgets of earlier tests are still open: look for blob's buffer among theirs.
	paths := d["buffer_paths"].([]any)
	found := false
	for i, p := range paths {
		pp := p.([]any)
		if pp[0] == blob.ModelID() {
			found = len(pp) == 2 && pp[1] == "b" && string(msgs[0].bufs[i]) == "bin"
		}
	}
	if !found || len(paths) != len(msgs[0].bufs) {
		t.Errorf("update_states buffer paths %v (%d buffers), want [%s b] with bin", paths, len(msgs[0].bufs), blob.ModelID())
	}
	if !FrontEnd() {
		t.Errorf("the control comm did not mark a widget front end as connected")
	}
}

func TestDropdownDateButtonText(t *testing.T) {
	withKernel(t)
	d := NewDropdown("color", []string{"red", "green", "blue"}, "green")
	if d.Value() != "green" || d.Index() != 1 {
		t.Errorf("dropdown starts at %q (%d), want green (1)", d.Value(), d.Index())
	}
	frontEndUpdate(t, d, map[string]any{"index": 2.0}, []any{}, nil)
	if d.Value() != "blue" {
		t.Errorf("after the front end chose index 2 the value is %q", d.Value())
	}
	if err := d.SetValue("purple"); err == nil || !strings.Contains(err.Error(), "purple") {
		t.Errorf("SetValue of a missing option: %v", err)
	}

	day := time.Date(2026, time.March, 9, 15, 4, 0, 0, time.UTC)
	p := NewDatePicker("day", day)
	if v := p.get("value").(map[string]any); v["month"] != 2 || v["date"] != 9 {
		t.Errorf("a date is sent as %v, want month 2 (from 0) and date 9", v)
	}
	frontEndUpdate(t, p, map[string]any{"value": map[string]any{"year": 2027.0, "month": 0.0, "date": 31.0}}, []any{}, nil)
	if got := p.Value(); !got.Equal(time.Date(2027, time.January, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date from the front end = %v", got)
	}

	b := NewButton("go")
	clicks := 0
	b.OnClick(func() { clicks++ })
	comm.HandleMsg(b.ModelID(), comm.Message{Data: map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}})
	tx := NewText("q", "")
	var submitted string
	tx.OnSubmit(func(v string) { submitted = v })
	frontEndUpdate(t, tx, map[string]any{"value": "hello"}, []any{}, nil)
	comm.HandleMsg(tx.ModelID(), comm.Message{Data: map[string]any{"method": "custom", "content": map[string]any{"event": "submit"}}})
	if clicks != 1 || submitted != "hello" {
		t.Errorf("clicks %d, submitted %q", clicks, submitted)
	}
}

func TestInteractAndLink(t *testing.T) {
	k := withKernel(t)
	n := NewIntSlider("n", 0, 10, 2)
	on := NewCheckbox("on", true)
	var calls []string
	in := Interact(func(n int, on bool) any {
		calls = append(calls, strings.Repeat("x", n)+map[bool]string{true: "!", false: "."}[on])
		return nil
	}, n, on)
	if len(calls) != 1 || calls[0] != "xx!" {
		t.Fatalf("Interact's first run: %v", calls)
	}
	// The output widget captures the request being handled while the function runs.
	var ids []any
	for _, m := range k.take() {
		if m.typ == "comm_msg" && m.content["comm_id"] == in.Output().ModelID() {
			ids = append(ids, data(m)["state"].(map[string]any)["msg_id"])
		}
	}
	if len(ids) != 2 || ids[0] != "parent-1" || ids[1] != "" {
		t.Errorf("the output widget's msg_id went %v, want [parent-1 \"\"]", ids)
	}
	frontEndUpdate(t, on, map[string]any{"value": false}, []any{}, nil)
	n.SetValue(3)
	if strings.Join(calls, " ") != "xx! xx. xxx." {
		t.Errorf("Interact's runs: %v", calls)
	}
	for _, bad := range []func(){
		func() { Interact(42, n) },
		func() { Interact(func(s string) {}, n) },
		func() { Interact(func(a, b int) {}, n) },
	} {
		func() {
			defer func() {
				if p := recover(); p == nil || !strings.Contains(p.(string), "widgets.Interact") {
					t.Errorf("a wrong Interact call: panic %v", p)
				}
			}()
			bad()
		}()
	}

	a, b := NewFloatSlider("a", 0, 1, 0.25), NewFloatSlider("b", 0, 1, 0.75)
	NewLink(a, b)
	if b.Value() != 0.25 {
		t.Errorf("a new link did not copy a's value to b: %v", b.Value())
	}
	frontEndUpdate(t, b, map[string]any{"value": 0.5}, []any{}, nil)
	if a.Value() != 0.5 {
		t.Errorf("moving b did not move a: %v", a.Value())
	}
	c := NewFloatSlider("c", 0, 1, 0)
	l := NewLink(a, c)
	l.Close()
	a.SetValue(0.9)
	if b.Value() != 0.9 || c.Value() != 0.5 {
		t.Errorf("after closing the a–c link, a = 0.9 gives b = %v (linked, want 0.9) and c = %v (want 0.5)", b.Value(), c.Value())
	}
}

func TestWithoutKernel(t *testing.T) {
	old := comm.SetKernel(nil)
	defer comm.SetKernel(old)
	s := NewIntSlider("n", 0, 10, 5)
	s.SetValue(6)
	if s.Value() != 6 || !strings.HasPrefix(s.ModelID(), "local-") {
		t.Errorf("without a kernel: value %d, id %s", s.Value(), s.ModelID())
	}
	if txt := s.Bundle().Data["text/plain"]; txt != `IntSlider("n", value=6)` {
		t.Errorf("text form %v", txt)
	}
	if newLiveBar("x") != nil {
		t.Errorf("a live progress bar without a kernel")
	}
}

func TestSetLayout(t *testing.T) {
	k := withKernel(t)
	s := NewIntSlider("n", 0, 10, 5)
	k.take()
	s.SetLayout(map[string]string{"width": "400px", "justify-content": "center"})
	msgs := k.take()
	if len(msgs) != 2 || msgs[0].typ != "comm_open" || msgs[1].typ != "comm_msg" {
		t.Fatalf("SetLayout sent %+v, want a LayoutModel's comm_open and the widget's update", msgs)
	}
	st := data(msgs[0])["state"].(map[string]any)
	if st["_model_name"] != "LayoutModel" || st["_model_module"] != "@jupyter-widgets/base" || st["width"] != "400px" || st["justify_content"] != "center" {
		t.Errorf("layout state %v", st)
	}
	if ref := data(msgs[1])["state"].(map[string]any)["layout"]; ref != "IPY_MODEL_"+msgs[0].content["comm_id"].(string) {
		t.Errorf("the widget refers to layout %v", ref)
	}
	s.SetLayout(map[string]string{"width": ""})
	msgs = k.take()
	if len(msgs) != 1 || data(msgs[0])["state"].(map[string]any)["width"] != nil {
		t.Errorf("a second SetLayout sent %+v, want one update of the same layout unsetting width", msgs)
	}
}

// TestConcurrentUse reads and sets a widget from several goroutines while updates arrive
// from the front end (run with -race).
func TestConcurrentUse(t *testing.T) {
	withKernel(t)
	s := NewFloatSlider("x", 0, 100, 0)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				s.SetValue(float64(i % 100))
				_ = s.Value()
				_ = s.Bundle()
			}
		}()
	}
	for i := 0; i < 200; i++ {
		comm.HandleMsg(s.ModelID(), comm.Message{Data: map[string]any{"method": "update",
			"state": map[string]any{"value": float64(i % 100)}, "buffer_paths": []any{}}})
	}
	wg.Wait()
	if v := s.Value(); v < 0 || v > 100 {
		t.Errorf("value %v out of range", v)
	}
}

func TestMoreControls(t *testing.T) {
	k := withKernel(t)
	r := NewRadioButtons("pick", []string{"a", "b"}, "b")
	ta := NewTextarea("notes", "x", 4)
	it := NewIntText("n", 3)
	ft := NewFloatText("f", 1.5)
	tb := NewToggleButton("on", false)
	tab := NewTab([]string{"first"}, it, ft)
	names := map[string]bool{}
	for _, m := range k.take() {
		if m.typ == "comm_open" {
			names[data(m)["state"].(map[string]any)["_model_name"].(string)] = true
		}
	}
	for _, n := range []string{"RadioButtonsModel", "TextareaModel", "IntTextModel", "FloatTextModel", "ToggleButtonModel", "TabModel"} {
		if !names[n] {
			t.Errorf("no %s opened (opened %v)", n, names)
		}
	}
	frontEndUpdate(t, r, map[string]any{"index": 0.0}, []any{}, nil)
	frontEndUpdate(t, ta, map[string]any{"value": "two\nlines"}, []any{}, nil)
	frontEndUpdate(t, it, map[string]any{"value": 8.0}, []any{}, nil)
	frontEndUpdate(t, tb, map[string]any{"value": true}, []any{}, nil)
	frontEndUpdate(t, tab, map[string]any{"selected_index": 1.0}, []any{}, nil)
	if r.Value() != "a" || ta.Value() != "two\nlines" || it.Value() != 8 || ft.Value() != 1.5 || !tb.Value() || tab.Selected() != 1 {
		t.Errorf("values: %q %q %d %v %v %d", r.Value(), ta.Value(), it.Value(), ft.Value(), tb.Value(), tab.Selected())
	}
	if got := tab.Bundle().Data["text/plain"]; got != "Tab(first, )" {
		t.Errorf("tab text %v", got)
	}
	Interact(func(s string, n int, on bool) {}, r, it, tb) // value types line up
}

// TestValueTakenInOnArrival: an update is stored when it arrives (a running cell reads it)
// and its echo and callbacks wait until the kernel handles the message in turn.
func TestValueTakenInOnArrival(t *testing.T) {
	k := withKernel(t)
	s := NewIntSlider("n", 0, 10, 1)
	var seen []int
	s.OnChange(func(v int) { seen = append(seen, v) })
	k.take()
	msg := comm.Message{ID: "m-1", Data: map[string]any{"method": "update", "state": map[string]any{"value": 6.0}, "buffer_paths": []any{}}}
	if !comm.Arrive(s.ModelID(), msg) {
		t.Fatal("no comm for the slider")
	}
	if s.Value() != 6 || len(seen) != 0 || len(k.take()) != 0 {
		t.Errorf("on arrival: value %d, callbacks %v (want 6 and none yet, nothing sent)", s.Value(), seen)
	}
	comm.HandleMsg(s.ModelID(), comm.Message{ID: "m-1", Data: map[string]any{"method": "update",
		"state": map[string]any{"value": 6.0}, "buffer_paths": []any{}}})
	msgs := k.take()
	if len(seen) != 1 || seen[0] != 6 || len(msgs) != 1 || data(msgs[0])["method"] != "echo_update" {
		t.Errorf("when handled: callbacks %v, sent %+v (want one callback with 6 and an echo_update)", seen, msgs)
	}
}

func TestClose(t *testing.T) {
	k := withKernel(t)
	s := NewText("t", "x")
	k.take()
	s.Close()
	msgs := k.take()
	if len(msgs) != 1 || msgs[0].typ != "comm_close" || msgs[0].content["comm_id"] != s.ModelID() {
		t.Errorf("Close sent %+v, want a comm_close", msgs)
	}
	s.SetValue("y")
	if len(k.take()) != 0 || s.Value() != "y" {
		t.Errorf("a closed widget still sends, or lost its value")
	}
	if _, err := modelOf(s); err == nil {
		t.Errorf("a closed widget is still registered")
	}
}
