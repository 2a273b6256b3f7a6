package kernel

import (
	"regexp"
	"strings"
	"sync"
)

// history is the session's input history, kept in memory.
type history struct {
	mu      sync.Mutex
	entries []historyEntry
}

type historyEntry struct {
	line          int
	input, output string
}

func (h *history) add(input, output string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = append(h.entries, historyEntry{line: len(h.entries) + 1, input: input, output: output})
}

// historyRequest is the content of a history_request.
type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// historySession is the number this kernel reports as its (only) history session.
const historySession = 1

// query answers a history request with entries in the protocol's tuple form:
// [session, line, input] or, with output, [session, line, [input, output]].
func (h *history) query(q historyRequest) [][]any {
	h.mu.Lock()
	entries := append([]historyEntry(nil), h.entries...)
	h.mu.Unlock()
	var sel []historyEntry
	switch q.HistAccessType {
	case "tail":
		n := len(entries)
		if q.N != nil && *q.N >= 0 && *q.N < n {
			n = *q.N
		}
		sel = entries[len(entries)-n:]
	case "range":
		// Only the current session (0, or its number) is kept; earlier ones have no entries.
		if q.Session < 0 || (q.Session > 0 && q.Session != historySession) {
			return [][]any{}
		}
		start, stop := q.Start, len(entries)+1
		if q.Stop != nil && *q.Stop > 0 {
			stop = *q.Stop
		}
		for _, e := range entries {
			if e.line >= start && e.line < stop {
				sel = append(sel, e)
			}
		}
	case "search":
		re := globRegexp(q.Pattern)
		seen := map[string]bool{}
		for i := len(entries) - 1; i >= 0; i-- { // newest first, so unique keeps the latest
			e := entries[i]
			if !re.MatchString(e.input) {
				continue
			}
			if q.Unique && seen[e.input] {
				continue
			}
			seen[e.input] = true
			sel = append([]historyEntry{e}, sel...)
			if q.N != nil && *q.N > 0 && len(sel) >= *q.N {
				break
			}
		}
	}
	out := make([][]any, 0, len(sel))
	for _, e := range sel {
		if q.Output {
			out = append(out, []any{historySession, e.line, []any{e.input, e.output}})
		} else {
			out = append(out, []any{historySession, e.line, e.input})
		}
	}
	return out
}

// globRegexp compiles a history search pattern: * matches any text (newlines too),
// ? one character, everything else itself. An empty pattern matches everything.
func globRegexp(pat string) *regexp.Regexp {
	if pat == "" {
		pat = "*"
	}
	var b strings.Builder
	b.WriteString("(?s)^")
	for _, r := range pat {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
