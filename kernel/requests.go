package kernel

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// engineTimeout bounds how long completion, inspection and is_complete may take.
const engineTimeout = 5 * time.Second

// engineFree reports whether the engine may be called: not while a cell that ignored an
// interrupt is still running in it.
func (k *kernel) engineFree() bool {
	if k.stuckCell == nil {
		return true
	}
	select {
	case <-k.stuckCell:
		k.stuckCell = nil
		return true
	default:
		return false
	}
}

func (k *kernel) handleComplete(r request) {
	var c struct {
		Code      string `json:"code"`
		CursorPos int    `json:"cursor_pos"`
	}
	if err := r.msg.DecodeContent(&c); err != nil {
		r.reply(wire.CompleteReply, newErrorReply("BadRequest", err.Error()))
		return
	}
	cursor := byteOffset(c.Code, c.CursorPos)
	matches, start, end := []string{}, cursor, cursor
	if k.engineFree() {
		ctx, cancel := context.WithTimeout(k.ctx, engineTimeout)
		m, s, e := safeComplete(ctx, k.eng, c.Code, cursor)
		cancel()
		if m != nil {
			matches, start, end = m, s, e
		}
	}
	r.reply(wire.CompleteReply, completeReply{
		Status: "ok", Matches: matches,
		CursorStart: runeOffset(c.Code, start), CursorEnd: runeOffset(c.Code, end),
		Metadata: map[string]any{},
	})
}

func safeComplete(ctx context.Context, eng Engine, code string, cursor int) (m []string, s, e int) {
	defer func() {
		if recover() != nil {
			m, s, e = nil, cursor, cursor
		}
	}()
	return eng.Complete(ctx, code, cursor)
}

func (k *kernel) handleInspect(r request) {
	var c struct {
		Code        string `json:"code"`
		CursorPos   int    `json:"cursor_pos"`
		DetailLevel int    `json:"detail_level"`
	}
	if err := r.msg.DecodeContent(&c); err != nil {
		r.reply(wire.InspectReply, newErrorReply("BadRequest", err.Error()))
		return
	}
	reply := inspectReply{Status: "ok", Data: map[string]any{}, Metadata: map[string]any{}}
	if k.engineFree() {
		ctx, cancel := context.WithTimeout(k.ctx, engineTimeout)
		func() {
			defer func() { _ = recover() }()
			b, found := k.eng.Inspect(ctx, c.Code, byteOffset(c.Code, c.CursorPos), c.DetailLevel)
			if found {
				reply.Found, reply.Data, reply.Metadata = true, bundleData(b), bundleMetadata(b)
			}
		}()
		cancel()
	}
	r.reply(wire.InspectReply, reply)
}

func (k *kernel) handleIsComplete(r request) {
	var c struct {
		Code string `json:"code"`
	}
	if err := r.msg.DecodeContent(&c); err != nil {
		r.reply(wire.IsCompleteReply, newErrorReply("BadRequest", err.Error()))
		return
	}
	status, indent := "unknown", ""
	if k.engineFree() {
		func() {
			defer func() { _ = recover() }()
			status, indent = k.eng.IsComplete(c.Code)
		}()
	}
	reply := isCompleteReply{Status: status}
	if status == "incomplete" {
		reply.Indent = &indent
	}
	r.reply(wire.IsCompleteReply, reply)
}

func (k *kernel) handleHistory(r request) {
	var q historyRequest
	if err := r.msg.DecodeContent(&q); err != nil {
		r.reply(wire.HistoryReply, newErrorReply("BadRequest", err.Error()))
		return
	}
	r.reply(wire.HistoryReply, historyReply{Status: "ok", History: k.history.query(q)})
}

// byteOffset converts a cursor position in code points (the protocol's unit) into a
// byte offset in code, clamped to the code.
func byteOffset(code string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range code {
		if n == runes {
			return i
		}
		n++
	}
	return len(code)
}

// runeOffset converts a byte offset in code into code points, clamping it to the code
// and moving it back to the start of the character it falls inside.
func runeOffset(code string, b int) int {
	if b <= 0 {
		return 0
	}
	if b > len(code) {
		b = len(code)
	}
	for b > 0 && b < len(code) && !utf8.RuneStart(code[b]) {
		b--
	}
	return utf8.RuneCountInString(code[:b])
}
