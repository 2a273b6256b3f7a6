package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/kernel/wire"
)

// ErrCellTimeout is returned when a cell runs past its time limit.
var ErrCellTimeout = errors.New("cell timed out")

// interruptGrace is how long a timed-out cell may take to answer the interrupt.
var interruptGrace = 10 * time.Second

// outputRef locates an output shown under a display id, for update_display_data.
type outputRef struct {
	cell *Cell
	idx  int
}

// displays maps display ids to the outputs shown under them, across cells.
type displays map[string][]outputRef

// CellResult is what executing one cell produced.
type CellResult struct {
	Status         string // "ok", "error" or "aborted"
	ExecutionCount *int
	EName, EValue  string
	Traceback      []string
	// Timing holds nbclient's metadata.execution keys, from the kernel's header dates.
	Timing map[string]any
}

// OutputFunc is called with each output as it arrives (streams piecewise), for live logs.
type OutputFunc func(out map[string]any)

// Execute runs cell's source on the kernel, replacing cell.Outputs with what it produces
// and applying update_display_data to earlier outputs through disp. The cell's time limit
// is timeout (0 for none); on expiry the kernel is interrupted and ErrCellTimeout returned.
func (k *Kernel) Execute(ctx context.Context, cell *Cell, disp displays, timeout time.Duration, onOutput OutputFunc) (*CellResult, error) {
	m, err := k.newMessage(wire.ExecuteRequest, map[string]any{
		"code": cell.Source, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		return nil, err
	}
	id := m.Header.MsgID
	reply := k.expectReply(id)
	w := k.watch(id)
	defer func() {
		k.unwatch(id, w)
		k.forgetReply(id)
	}()
	cell.Outputs = nil
	dropDisplayRefs(disp, cell)
	res := &CellResult{Timing: map[string]any{}}
	if err := wire.Send(k.shell, m, k.signer); err != nil {
		return nil, fmt.Errorf("sending execute_request: %w", err)
	}

	var limit <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		limit = t.C
	}
	var (
		gotReply, gotIdle bool
		clearPending      bool
		timedOut          bool
		idleWait          <-chan time.Time
	)
	for !(gotReply && gotIdle) {
		select {
		case r := <-reply:
			gotReply = true
			var c wire.ExecuteReplyContent
			if err := r.DecodeContent(&c); err != nil {
				return nil, fmt.Errorf("execute_reply: %w", err)
			}
			res.Status = c.Status
			n := c.ExecutionCount
			res.ExecutionCount = &n
			res.EName, res.EValue, res.Traceback = c.EName, redact.String(c.EValue), redact.Lines(c.Traceback)
			res.Timing["shell.execute_reply"] = r.Header.Date
			if !gotIdle {
				// Outputs must all arrive before idle; allow iopub a bounded time to finish.
				idleWait = time.After(30 * time.Second)
			}
		case msg := <-w.ch:
			switch msg.Header.MsgType {
			case wire.Status:
				var c wire.StatusContent
				_ = msg.DecodeContent(&c)
				switch c.ExecutionState {
				case "busy":
					res.Timing["iopub.status.busy"] = msg.Header.Date
				case "idle":
					res.Timing["iopub.status.idle"] = msg.Header.Date
					gotIdle = true
				}
			case wire.ExecuteInput:
				res.Timing["iopub.execute_input"] = msg.Header.Date
			case wire.ClearOutput:
				var c struct {
					Wait bool `json:"wait"`
				}
				_ = msg.DecodeContent(&c)
				if c.Wait {
					clearPending = true
				} else {
					cell.Outputs = nil
					dropDisplayRefs(disp, cell)
				}
			case wire.UpdateDisplayData:
				var c wire.DisplayDataContent
				if err := msg.DecodeContent(&c); err == nil {
					if id, _ := c.Transient["display_id"].(string); id != "" {
						for _, ref := range disp[id] {
							if ref.idx < len(ref.cell.Outputs) {
								ref.cell.Outputs[ref.idx]["data"] = c.Data
								ref.cell.Outputs[ref.idx]["metadata"] = orEmpty(c.Metadata)
							}
						}
					}
				}
			case wire.Stream, wire.DisplayData, wire.ExecuteResult, wire.Error:
				out, displayID := outputOf(msg)
				if out == nil {
					continue
				}
				if clearPending {
					cell.Outputs = nil
					dropDisplayRefs(disp, cell)
					clearPending = false
				}
				if onOutput != nil {
					onOutput(out)
				}
				if appendStream(cell, out) {
					continue
				}
				if displayID != "" {
					disp[displayID] = append(disp[displayID], outputRef{cell, len(cell.Outputs)})
				}
				cell.Outputs = append(cell.Outputs, out)
			}
		case <-idleWait:
			if timedOut {
				return res, fmt.Errorf("%w after %s (no answer within %s of the interrupt)", ErrCellTimeout, timeout, interruptGrace)
			}
			return res, fmt.Errorf("kernel sent its execute_reply but no idle status within 30s")
		case <-limit:
			timedOut = true
			limit = nil
			_ = k.Interrupt()
			// Wait a grace period for the interrupted cell to answer, then give up.
			t := time.NewTimer(interruptGrace)
			defer t.Stop()
			idleWait = t.C
		case <-k.dead:
			return res, k.deadErr
		case <-ctx.Done():
			return res, ctx.Err()
		}
		if timedOut && gotReply {
			break
		}
	}
	if timedOut {
		return res, fmt.Errorf("%w after %s", ErrCellTimeout, timeout)
	}
	return res, nil
}

// outputOf converts an iopub output message into an nbformat output, and returns the
// display id it was shown under, if any.
func outputOf(msg *wire.Message) (map[string]any, string) {
	switch msg.Header.MsgType {
	case wire.Stream:
		var c wire.StreamContent
		if msg.DecodeContent(&c) != nil {
			return nil, ""
		}
		return map[string]any{"output_type": "stream", "name": c.Name, "text": c.Text}, ""
	case wire.DisplayData, wire.ExecuteResult:
		var c wire.DisplayDataContent
		if msg.DecodeContent(&c) != nil {
			return nil, ""
		}
		out := map[string]any{"output_type": msg.Header.MsgType, "data": c.Data, "metadata": orEmpty(c.Metadata)}
		if msg.Header.MsgType == wire.ExecuteResult {
			if c.ExecutionCount != nil {
				out["execution_count"] = *c.ExecutionCount
			} else {
				out["execution_count"] = nil
			}
		}
		id, _ := c.Transient["display_id"].(string)
		return out, id
	case wire.Error:
		var c wire.ErrorContent
		if msg.DecodeContent(&c) != nil {
			return nil, ""
		}
		if c.Traceback == nil {
			c.Traceback = []string{}
		}
		// Errors are where a DSN leaks unasked: the notebook keeps them redacted.
		return map[string]any{"output_type": "error", "ename": c.EName, "evalue": redact.String(c.EValue),
			"traceback": redact.Lines(c.Traceback)}, ""
	}
	return nil, ""
}

// appendStream merges a stream output into the cell's last output when that is the same
// stream, so a notebook holds one output per run of text rather than one per message.
func appendStream(cell *Cell, out map[string]any) bool {
	if out["output_type"] != "stream" || len(cell.Outputs) == 0 {
		return false
	}
	last := cell.Outputs[len(cell.Outputs)-1]
	if last["output_type"] != "stream" || last["name"] != out["name"] {
		return false
	}
	last["text"] = last["text"].(string) + out["text"].(string)
	return true
}

func dropDisplayRefs(disp displays, cell *Cell) {
	for id, refs := range disp {
		kept := refs[:0]
		for _, r := range refs {
			if r.cell != cell {
				kept = append(kept, r)
			}
		}
		disp[id] = kept
	}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
