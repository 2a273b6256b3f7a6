package kernel

import (
	"context"
	"errors"
	"fmt"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel/wire"
)

// publisher is the display.Publisher the kernel installs: display calls made by a cell
// become display_data, update_display_data and clear_output messages under that cell.
// It also offers Input, which display's input helpers reach by type assertion.
type publisher struct{ k *kernel }

var _ display.Publisher = (*publisher)(nil)

// Publish sends b as display_data, or as update_display_data of displayID when update is set.
func (p *publisher) Publish(b display.Bundle, displayID string, update bool) error {
	if update && displayID == "" {
		return errors.New("display: an update needs the display id of the output it replaces")
	}
	k := p.k
	k.flushOutput() // text printed before the display shows above it
	parent, silent := k.outputParent()
	if silent {
		return nil
	}
	if parent == nil {
		k.log.Info("display outside any cell dropped")
		return nil
	}
	c := wire.DisplayDataContent{Data: bundleData(b), Metadata: bundleMetadata(b)}
	if displayID != "" {
		c.Transient = map[string]any{"display_id": displayID}
	}
	typ := wire.DisplayData
	if update {
		typ = wire.UpdateDisplayData
	}
	k.publish(parent, typ, c)
	return nil
}

// Clear clears the current cell's output; with wait, only once new output arrives.
func (p *publisher) Clear(wait bool) error {
	k := p.k
	k.flushOutput()
	parent, silent := k.outputParent()
	if silent || parent == nil {
		return nil
	}
	k.publish(parent, wire.ClearOutput, clearOutput{Wait: wait})
	return nil
}

// Input asks the front end for one line of input for the running cell.
func (p *publisher) Input(prompt string, password bool) (string, error) {
	ctx := p.k.ctx
	if cl := p.k.currentCell(); cl != nil {
		ctx = cl.ctx
	}
	return p.k.input(ctx, prompt, password)
}

// ErrNoStdin is returned when a cell asks for input but its request did not allow stdin.
var ErrNoStdin = errors.New("input is not available: the front end did not allow stdin for this cell " +
	"(allow_stdin=false, as in batch runs and nbconvert); pass the value as a parameter or variable instead")

// input sends an input_request for the running cell on the stdin channel, routed to the
// client that sent the execute_request, and waits for the input_reply.
func (k *kernel) input(ctx context.Context, prompt string, password bool) (string, error) {
	cl := k.currentCell()
	if cl == nil {
		return "", errors.New("input: no cell is running")
	}
	if !cl.allowStdin {
		return "", ErrNoStdin
	}
	k.stdinMu.Lock()
	defer k.stdinMu.Unlock()
	if prompt == "" {
		// fmt.Print("Name: ") then a read: show "Name: " as the input's prompt, the
		// way front ends show input("Name: ") in Python.
		if k.capture != nil {
			k.capture.sync()
		}
		prompt = k.stdout.takePartialLine()
	}
	k.flushOutput()
	for drained := false; !drained; { // forget replies to earlier, abandoned requests
		select {
		case <-k.replies:
		default:
			drained = true
		}
	}
	m, err := wire.New(wire.InputRequest, k.session, cl.req, wire.InputRequestContent{Prompt: prompt, Password: password})
	if err != nil {
		return "", err
	}
	m.Identities = cl.req.Identities
	if err := wire.Send(k.stdinSock, m, k.signer); err != nil {
		return "", fmt.Errorf("input: %w", err)
	}
	for {
		select {
		case r := <-k.replies:
			var c wire.InputReplyContent
			if err := r.DecodeContent(&c); err != nil {
				return "", fmt.Errorf("input: %w", err)
			}
			return c.Value, nil
		case <-ctx.Done():
			return "", fmt.Errorf("input interrupted: %w", ctx.Err())
		}
	}
}

// readStdin receives input_reply messages and hands them to the waiting input call.
func (k *kernel) readStdin() {
	k.recvLoop("stdin", k.stdinSock, func(m *wire.Message) {
		if m.Header.MsgType != wire.InputReply {
			k.log.Warn("unexpected message on stdin", "type", m.Header.MsgType)
			return
		}
		select {
		case k.replies <- m:
		default:
			k.log.Warn("input_reply with no input_request waiting dropped")
		}
	})
}
