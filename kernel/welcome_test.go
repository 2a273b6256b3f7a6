//go:build unix

package kernel

import (
	"context"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// TestIOPubWelcome subscribes raw zmq4 SUB sockets to the kernel's IOPub and checks each
// gets an iopub_welcome naming its subscription, with no parent, and that kernel_info
// advertises the feature.
func TestIOPubWelcome(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	reply, _ := c.call(false, wire.KernelInfoRequest, nil)
	feats, _ := decode(t, reply)["supported_features"].([]any)
	found := false
	for _, f := range feats {
		found = found || f == "iopub_welcome"
	}
	if !found {
		t.Errorf("kernel_info supported_features = %v, want iopub_welcome", feats)
	}

	for _, topic := range []string{"", "kernel.", "iopub_welcome"} {
		sub := zmq4.NewSub(context.Background())
		if err := sub.Dial(c.ci.Endpoint(c.ci.IOPubPort)); err != nil {
			t.Fatal(err)
		}
		if err := sub.SetOption(zmq4.OptionSubscribe, topic); err != nil {
			t.Fatal(err)
		}
		got := make(chan *wire.Message, 1)
		go func() {
			for {
				m, err := wire.Recv(sub, c.signer)
				if err != nil {
					close(got)
					return
				}
				if m.Header.MsgType == IOPubWelcome {
					got <- m
					return
				}
			}
		}()
		select {
		case m, ok := <-got:
			if !ok {
				t.Fatalf("topic %q: SUB closed before a welcome", topic)
			}
			if s := decode(t, m)["subscription"]; s != topic {
				t.Errorf("welcome for topic %q names subscription %q", topic, s)
			}
			if m.ParentID() != "" {
				t.Errorf("welcome has a parent %q", m.ParentID())
			}
			if topic != "" && (len(m.Identities) != 1 || string(m.Identities[0]) != topic) {
				t.Errorf("welcome for %q sent under topic frames %q", topic, m.Identities)
			}
		case <-time.After(testTimeout):
			t.Fatalf("no iopub_welcome for a subscription to %q", topic)
		}
		sub.Close()
	}
	// The kernel still answers after the subscribers left.
	c.call(false, wire.KernelInfoRequest, nil)
}
