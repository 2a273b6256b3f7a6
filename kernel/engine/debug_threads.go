// The debugger's threads: goroutines that cells start are threads of their own (see
// README, "Debugger", Goroutines).

package engine

import (
	"fmt"
	"sort"

	"github.com/traefik/yaegi/interp"

	"github.com/sluice-dev/sluice/kernel"
)

// threadOf returns the thread id of the goroutine of an event with yaegi's goroutine
// id yid: a goroutine a cell started through compiled code gets one of its own. Finding
// the goroutine takes a traceback (goroutineID), which is most of the cost of a step
// while cell goroutines live (bench/debugger.md); a call frame runs on one goroutine,
// so the answer is kept by the event's frame.
func (e *Engine) threadOf(s *debugSession, ev *interp.DebugEvent, yid int) int {
	if yid != 1 || !e.shared() {
		return yid
	}
	f := eventFrame(ev)
	if f != nil {
		s.mu.Lock()
		id, ok := s.frameThreads[f]
		s.mu.Unlock()
		if ok {
			return id
		}
	}
	id := 1
	if gid := goroutineID(); gid != "" {
		if _, ok := e.goCells.Load(gid); ok {
			id = s.goThread(gid)
		}
	}
	if f != nil {
		s.mu.Lock()
		if len(s.frameThreads) >= maxFrameThreads {
			clear(s.frameThreads)
		}
		s.frameThreads[f] = id
		s.mu.Unlock()
	}
	return id
}

// maxFrameThreads bounds the frames whose thread is kept (they stay alive meanwhile, so
// that no other frame takes their address).
const maxFrameThreads = 4096

// goThread returns the thread id of a cell goroutine by its goroutine number.
func (s *debugSession) goThread(gid string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.goThreads[gid]
	if !ok {
		s.nextThread++
		id = s.nextThread
		s.goThreads[gid] = id
	}
	return id
}

// DebugThreads lists the goroutines the debugger knows.
func (e *Engine) DebugThreads() []kernel.DebugThread {
	s := e.session()
	if s == nil {
		return nil
	}
	var out []kernel.DebugThread
	for _, g := range s.dbg.GoRoutines() {
		name := fmt.Sprintf("goroutine %d", g.ID())
		if g.ID() == 1 {
			name = "cell"
		}
		out = append(out, kernel.DebugThread{ID: g.ID(), Name: name})
	}
	listed := 0
	e.goCells.Range(func(gid, _ any) bool {
		g, _ := gid.(string)
		out = append(out, kernel.DebugThread{ID: s.goThread(g), Name: "goroutine " + g})
		listed++
		return listed < maxGoThreads
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
