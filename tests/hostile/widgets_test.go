package hostile

// Attacks through comms and widgets (row 6 of the hardening table: a panic outside the
// running cell is reported and the session kept): a widget callback that panics, and comm
// messages a broken or malicious front end could send.

import (
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
)

func init() {
	register(6, "panic in a widget callback", widgetsAttackCallbackPanic)
	register(6, "malformed comm messages", widgetsAttackMalformed)
}

// widgetsSend sends a shell message that has no reply (a comm message) and returns the
// IOPub messages under it, up to its idle status.
func (k *kernel) widgetsSend(msgType string, content any) []*wire.Message {
	k.t.Helper()
	m, err := wire.New(msgType, k.session, nil, content)
	if err != nil {
		k.t.Fatal(err)
	}
	if err := wire.Send(k.shell, m, k.signer); err != nil {
		k.t.Fatal(err)
	}
	limit := time.NewTimer(time.Minute)
	defer limit.Stop()
	var pub []*wire.Message
	for {
		select {
		case p := <-k.pub:
			if p.ParentID() != m.Header.MsgID {
				continue
			}
			pub = append(pub, p)
			var st wire.StatusContent
			if p.Header.MsgType == wire.Status && p.DecodeContent(&st) == nil && st.ExecutionState == "idle" {
				return pub
			}
		case <-k.exited:
			k.t.Fatalf("the kernel process exited (%v) on %s\n%s", k.cmd.ProcessState, msgType, k.log)
		case <-limit.C:
			k.t.Fatalf("no idle status after %s within a minute\n%s", msgType, k.log)
		}
	}
}

// widgetsSlider makes a slider whose OnChange runs body, and returns its model id.
func (k *kernel) widgetsSlider(body string) string {
	k.t.Helper()
	c := k.ok("import \"github.com/sluice-dev/sluice/widgets\"\ns := widgets.NewIntSlider(\"n\", 0, 10, 1)\n" +
		"s.OnChange(func(v int) {\n" + body + "\n})\nfmt.Println(s.ModelID())")
	return strings.TrimSpace(c.stdout)
}

func widgetsAttackCallbackPanic(t *testing.T) {
	k := startKernel(t)
	id := k.widgetsSlider("var m map[string]int\nm[\"x\"] = v")
	pub := k.widgetsSend(wire.CommMsg, map[string]any{"comm_id": id, "data": map[string]any{
		"method": "update", "state": map[string]any{"value": 5}, "buffer_paths": []any{}}})
	reported := false
	for _, p := range pub {
		var e wire.ErrorContent
		if p.Header.MsgType == wire.Error && p.DecodeContent(&e) == nil {
			reported = strings.Contains(e.EValue, "nil map")
			if tb := strings.Join(e.Traceback, "\n"); strings.Contains(tb, "goroutine ") {
				t.Errorf("the callback's panic shows a Go stack:\n%s", tb)
			}
		}
	}
	if !reported {
		t.Errorf("the callback's panic was not reported under the comm message: %d messages", len(pub))
	}
	k.survived()
	if c := k.ok("s.Value()"); !strings.Contains(c.out, "5") {
		t.Errorf("the slider's value after the update whose callback panicked: %q, want 5", c.out)
	}
}

func widgetsAttackMalformed(t *testing.T) {
	k := startKernel(t)
	id := k.widgetsSlider("fmt.Println(\"changed\", v)")
	for _, m := range []struct {
		typ     string
		content any
	}{
		{wire.CommMsg, map[string]any{"comm_id": id, "data": "not an object"}},
		{wire.CommMsg, map[string]any{"comm_id": id, "data": map[string]any{"method": "update", "state": "garbage"}}},
		{wire.CommMsg, map[string]any{"comm_id": id, "data": map[string]any{"method": "update",
			"state": map[string]any{"value": "eleven"}, "buffer_paths": []any{[]any{"value", 99}, "x", nil}}}},
		{wire.CommMsg, map[string]any{"comm_id": id, "data": map[string]any{"method": "custom", "content": 7}}},
		{wire.CommMsg, map[string]any{"comm_id": id, "data": map[string]any{"method": 12}}},
		{wire.CommOpen, map[string]any{"target_name": "jupyter.widget.control"}},
		{wire.CommOpen, map[string]any{"comm_id": id, "target_name": "jupyter.widget.control", "data": []any{1}}},
		{wire.CommMsg, map[string]any{"comm_id": "no-such-comm", "data": map[string]any{}}},
		{wire.CommClose, map[string]any{"comm_id": "no-such-comm"}},
		{wire.CommInfoRequest, map[string]any{"target_name": 5}},
	} {
		k.widgetsSend(m.typ, m.content)
	}
	k.survived()
	// The slider still works: a good update after the bad ones is applied.
	k.widgetsSend(wire.CommMsg, map[string]any{"comm_id": id, "data": map[string]any{
		"method": "update", "state": map[string]any{"value": 3}, "buffer_paths": []any{}}})
	if c := k.ok("s.Value()"); !strings.Contains(c.out, "3") {
		t.Errorf("after malformed messages a good update left the slider at %q, want 3", c.out)
	}
}
