package kernel

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// publish sends a message of msgType with content on iopub, as a child of parent (nil for
// none). The topic frame follows the usual convention: the message type, or
// kernel.<session>.status for status messages.
func (k *kernel) publish(parent *wire.Message, msgType string, content any) {
	m, err := wire.New(msgType, k.session, parent, content)
	if err != nil {
		k.log.Error("encode iopub message", "type", msgType, "err", err)
		return
	}
	topic := msgType
	if msgType == wire.Status {
		topic = "kernel." + k.session + ".status"
	}
	m.Identities = [][]byte{[]byte(topic)}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := wire.Send(k.iopub, m, k.signer); err != nil && k.ctx.Err() == nil {
		k.log.Warn("iopub send", "type", msgType, "err", err)
	}
}

func (k *kernel) publishStatus(parent *wire.Message, state string) {
	k.publish(parent, wire.Status, wire.StatusContent{ExecutionState: state})
}

// reply sends a reply to req on the socket it came from.
func (k *kernel) reply(sock zmq4.Socket, mu *sync.Mutex, req *wire.Message, msgType string, content any) {
	m, err := wire.New(msgType, k.session, req, content)
	if err != nil {
		k.log.Error("encode reply", "type", msgType, "err", err)
		return
	}
	m.Identities = req.Identities
	mu.Lock()
	defer mu.Unlock()
	if err := wire.Send(sock, m, k.signer); err != nil && k.ctx.Err() == nil {
		k.log.Warn("reply send", "type", msgType, "err", err)
	}
}

// request is one incoming request and the socket to answer it on.
type request struct {
	k    *kernel
	msg  *wire.Message
	sock zmq4.Socket
	mu   *sync.Mutex
	seq  int64 // arrival number on shell (0 on control)
}

func (r request) reply(msgType string, content any) {
	r.k.reply(r.sock, r.mu, r.msg, msgType, content)
}

// readShell moves shell messages into the queue that work drains, so the reader never
// waits behind a running cell and stop_on_error can see what is queued.
func (k *kernel) readShell() {
	k.recvLoop("shell", k.shell, func(m *wire.Message) {
		k.arriveComm(m)
		k.qmu.Lock()
		k.received++
		k.queue = append(k.queue, queued{m, k.received})
		k.qmu.Unlock()
		select {
		case k.queued <- struct{}{}:
		default:
		}
	})
}

// queued is a shell message waiting in the queue with its arrival number.
type queued struct {
	msg *wire.Message
	seq int64
}

// abortQueued makes the execute requests that have arrived so far be aborted (after an
// error with stop_on_error); requests arriving later run as usual.
func (k *kernel) abortQueued() {
	k.qmu.Lock()
	k.abortThrough = k.received
	k.qmu.Unlock()
}

// work serves the shell queue, one request at a time, until the kernel stops.
func (k *kernel) work() {
	for {
		k.qmu.Lock()
		var q queued
		if len(k.queue) > 0 {
			q = k.queue[0]
			k.queue[0] = queued{}
			k.queue = k.queue[1:]
		}
		k.qmu.Unlock()
		if q.msg == nil {
			select {
			case <-k.ctx.Done():
				return
			case <-k.queued:
			}
			continue
		}
		k.dispatch(request{k: k, msg: q.msg, sock: k.shell, mu: &k.shellMu, seq: q.seq}, true)
		if k.ctx.Err() != nil {
			return
		}
	}
}

// serveControl answers control requests as they arrive, on their own goroutine, so an
// interrupt or shutdown never waits behind a running cell.
func (k *kernel) serveControl() {
	k.recvLoop("control", k.control, func(m *wire.Message) {
		k.dispatch(request{k: k, msg: m, sock: k.control, mu: &k.controlMu}, false)
	})
}

// dispatch handles one request between status busy and idle. onShell tells whether it
// came through the shell queue: only there may the engine be called.
func (k *kernel) dispatch(r request, onShell bool) {
	typ := r.msg.Header.MsgType
	k.log.Debug("request", "type", typ, "msg_id", r.msg.Header.MsgID, "control", !onShell)
	k.awaitSubscriber()
	k.publishStatus(r.msg, "busy")
	defer k.publishStatus(r.msg, "idle")
	switch typ {
	case wire.KernelInfoRequest:
		r.reply(wire.KernelInfoReply, k.kernelInfo())
	case wire.ShutdownRequest:
		k.shutdown(r)
	case wire.InterruptRequest:
		k.interrupt()
		r.reply(wire.InterruptReply, statusReply{Status: "ok"})
	case wire.HistoryRequest:
		k.handleHistory(r)
	case wire.CommInfoRequest:
		k.handleCommInfo(r)
	case wire.CommOpen, wire.CommMsg, wire.CommClose:
		k.handleComm(r)
	case wire.DebugRequest:
		k.handleDebug(r)
	case wire.ExecuteRequest, wire.CompleteRequest, wire.InspectRequest, wire.IsCompleteRequest:
		if !onShell {
			k.log.Warn("request not served on the control channel; send it on shell", "type", typ)
			r.reply(replyType(typ), errorReply{Status: "error", EName: "WrongChannel",
				EValue: typ + " is served on the shell channel", Traceback: []string{}})
			return
		}
		switch typ {
		case wire.ExecuteRequest:
			k.execute(r)
		case wire.CompleteRequest:
			k.handleComplete(r)
		case wire.InspectRequest:
			k.handleInspect(r)
		case wire.IsCompleteRequest:
			k.handleIsComplete(r)
		}
	default:
		k.log.Warn("unknown message type ignored", "type", typ)
	}
}

func replyType(requestType string) string {
	const suffix = "_request"
	if n := len(requestType) - len(suffix); n > 0 && requestType[n:] == suffix {
		return requestType[:n] + "_reply"
	}
	return requestType + "_reply"
}

// shutdown answers a shutdown_request on its channel and on iopub, then stops the kernel.
func (k *kernel) shutdown(r request) {
	var c struct {
		Restart bool `json:"restart"`
	}
	_ = json.Unmarshal(r.msg.Content, &c)
	content := shutdownReply{Status: "ok", Restart: c.Restart}
	r.reply(wire.ShutdownReply, content)
	k.publish(r.msg, wire.ShutdownReply, content)
	k.log.Info("shutdown requested", "restart", c.Restart)
	k.interrupt()
	if c.Restart {
		k.stop(ErrRestart)
	} else {
		k.stop(nil)
	}
}

// Just after start, a client's requests can reach the kernel before its IOPub
// subscription does, and what the kernel publishes in between is lost: the client's
// wait_for_ready then misses the idle of its kernel_info_request and retries after
// 200 ms. So during the first seconds, a request waits a little for a subscriber.
const (
	subscriberWindow = 10 * time.Second
	subscriberWait   = 300 * time.Millisecond
)

func (k *kernel) awaitSubscriber() {
	t, ok := k.iopub.(zmq4.Topics)
	if !ok || time.Since(k.started) > subscriberWindow {
		return
	}
	deadline := time.Now().Add(subscriberWait)
	waited := false
	for len(t.Topics()) == 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
		waited = true
	}
	if waited {
		k.log.Debug("waited for an iopub subscriber", "subscribed", len(t.Topics()) > 0)
	}
}
