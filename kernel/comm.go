package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
	"github.com/sluice-dev/sluice/widgets/comm"
)

// Comms. The registry of targets and open comms is package comm's (widgets/comm), which
// Go code — widgets, or a cell — uses to register targets and open comms; the kernel
// installs itself there as the way to the front ends (commKernel) and delivers what the
// front ends send.
//
// A comm message from a front end is served from the shell queue like an
// execute_request, so its handler never runs beside a cell. While it runs, it is the
// kernel's current "cell": output and display go under the comm message (an Output
// widget capturing that message id shows them), an interrupt cancels the context its
// Message carries, and a panic is reported as an error message under it and in the log
// instead of ending the kernel.

// commKernel is the comm.Kernel the kernel installs.
type commKernel struct{ k *kernel }

var _ comm.Kernel = commKernel{}

// Send publishes a comm message under the request being handled (the running cell or
// comm message), or after it under the last cell that ran. Unlike display output it is
// sent for silent requests too: the front end's copy of the comm's state must follow.
func (c commKernel) Send(msgType string, content, metadata map[string]any, buffers [][]byte) error {
	k := c.k
	k.flushOutput() // text printed before a widget changes shows above it
	k.cellMu.Lock()
	parent := k.lastParent
	if k.cell != nil {
		parent = k.cell.req
	}
	k.cellMu.Unlock()
	m, err := wire.New(msgType, k.session, parent, content)
	if err != nil {
		return fmt.Errorf("encode %s: %w", msgType, err)
	}
	if len(metadata) > 0 {
		if m.Metadata, err = json.Marshal(metadata); err != nil {
			return fmt.Errorf("encode %s metadata: %w", msgType, err)
		}
	}
	m.Buffers = buffers
	m.Identities = [][]byte{[]byte(msgType)}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := wire.Send(k.iopub, m, k.signer); err != nil {
		if k.ctx.Err() == nil {
			k.log.Warn("iopub send", "type", msgType, "err", err)
		}
		return err
	}
	return nil
}

// ParentID returns the msg_id of the request being handled, or "".
func (c commKernel) ParentID() string {
	if cl := c.k.currentCell(); cl != nil {
		return cl.req.Header.MsgID
	}
	return ""
}

// Context returns the running request's context, or Background between requests.
func (c commKernel) Context() context.Context {
	if cl := c.k.currentCell(); cl != nil {
		return cl.ctx
	}
	return context.Background()
}

// handleCommInfo answers comm_info_request with the open comms, only those of the
// request's target_name when it names one.
func (k *kernel) handleCommInfo(r request) {
	var c struct {
		TargetName string `json:"target_name"`
	}
	_ = r.msg.DecodeContent(&c)
	comms := map[string]commInfo{}
	for id, target := range comm.Comms(c.TargetName) {
		comms[id] = commInfo{TargetName: target}
	}
	r.reply(wire.CommInfoReply, commInfoReply{Status: "ok", Comms: comms})
}

// handleComm delivers comm_open, comm_msg and comm_close from a front end to package
// comm. A comm_open to a target nobody registered is answered with a comm_close, and a
// message to a comm that is not open is logged and dropped.
func (k *kernel) handleComm(r request) {
	var c struct {
		CommID     string         `json:"comm_id"`
		TargetName string         `json:"target_name"`
		Data       map[string]any `json:"data"`
	}
	if err := r.msg.DecodeContent(&c); err != nil || c.CommID == "" {
		k.log.Warn("malformed comm message", "type", r.msg.Header.MsgType, "err", err)
		return
	}
	var meta map[string]any
	if len(r.msg.Metadata) > 0 {
		_ = json.Unmarshal(r.msg.Metadata, &meta)
	}
	typ := r.msg.Header.MsgType
	if !k.engineFree() {
		// A cell stuck in a native call still owns the engine; handlers call into it.
		k.log.Warn("comm message dropped: a cell is still stuck in a native call", "type", typ, "comm_id", c.CommID)
		if typ == wire.CommOpen {
			k.publish(r.msg, wire.CommClose, commClose{CommID: c.CommID, Data: map[string]any{}})
		}
		return
	}
	known := true
	k.runCommHandler(r, func(ctx context.Context) {
		m := comm.Message{Data: c.Data, Metadata: meta, Buffers: r.msg.Buffers, ID: r.msg.Header.MsgID}.WithContext(ctx)
		switch typ {
		case wire.CommOpen:
			known = comm.HandleOpen(c.CommID, c.TargetName, m)
		case wire.CommMsg:
			known = comm.HandleMsg(c.CommID, m)
		case wire.CommClose:
			known = comm.HandleClose(c.CommID, m)
		}
	})
	switch {
	case known:
	case typ == wire.CommOpen:
		k.log.Info("comm_open to unknown target closed", "target", c.TargetName, "comm_id", c.CommID)
		k.publish(r.msg, wire.CommClose, commClose{CommID: c.CommID, Data: map[string]any{}})
	default:
		k.log.Info("message for unknown comm ignored", "type", typ, "comm_id", c.CommID)
	}
}

// arriveComm hands a comm_msg to package comm as soon as it is received (on the shell
// reader's goroutine, possibly while a cell runs), so a widget takes in the state the
// user set before the message waits its turn in the queue for its callbacks.
func (k *kernel) arriveComm(msg *wire.Message) {
	if msg.Header.MsgType != wire.CommMsg {
		return
	}
	var c struct {
		CommID string         `json:"comm_id"`
		Data   map[string]any `json:"data"`
	}
	if err := msg.DecodeContent(&c); err != nil || c.CommID == "" {
		return // handleComm reports it in turn
	}
	defer func() {
		if p := recover(); p != nil {
			k.log.Warn("comm message arrival failed", "comm_id", c.CommID, "panic", fmt.Sprint(p))
		}
	}()
	comm.Arrive(c.CommID, comm.Message{Data: c.Data, Buffers: msg.Buffers, ID: msg.Header.MsgID})
}

// callbackRunner is an engine that runs compiled code calling into its cells the way it
// runs a cell, so that an interrupt stops the interpreted part (engine.RunCallback).
type callbackRunner interface {
	RunCallback(ctx context.Context, io *CellIO, f func()) error
}

// runCommHandler runs f as the kernel's current request, like a cell: on its own
// goroutine so an interrupt can give up on it, with its panics reported.
func (k *kernel) runCommHandler(r request, f func(ctx context.Context)) {
	ctx, cancel := context.WithCancel(k.ctx)
	defer cancel()
	cl := &cell{req: r.msg, ctx: ctx, cancel: cancel}
	k.cellMu.Lock()
	k.cell = cl
	k.cellMu.Unlock()
	defer func() {
		k.flushOutput()
		k.cellMu.Lock()
		k.cell = nil
		k.cellMu.Unlock()
	}()

	done := make(chan execResult, 1)
	go func() {
		var res execResult
		defer func() {
			if p := recover(); p != nil {
				// Like a cell's panic, without the Go stack (the kernel logs it at debug level).
				k.log.Debug("comm handler panic", "stack", string(debug.Stack()))
				res.err = &ExecError{Name: "panic", Value: fmt.Sprint(p), Traceback: []string{
					fmt.Sprintf("panic in a widget or comm callback: %v", p),
					"The callback ran for a " + r.msg.Header.MsgType + " from the front end; the kernel and its variables are unaffected."}}
			}
			done <- res
		}()
		if cr, ok := k.eng.(callbackRunner); ok {
			res.err = cr.RunCallback(ctx, &CellIO{Stdout: cellWriter{k.stdout}, Stderr: cellWriter{k.stderr}}, func() { f(ctx) })
			return
		}
		f(ctx)
	}()
	var res execResult
	select {
	case res = <-done:
	case <-ctx.Done():
		timer := time.NewTimer(k.opts.InterruptGrace)
		select {
		case res = <-done:
		case <-timer.C:
			k.stuckCell = done
			res.err = k.stuckError("a widget callback")
		}
		timer.Stop()
	}
	if res.err == nil {
		return
	}
	ee := k.toExecError(res.err, ctx.Err() != nil)
	k.log.Warn("comm handler failed", "type", r.msg.Header.MsgType, "err", ee.Name+": "+ee.Value)
	k.flushOutput()
	tb := ee.Traceback
	if tb == nil {
		tb = []string{}
	}
	k.publish(r.msg, wire.Error, wire.ErrorContent{EName: ee.Name, EValue: ee.Value, Traceback: tb})
}
