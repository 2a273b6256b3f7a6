package runner

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Event is one line of --json-events: what happened, when, to which notebook and cell.
// The schema is runner/events.schema.json.
type Event struct {
	Event    string    `json:"event"` // run_start, cell_start, cell_retry, cell_end, run_end
	Time     time.Time `json:"time"`
	Notebook string    `json:"notebook"`
	Job      string    `json:"job,omitempty"` // the matrix job (its parameters), when there is a matrix
	// Cell is the cell's 1-based index among the notebook's cells (0 for run events);
	// CellID its nbformat id.
	Cell     int      `json:"cell"`
	CellID   string   `json:"cell_id,omitempty"`
	Status   string   `json:"status,omitempty"` // cell_end: completed, failed, skipped; run_end: ok, failed
	Duration *float64 `json:"duration_s"`       // on *_end events; null on *_start
	Error    *string  `json:"error"`            // the failure, else null
	ExitCode *int     `json:"exit_code,omitempty"`
	Output   string   `json:"output,omitempty"` // run_end: the output notebook
}

// EventLog writes events as JSON lines. It is safe for concurrent use; a nil *EventLog
// drops events.
type EventLog struct {
	mu sync.Mutex
	w  io.Writer
}

// NewEventLog writes events to w.
func NewEventLog(w io.Writer) *EventLog { return &EventLog{w: w} }

// Emit writes ev with the current time when ev.Time is zero.
func (l *EventLog) Emit(ev Event) {
	if l == nil {
		return
	}
	if ev.Time.IsZero() {
		ev.Time = time.Now().UTC()
	}
	data, _ := json.Marshal(ev)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.w.Write(append(data, '\n'))
}

func seconds(d time.Duration) *float64 {
	s := d.Seconds()
	return &s
}

func errText(err error) *string {
	if err == nil {
		return nil
	}
	s := err.Error()
	return &s
}
