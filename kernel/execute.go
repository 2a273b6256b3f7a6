package kernel

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// cell is the execute request being run.
type cell struct {
	req        *wire.Message
	silent     bool
	allowStdin bool
	ctx        context.Context
	cancel     context.CancelFunc
	interrupts int
}

type execResult struct {
	value any
	err   error
}

func boolOr(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

// execute serves an execute_request: execute_input, the cell's output, execute_result or
// error, user_expressions and the execute_reply. Status busy/idle is sent by dispatch.
func (k *kernel) execute(r request) {
	var c wire.ExecuteRequestContent
	if err := r.msg.DecodeContent(&c); err != nil {
		k.log.Warn("malformed execute_request", "err", err)
		k.replyExecError(r, &ExecError{Name: "BadRequest", Value: err.Error(), Traceback: []string{err.Error()}}, false)
		return
	}
	storeHistory := boolOr(c.StoreHistory, true) && !c.Silent
	stopOnError := boolOr(c.StopOnError, true)
	k.qmu.Lock()
	abort := r.seq > 0 && r.seq <= k.abortThrough
	k.qmu.Unlock()
	if abort {
		k.log.Info("aborting a queued execute_request after an error", "msg_id", r.msg.Header.MsgID)
		r.reply(wire.ExecuteReply, wire.ExecuteReplyContent{Status: "aborted", ExecutionCount: k.count})
		return
	}
	if storeHistory {
		k.count++
	}
	if !c.Silent {
		k.publish(r.msg, wire.ExecuteInput, executeInput{Code: c.Code, ExecutionCount: k.count})
	}

	ctx, cancel := context.WithCancel(k.ctx)
	defer cancel()
	cl := &cell{req: r.msg, silent: c.Silent, allowStdin: boolOr(c.AllowStdin, true), ctx: ctx, cancel: cancel}
	k.cellMu.Lock()
	k.cell = cl
	if !c.Silent {
		k.lastParent = r.msg
	}
	k.cellMu.Unlock()

	res := k.runCell(cl, c.Code)

	k.flushOutput()
	k.cellMu.Lock()
	k.cell = nil
	interrupted := cl.interrupts > 0
	k.cellMu.Unlock()

	var output string
	if res.err != nil {
		ee := k.toExecError(res.err, interrupted)
		if stopOnError {
			// Before the reply: a request sent after the client saw it must still run.
			k.abortQueued()
		}
		if storeHistory {
			k.history.add(c.Code, "")
		}
		k.replyExecError(r, ee, !c.Silent)
		return
	}
	if res.value != nil && !c.Silent {
		b := render(res.value)
		output, _ = b.Data["text/plain"].(string)
		count := k.count
		k.publish(r.msg, wire.ExecuteResult, wire.DisplayDataContent{
			ExecutionCount: &count, Data: bundleData(b), Metadata: bundleMetadata(b)})
	}
	if storeHistory {
		k.history.add(c.Code, output)
	}
	reply := wire.ExecuteReplyContent{Status: "ok", ExecutionCount: k.count, Payload: []any{},
		UserExpressions: k.userExpressions(c.UserExpressions)}
	r.reply(wire.ExecuteReply, reply)
}

// runCell calls the engine on its own goroutine so an interrupt can give up on a cell
// stuck in a call that ignores its context.
func (k *kernel) runCell(cl *cell, code string) execResult {
	if k.stuckCell != nil {
		select {
		case <-k.stuckCell:
			k.stuckCell = nil
			k.log.Info("the stuck cell finally returned")
		case <-cl.ctx.Done():
			return execResult{err: k.stuckError("the previous cell")}
		}
	}
	done := make(chan execResult, 1)
	io := &CellIO{Stdout: cellWriter{k.stdout}, Stderr: cellWriter{k.stderr},
		Input: func(prompt string, password bool) (string, error) {
			return k.input(cl.ctx, prompt, password)
		}}
	go func() {
		var res execResult
		defer func() {
			if p := recover(); p != nil {
				res = execResult{err: &ExecError{Name: "panic", Value: fmt.Sprint(p),
					Traceback: append([]string{fmt.Sprintf("panic: %v", p)}, strings.Split(string(debug.Stack()), "\n")...)}}
			}
			done <- res
		}()
		res.value, res.err = k.eng.Execute(cl.ctx, code, io)
	}()
	if k.capture != nil {
		stop := k.capture.watchStdin(cl)
		defer stop()
	}
	select {
	case res := <-done:
		return res
	case <-cl.ctx.Done():
	}
	timer := time.NewTimer(k.opts.InterruptGrace)
	defer timer.Stop()
	select {
	case res := <-done:
		return res
	case <-timer.C:
		k.stuckCell = done
		k.log.Warn("cell did not return after an interrupt; it is stuck in a native call")
		return execResult{err: k.stuckError("this cell")}
	}
}

// stuckError reports a cell that ignored an interrupt for the kernel's InterruptGrace.
func (k *kernel) stuckError(which string) *ExecError {
	v := which + " did not stop within " + k.opts.InterruptGrace.String() + " of the interrupt: it is stuck in a native call " +
		"that cannot be cancelled (a blocking system call, cgo, or a compiled loop that ignores its context)"
	return &ExecError{Name: "StuckInNativeCall", Value: v, Traceback: []string{
		"StuckInNativeCall: " + v,
		"The kernel is still alive and keeps its variables, but the engine is busy until that call returns.",
		"Interrupt again to give up waiting for it, or restart the kernel.",
	}}
}

// toExecError turns an engine error into the fields of a Jupyter error.
func (k *kernel) toExecError(err error, interrupted bool) *ExecError {
	var ee *ExecError
	if errors.As(err, &ee) {
		if ee.Traceback == nil {
			ee.Traceback = []string{ee.Name + ": " + ee.Value}
		}
		return ee
	}
	if interrupted && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return &ExecError{Name: "Interrupted", Value: "the cell was interrupted",
			Traceback: []string{"Interrupted: the cell was interrupted; the session's variables are kept"}}
	}
	return &ExecError{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
}

// replyExecError publishes one error message (when broadcast) and the error reply.
func (k *kernel) replyExecError(r request, ee *ExecError, broadcast bool) {
	tb := ee.Traceback
	if tb == nil {
		tb = []string{}
	}
	if broadcast {
		k.publish(r.msg, wire.Error, wire.ErrorContent{EName: ee.Name, EValue: ee.Value, Traceback: tb})
	}
	r.reply(wire.ExecuteReply, wire.ExecuteReplyContent{Status: "error", ExecutionCount: k.count,
		EName: ee.Name, EValue: ee.Value, Traceback: tb, UserExpressions: map[string]any{}, Payload: []any{}})
}

// userExpressions evaluates the request's user_expressions into their display bundles.
func (k *kernel) userExpressions(exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		v, err := k.evalExpr(expr)
		if err != nil {
			ee := k.toExecError(err, false)
			tb := ee.Traceback
			if tb == nil {
				tb = []string{}
			}
			out[name] = errorReply{Status: "error", EName: ee.Name, EValue: ee.Value, Traceback: tb}
			continue
		}
		b := render(v)
		out[name] = userExpressionValue{Status: "ok", Data: bundleData(b), Metadata: bundleMetadata(b)}
	}
	return out
}

func (k *kernel) evalExpr(expr string) (v any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &ExecError{Name: "panic", Value: fmt.Sprint(p)}
		}
	}()
	ctx, cancel := context.WithTimeout(k.ctx, 10*time.Second)
	defer cancel()
	return k.eng.Eval(ctx, expr)
}

// interrupt cancels the running cell, if any.
func (k *kernel) interrupt() {
	k.cellMu.Lock()
	defer k.cellMu.Unlock()
	if k.cell != nil {
		k.cell.interrupts++
		k.cell.cancel()
	}
}

// currentCell returns the running cell, or nil.
func (k *kernel) currentCell() *cell {
	k.cellMu.Lock()
	defer k.cellMu.Unlock()
	return k.cell
}

// outputParent returns the message that output belongs to now: the running cell, or
// after it the last cell that ran (output of goroutines a cell left behind shows under
// that cell). silent reports that the output must be dropped.
func (k *kernel) outputParent() (parent *wire.Message, silent bool) {
	k.cellMu.Lock()
	defer k.cellMu.Unlock()
	if k.cell != nil {
		return k.cell.req, k.cell.silent
	}
	return k.lastParent, false
}
