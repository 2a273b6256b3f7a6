package kernel

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
	"github.com/sluice-dev/sluice/widgets/comm"
)

// TestCommTargetsFromGo registers a target from Go, opens a comm to it from the client,
// exchanges messages with a buffer both ways, lists it with comm_info, interrupts a
// handler through its Message context, and closes it.
func TestCommTargetsFromGo(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	opened := make(chan *comm.Comm, 1)
	handlerErr := make(chan error, 1)
	comm.RegisterTarget("test.echo", func(cm *comm.Comm, m comm.Message) {
		cm.OnMsg(func(m comm.Message) {
			if m.Data["block"] == true {
				<-m.Context().Done() // until the user interrupts
				handlerErr <- m.Context().Err()
				return
			}
			_ = cm.Send(comm.Message{Data: map[string]any{"got": m.Data["n"], "parent": comm.ParentID()},
				Buffers: [][]byte{append([]byte("re:"), m.Buffers[0]...)}})
		})
		opened <- cm
	})
	defer comm.RegisterTarget("test.echo", nil)

	req := c.send(c.shell, wire.CommOpen, map[string]any{"comm_id": "e1", "target_name": "test.echo", "data": map[string]any{}})
	if got := types(c.iopubFor(req)); got != "status:busy status:idle" {
		t.Errorf("comm_open to a registered target: iopub %s", got)
	}
	if cm := <-opened; cm.ID() != "e1" || cm.Target() != "test.echo" {
		t.Errorf("opened comm %s to %s", cm.ID(), cm.Target())
	}
	for _, target := range []string{"test.echo", ""} {
		reply, _ := c.call(false, wire.CommInfoRequest, map[string]any{"target_name": target})
		comms, _ := decode(t, reply)["comms"].(map[string]any)
		if e, _ := comms["e1"].(map[string]any); e == nil || e["target_name"] != "test.echo" {
			t.Errorf("comm_info(%q) = %v", target, comms)
		}
	}
	reply, _ := c.call(false, wire.CommInfoRequest, map[string]any{"target_name": "jupyter.widget"})
	if comms := decode(t, reply)["comms"].(map[string]any); len(comms) != 0 {
		t.Errorf("comm_info of another target lists %v", comms)
	}

	m, err := wire.New(wire.CommMsg, c.session, nil, map[string]any{"comm_id": "e1", "data": map[string]any{"n": 5}})
	if err != nil {
		t.Fatal(err)
	}
	m.Buffers = [][]byte{[]byte("xyz")}
	if err := wire.Send(c.shell, m, c.signer); err != nil {
		t.Fatal(err)
	}
	pub := c.iopubFor(m)
	out := find(pub, wire.CommMsg)
	if out == nil {
		t.Fatalf("no comm_msg back: %s", types(pub))
	}
	d := decode(t, out)["data"].(map[string]any)
	if d["got"] != 5.0 || d["parent"] != m.Header.MsgID || len(out.Buffers) != 1 || string(out.Buffers[0]) != "re:xyz" {
		t.Errorf("answer %v with buffers %q, want got 5, parent %s, buffer re:xyz", d, out.Buffers, m.Header.MsgID)
	}

	// An interrupt cancels the context of the handler running now.
	block := c.send(c.shell, wire.CommMsg, map[string]any{"comm_id": "e1", "data": map[string]any{"block": true}})
	time.Sleep(100 * time.Millisecond)
	c.call(true, wire.InterruptRequest, nil)
	select {
	case err := <-handlerErr:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the handler's context ended with %v", err)
		}
	case <-time.After(testTimeout):
		t.Fatal("the interrupt did not cancel the handler's context")
	}
	c.iopubFor(block)

	req = c.send(c.shell, wire.CommClose, map[string]any{"comm_id": "e1", "data": map[string]any{}})
	c.iopubFor(req)
	if comm.Lookup("e1") != nil {
		t.Errorf("comm e1 still open after comm_close")
	}
	if r, _ := c.execute("value still here", nil); r["status"] != "ok" {
		t.Errorf("after the comms the kernel answers %v", r)
	}
}
